package cmd

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMaskCardNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4980037939884123", "************4123"},
		{"card 4980 0379 3988 4123 used", "card **** **** **** 4123 used"},
		{"4980-0379-3988-4***", "****-****-*988-4***"},
		{"123456789012", "********9012"},
		{"12345678901", "12345678901"},                           // 11 digits: not a card
		{"12345678901234567890", "12345678901234567890"},         // 20 digits: not a card
		{"VISA ****-****-****-1234", "VISA ****-****-****-1234"}, // already masked
		{"a:4111111111111111,b:5500000000000004", "a:************1111,b:************0004"},
		{"", ""},

		// The groupings issuers print, with every separator.
		{"3782 822463 10005", "**** ****** *0005"},             // American Express, 4-6-5
		{"3782-822463-10005", "****-******-*0005"},             // with hyphens
		{"3056 930902 5904", "**** ****** 5904"},               // Diners, 4-6-4
		{"6212 3456 7890 1234 567", "**** **** **** ***4 567"}, // 19 digits, 4-4-4-4-3
		{"4980.0379.3988.4123", "****.****.****.4123"},
		{"4980_0379_3988_4123", "****_****_****_4123"},
		{"no.4980-0379-3988-4123.", "no.****-****-****-4123."},
		{"4980 0379 3988", "**** **** 3988"}, // 12 digits
		{"4980 0379 398", "4980 0379 398"},   // 11 digits

		// Full-width digits and separators, as Japanese statements write them.
		{"ＡＭＡＺＯＮ ４９８０１２３４５６７８９０１２", "ＡＭＡＺＯＮ ＊＊＊＊＊＊＊＊＊＊＊＊９０１２"},
		{"４９８０　０３７９　３９８８　４１２３", "＊＊＊＊　＊＊＊＊　＊＊＊＊　４１２３"},
		{"４９８０－０３７９－３９８８－４１２３", "＊＊＊＊－＊＊＊＊－＊＊＊＊－４１２３"},
		{"３７８２ー８２２４６３ー１０００５", "＊＊＊＊ー＊＊＊＊＊＊ー＊０００５"},
		{"4980０379３９８８4123", "****＊***＊＊＊＊4123"}, // mixed widths are one run

		// A card number next to other numbers: the card is hidden, the rest kept.
		{"2026-03-18 4980 0379 3988 4123", "2026-03-18 **** **** **** 4123"},
		{"on 18 4980-0379-3988-4123", "on ** ****-****-****-4123"}, // one run of 18 digits
		{"4980 0379 3988 4123 12800", "**** **** **** **** *2800"}, // one run of 21: only its last 4 show
		{"12800 4980037939884123", "***** ************4123"},
		{`"\u001200000000"`, `"\u001200000000"`}, // a JSON escape is no digits: 8 digits follow it
		{`"\u0012000000000000"`, `"\u0012********0000"`},
		{`\x12000000000000`, `\x12********0000`},
		{"4980 0379 3988 4123 4111111111111111", "**** **** **** **** ************1111"}, // two cards side by side: one run
		{"1-2-3-4-5-6-7-8-9-0-1-2-3-4-5-6-7-8-9-0-1-2-3-4-5-6-7-8-9-0-1-2-3-4-5-6-7-8-9-0", "*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-*-7-8-9-0"},

		// What must stay readable.
		{"order 250-1234567-1234567", "order 250-1234567-1234567"}, // Amazon order id, 3-7-7
		{"D01-1234567-1234567", "D01-1234567-1234567"},             // a digital order
		{"250 1234567 1234567", "*** ******* ***4567"},             // an order id is written with hyphens
		{"250-123456-1234567", "250-123456-1234567"},               // a mistyped one stays readable
		{"２５０－１２３４５６７－１２３４５６７", "２５０－１２３４５６７－１２３４５６７"},
		{"2026-03-18 30000", "2026-03-18 30000"}, // dates and amounts
		{"2026-03-02", "2026-03-02"},
		{"2026.03.02 1.234.567,89", "2026.03.02 1.234.567,89"},
		{"1,234,567.89", "1,234,567.89"},
		{"1 234 567,89 €", "1 234 567,89 €"},
		{"1234567890123456789012", "1234567890123456789012"}, // 22 digits: a reference, not a card
		{"０１２０－１２３－４５６", "０１２０－１２３－４５６"},                     // a phone number
		{"2026/03/18 12:30:00", "2026/03/18 12:30:00"},
		{"2026-03-02 1234.56", "2026-03-02 1234.56"},     // a date and an amount: 14 digits, mixed separators
		{"2026-03-02 1234.5678", "2026-03-02 1234.5678"}, // a rate to four places
		{"1234 5678", "1234 5678"},

		// Four groups of four typed with mixed separators are a card number still.
		{"4980 0379-3988 4123", "**** ****-**** 4123"},
		{"card ４９８０－０３７９ ３９８８.4123", "card ＊＊＊＊－＊＊＊＊ ＊＊＊＊.4123"},
		{"2026-03-02 4980 0379-3988 4123", "2026-03-02 **** ****-**** 4123"},
	}
	for _, tt := range tests {
		if got := MaskCardNumbers(tt.in); got != tt.want {
			t.Errorf("MaskCardNumbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskWriterMasksAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	w := newMaskWriter(&out)
	for _, part := range []string{"card 4980 03", "79 3988", " 4123\nnext ４９８０", "１２３４５６７８９０１２"} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "card **** **** **** 4123\nnext ＊＊＊＊＊＊＊＊＊＊＊＊９０１２"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}

	// A line longer than the buffer is written out in parts, never between
	// the digits of a card number.
	out.Reset()
	long := strings.Repeat("x", maskFlushAt-3) + " 4980037939884123 end"
	for i := 0; i < len(long); i += 7 {
		_, _ = w.Write([]byte(long[i:min(i+7, len(long))]))
	}
	_ = w.Flush()
	if !strings.HasSuffix(out.String(), " ************4123 end") || out.Len() != len(long) {
		t.Errorf("long line written as …%q", out.String()[max(0, out.Len()-40):])
	}
}

// writeRecorder keeps each Write it is given apart.
type writeRecorder struct{ writes []string }

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// A chunk of a report where order ids crowd a card number: only the card
// number is masked, every other line comes out byte for byte, and the chunk
// goes out in one write, not line by line (a report of 100k rows once took
// tens of thousands of system calls).
func TestMaskWriterMasksOnlyTheCardNumberLine(t *testing.T) {
	var before, after strings.Builder
	for i := range 200 {
		fmt.Fprintf(&before, "      \"order_id\": \"111-%07d-%07d\",\n      \"date\": \"2026-03-%02d\",\n", i, 7*i, 1+i%28)
		fmt.Fprintf(&after, "      \"order_id\": \"D01-%07d-%07d\",\n      \"amount\": \"1,234,567.89\",\n", 3*i, i)
	}
	card := "      \"description\": \"AMAZON 4980 0379 3988 4123, ４９８０１２３４５６７８９０１２\",\n"
	masked := "      \"description\": \"AMAZON **** **** **** 4123, ＊＊＊＊＊＊＊＊＊＊＊＊９０１２\",\n"
	var out writeRecorder
	w := newMaskWriter(&out)
	if _, err := w.Write([]byte(before.String() + card + after.String())); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(out.writes, ""), before.String()+masked+after.String(); got != want {
		t.Fatalf("masked as\n%s\nwant\n%s", got, want)
	}
	if len(out.writes) != 1 {
		t.Errorf("a chunk of %d bytes written in %d pieces, want 1", len(before.String()+card+after.String()), len(out.writes))
	}
}

// cardsInEveryShape are card numbers as statements write them, with the
// digits each one stands for.
var cardsInEveryShape = []struct{ written, digits string }{
	{"4980037939884123", "4980037939884123"},
	{"4980 0379 3988 4124", "4980037939884124"},
	{"4980-0379-3988-4125", "4980037939884125"},
	{"4980.0379.3988.4126", "4980037939884126"},
	{"4980_0379_3988_4127", "4980037939884127"},
	{"3782 822463 10005", "378282246310005"},
	{"3782-822463-10006", "378282246310006"},
	{"3056 930902 5904", "30569309025904"},
	{"6212 3456 7890 1234 567", "6212345678901234567"},
	{"４９８０１２３４５６７８９０１２", "4980123456789012"},
	{"４９８０　０３７９　３９８８　４１２８", "4980037939884128"},
	{"４９８０－０３７９－３９８８－４１２９", "4980037939884129"},
	{"３７８２　８２２４６３　１０００７", "378282246310007"},
	{"4980\u00a00379\u00a03988\u00a04130", "4980037939884130"}, // no-break spaces
	{"4980\u20090379\u20093988\u20094131", "4980037939884131"}, // thin spaces
	{"4980\t0379\t3988\t4132", "4980037939884132"},             // tabs
	{"4980/0379/3988/4133", "4980037939884133"},
	{"4980:0379:3988:4134", "4980037939884134"},
	{"49800379 39884135", "4980037939884135"}, // 8+8
	{"498003 7939884136", "4980037939884136"}, // 6+10
	{"４９８０／０３７９／３９８８／４１３７", "4980037939884137"},
}

// digitsOnly folds full-width digits to ASCII and drops every separator, so
// that a card number shows however it was grouped.
func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '０' && c <= '９':
			b.WriteRune('0' + c - '０')
		case !isSeparator(c) && c != '\\':
			b.WriteRune(c)
		}
	}
	return b.String()
}

// assertNoCardNumber fails when any of cardsInEveryShape shows in full in
// out, or, when lastFour, when its last four digits do not show.
func assertNoCardNumber(t *testing.T, what, out string, lastFour bool) {
	t.Helper()
	flat := digitsOnly(out)
	for _, c := range cardsInEveryShape {
		if strings.Contains(flat, c.digits) || strings.Contains(out, c.written) {
			t.Errorf("%s shows the card number %s in full:\n%s", what, c.written, out)
		}
		if lastFour && !strings.Contains(flat, c.digits[len(c.digits)-4:]) {
			t.Errorf("%s does not show the last four digits of %s:\n%s", what, c.written, out)
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
	for i, c := range cardsInEveryShape {
		fmt.Fprintf(&stmt, "2026-03-%02d,%s,AMAZON.CO.JP %s,%d\n", 20+i/2, c.written, c.written, 100+i)
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
	for i, c := range cardsInEveryShape {
		fmt.Fprintf(&bad[i%2], "2026-03-19,LAWSON,%sx\n", c.written)
	}
	writeFiles(t, map[string]string{
		"statements/a.csv": bad[0].String(),
		"statements/b.csv": bad[1].String(),
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, lang := range []string{"en", "ja"} {
		out, stderr, code := runCmd(t, "check", "--lang", lang)
		if code != 2 || out != "" || strings.Count(stderr, "\n") != len(cardsInEveryShape) {
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

// Text that mayHoldCardNumber passes through must be text the full masking
// leaves alone.
func TestMayHoldCardNumberMissesNone(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"4", "1234", "123456", "0", "-", " ", ".", "_", "--", "－", "\u3000", "ー", "４", "１２３４", "a", ",", "*", "\n",
		"0650789", "250", "12345678", "1234567890123", "4980", "０３７９"}
	passed := 0
	for range 50000 {
		var b strings.Builder
		for range rnd.IntN(14) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if mayHoldCardNumber([]byte(s)) {
			continue
		}
		passed++
		if got := maskGroups(s); got != s {
			t.Fatalf("%q passed through unmasked, but masking gives %q", s, got)
		}
	}
	if passed < 1000 {
		t.Errorf("only %d texts passed through; the test says little", passed)
	}
}

// fewDigits counts eight bytes at a time; it must say what counting them
// one by one says, for every byte value at every place in a line.
func TestFewDigitsCountsEveryByte(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	alphabet := []byte("0123456789 -:/az")
	for range 20000 {
		b := make([]byte, rnd.IntN(40))
		for i := range b {
			if rnd.IntN(50) == 0 {
				b[i] = byte(rnd.IntN(256)) // any byte, now and then
			} else {
				b[i] = alphabet[rnd.IntN(len(alphabet))]
			}
		}
		digits, ascii := 0, true
		for _, c := range b {
			digits += bool2int(c >= '0' && c <= '9')
			ascii = ascii && c < 0x80
		}
		if want := ascii && digits < 12; fewDigits(b) != want {
			t.Fatalf("fewDigits(%q) = %v; %d digits, ASCII %v", b, !want, digits, ascii)
		}
	}
}

func bool2int(v bool) int {
	if v {
		return 1
	}
	return 0
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
		if strings.ContainsRune(out, keepOpen) || strings.ContainsRune(out, keepClose) {
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

func TestAccountShown(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"VISA ****-1234":      "VISA ****-1234",
		"楽天カード":               "楽天カード",
		"Girokonto 12345678":  "Girokonto ****5678",
		"4980-12**-****-3456": "****-****-****-3456", // a statement's masked number shows no more than its last 4 digits either
		"12345-１２３４５６７８":      "*****-＊＊＊＊５６７８",
		"Family (1234)":       "Family (1234)",
		"Family 2 (1234)":     "Family * (1234)",
	} {
		if got := accountShown(in); got != want {
			t.Errorf("accountShown(%q) = %q, want %q", in, got, want)
		}
	}
}

// An account number in a statement's preamble shows only its last 4
// digits, the same in every format.
func TestAccountNumberMaskedInEveryFormat(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Card No.,Description,Debit\n2026-03-01,Girokonto 12345678,LAWSON,1\n2026-03-18,Girokonto 12345678,AMAZON.CO.JP,12800\n2026-04-30,Girokonto 12345678,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, o := range []string{"table", "json", "csv", "markdown", "html"} {
		out, stderr, code := runCmd(t, "check", "-o", o, "--as-of", "2026-05-01")
		if code == 2 {
			t.Fatalf("%s: %s", o, stderr)
		}
		shown := "****5678"
		if o == "markdown" {
			shown = md(shown)
		}
		if strings.Contains(out, "12345678") || !strings.Contains(out, shown) {
			t.Errorf("%s shows the account number otherwise than ****5678:\n%s", o, out)
		}
	}
}

// What is kept whole ends with its mark, or at the end of its line when
// the mark is lost; marks are never written.
func TestMaskWriterKeeps(t *testing.T) {
	var out strings.Builder
	w := newMaskWriter(&out)
	for _, p := range []string{"a " + keep("statements/4980037939884123.csv") + " 4980037939884123\n",
		string(keepOpen) + "no close 4980037939884123\n4980037939884123\n", keep("x\ny") + "\n", keep("x")} {
		if _, err := w.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "a statements/4980037939884123.csv ************4123\nno close 4980037939884123\n************4123\nx\ny\nx"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
