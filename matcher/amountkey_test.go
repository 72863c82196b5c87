package matcher

import (
	"math/rand/v2"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// TestAppendAmountKeyIsAmountKey checks that the keys appended without a
// string of their own are money.AmountKey's, to the byte: amounts written
// with trailing zeros, of either sign, tiny, huge and past 18 digits.
func TestAppendAmountKeyIsAmountKey(t *testing.T) {
	amounts := []string{
		"0", "0.00", "-0", "1500", "1500.00", "-1500.50", "12.34", "0.05", "-0.005", "1E+3", "1.5E+2",
		"100000000000000000", "999999999999999999", "-999999999999999999.9", "1234567890123456789",
		"0.000000000000000001", "1E-19", "1E+18", "1E+19", "123456789012345678901234567890.12",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		amounts = append(amounts, decimal.New(r.Int64N(2_000_000_001)-1_000_000_000, int32(r.IntN(25)-15)).String())
		amounts = append(amounts, decimal.New(r.Int64N(100_000), -2).StringFixed(int32(r.IntN(4))))
	}
	for _, a := range amounts {
		d := decimal.RequireFromString(a)
		want := money.AmountKey(d)
		if got := string(appendAmountKey([]byte("x"), d)); got != "x"+want {
			t.Errorf("appendAmountKey(%s) = %q, want %q", a, got[1:], want)
		}
	}
}

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
