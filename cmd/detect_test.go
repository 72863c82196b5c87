package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

func TestFormatsListsEveryBuiltIn(t *testing.T) {
	out, stderr, code := runCmd(t, "formats")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, name := range parser.FormatNames() {
		if !strings.Contains(out, "\n"+name+" ") {
			t.Errorf("formats does not list %s", name)
		}
	}
	if !strings.Contains(out, `"利用日","利用店名・商品名","利用者","支払方法","利用金額"`) {
		t.Errorf("formats does not show 楽天カード's header:\n%s", out)
	}
}

func TestDetect(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata"))
	out, stderr, code := runCmd(t, "detect", "formats/smbc-vpass.csv")
	want := `formats/smbc-vpass.csv
  format        smbc-vpass (三井住友カード (Vpass, ご利用明細))
  account       ****-****-****-3456
  encoding      cp932
  dates         2026-02-02 to 2026-02-21
  rows read     10
  transactions  6 (5 charges, 1 credit)
  skipped       4 (block 2, note 2)
  folded        0
`
	if code != 0 || stderr != "" || out != want {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant:\n%s", code, stderr, out, want)
	}
}

func TestDetectFoldsOverlaps(t *testing.T) {
	const march = "Date,Description,Amount\n2026-03-01,LAWSON,200\n2026-03-18,AMAZON.CO.JP,30000\n"
	writeFiles(t, map[string]string{"a/march.csv": march, "a/march-again.csv": march})
	out, _, code := runCmd(t, "detect", "a")
	if code != 0 || strings.Count(out, "folded        2") != 1 || strings.Count(out, "folded        0") != 1 {
		t.Errorf("exit %d; one of the two copies must be folded whole:\n%s", code, out)
	}
}

func TestDetectBadFile(t *testing.T) {
	writeFiles(t, map[string]string{"good.csv": "Date,Description,Amount\n2026-03-01,LAWSON,200\n", "bad.csv": "just text\n"})
	out, stderr, code := runCmd(t, "detect", "good.csv", "bad.csv")
	if code != 2 || !strings.HasPrefix(stderr, "bad.csv: not a statement refundwatch can read") || !strings.Contains(out, "good.csv\n  format        generic") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
}

// TestDetectAndFormatsInJapanese: detect and formats speak the language of
// --lang and of the locale.
func TestDetectAndFormatsInJapanese(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata"))
	want := `formats/smbc-vpass.csv
  形式          smbc-vpass（三井住友カード (Vpass, ご利用明細)）
  口座・カード  ****-****-****-3456
  文字コード    cp932
  期間          2026年2月2日から2026年2月21日まで
  読んだ行数    10
  取引          6件（請求5件、返金1件）
  読み飛ばし    4（カードの区切り2行、注記2行）
  重複          0
`
	ja := env{getenv: func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}}
	for _, run := range []func() (string, string, int){
		func() (string, string, int) { return runCmd(t, "detect", "--lang", "ja", "formats/smbc-vpass.csv") },
		func() (string, string, int) { return runCmdEnv(t, ja, "detect", "formats/smbc-vpass.csv") },
	} {
		if out, stderr, code := run(); code != 0 || stderr != "" || out != want {
			t.Errorf("exit %d, stderr %q, output:\n%s\nwant:\n%s", code, stderr, out, want)
		}
	}
	out, _, code := runCmdEnv(t, ja, "formats")
	for _, line := range []string{
		"各形式の下に、その明細ファイルの1行目の例（カード会社・銀行が書き出すとおり）を載せています。\n",
		"\n形式               国  カード会社・銀行\n",
		"\nchase-card         US  Chase（クレジットカード）\n",
		"\ngeneric            -   日付・内容・金額の列名がある見出し行を持つCSVすべて\n",
	} {
		if code != 0 || !strings.Contains(out, line) {
			t.Errorf("exit %d; formats in Japanese lacks %q:\n%s", code, line, out)
		}
	}
}
