package matcher

import (
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestChargeIndexListsApart checks that the lists of chargeIndex, cut from
// one slice, hold each amount's charges in date order, a foreign amount's
// too, and end where they end: appending to one list must not write over
// the charges of another.
func TestChargeIndexListsApart(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	charge := func(days int, amt, orig string) *parser.Transaction {
		t := &parser.Transaction{Date: day.AddDays(days), Amount: decimal.RequireFromString(amt)}
		if orig != "" {
			t.OrigAmount, t.OrigCurrency = decimal.RequireFromString(orig), "USD"
		}
		return t
	}
	charges := []*parser.Transaction{
		charge(0, "1500", ""), charge(1, "2980", "19.99"), charge(2, "1500", ""),
		charge(3, "700", ""), charge(4, "19.99", ""), charge(5, "1500.00", ""),
	}
	keys := make([][2]string, len(charges))
	for i, c := range charges {
		keys[i] = amountKeys(c)
	}
	idx := chargeIndex(charges, keys)
	want := map[string][]*parser.Transaction{
		amountKey(decimal.RequireFromString("1500")):  {charges[0], charges[2], charges[5]},
		amountKey(decimal.RequireFromString("2980")):  {charges[1]},
		amountKey(decimal.RequireFromString("19.99")): {charges[1], charges[4]},
		amountKey(decimal.RequireFromString("700")):   {charges[3]},
	}
	if len(idx) != len(want) {
		t.Fatalf("chargeIndex has %d amounts, want %d", len(idx), len(want))
	}
	for key, list := range want {
		if !slices.Equal(idx[key], list) {
			t.Errorf("chargeIndex[%q] = %v, want %v", key, idx[key], list)
		}
		if cap(idx[key]) != len(list) {
			t.Errorf("chargeIndex[%q] has room for %d charges, want %d (no room into the next list)", key, cap(idx[key]), len(list))
		}
	}
	// An append to each list leaves every other list as it was.
	extra := charge(9, "1", "")
	for key := range idx {
		_ = append(idx[key], extra)
	}
	for key, list := range want {
		if !slices.Equal(idx[key], list) {
			t.Errorf("after appends, chargeIndex[%q] = %v, want %v", key, idx[key], list)
		}
	}
}
