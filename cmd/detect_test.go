package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/formats"
)

func TestFormatsListsEveryBuiltIn(t *testing.T) {
	out, stderr, code := runCmd(t, "formats")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, name := range formats.FormatNames() {
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
  read          signs by the issuer's convention: charges are written positive
`
	if code != 0 || stderr != "" || out != want {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant:\n%s", code, stderr, out, want)
	}
}

func TestDetectFoldsOverlaps(t *testing.T) {
	const march = "Date,Description,Debit\n2026-03-01,LAWSON,200\n2026-03-18,AMAZON.CO.JP,30000\n"
	writeFiles(t, map[string]string{"a/march.csv": march, "a/march-again.csv": march})
	out, _, code := runCmd(t, "detect", "a")
	if code != 0 || strings.Count(out, "folded        2") != 1 || strings.Count(out, "folded        0") != 1 {
		t.Errorf("exit %d; one of the two copies must be folded whole:\n%s", code, out)
	}
}

func TestDetectBadFile(t *testing.T) {
	writeFiles(t, map[string]string{"good.csv": "Date,Description,Debit\n2026-03-01,LAWSON,200\n", "bad.csv": "just text\n"})
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
  読み方        符号は発行元の慣例による：請求は正の数で書かれています
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
		"\ngeneric            -   日付・内容・金額（または出金と入金）の列が見分けられるCSVすべて\n",
	} {
		if code != 0 || !strings.Contains(out, line) {
			t.Errorf("exit %d; formats in Japanese lacks %q:\n%s", code, line, out)
		}
	}
}

// A file whose dates cannot tell day from month takes the order of
// another file of the same layout; alone, it is refused naming
// --date-order, and --date-order settles it.
func TestDetectDayOrderFromTheRun(t *testing.T) {
	const head = "Date,Description,Debit,Credit\n"
	writeFiles(t, map[string]string{
		"uk/march.csv": head + "02/03/2026,AMAZON.CO.UK*AB12CD34E,12.99,\n14/03/2026,TESCO STORES 2231,4.10,\n",
		"uk/april.csv": head + "02/04/2026,AMAZON.CO.UK*ZX98YW76V,7.49,\n",
	})
	out, stderr, code := runCmd(t, "detect", "uk")
	if code != 0 || stderr != "" || !strings.Contains(out, "uk/april.csv\n  format        generic") ||
		!strings.Contains(out, "dates         2026-04-02 to 2026-04-02") ||
		!strings.Contains(out, "read          day order day/month/year, as in uk/march.csv: no date here has a day above 12") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	_, stderr, code = runCmd(t, "detect", "uk/april.csv")
	if code != 2 || stderr != `uk/april.csv:2: "02/04/2026" could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy`+"\n" {
		t.Errorf("alone: exit %d, stderr %q", code, stderr)
	}
	out, _, code = runCmd(t, "detect", "--date-order", "mdy", "uk/april.csv")
	if code != 0 || !strings.Contains(out, "dates         2026-02-04 to 2026-02-04") {
		t.Errorf("--date-order mdy: exit %d:\n%s", code, out)
	}
	for _, command := range []string{"detect", "check"} {
		_, stderr, code = runCmd(t, command, "--date-order", "myd", "uk/april.csv")
		if code != 2 || !strings.Contains(stderr, `--date-order "myd": expected ymd, dmy or mdy`) {
			t.Errorf("%s with a bad --date-order: exit %d, stderr %q", command, code, stderr)
		}
	}
}
