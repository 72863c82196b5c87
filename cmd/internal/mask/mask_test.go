package mask

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
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

		// Separators escaped by a report, and escaped again where the text
		// held a backslash (JSON writes \\_, markdown \\t and \\\_), and an
		// IBAN after an escaped tab.
		{`4980\t0379\t3988\t4126`, `****\t****\t****\t4126`},
		{`4980\\t0379\\t3988\\t4126`, `****\\t****\\t****\\t4126`},
		{`4980\\_0379\\_3988\\_4127`, `****\\_****\\_****\\_4127`},
		{`4980\\\_0379\\\_3988\\\_4127`, `****\\\_****\\\_****\\\_4127`},
		{`4980\ 0379\ 3988\ 4128`, `****\ ****\ ****\ 4128`},
		{`AMAZON.COM\tDE89370400440532013000`, `AMAZON.COM\tDE****************3000`},
		{`AMAZON.COM\\tDE89370400440532013000`, `AMAZON.COM\\tDE****************3000`},
		{`AMAZON.COMtDE89370400440532013000`, `AMAZON.COMtDE89370400440532013000`}, // inside a word: no IBAN
		// Backslashes in any number: JSON and markdown double each one
		// the text held.
		{`4980\\\\_0379\\\\_3988\\\\_4127`, `****\\\\_****\\\\_****\\\\_4127`},
		{`4980\\\\\ 0379\\\\\ 3988\\\\\ 4128`, `****\\\\\ ****\\\\\ ****\\\\\ 4128`},
		{`4980\\\\t0379\\\\t3988\\\\t4126`, `****\\\\t****\\\\t****\\\\t4126`},
		{`C:\\1234\\5678\\9012\\3456`, `C:\\1234\\5678\\9012\\3456`}, // a path: a backslash before a digit joins nothing
		// An IBAN after a control character written out, and before a word.
		{`AMAZON.COM\x01DE89370400440532013000`, `AMAZON.COM\x01DE****************3000`},
		{`AMAZON.COM\u0001DE89370400440532013000`, `AMAZON.COM\u0001DE****************3000`},
		{`AMAZON.COM\x0aDE89370400440532013000`, `AMAZON.COM\x0aDE****************3000`},
		{"DE89370400440532013000 Refund", "DE****************3000 Refund"},
		{"DE89370400440532013000 REFUND", "DE****************3000 REFUND"},
		{"GB29NWBK60161331926819 Refund 2026-03-02", "GB**NWBK**********6819 Refund 2026-03-02"},
		{"DE89370400440532013000 Rückzahlung", "DE****************3000 Rückzahlung"},
		// An IBAN a word follows without a space, or another IBAN.
		{"DE89370400440532013000Refund", "DE****************3000Refund"},
		{"DE89370400440532013000x", "DE****************3000x"},
		{"DE89370400440532013000 DE89370400440532013000", "DE****************3000 DE****************3000"},
		{"GB29 NWBK 6016 1331 9268 19 DE89370400440532013000", "GB** NWBK **** **** **68 19 DE****************3000"},
		{"NL91ABNA0417164300 Refund", "NL**ABNA******4300 Refund"},
		// IBANs grouped otherwise than by four.
		{"NL91ABNA 0417164300", "NL**ABNA ******4300"},
		{"NL91 ABNA 041 716 4300", "NL** ABNA *** *** 4300"},
		{"GB29NWBK 601613 31926819", "GB**NWBK ****** ****6819"},
		// Groups shaped as an IBAN starts, inside one.
		{"KZ86 125K ZT50 0410 0100", "KZ** ***K ZT** **** 0100"},
		{"GE29 NB00 0000 0101 9049 17", "GE** NB** **** **** **49 17"},
		{"AB12CDEFGHIJKLMNOPQRSabc", "AB12CDEFGHIJKLMNOPQRSabc"}, // a word in capitals: no digit to hide
		// Tildes, wave dashes and middle dots join dates and phone numbers,
		// not a card number's groups.
		{"ご利用期間 20260301～20260331", "ご利用期間 20260301～20260331"},
		{"ご利用期間 20260301〜20260331", "ご利用期間 20260301〜20260331"},
		{"TEL 03-1234-5678・090-1234-5678", "TEL 03-1234-5678・090-1234-5678"},
		{"返金 1.234.567~2.345.678", "返金 1.234.567~2.345.678"},
		// An IBAN after a letter or a digit, where its check digits say so.
		{"IBANDE89370400440532013000", "IBANDE****************3000"},
		{"ref1DE89370400440532013000REF", "ref1DE****************3000REF"},
		{"IBANGB29NWBK60161331926819", "IBANGB**NWBK**********6819"},
		{"IBANDE89370400440532013001", "IBANDE89370400440532013001"}, // no IBAN by its check digits: 20 digits, a reference
		// And so, where its check digits say so, when it is grouped by spaces.
		{"SVWZ+KREF1GB29 NWBK 6016 1331 9268 19 Refund", "SVWZ+KREF1GB** NWBK **** **** **68 19 Refund"},
		{"REF9MT84 MALT 0110 0001 2345 MTLC AST0 01S", "REF9MT** MALT **** **** ***5 MTLC AST0 01S"},
		// No IBAN by its check digits: only its run of digit groups is hidden, as a card number.
		{"REF9MT84 MALT 0110 0001 2345 MTLC AST0 01T", "REF9MT84 MALT **** **** 2345 MTLC AST0 01T"},

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
	w := NewWriter(&out)
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
	w := NewWriter(&out)
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

// Text that mayHoldCardNumber passes through must be text the full masking
// leaves alone; so must text LeftWhole says it leaves.
func TestMayHoldCardNumberMissesNone(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"4", "1234", "123456", "0", "-", " ", ".", "_", "--", "－", "\u3000", "ー", "４", "１２３４", "a", ",", "*", "\n",
		"0650789", "250", "12345678", "1234567890123", "4980", "０３７９",
		"250-1234567-7654321", "\"250-1234567-7654321\"", "-1234567", "1234567-", "\"", "\\"}
	passed := 0
	for range 50000 {
		var b strings.Builder
		for range rnd.IntN(14) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if LeftWhole([]byte(s)) && mayHoldCardNumber([]byte(s)) {
			t.Fatalf("LeftWhole(%q), but the quick test of masking stops at it", s)
		}
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

// mayHoldCardNumber stops at two capitals before two digits only where
// enough letters and digits follow for an IBAN (ibanLongEnough): a text
// it passes must be one masking leaves alone, among IBANs of every
// length, spaced, glued to words and references, cut short, behind
// escapes, and Amazon rows' references; and the references must pass.
func TestMayHoldCardNumberTellsIBANsByLength(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	pieces := []string{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB82WEST12345698765432", "NO9386011117947",
		"NO938601111794", "MT84MALT011000012345MTLCAST001S", "FR14 2004 1010 0505 0001 3M02 606", "DE89 3704 0044 05", "DE89 3704",
		"US*", "AMZN Mktp ", "RT45Q31KX9", "AB12", "XY98 7654 3210 ", "CD34", "5678", "90", "Q", "ZZ", " ", "  ", "*", "-", "ref", "Refund",
		"\\t", "\\u00", "\\x0", "0", "123", "a", "1", "é"}
	passed, heads := 0, 0
	for range 100000 {
		var b []byte
		for range 1 + rnd.IntN(8) {
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		if mayHoldCardNumber(b) {
			continue
		}
		passed++
		if ibanStartIn(b) && asciiDigits(b) > 4 {
			heads++
		}
		if got := maskGroups(string(b)); got != string(b) {
			t.Fatalf("mayHoldCardNumber(%q) passes it, but masking gives %q", b, got)
		}
	}
	if passed < 10000 || heads < 2000 {
		t.Errorf("%d of 100000 texts passed, %d of them with two capitals before two digits: the test says little", passed, heads)
	}
	for _, ref := range []string{`      "description": "AMZN Mktp US*RT45Q31KX9",`, "Amazon.com*AB12CD345", "AMAZON MKTPL*XY98Z7654"} {
		if mayHoldCardNumber([]byte(ref)) || !mayHoldCardNumberByRunes([]byte(ref)) {
			t.Errorf("mayHoldCardNumber(%q) = %t, two capitals before a digit %t", ref, mayHoldCardNumber([]byte(ref)), mayHoldCardNumberByRunes([]byte(ref)))
		}
	}
}

// mayHoldCardNumberByRunes is mayHoldCardNumber as it was first written,
// decoding every character and remembering the two before it: the
// reference the byte-class version must agree with.
func mayHoldCardNumberByRunes(s []byte) bool {
	if fewDigits(s) {
		return false
	}
	const (
		none = iota
		digit
		sep
		backslash
	)
	state, run := none, 0
	var before, last rune
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(s[i:])
		}
		i += size
		switch {
		case isDigit(c):
			if state == none || state == backslash {
				run = 0
			}
			if run++; run >= 12 {
				return true
			}
			if before >= 'A' && before <= 'Z' && last >= 'A' && last <= 'Z' {
				return true
			}
			state = digit
		case state == digit && IsSeparator(c):
			state = sep
		case (state == digit || state == backslash) && c == '\\':
			state = backslash
		case state == backslash && (IsSeparator(c) || c == 't'):
			state = sep
		default:
			state = none
		}
		before, last = last, c
	}
	return false
}

// mayHoldCardNumber passes over bytes by class; it must answer as
// decoding every character does, on texts of digits, separators of every
// kind, backslash escapes, capital letters, full-width forms and bytes
// that are not UTF-8.
func TestMayHoldCardNumberAgreesByRunes(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	pieces := []string{"4", "12", "1234", "0", "９", "１２３", "-", " ", ".", "_", ":", "/", "\\", "\\_", "\\t", "t", "\t",
		"－", "\u3000", "ー", "\u200b", "\u2212", "A", "DE", "GB", "Z", "a", "é", "日", ",", "*", "\xff", "\xe3\x80", "\x00", "\"", "1234567890123",
		"250-1234567-7654321", "\"250-1234567-7654321\"", "-1234567", "1234567-", "\\x", "\\u", "\\xa", "\\uA", "\\ufdd0", "f", "1-1234567-1234567",
		// A reason's words, dates and amounts: twelve digits and more, none of them close.
		"2015-02-02", "13,246.07", " on ", "USD ", "; ", ", ", "(30 days later)", "1,000", "the refund", "EUR"}
	yes := 0
	for range 200000 {
		var b []byte
		for range rnd.IntN(24) {
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		got, want := mayHoldCardNumber(b), mayHoldCardNumberByRunes(b)
		if got != want && (got || maskGroups(string(b)) != string(b)) {
			// It may pass over an order id standing alone, which masking keeps.
			t.Fatalf("mayHoldCardNumber(%q) = %t, decoding every character says %t", b, got, want)
		}
		if got {
			yes++
		}
	}
	if yes < 1000 || yes > 190000 {
		t.Errorf("%d of 200000 texts may hold one: the test says little", yes)
	}
}

// fewDigits counts eight bytes at a time; it must say what counting them
// one by one says, for every byte value at every place in a line: no more
// than 11 digits, and no IBAN's start where there are more than four.
func TestFewDigitsCountsEveryByte(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	alphabet := []byte("0123456789 -:/azAMZ@[")
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
		iban := false
		for i := 0; i+4 <= len(b); i++ {
			iban = iban || isUpper(b[i]) && isUpper(b[i+1]) && b[i+2] >= '0' && b[i+2] <= '9' && b[i+3] >= '0' && b[i+3] <= '9'
		}
		if want := ascii && digits < 12 && (digits <= 4 || !iban); fewDigits(b) != want {
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
		if got := AccountShown(in); got != want {
			t.Errorf("AccountShown(%q) = %q, want %q", in, got, want)
		}
	}
}

// What is kept whole ends with its mark, or at the end of its line when
// the mark is lost; marks are never written.
func TestMaskWriterKeeps(t *testing.T) {
	var out strings.Builder
	w := NewWriter(&out)
	for _, p := range []string{"a " + Keep("statements/4980037939884123.csv") + " 4980037939884123\n",
		string(KeepOpen) + "no close 4980037939884123\n4980037939884123\n", Keep("x\ny") + "\n", Keep("x")} {
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

// One masker serves every line a Writer masks: what it keeps from a line
// must change nothing of the next, longer or shorter, with more groups of
// digits or fewer.
func TestMaskerReusedMasksAsAFreshOne(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"250-1234567-1234567", "2026-03-02", "12:30:00", " ", "a", "DE89 3704 0044 0532 0130 00", "\\u001b",
		"１２３４　５６７８", "\xff", "é", "1234", "-", "\n"}
	for _, c := range masktest.Cards {
		pieces = append(pieces, c.Written)
	}
	var m masker
	changed := 0
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		line := b.String()
		got, ok := m.mask([]byte(line))
		want := maskGroups(line)
		if string(got) != want || ok != (want != line) {
			t.Fatalf("%q: masked %q (changed %v) by a masker used before, %q by a fresh one", line, got, ok, want)
		}
		if ok {
			changed++
		}
	}
	if changed < 5000 {
		t.Errorf("only %d lines were masked; the test says little", changed)
	}
}

// nextMark looks for both marks at once; it must find what looking for
// each with bytes.IndexRune finds, among broken marks, other characters
// that share their first bytes, and text that is not UTF-8.
func TestNextMarkFindsTheFirstMark(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	open, close := string(KeepOpen), string(KeepClose)
	pieces := []string{open, close, open[:1], open[:2], close[1:], "\uFDD2", "\uFDCF", "０", "＊", "\xef", "\xb7", "\x90", "a", "\n", "日本"}
	for range 50000 {
		var b strings.Builder
		for range rnd.IntN(10) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		text := []byte(b.String())
		wantAt, wantOpen := bytes.IndexRune(text, KeepOpen), true
		if c := bytes.IndexRune(text, KeepClose); c >= 0 && (wantAt < 0 || c < wantAt) {
			wantAt, wantOpen = c, false
		}
		if at, isOpen := nextMark(text); at != wantAt || at >= 0 && isOpen != wantOpen {
			t.Fatalf("nextMark(%q) = %d, %v; want %d, %v", text, at, isOpen, wantAt, wantOpen)
		}
	}
}

// A writer's caller may fill the same buffer again once Write returns, as
// the report's background writer does: what the masking writer holds of a
// line must be its own copy.
func TestMaskWriterKeepsNoneOfTheCallersBuffer(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	buf := make([]byte, 0, 64)
	for _, part := range []string{"first line\ncard 4980 03", "79 3988 4123\nnext 4980", "0379 3988 4124 end\nlast"} {
		buf = append(buf[:0], part...)
		if _, err := w.Write(buf); err != nil {
			t.Fatal(err)
		}
		copy(buf[:cap(buf)], strings.Repeat("#", cap(buf)))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "first line\ncard **** **** **** 4123\nnext ******** **** 4124 end\nlast"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// An Amazon order id standing alone, on every order of a report, passes
// without the work of masking; a card number beside it, or an id run on
// into more digits, does not.
func TestMayHoldCardNumberPassesOrderIDs(t *testing.T) {
	for _, tt := range []struct {
		line string
		may  bool
	}{
		{`      "order_id": "250-1234567-7654321",` + "\n", false},
		{`(250-1234567-7654321), charged`, false},
		{`Order 250-1234567-7654321 `, true}, // a space may join a run: left to masking
		{`"2501234-567-7654321"`, true},
		{`"1234567890123456789"`, true},
		{`"250-12345677654321-"`, true},
		{`"250-1234567-7654321" and "114-7654321-1234567"`, false},
		{`"250-1234567-7654321" 4980 0379 3988 4123`, true},
		{`"250-1234567-76543210123"`, true},
		{`"9250-1234567-7654321"`, true},
		{`"250-1234567-7654321-1234"`, true},
		{`250-1234567-7654321 4123`, true},
		{`\_250-1234567-7654321`, true},
		{`２５０-1234567-7654321`, true},
		// Escapes whose last hex digits would begin the id: masking reads
		// each escape as one character, and sees 15 or 16 digits.
		{`\x123-1234567-1234567`, true},
		{`\xa123-1234567-1234567`, true},
		{`\uA123-1234567-1234567`, true},
		{`"\ufdd012-1234567-1234567",`, true},
		{`card\x123-1234567-1234567, end`, true},
	} {
		if got := mayHoldCardNumber([]byte(tt.line)); got != tt.may {
			t.Errorf("mayHoldCardNumber(%q) = %t, want %t", tt.line, got, tt.may)
		}
		if !tt.may && maskGroups(tt.line) != tt.line {
			t.Errorf("%q passes, but masking changes it to %q", tt.line, maskGroups(tt.line))
		}
	}
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// An IBAN with letters for most of its account holds fewer than 12 digits
// (Malta's may); a report line holding one is masked as any other.
func TestWriterMasksIBANsOfFewDigits(t *testing.T) {
	for _, line := range []string{
		`      "description": "SEPA MT84 MALT 0110 0ABC DEFG HIJK LMN",` + "\n",
		"AA00000000AA000\n",
		"payee MT84MALT01100ABCDEFGHIJKLMN ref\n",
	} {
		var out bytes.Buffer
		w := NewWriter(&out)
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if want := maskGroups(line); out.String() != want || want == line {
			t.Errorf("%q written as %q, want %q (masked)", line, out.String(), want)
		}
	}
}

// fewDigitLines reads lines eight bytes at a time. The lines it passes
// must be lines fewDigits passes, counted one by one; and in ASCII text of
// lines no longer than fewDigitLinesAt it must pass every line up to the
// first it leaves to fewDigits (more than four digits and a capital
// letter, or twelve digits) or that ends in the last eight bytes or fewer.
func TestFewDigitLinesPassesWhatFewDigitsPasses(t *testing.T) {
	rnd := rand.New(rand.NewPCG(41, 42))
	pieces := []string{"\n", "\n", "\n", "0", "7", "2026-03-02", "1234", "12345678", "A", "DE", "Z", " ", "-", `"`, "a", "z", ":", "@", "[",
		"\x0b", "\x09", "\x7f", "é", "\xff", `      "line": 203554,`, `      "amount": "10513.48",`, strings.Repeat("x", 120)}
	checked := 0
	for range 30000 {
		var b []byte
		for range rnd.IntN(30) {
			if rnd.IntN(200) == 0 {
				b = append(b, byte(rnd.IntN(256)))
				continue
			}
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		got := fewDigitLines(b)
		if got > 0 && b[got-1] != '\n' {
			t.Fatalf("fewDigitLines(%q) = %d, inside a line", b, got)
		}
		for _, line := range bytes.SplitAfter(b[:got], []byte("\n")) {
			if !fewDigits(line) {
				t.Fatalf("fewDigitLines(%q) = %d, past %q, which fewDigits does not pass", b, got, line)
			}
		}
		short, ascii := true, true
		for _, line := range bytes.Split(b, []byte("\n")) {
			short = short && len(line) <= fewDigitLinesAt
			ascii = ascii && utf8.Valid(line) && utf8.RuneCount(line) == len(line)
		}
		if !short || !ascii {
			continue
		}
		checked++
		want := 0
		for want < len(b) {
			i := bytes.IndexByte(b[want:], '\n')
			if i < 0 || want+i >= len(b)-len(b)%8 {
				break
			}
			line := b[want : want+i]
			digits := 0
			for _, c := range line {
				digits += bool2int(c >= '0' && c <= '9')
			}
			if digits >= 12 || digits > 4 && bytes.IndexFunc(line, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
				break
			}
			want += i + 1
		}
		if got != want {
			t.Fatalf("fewDigitLines(%q) = %d, want %d", b, got, want)
		}
	}
	if checked < 5000 {
		t.Errorf("only %d texts were ASCII of short lines: the test says little", checked)
	}
}

// WriteChecked writes a run of whole lines as it is given, which is why
// its caller asks LeftWhole of every line first; any run that is not
// whole lines, that holds a mark, that follows a line begun before it, or
// that is out of order or out of p, is masked as Write masks it.
func TestWriteCheckedTrustsOnlyRunsOfWholeLines(t *testing.T) {
	const card, masked = "4980 0379 3988 4123\n", "**** **** **** 4123\n"
	p := []byte("a\n" + card + "b\n" + card + "c " + card + "\ufdd0x\ufdd1 " + card + card)
	at := func(n int) int { // where the nth line starts
		i := 0
		for range n {
			i += bytes.IndexByte(p[i:], '\n') + 1
		}
		return i
	}
	for _, tt := range []struct {
		name  string
		whole []Lines
		shown int // how many of the card numbers show
	}{
		{"none", nil, 0},
		{"a whole line", []Lines{{at(1), at(2)}}, 1},
		{"two runs", []Lines{{at(1), at(2)}, {at(3), at(4)}}, 2},
		{"the whole text", []Lines{{0, len(p)}}, 0}, // it holds marks
		{"from inside a line", []Lines{{at(1) + 1, at(2)}}, 0},
		{"to inside a line", []Lines{{at(1), at(2) - 1}}, 0},
		{"after a line begun before it", []Lines{{at(4) + 2, at(5)}}, 0},
		{"holding a mark", []Lines{{at(5), at(6)}}, 0},
		{"out of order", []Lines{{at(3), at(4)}, {at(1), at(2)}}, 1},
		{"past the end", []Lines{{at(6), len(p) + 1}}, 0},
		{"empty", []Lines{{at(1), at(1)}}, 0},
	} {
		var out bytes.Buffer
		w := NewWriter(&out)
		if n, err := w.WriteChecked(p, tt.whole); n != len(p) || err != nil {
			t.Fatalf("%s: WriteChecked = %d, %v", tt.name, n, err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if shown := strings.Count(out.String(), card); shown != tt.shown {
			t.Errorf("%s: %d card numbers shown, want %d:\n%s", tt.name, shown, tt.shown, out.String())
		}
		if got, want := strings.Count(out.String(), card)+strings.Count(out.String(), masked), 5; got != want || strings.ContainsRune(out.String(), KeepOpen) {
			t.Errorf("%s: written as\n%s", tt.name, out.String())
		}
	}
}

// LeftAsIs tells an order id in quotes at once; it must say of it, of
// every text of its length and shape that is not one, and of one with more
// after it, what mayHoldCardNumber says.
func TestLeftAsIsTellsOrderIDsAsMayHoldCardNumber(t *testing.T) {
	rnd := rand.New(rand.NewPCG(61, 62))
	swaps := []byte("0123456789-\\\"DxA ")
	ids := 0
	for range 20000 {
		b := []byte(fmt.Sprintf(`"%03d-%07d-%07d"`, rnd.IntN(1000), rnd.IntN(10_000_000), rnd.IntN(10_000_000)))
		for range rnd.IntN(3) { // a byte or two changed, now and then
			b[rnd.IntN(len(b))] = swaps[rnd.IntN(len(swaps))]
		}
		if rnd.IntN(4) == 0 { // and more after it
			b = append(b, []string{" 4980 0379 3988 4123", ",", "1234"}[rnd.IntN(3)]...)
		}
		if got, want := LeftAsIs(b), !mayHoldCardNumber(b); got != want {
			t.Fatalf("LeftAsIs(%s) = %t, mayHoldCardNumber says %t", b, got, want)
		}
		if _, ok := orderIDAround(b, 1); ok {
			ids++
		}
	}
	if ids < 5000 || ids > 19000 {
		t.Errorf("%d of 20000 texts are order ids: the test says little", ids)
	}
}

// A line longer than the writer holds (maskFlushAt) is written out in
// parts, cut where no card number or IBAN can be split nor its masking
// changed: whatever stands at the cut, and however the line comes in
// writes, what comes out is the line masked whole. The card numbers are
// written in every shape, escaped as the JSON and markdown reports escape
// them (\t, \_), and among IBANs, order ids and words.
func TestMaskWriterCutsLongLinesWhereMaskingHoldsNothing(t *testing.T) {
	rnd := rand.New(rand.NewPCG(81, 82))
	var numbers []string
	for _, c := range masktest.Cards {
		numbers = append(numbers, c.Written)
	}
	numbers = append(numbers, `4980\t0379\t3988\t4140`, `4980\_0379\_3988\_4141`, "MT84 MALT 0110 0ABC DEFG HIJK LMN",
		"MT84MALT01100ABCDEFGHIJKLMN", "DE89 3704 0044 0532 0130 00", "250-1234567-7654321", `\u00e94980 0379 3988 4142`)
	fillers := []string{"x", "ab", " ", ", ", "\"", "(", "明細", "é", "-", "AMAZON ", "\\", "7"}
	for round := range 300 {
		var b strings.Builder
		for b.Len() < maskFlushAt-rnd.IntN(80) {
			b.WriteString(fillers[rnd.IntN(len(fillers))])
		}
		for range 1 + rnd.IntN(3) {
			b.WriteString(fillers[rnd.IntN(len(fillers))])
			b.WriteString(numbers[rnd.IntN(len(numbers))])
		}
		b.WriteString(fillers[rnd.IntN(len(fillers))])
		line := b.String()
		want := MaskCardNumbers(line)
		var out bytes.Buffer
		w := NewWriter(&out)
		for i := 0; i < len(line); {
			n := min(len(line)-i, 1+rnd.IntN(3*maskFlushAt/2))
			if _, err := w.Write([]byte(line[i : i+n])); err != nil {
				t.Fatal(err)
			}
			i += n
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); got != want {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("round %d: written as %q, masked whole %q (from byte %d)", round, got[max(0, i-60):min(len(got), i+60)], want[max(0, i-60):min(len(want), i+60)], i)
		}
	}
}

// closeDigits reads eight bytes at a time; it must say what reading one
// byte at a time says of ASCII texts: twelve digits each at most two
// bytes after the one before, or a digit after two capitals.
func TestCloseDigitsReadsEveryByte(t *testing.T) {
	byBytes := closeDigitsByBytes
	rnd := rand.New(rand.NewPCG(31, 32))
	alphabet := []byte("0123456789 -,.\\tAZ@[`az\"")
	yes := 0
	for range 200000 {
		// Past 64 bytes, as spreadDigits keeps the last 64.
		b := make([]byte, rnd.IntN(200))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
			if rnd.IntN(3) == 0 {
				b[i] = '0' + byte(rnd.IntN(10))
			}
		}
		got, want := closeDigits(b), byBytes(b)
		if got != want {
			t.Fatalf("closeDigits(%q) = %t, byte by byte %t", b, got, want)
		}
		if got {
			yes++
		}
	}
	if yes < 10000 || yes > 190000 {
		t.Errorf("%d of 200000 texts have close digits: the test says little", yes)
	}
}

// closeDigitsByBytes is closeDigits read a byte at a time.
func closeDigitsByBytes(s []byte) bool {
	run, last := 0, -3
	for i, c := range s {
		if c < '0' || c > '9' {
			continue
		}
		if i-last > 2 {
			run = 0
		}
		run, last = run+1, i
		if run >= 12 || i >= 2 && 'A' <= s[i-1] && s[i-1] <= 'Z' && 'A' <= s[i-2] && s[i-2] <= 'Z' {
			return true
		}
	}
	return false
}

// spreadDigits passes without reading them through the texts that have
// no close digits and no crowd of digits and separators: the reasons of
// a report. It must pass no text that has close digits, wherever in a
// long text they stand (spreadDigits looks every 32 bytes at the last
// 64), and it must pass the sentences of the report, or closeDigits
// reads every reason through, digit by digit (closeDigitsAt).
func TestSpreadDigitsPassesNoCloseDigits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(35, 36))
	filler := []byte("charged on USD credited, the; ")
	passed := 0
	for round := range 100000 {
		// Sentences' words and spread numbers, and somewhere in them,
		// most often, a crowd of digits and separators or a capital
		// pair before a digit.
		b := make([]byte, 1+rnd.IntN(300))
		for i := range b {
			b[i] = filler[rnd.IntN(len(filler))]
			if rnd.IntN(5) == 0 {
				b[i] = '0' + byte(rnd.IntN(10))
			}
		}
		if round%4 != 0 {
			crowd := []byte(strings.Repeat("1", 12))
			switch round % 4 {
			case 2:
				crowd = []byte("1-2-3-4-5-6-7-8-9-0-1-2")
			case 3:
				crowd = []byte("AB1")
			}
			if len(crowd) <= len(b) {
				copy(b[rnd.IntN(len(b)-len(crowd)+1):], crowd)
			}
		}
		close := closeDigitsByBytes(b)
		if spreadDigits(b) {
			passed++
			if close {
				t.Fatalf("spreadDigits(%q) passes it, but it has close digits", b)
			}
		}
		if got := closeDigits(b); got != close {
			t.Fatalf("closeDigits(%q) = %t, byte by byte %t", b, got, close)
		}
	}
	if passed < 5000 {
		t.Errorf("spreadDigits passed %d of 100000 texts: the test says little", passed)
	}
	for _, reason := range []string{
		`    "reason": "charged 13,246.07 USD on 2015-02-02, after Amazon confirmed the refund on 2015-01-13; no credit since; call the card issuer and dispute the charge",`,
		`    "reason": "charged 10,166.63 USD on 2015-01-03, credited 10,166.63 USD on 2015-01-09; nothing is missing now; closed: the statements reach 2015-03-05, the end of the watch; nothing more to do",`,
		`    "reason": "no charge of 10,571.86 USD between 2015-01-01 and 2015-01-31; closed: the statements reach 2015-03-17, the end of the watch; nothing more to do",`,
	} {
		for n := range len(reason) + 1 {
			if !spreadDigits([]byte(reason[:n])) {
				t.Fatalf("spreadDigits(%q) does not pass it", reason[:n])
			}
		}
	}
}

// quotedOrderID is LeftAsIs's quick test of an order id in quotes; it
// must pass exactly the quoted lines of 21 bytes that orderIDAround
// passes: ids of every digit, lines with one byte changed to another
// digit, a hyphen, a quote, a letter, a separator or a byte beyond ASCII,
// and lines of random bytes of that alphabet.
func TestQuotedOrderIDIsOrderIDAround(t *testing.T) {
	want := func(b []byte) bool {
		_, ok := orderIDAround(b, 1)
		return len(b) == 21 && b[0] == '"' && b[20] == '"' && ok
	}
	rnd := rand.New(rand.NewPCG(33, 34))
	alphabet := []byte("0123456789-\"A. /\\\xff\x80:")
	passed := 0
	for round := range 200000 {
		var b []byte
		if round%2 == 0 {
			b = fmt.Appendf(nil, `"%03d-%07d-%07d"`, rnd.IntN(1000), rnd.IntN(1e7), rnd.IntN(1e7))
			if round%4 == 0 {
				b[rnd.IntN(len(b))] = alphabet[rnd.IntN(len(alphabet))]
			}
		} else {
			b = make([]byte, 19+rnd.IntN(5))
			for i := range b {
				b[i] = alphabet[rnd.IntN(len(alphabet))]
			}
		}
		if got := quotedOrderID(b); got != want(b) {
			t.Fatalf("quotedOrderID(%q) = %t, orderIDAround says %t", b, got, want(b))
		}
		if want(b) {
			passed++
		}
	}
	if passed < 50000 {
		t.Fatalf("%d of 200000 lines are quoted order ids: the test says little", passed)
	}
}
