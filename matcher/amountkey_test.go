package matcher

import (
	"math/rand/v2"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// TestWantedChargesKeys checks wantedCharges against amountKeys: every
// charge with an amount key in the set is listed, in order, with the
// numbers of exactly its keys in the set, foreign amounts among them (a
// foreign amount equal to the billed one has no key of its own); no other
// charge is listed.
func TestWantedChargesKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var charges []*parser.Transaction
	for i := range 700 {
		c := &parser.Transaction{Amount: decimal.New(r.Int64N(2_000), -int32(r.IntN(3)))}
		switch i % 7 {
		case 1:
			c.OrigAmount, c.OrigCurrency = decimal.New(r.Int64N(2_000), -2), "USD"
		case 2:
			c.OrigAmount, c.OrigCurrency = c.Amount, "EUR"
		case 3:
			c.OrigAmount = decimal.New(5, 0) // no currency: not a foreign amount
		}
		charges = append(charges, c)
	}
	set := amountSet{num: map[string]int32{}}
	for range 300 {
		set.add(amountKey(decimal.New(r.Int64N(2_000), -2)))
	}
	got := wantedCharges(newChargeList(charges), set)
	var want []keyedCharge
	foreign := 0
	for _, c := range charges {
		var kc keyedCharge
		for i, key := range amountKeys(c) {
			if key != "" {
				kc.nums[i] = set.num[key]
			}
		}
		if kc.nums != [2]int32{} {
			kc.t = c
			want = append(want, kc)
			if kc.nums[1] != 0 {
				foreign++
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d charges listed, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("listed %d: %v %v, want %v %v", i, got[i].t.Amount, got[i].nums, want[i].t.Amount, want[i].nums)
		}
	}
	if len(want) < 50 || foreign < 5 {
		t.Errorf("only %d charges (%d by a foreign amount) in the set: the test needs more", len(want), foreign)
	}
	if got := wantedCharges(nil, set); len(got) != 0 {
		t.Errorf("wantedCharges(nil) = %v, want none", got)
	}
}
