package money

import (
	"math/rand/v2"
	"testing"
)

func TestParseTypedAmount(t *testing.T) {
	tests := []struct{ in, want, currency string }{
		{"1.299", "1299", ""}, {"£1.299", "1299", "GBP"}, {"12.800.000", "12800000", ""}, {"1,299", "1299", ""},
		{"89,99", "89.99", ""}, {"1.299,00", "1299", ""}, {"12.99", "12.99", ""}, {"0.500", "0.5", ""},
		{"１２，８００円", "12800", "JPY"}, {"$1,299.50", "1299.5", "USD"}, {"1.2345", "1.2345", ""},
	}
	for _, tt := range tests {
		d, cur, err := ParseTypedAmount(tt.in)
		if err != nil || d.String() != tt.want || cur != tt.currency {
			t.Errorf("ParseTypedAmount(%q) = %s, %q, %v; want %s, %q", tt.in, d, cur, err, tt.want, tt.currency)
		}
	}
}

// TestTypedPlainAgrees checks that the plain numbers ParseTypedAmount reads
// without its general rules read as those rules read them: the same value,
// written with the same exponent, and no currency. Among them are the
// numbers whose dot could group thousands, which the short way leaves to
// the rules.
func TestTypedPlainAgrees(t *testing.T) {
	texts := []string{"0", "7", "-7", "007", "10000.03", "1.299", "-1.299", "0.500", "-0.500", "12.800",
		"1.2345", "12.99", "1.5", "1234567890123456.78", "123456789012345678.9", ".5", "5.", "-", "1.2.3"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		if rng.IntN(4) == 0 {
			b = append(b, '-')
		}
		for range 1 + rng.IntN(8) {
			b = append(b, byte('0'+rng.IntN(10)))
		}
		if rng.IntN(3) > 0 {
			b = append(b, '.')
			for range rng.IntN(5) {
				b = append(b, byte('0'+rng.IntN(10)))
			}
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		v, ok := typedPlain(s)
		want, cur, err := parseTyped(s)
		if !ok {
			continue
		}
		if err != nil || cur != "" {
			t.Fatalf("typedPlain(%q) read %v, but the rules refuse it: %v %q", s, v.Decimal(), err, cur)
		}
		if got := v.Decimal(); !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Fatalf("typedPlain(%q) = %s (exp %d), the rules read %s (exp %d)", s, got, got.Exponent(), want, want.Exponent())
		}
	}
	for _, s := range []string{"1.299", "-1.299", "12.800"} {
		if _, ok := typedPlain(s); ok {
			t.Errorf("typedPlain(%q) read it; its dot may group thousands, for the rules to say", s)
		}
	}
}
