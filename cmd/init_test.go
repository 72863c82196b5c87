package cmd

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	rwparser "github.com/refundwatch/refundwatch/parser"
)

func TestInitLaysOutTheFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := runCmd(t, "init", "incident")
	want := "created incident/statements/\ncreated incident/disputes.csv\ncreated incident/confirmations.csv\ncreated incident/mine.csv\ncreated incident/README.txt\n" +
		"Next: write your orders in incident/disputes.csv, and put your statement exports in incident/statements/. Then run refundwatch check in incident.\n"
	if code != 0 || stderr != "" || out != want {
		t.Fatalf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, out, want)
	}
	for _, name := range []string{"disputes.csv", "confirmations.csv", "mine.csv", "README.txt"} {
		got, err := os.ReadFile(filepath.Join("incident", name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := initTemplates.ReadFile("inittemplates/en/" + name)
		if strings.HasSuffix(name, ".csv") {
			want = append([]byte("\ufeff"), want...) // Excel in Japan reads UTF-8 only after a BOM
		}
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

	// Filled in as their comments say, after the BOM, they are read.
	appendTo := func(name, lines string) {
		f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(lines); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("disputes.csv", "111-2345678-9012345,\"March 2, 2026\",$89.99,USD,,2026-03-03,gift card I did not buy\n")
	appendTo("confirmations.csv", "111-2345678-9012345,\"March 10, 2026\",refunded,,\n")
	appendTo("mine.csv", "PRIME,14.99,Prime membership\n")
	if err := os.WriteFile(filepath.Join("statements", "2026-03.csv"), []byte("Date,Description,Amount\n"+
		"2026-03-01,LAWSON,-1.00\n2026-03-02,AMAZON PRIME*AB12CD,-14.99\n2026-03-03,AMZN Mktp US*2K4RT,-89.99\n"+
		"2026-03-20,AMZN Mktp US*2K4RT,89.99\n2026-04-30,LAWSON,-1.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runCmd(t, "check", "--as-of", "2026-05-01", "-o", "json")
	for _, part := range []string{`"verdict": "refunded"`, `"unknown_charges": []`, `"own_order_charges": 1`} {
		if code != 0 || stderr != "" || !strings.Contains(out, part) {
			t.Errorf("check on the filled-in folder: exit %d, stderr %q, no %s in\n%s", code, stderr, part, out)
		}
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	writeFiles(t, map[string]string{"disputes.csv": "mine\n", "statements/2026-03.csv": "mine too\n", "mine.csv": "pattern\nPRIME\n"})
	out, stderr, code := runCmd(t, "init", "--lang", "ja")
	want := "既にあるため、そのままにしました: statements/\n" +
		"既にあるため、そのままにしました: disputes.csv\n" +
		"作成しました: confirmations.csv\n" +
		"既にあるため、そのままにしました: mine.csv\n" +
		"作成しました: README.txt\n" +
		"次は、身に覚えのない注文を disputes.csv に書き込み、明細のCSVを statements/ に入れてから、このフォルダで refundwatch check --lang ja を実行してください。\n"
	if code != 0 || stderr != "" || out != want {
		t.Fatalf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, out, want)
	}
	for name, content := range map[string]string{"disputes.csv": "mine\n", "statements/2026-03.csv": "mine too\n", "mine.csv": "pattern\nPRIME\n"} {
		if got, _ := os.ReadFile(name); string(got) != content {
			t.Errorf("%s was changed to %q", name, got)
		}
	}
	got, _ := os.ReadFile("confirmations.csv")
	if !strings.HasPrefix(string(got), "\ufeff# Amazonから「対応した」と連絡があった日") {
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
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		d, _ := initTemplates.ReadFile("inittemplates/" + lang + "/disputes.csv")
		if ds, err := rwparser.ReadDisputes("disputes.csv", bytes.NewReader(d)); err != nil || len(ds) != 0 {
			t.Errorf("%s disputes.csv: %v, %d orders", lang, err, len(ds))
		}
		m, _ := initTemplates.ReadFile("inittemplates/" + lang + "/mine.csv")
		if ms, err := rwparser.ReadMine("mine.csv", bytes.NewReader(append([]byte(utf8BOM), m...))); err != nil || len(ms) != 0 {
			t.Errorf("%s mine.csv: %v, %d rows", lang, err, len(ms))
		}
		c, _ := initTemplates.ReadFile("inittemplates/" + lang + "/confirmations.csv")
		if cs, err := rwparser.ReadConfirmations("confirmations.csv", bytes.NewReader(c)); err != nil || len(cs) != 0 {
			t.Errorf("%s confirmations.csv: %v, %d confirmations", lang, err, len(cs))
		}
	}
}

// TestInitTemplatesSurviveExcel saves every template as Excel does when it
// opens a CSV and saves it again (each line split into cells, written back
// quoted where a cell needs it, CRLF) and reads it back as check would: a
// comment line whose first cell got quoted ("#…) would no longer be one.
func TestInitTemplatesSurviveExcel(t *testing.T) {
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		for _, name := range []string{"disputes.csv", "confirmations.csv", "mine.csv"} {
			data, err := initTemplates.ReadFile("inittemplates/" + lang + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(line, "#") && strings.ContainsAny(line, "\",") {
					t.Errorf("%s/%s:%d: a comment line holds a quote or a comma: %s", lang, name, i+1, line)
				}
			}
			r := csv.NewReader(bytes.NewReader(data))
			r.FieldsPerRecord, r.LazyQuotes = -1, true
			records, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			var saved bytes.Buffer
			w := csv.NewWriter(&saved)
			w.UseCRLF = true
			if err := w.WriteAll(records); err != nil {
				t.Fatal(err)
			}
			var n int
			switch name {
			case "disputes.csv":
				ds, err := rwparser.ReadDisputes(name, &saved)
				if err != nil {
					t.Errorf("%s/%s after Excel: %v", lang, name, err)
				}
				n = len(ds)
			case "confirmations.csv":
				cs, err := rwparser.ReadConfirmations(name, &saved)
				if err != nil {
					t.Errorf("%s/%s after Excel: %v", lang, name, err)
				}
				n = len(cs)
			case "mine.csv":
				ms, err := rwparser.ReadMine(name, &saved)
				if err != nil {
					t.Errorf("%s/%s after Excel: %v", lang, name, err)
				}
				n = len(ms)
			}
			if n != 0 {
				t.Errorf("%s/%s after Excel: %d rows, want none", lang, name, n)
			}
		}
	}
}

// TestInitDisputesHaveCardAmount checks that the disputes templates have
// every column of disputes.csv, card_amount last, each explained.
func TestInitDisputesHaveCardAmount(t *testing.T) {
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		data, _ := initTemplates.ReadFile("inittemplates/" + lang + "/disputes.csv")
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if header := lines[len(lines)-1]; header != "order_id,order_date,amount,currency,card,reported_on,note,card_amount" {
			t.Errorf("%s: header %q", lang, header)
		}
		if !strings.Contains(string(data), "\n# card_amount  ") {
			t.Errorf("%s: no comment says what card_amount is", lang)
		}
	}
}
