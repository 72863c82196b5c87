package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	rwparser "github.com/refundwatch/refundwatch/parser"
)

func TestInitLaysOutTheFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := runCmd(t, "init", "incident")
	want := "created incident/statements/\ncreated incident/disputes.csv\ncreated incident/confirmations.csv\ncreated incident/README.txt\n" +
		"Next: write your orders in incident/disputes.csv, and put your statement exports in incident/statements. Then run refundwatch check in incident.\n"
	if code != 0 || stderr != "" || out != want {
		t.Fatalf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, out, want)
	}
	for _, name := range []string{"disputes.csv", "confirmations.csv", "README.txt"} {
		got, err := os.ReadFile(filepath.Join("incident", name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := initTemplates.ReadFile("inittemplates/en/" + name)
		if string(got) != string(want) {
			t.Errorf("%s is not the template", name)
		}
	}

	// The templates are read as they are: their comment lines are skipped.
	if err := os.WriteFile(filepath.Join("incident", "statements", "2026-03.csv"), []byte("Date,Description,Debit\n2026-03-01,LAWSON,100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir("incident")
	out, stderr, code = runCmd(t, "check", "--as-of", "2026-05-01")
	if code != 0 || stderr != "" || !strings.Contains(out, "Summary: 0 alert, 0 review, 0 watch, 0 ok") {
		t.Errorf("check on the new folder: exit %d, stderr %q\n%s", code, stderr, out)
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	writeFiles(t, map[string]string{"disputes.csv": "mine\n", "statements/2026-03.csv": "mine too\n"})
	out, stderr, code := runCmd(t, "init", "--lang", "ja")
	want := "そのままにしました（すでにあります）: statements/\n" +
		"そのままにしました（すでにあります）: disputes.csv\n" +
		"作成しました: confirmations.csv\n" +
		"作成しました: README.txt\n" +
		"次に、disputes.csv に注文を書き、statements に明細のCSVを入れてください。それから . で refundwatch check --lang ja を実行します。\n"
	if code != 0 || stderr != "" || out != want {
		t.Fatalf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, out, want)
	}
	for name, content := range map[string]string{"disputes.csv": "mine\n", "statements/2026-03.csv": "mine too\n"} {
		if got, _ := os.ReadFile(name); string(got) != content {
			t.Errorf("%s was changed to %q", name, got)
		}
	}
	got, _ := os.ReadFile("confirmations.csv")
	if !strings.Contains(string(got), "# Amazonから「対応した」と連絡があった日") {
		t.Errorf("confirmations.csv is not the Japanese template:\n%s", got)
	}
}

func TestInitErrors(t *testing.T) {
	writeFiles(t, map[string]string{"file": "x"})
	_, stderr, code := runCmd(t, "init", "file/sub")
	if code != 2 || !strings.HasPrefix(stderr, "file/sub: ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, _, code = runCmd(t, "init", "a", "b")
	if code != 2 {
		t.Errorf("two folders: exit %d, want 2", code)
	}
}

// TestInitTemplatesRead reads every language's templates as check would:
// comments only, and a header with no order.
func TestInitTemplatesRead(t *testing.T) {
	for _, lang := range []string{langEnglish, langJapanese} {
		d, _ := initTemplates.ReadFile("inittemplates/" + lang + "/disputes.csv")
		if ds, err := rwparser.ReadDisputes("disputes.csv", bytes.NewReader(d)); err != nil || len(ds) != 0 {
			t.Errorf("%s disputes.csv: %v, %d orders", lang, err, len(ds))
		}
		c, _ := initTemplates.ReadFile("inittemplates/" + lang + "/confirmations.csv")
		if cs, err := rwparser.ReadConfirmations("confirmations.csv", bytes.NewReader(c)); err != nil || len(cs) != 0 {
			t.Errorf("%s confirmations.csv: %v, %d confirmations", lang, err, len(cs))
		}
	}
}
