package mask

import (
	"testing"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
)

// FuzzMaskCardNumbers puts a card number, in each shape statements write
// it, into any text, between characters that join no run of digits: the
// masked text shows at most its last 4 digits where it stood, and masking
// changes nothing but digits.
func FuzzMaskCardNumbers(f *testing.F) {
	for _, s := range []string{"", "AMAZON.CO.JP", "2026-03-02 1234.56", "250-1234567-1234567", "DE89 3704 0044 0532 0130 00",
		"4980\\_0379\\_3988\\_4123", "1-2-3-4-5-6-7-8-9-0-1-2-3", "\x1b[2K\u202e", "１２３４　５６７８", "12:30:00 2026/03/02"} {
		f.Add(s, s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, before, after string, shape uint8) {
		card := masktest.Cards[int(shape)%len(masktest.Cards)].Written
		in := before + "|" + card + "|" + after
		out := MaskCardNumbers(in)
		inRunes, outRunes := []rune(in), []rune(out)
		if len(inRunes) != len(outRunes) {
			t.Fatalf("MaskCardNumbers(%q) = %q: %d characters for %d", in, out, len(outRunes), len(inRunes))
		}
		for i := range inRunes {
			if inRunes[i] != outRunes[i] && !(isDigit(inRunes[i]) && (outRunes[i] == '*' || outRunes[i] == '＊')) {
				t.Fatalf("MaskCardNumbers(%q) = %q: changed %q to %q", in, out, inRunes[i], outRunes[i])
			}
		}
		at := utf8.RuneCountInString(before) + 1
		shown := 0
		for _, c := range outRunes[at : at+utf8.RuneCountInString(card)] {
			if isDigit(c) {
				shown++
			}
		}
		if shown > 4 {
			t.Fatalf("MaskCardNumbers(%q) = %q shows %d digits of the card number", in, out, shown)
		}
	})
}

// FuzzMayHoldCardNumber holds the quick tests before masking to their
// promise: a line mayHoldCardNumber passes, and the lines fewDigitLines
// passes, are ones masking would leave as they are.
func FuzzMayHoldCardNumber(f *testing.F) {
	for _, s := range []string{"", `      "order_id": "250-1234567-7654321",`, `\x123-1234567-1234567`, `"\ufdd012-1234567-1234567",`,
		"4980 0379 3988 4123", `4980\_0379\_3988\_4123`, "DE89 3704 0044 0532 0130 00", "１２３４　５６７８　９０１２　３４５６", "2026-03-02 12:30:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHoldCardNumber([]byte(s)) {
			if got := maskGroups(s); got != s {
				t.Fatalf("mayHoldCardNumber(%q) passes it, but masking gives %q", s, got)
			}
		}
		if n := fewDigitLines([]byte(s)); MaskCardNumbers(s[:n]) != s[:n] {
			t.Fatalf("fewDigitLines(%q) passes %q, but masking gives %q", s, s[:n], MaskCardNumbers(s[:n]))
		}
	})
}
