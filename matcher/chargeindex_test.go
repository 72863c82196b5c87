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
// the charges of another. An amount no charge has gets no list.
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
	set := amountSet{num: map[amountKey]int32{}}
	for _, amt := range []string{"1500", "2980", "19.99", "700", "42"} {
		set.add(keyOf(decimal.RequireFromString(amt)))
	}
	idx := indexCharges(wantedCharges(newChargeList(charges), set), set)
	want := map[amountKey][]*parser.Transaction{
		keyOf(decimal.RequireFromString("1500")):  {charges[0], charges[2], charges[5]},
		keyOf(decimal.RequireFromString("2980")):  {charges[1]},
		keyOf(decimal.RequireFromString("19.99")): {charges[1], charges[4]},
		keyOf(decimal.RequireFromString("700")):   {charges[3]},
	}
	if n := listed(idx); n != len(want) {
		t.Fatalf("chargeIndex has %d amounts, want %d", n, len(want))
	}
	for key, list := range want {
		if !slices.Equal(idx.of(key), list) {
			t.Errorf("chargeIndex[%s] = %v, want %v", key, idx.of(key), list)
		}
		if cap(idx.of(key)) != len(list) {
			t.Errorf("chargeIndex[%s] has room for %d charges, want %d (no room into the next list)", key, cap(idx.of(key)), len(list))
		}
	}
	// An append to each list leaves every other list as it was.
	extra := charge(9, "1", "")
	for _, list := range idx.lists {
		_ = append(list, extra)
	}
	for key, list := range want {
		if !slices.Equal(idx.of(key), list) {
			t.Errorf("after appends, chargeIndex[%s] = %v, want %v", key, idx.of(key), list)
		}
	}
}

// TestChargeIndexOnlyWanted checks that chargeIndex lists only the amounts
// it is asked for, a foreign amount among them, and every charge of those.
func TestChargeIndexOnlyWanted(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	charges := []*parser.Transaction{
		{Date: day, Amount: decimal.RequireFromString("1500")},
		{Date: day.AddDays(1), Amount: decimal.RequireFromString("2980"), OrigAmount: decimal.RequireFromString("19.99"), OrigCurrency: "USD"},
		{Date: day.AddDays(2), Amount: decimal.RequireFromString("1500.00")},
		{Date: day.AddDays(3), Amount: decimal.RequireFromString("700")},
	}
	set := amountSet{num: map[amountKey]int32{}}
	set.add(keyOf(decimal.RequireFromString("1500")))
	set.add(keyOf(decimal.RequireFromString("19.99")))
	idx := indexCharges(wantedCharges(newChargeList(charges), set), set)
	if n := listed(idx); n != 2 {
		t.Fatalf("chargeIndex listed %d amounts, want the 2 asked for: %v", n, idx.lists)
	}
	if got := idx.of(keyOf(decimal.RequireFromString("1500"))); !slices.Equal(got, []*parser.Transaction{charges[0], charges[2]}) {
		t.Errorf("1500 lists %v, want both charges of 1500", got)
	}
	if got := idx.of(keyOf(decimal.RequireFromString("19.99"))); !slices.Equal(got, charges[1:2]) {
		t.Errorf("19.99 lists %v, want the charge whose foreign amount it is", got)
	}
}

// listed counts the amounts idx lists charges of.
func listed(idx *chargeIndex) int {
	n := 0
	for _, list := range idx.lists {
		if len(list) > 0 {
			n++
		}
	}
	return n
}
