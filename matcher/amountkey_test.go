package matcher

import (
	"math/rand/v2"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// TestChargeKeysAreAmountKeys checks chargeKeys against amountKeys for more
// charges than one part of 256, foreign amounts among them (a foreign
// amount equal to the billed one has no key of its own).
func TestChargeKeysAreAmountKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var charges []*parser.Transaction
	for i := range 700 {
		c := &parser.Transaction{Amount: decimal.New(r.Int64N(1_000_000), -int32(r.IntN(3)))}
		switch i % 7 {
		case 1:
			c.OrigAmount, c.OrigCurrency = decimal.New(r.Int64N(100_000), -2), "USD"
		case 2:
			c.OrigAmount, c.OrigCurrency = c.Amount, "EUR"
		case 3:
			c.OrigAmount = decimal.New(5, 0) // no currency: not a foreign amount
		}
		charges = append(charges, c)
	}
	keys := chargeKeys(charges)
	if len(keys) != len(charges) {
		t.Fatalf("%d keys for %d charges", len(keys), len(charges))
	}
	foreign := 0
	for i, c := range charges {
		if want := amountKeys(c); keys[i] != want {
			t.Errorf("charge %d (%s, %s %s): keys %q, want %q", i, c.Amount, c.OrigAmount, c.OrigCurrency, keys[i], want)
		}
		if keys[i][1] != "" {
			foreign++
		}
	}
	if foreign < 90 {
		t.Errorf("%d charges with a foreign key, want about 100", foreign)
	}
	if got := chargeKeys(nil); len(got) != 0 {
		t.Errorf("chargeKeys(nil) = %q, want none", got)
	}
}
