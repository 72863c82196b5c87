package i18n

import (
	"encoding/csv"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/matcher"
	rwparser "github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// messageCalls are the functions whose first string literal argument is a
// message format: parser.Msgf and Errorf, the collectors' add and invalid,
// and the Localizer's T.
var messageCalls = map[string]bool{"Msgf": true, "Errorf": true, "add": true, "invalid": true, "T": true}

// formatsInSource finds every message format written in the Go source of
// parser/..., matcher/... and cmd/... (tests and test data left out).
func formatsInSource(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	root := repoRoot(t)
	for _, dir := range []string{"parser", "matcher", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			formatsInFile(t, path, found)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return found
}

// formatsInFile adds the message formats of one Go file to found, each
// with its position.
func formatsInFile(t *testing.T, path string, found map[string]string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !messageCalls[calledName(call)] {
			return true
		}
		for _, a := range call.Args {
			if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err == nil {
					found[s] = fset.Position(lit.Pos()).String()
				}
				break
			}
		}
		return true
	})
}

// repoRoot is the folder of go.mod, above this package's.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

func calledName(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// TestEveryMessageHasJapanese fails when a message of parser, matcher or cmd
// has no Japanese text, so that a new message cannot slip out untranslated.
func TestEveryMessageHasJapanese(t *testing.T) {
	found := formatsInSource(t)
	if len(found) < 80 {
		t.Fatalf("found only %d formats in the source; the scan is broken", len(found))
	}
	for format, where := range found {
		if _, ok := jaText[format]; !ok {
			t.Errorf("%s: %q has no Japanese text in jaText (cmd/internal/i18n/ja.go)", where, format)
		}
	}
}

var argRef = regexp.MustCompile(`%\[(\d+)\]s`)

// TestJapaneseTextsUseEveryArgument checks that each Japanese text prints
// every argument of its English format exactly once, with %[n]s.
func TestJapaneseTextsUseEveryArgument(t *testing.T) {
	for en, ja := range jaText {
		want := len(formatVerbs(en))
		seen := map[string]int{}
		for _, m := range argRef.FindAllStringSubmatch(ja, -1) {
			seen[m[1]]++
		}
		if stray := argRef.ReplaceAllString(strings.ReplaceAll(ja, "%%", ""), ""); strings.Contains(stray, "%") {
			t.Errorf("%q: Japanese %q has a verb other than %%[n]s", en, ja)
		}
		for i := 1; i <= want; i++ {
			if seen[strconv.Itoa(i)] != 1 {
				t.Errorf("%q: Japanese %q prints argument %d %d times, want once", en, ja, i, seen[strconv.Itoa(i)])
			}
		}
		if len(seen) != want {
			t.Errorf("%q: Japanese %q refers to %d arguments, the format has %d", en, ja, len(seen), want)
		}
	}
}

func TestLangFromEnv(t *testing.T) {
	tests := []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "ja"}, "ja"},
		{map[string]string{"LANG": "ja_JP.eucJP@euro"}, "ja"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LANG": "POSIX"}, "en"},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LC_ALL": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"},
		{map[string]string{"LANG": "not a locale!"}, "en"},
	}
	for _, tt := range tests {
		if got := FromEnv(func(k string) string { return tt.vars[k] }); got != tt.want {
			t.Errorf("FromEnv(%v) = %s, want %s", tt.vars, got, tt.want)
		}
	}
}

func TestJapaneseArguments(t *testing.T) {
	ja, en := New(Japanese), New(English)
	d := civil.MustDate
	txn := func(day, amount string) *rwparser.Transaction {
		return &rwparser.Transaction{Date: d(day), Amount: decimal.RequireFromString(amount)}
	}
	two := matcher.TxnList{Txns: []*rwparser.Transaction{txn("2026-03-04", "12800"), txn("2026-03-06", "-4800")}, Currency: "JPY"}
	one := matcher.TxnList{Txns: []*rwparser.Transaction{txn("2026-03-04", "12800")}, Currency: "JPY"}
	billed := txn("2026-03-04", "2000")
	billed.Currency = "JPY"
	foreign := matcher.TxnList{Txns: []*rwparser.Transaction{billed}, Currency: "USD",
		Exchanged: &matcher.Exchanged{Values: []decimal.Decimal{decimal.RequireFromString("12.34")}, Foreign: []bool{true}}}
	three := matcher.TxnList{Txns: []*rwparser.Transaction{txn("2026-03-04", "1"), txn("2026-03-05", "2"), txn("2026-03-06", "3")}, Currency: "JPY"}
	tests := []struct {
		name string
		msg  *msg.Message
		ja   string
		en   string
	}{
		{"date and yen", msg.Msgf("no charge of %s between %s and %s", money.Money{Amount: decimal.RequireFromString("30000"), Currency: "JPY"}, d("2026-03-02"), d("2026-04-04")),
			"2026年3月2日から2026年4月4日までに30,000円の請求はありません", "no charge of 30,000 JPY between 2026-03-02 and 2026-04-04"},
		{"dollars", msg.Msgf("%s still missing", money.Money{Amount: decimal.RequireFromString("1234.5"), Currency: "USD"}),
			"1,234.50米ドルがまだ返金されていません", "1,234.50 USD still missing"},
		{"euros", msg.Msgf("%s still missing", money.Money{Amount: decimal.RequireFromString("89.99"), Currency: "EUR"}),
			"89.99ユーロがまだ返金されていません", "89.99 EUR still missing"},
		{"other currency", msg.Msgf("%s still missing", money.Money{Amount: decimal.RequireFromString("100"), Currency: "CHF"}),
			"100.00 CHFがまだ返金されていません", "100.00 CHF still missing"},
		{"no currency", msg.Msgf("%s still missing", money.Money{Amount: decimal.RequireFromString("1500")}),
			"1,500がまだ返金されていません", "1,500 still missing"},
		{"two rows", msg.Msgf("charged %s", two),
			"2026年3月4日に12,800円、2026年3月6日に4,800円が請求されました", "charged 12,800 JPY on 2026-03-04 and 4,800 JPY on 2026-03-06"},
		{"three rows", msg.Msgf("credited %s", three),
			"2026年3月4日に1円、2026年3月5日に2円、2026年3月6日に3円が返金されました", "credited 1 JPY on 2026-03-04, 2 JPY on 2026-03-05 and 3 JPY on 2026-03-06"},
		{"order ids", msg.Msgf("%s could belong to this order or to %s (same amount, equally near): compare the rows with Amazon's order details", two, matcher.IDList{IDs: []string{"250-1111111-1111111", "250-2222222-2222222"}}),
			"2026年3月4日の12,800円と2026年3月6日の4,800円は、この注文のものとも 250-1111111-1111111、250-2222222-2222222 のものとも考えられます（金額も日付の近さも同じです）。明細をAmazonの注文詳細と見比べてください",
			"12,800 JPY on 2026-03-04 and 4,800 JPY on 2026-03-06 could belong to this order or to 250-1111111-1111111, 250-2222222-2222222 (same amount, equally near): compare the rows with Amazon's order details"},
		{"more order ids than named", msg.Msgf("%s could be a second billing of this order or of %s: compare the rows with Amazon's order details", one, matcher.IDList{IDs: []string{"250-1111111-1111111"}, More: true}),
			"2026年3月4日の12,800円は、この注文の二重請求とも 250-1111111-1111111ほか の二重請求とも考えられます。明細をAmazonの注文詳細と見比べてください",
			"12,800 JPY on 2026-03-04 could be a second billing of this order or of 250-1111111-1111111 and others: compare the rows with Amazon's order details"},
		{"a row billed in another currency", msg.Msgf("charged %s", foreign),
			"2026年3月4日に12.34米ドル（請求額2,000円）が請求されました", "charged 12.34 USD (billed as 2,000 JPY) on 2026-03-04"},
		{"kind", msg.Msgf("Amazon confirmed the %s on %s", rwparser.KindCancel, d("2026-03-06")),
			"Amazonから2026年3月6日にキャンセルの連絡がありました", "Amazon confirmed the cancel on 2026-03-06"},
		{"nested message", msg.Msgf("amount: %v", msg.Msgf("%q is not an amount", "12.800.1")),
			"金額: 「12.800.1」は金額として読めません", `amount: "12.800.1" is not an amount`},
		{"quoted text stays as written", msg.Msgf("%q is not an amount", "credit"),
			"「credit」は金額として読めません", `"credit" is not an amount`},
		{"column word", msg.Msgf("%s: %v", "debit", msg.Msgf("amount is empty")),
			"出金額: 金額が空です", "debit: amount is empty"},
		{"library error", msg.Msgf("%v (check the quoting of this row)", csv.ErrBareQuote),
			`引用符 " で囲まれていない項目の中に " があります（この行の引用符 " を確かめてください）`, `bare " in non-quoted-field (check the quoting of this row)`},
		{"numbers", msg.Msgf("row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)", 4, 1, 3),
			"この行は4項目ですが、1行目の見出しは3項目です（引用符で囲まれていないカンマが項目の中にありませんか）", "row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ja.Msg(tt.msg); got != tt.ja {
				t.Errorf("Japanese:\ngot  %s\nwant %s", got, tt.ja)
			}
			if got := en.Msg(tt.msg); got != tt.en || got != tt.msg.String() {
				t.Errorf("English:\ngot  %s\nwant %s (and the same as Message.String)", got, tt.en)
			}
		})
	}
}

func TestJapaneseErrorLines(t *testing.T) {
	err := rwparser.ErrorList{
		rwparser.Errorf("disputes.csv", 3, "order %s is listed twice (first on line %d)", "250-1234567-1234567", 2),
		{File: "statements/a.csv", Line: 4, Column: 7, Err: msg.Msgf("%v (check the quoting of this row)", csv.ErrQuote)},
		{File: "statements", Err: msg.Msgf("no such file or folder")},
		{File: "x.csv", Err: os.ErrClosed},
	}
	got := New(Japanese).ErrLines(err)
	want := []string{
		"disputes.csv:3: 注文 250-1234567-1234567 が2回書かれています（最初は2行目）",
		`statements/a.csv:4:7: 引用符 " で囲まれた項目の " が多すぎるか足りません（この行の引用符 " を確かめてください）`,
		"statements: ファイルもフォルダもありません",
		"x.csv: file already closed",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if en := New(English).ErrLines(err); strings.Join(en, "\n") != err.Error() {
		t.Errorf("English lines differ from the error's own text:\n%s", strings.Join(en, "\n"))
	}
}

// TestJapaneseNamesTheSameFiles checks that a Japanese message or help text
// names every kind of file its English one does: a reader told that a mail
// must be an .eml would not try their .mbox.
func TestJapaneseNamesTheSameFiles(t *testing.T) {
	kinds := []string{".eml", ".mbox", "maildir", ".zip"}
	check := func(en, ja string) {
		for _, k := range kinds {
			if strings.Contains(en, k) && !strings.Contains(ja, k) {
				t.Errorf("the Japanese of %q does not name %s:\n%s", en, k, ja)
			}
		}
	}
	for en, ja := range jaText {
		check(en, ja)
	}
	for en, ja := range jaHelp {
		check(en, ja)
	}
}
