package money

import (
	"errors"
	"testing"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// FuzzParseAmount: never a panic, and an amount read prints back to text
// that reads as the same amount.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12800", "-1.234,56 €", "￥12,800", "(34.51)", "89,99", "$-16.99", "▲500", "1 234,56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseAmount(s)
		if err != nil {
			var m *msg.Message
			if !errors.As(err, &m) {
				t.Fatalf("error is not a message: %v", err)
			}
			return
		}
		back, _, err := ParseAmount(FormatAmount(d, "", false))
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s, printed as %q, read back as %s (%v)", s, d, FormatAmount(d, "", false), back, err)
		}
	})
}
