package cmd

import (
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
	"github.com/refundwatch/refundwatch/cmd/internal/render"
)

// assertNoCardNumber fails when any of masktest.Cards shows in full in
// out, or, when lastFour, when its last four digits do not show.
func assertNoCardNumber(t *testing.T, what, out string, lastFour bool) {
	t.Helper()
	flat := digitsOnly(out)
	for _, c := range masktest.Cards {
		if strings.Contains(flat, c.Digits) || strings.Contains(out, c.Written) {
			t.Errorf("%s shows the card number %s in full:\n%s", what, c.Written, out)
		}
		if lastFour && !strings.Contains(flat, c.Digits[len(c.Digits)-4:]) {
			t.Errorf("%s does not show the last four digits of %s:\n%s", what, c.Written, out)
		}
	}
}

// TestEveryOutputMasksCardNumbers puts card numbers in every shape into the
// descriptions of a statement, and checks every report format, in English
// and Japanese, and detect's listing: none shows a card number in full, all
// keep the last four digits and the order ids whole. Then the same numbers
// in amount cells: the error messages on stderr show none in full either.
func TestEveryOutputMasksCardNumbers(t *testing.T) {
	var stmt strings.Builder
	stmt.WriteString("Date,Card No.,Description,Debit\n2026-02-20,4980037939884123,LAWSON,1\n")
	stmt.WriteString("2026-03-18,4980037939884123,AMAZON.CO.JP 4980-0379-3988-4125,12800\n")
	for i, c := range masktest.Cards {
		fmt.Fprintf(&stmt, "2026-03-%02d,%s,AMAZON.CO.JP %s,%d\n", 10+i/2, c.Written, c.Written, 100+i)
	}
	stmt.WriteString("2026-04-30,4980037939884123,LAWSON,1\n")
	writeFiles(t, map[string]string{
		"statements/a.csv": stmt.String(),
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, lang := range []string{"en", "ja"} {
		for _, o := range []string{"table", "json", "csv", "markdown", "html"} {
			out, stderr, code := runCmd(t, "check", "--lang", lang, "-o", o, "--as-of", "2026-05-01")
			if code == 2 || stderr != "" {
				t.Fatalf("%s %s: exit %d, stderr %q", lang, o, code, stderr)
			}
			what := lang + " " + o + " output"
			assertNoCardNumber(t, what, out, true)
			if !strings.Contains(out, "250-1234567-1234567") {
				t.Errorf("%s must keep order ids whole:\n%s", what, out)
			}
			date := "2026-03-18" // JSON and CSV write ISO dates in either language
			if lang == "ja" && o != "json" && o != "csv" {
				date = "2026年3月18日"
			}
			if !strings.Contains(out, date) {
				t.Errorf("%s must keep dates whole:\n%s", what, out)
			}
		}
		out, stderr, _ := runCmd(t, "detect", "--lang", lang, "statements/a.csv")
		assertNoCardNumber(t, lang+" detect output", out+stderr, false)
	}

	// Each file reports up to 20 problems: the shapes are spread over two.
	var bad [2]strings.Builder
	for i := range bad {
		bad[i].WriteString("Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,12800\n")
	}
	for i, c := range masktest.Cards {
		fmt.Fprintf(&bad[i%2], "2026-03-19,LAWSON,%sx\n", c.Written)
	}
	writeFiles(t, map[string]string{
		"statements/a.csv": bad[0].String(),
		"statements/b.csv": bad[1].String(),
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, lang := range []string{"en", "ja"} {
		out, stderr, code := runCmd(t, "check", "--lang", lang)
		if code != 2 || out != "" || strings.Count(stderr, "\n") != len(masktest.Cards) {
			t.Fatalf("%s: exit %d, stdout %q, stderr:\n%s", lang, code, out, stderr)
		}
		assertNoCardNumber(t, lang+" error messages", stderr, true)
		_, stderr, _ = runCmd(t, "detect", "--lang", lang, "statements/a.csv", "statements/b.csv")
		assertNoCardNumber(t, lang+" detect's error messages", stderr, true)
	}

	// A card number given where a flag's value is expected is masked; a
	// path the person named is shown as named, whatever its digits.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--as-of", "４９８０１２３４５６７８９０１２"}, "＊＊＊＊＊＊＊＊＊＊＊＊９０１２"},
		{[]string{"check", "--fail-on", "4980.0379.3988.4126"}, "****.****.****.4126"},
		{[]string{"detect", "3782-822463-10006"}, "3782-822463-10006: no such file or folder\n"},
		{[]string{"check", "--disputes", "4980 0379 3988 4124.csv", "statements/none.csv"}, "4980 0379 3988 4124.csv"},
	} {
		_, stderr, code := runCmd(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q in it", tt.args, code, stderr, tt.want)
		}
	}
}

// What to tell the card issuer names each row's file as it is, in every
// format and language, though the name is all digits: the person reads it
// out, and a masked name points at no file.
func TestEvidenceKeepsFileNames(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/123456789012.csv": "Date,Description,Debit,Credit\n2026-03-01,LAWSON,1,\n2026-03-05,AMAZON.CO.JP,12800,\n2026-04-30,LAWSON,1,\n",
		"disputes.csv":                "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
		"confirmations.csv":           "order_id,confirmed_on,kind\n250-1234567-1234567,2026-03-03,refund\n",
	})
	for _, lang := range []string{"en", "ja"} {
		for _, o := range []string{"table", "markdown", "html"} {
			out, stderr, code := runCmd(t, "check", "-o", o, "--lang", lang, "--as-of", "2026-05-01")
			if code != 1 {
				t.Fatalf("%s %s: exit %d, %s", lang, o, code, stderr)
			}
			if strings.Contains(out, "********9012") || strings.Count(out, "statements/123456789012.csv:3") < 2 {
				t.Errorf("%s %s: the file's name is not shown whole in the row and the evidence:\n%s", lang, o, out)
			}
		}
	}
}

// TestMaskingKeepsOwnValues: file names, amounts of amount columns and the
// version are shown whole however many digits they hold, while IBANs in a
// description show only their last 4 digits, in every format.
func TestMaskingKeepsOwnValues(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/2026-03-01-2026-03-31.csv": "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-18,AMAZON.CO.JP,123456789012\n2026-03-31,LAWSON,1\n",
		"statements/export-123456789012.csv": "Date,Description,Debit\n2026-04-01,LAWSON,1\n" +
			"2026-04-02,AMAZON.CO.JP DE89370400440532013000,500\n2026-04-03,AMAZON.CO.JP GB29 NWBK 6016 1331 9268 19,600\n2026-04-30,LAWSON,1\n",
		"disputes.csv": "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, o := range []string{"table", "json", "csv", "markdown", "html"} {
		out, stderr, code := runCmd(t, "check", "-o", o, "--as-of", "2026-05-01")
		if code == 2 {
			t.Fatalf("%s: %s", o, stderr)
		}
		amount := "123456789012"
		if o != "json" && o != "csv" {
			amount = "123,456,789,012"
		}
		for _, want := range []string{"statements/2026-03-01-2026-03-31.csv", "statements/export-123456789012.csv", amount, "DE****************3000", "GB** NWBK **** **** **68 19"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s does not show %q:\n%s", o, want, out)
			}
		}
		if flat := digitsOnly(out); strings.Contains(flat, "89370400") || strings.Contains(flat, "60161331") {
			t.Errorf("%s shows an IBAN:\n%s", o, out)
		}
		if strings.ContainsRune(out, mask.KeepOpen) || strings.ContainsRune(out, mask.KeepClose) {
			t.Errorf("%s keeps the marks of its own values", o)
		}
		if strings.Contains(out, "********9012") {
			t.Errorf("%s masks a file's name:\n%s", o, out)
		}
	}
	if out, _, _ := runCmd(t, "detect", "statements/export-123456789012.csv"); !strings.HasPrefix(out, "statements/export-123456789012.csv\n") {
		t.Errorf("detect masks the file's name:\n%s", out)
	}

	// The rows that could not be read name their file whole too.
	writeFiles(t, map[string]string{
		"statements/export-123456789012.csv": "Date,Description,Debit\n2026-04-01,LAWSON,1\n2026-04-02,AMAZON.CO.JP,500\n2026-04-03,LAWSON,zz\n",
		"disputes.csv":                       "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, o := range []string{"table", "markdown", "html"} {
		out, _, _ := runCmd(t, "check", "-o", o, "--skip-invalid", "--as-of", "2026-05-01")
		if !strings.Contains(out, `statements/export-123456789012.csv:4: debit: `) {
			t.Errorf("%s masks the file of a row that could not be read:\n%s", o, out)
		}
	}

	defer func(v string) { version = v }(version)
	version = "v0.0.0-20260305123456-abcdef123456"
	if out, _, _ := runCmd(t, "version"); out != "refundwatch v0.0.0-20260305123456-abcdef123456\n" {
		t.Errorf("version prints %q", out)
	}
}

// An account number in a statement's preamble shows only its last 4
// digits, the same in every format.
func TestAccountNumberMaskedInEveryFormat(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Card No.,Description,Debit\n2026-03-01,Girokonto 12345678,LAWSON,1\n2026-03-18,Girokonto 12345678,AMAZON.CO.JP,12800\n2026-04-30,Girokonto 12345678,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for o, out := range checkEveryFormat(t) {
		shown := "****5678"
		if o == "markdown" {
			shown = render.EscapeMarkdown(shown)
		}
		if strings.Contains(out, "12345678") || !strings.Contains(out, shown) {
			t.Errorf("%s shows the account number otherwise than ****5678:\n%s", o, out)
		}
	}
}

// checkEveryFormat runs check on the files written, as of 2026-05-01, in
// every format, and yields each format with its report.
func checkEveryFormat(t *testing.T) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, o := range []string{"table", "json", "csv", "markdown", "html"} {
			out, stderr, code := runCmd(t, "check", "-o", o, "--as-of", "2026-05-01")
			if code == 2 {
				t.Fatalf("%s: %s", o, stderr)
			}
			if !yield(o, out) {
				return
			}
		}
	}
}

// digitsOnly folds full-width digits to ASCII and drops every separator,
// backslashes and the t of an escaped tab (\t), so that a card number shows
// however it was grouped and escaped.
func digitsOnly(s string) string {
	var b strings.Builder
	var before rune
	for _, c := range s {
		switch {
		case c >= '０' && c <= '９':
			b.WriteRune('0' + c - '０')
		case c == 't' && before == '\\':
		case !mask.IsSeparator(c) && c != '\\':
			b.WriteRune(c)
		}
		before = c
	}
	return b.String()
}

// TestEveryOutputMasksAnIBAN checks IBANs in a description where what
// stands around them could hide them from the masking: a tab or another
// control character before one, which the reports write as \t, \x01 or
// \u0001 (the t must not read as a letter of a word the IBAN would stand
// in, nor the escape's digits as the IBAN's), and a word or another IBAN
// after one, which must not read as more of it; and an IBAN run together
// with the word before it.
func TestEveryOutputMasksAnIBAN(t *testing.T) {
	for _, desc := range []string{
		"AMAZON.CO.JP\tDE89370400440532013000",
		"AMAZON.CO.JP\x01DE89370400440532013000",
		"AMAZON.CO.JP DE89370400440532013000 Refund",
		"AMAZON.CO.JP DE89 3704 0044 0532 0130 00 Refund",
		"AMAZON.CO.JP DE89 3704 0044 0532 0130 0000 Refund",
		"AMAZON.CO.JP DE89370400440532013000Refund",
		"AMAZON.CO.JP DE89370400440532013000 DE89370400440532013000",
		"AMAZON.CO.JP IBANDE89370400440532013000",
	} {
		writeFiles(t, map[string]string{
			"statements/a.csv": "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-18,\"" + desc + "\",12800\n2026-04-30,LAWSON,1\n",
			"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
		})
		for o, out := range checkEveryFormat(t) {
			if flat := digitsOnly(out); strings.Contains(flat, "0532013") || !strings.Contains(out, "00") {
				t.Errorf("%s shows the IBAN of %q otherwise than with its last four digits:\n%s", o, desc, out)
			}
		}
	}
}

// TestEveryOutputMasksAGluedSpacedIBAN checks an IBAN run together with
// the reference before it and grouped by spaces, with letters among its
// digits, as a SEPA remittance line may write it: no more of its digits
// shows than its last four, in any output. Masked as digit groups alone,
// its country's check digits and the groups between its letters showed.
func TestEveryOutputMasksAGluedSpacedIBAN(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-18,AMAZON.CO.JP KREF9MT84 MALT 0110 0001 2345 MTLC AST0 01S,12800\n2026-04-30,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for o, out := range checkEveryFormat(t) {
		if strings.Contains(out, "MT84") || strings.Contains(out, "2345 MTLC") || !strings.Contains(out, "01S") {
			t.Errorf("%s shows the IBAN otherwise than with its last four digits:\n%s", o, out)
		}
	}
}
