package matcher

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// TestWantedChargesKeys checks wantedCharges against amountKeys: every
// charge with an amount key in the set is listed, in order, with the
// numbers of exactly its keys in the set, foreign amounts among them (a
// foreign amount equal to the billed one has no key of its own); no other
// charge is listed. The set's filter passes over most charges unlooked.
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
	set := amountSet{num: map[amountKey]int32{}}
	for range 300 {
		amt := decimal.New(r.Int64N(2_000), -2)
		set.addAmount(keyOf(amt), hashOf(amt))
	}
	f := set.filter()
	if f == nil {
		t.Fatal("a set of plain amounts has no filter")
	}
	excluded := 0
	for _, c := range charges {
		if f.excludes(money.FromDecimal(c.Amount)) {
			excluded++
		}
	}
	if excluded < len(charges)/2 {
		t.Errorf("the filter excludes %d of %d charges: the test needs it to exclude most", excluded, len(charges))
	}
	got := wantedCharges(newChargeList(charges), set)
	var want []keyedCharge
	foreign := 0
	for _, c := range charges {
		var kc keyedCharge
		for i, key := range amountKeys(c) {
			if key != 0 {
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

// TestAmountFilter checks that a set's filter never excludes an amount of
// the set, however it is written, and that a set with an amount it cannot
// hash, or a key added without its amount, has no filter.
func TestAmountFilter(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	set := amountSet{num: map[amountKey]int32{}}
	var amounts []decimal.Decimal
	for range 5000 {
		amt := decimal.New(r.Int64N(10_000_000), -int32(r.IntN(3)))
		set.addAmount(keyOf(amt), hashOf(amt))
		amounts = append(amounts, amt)
	}
	f := set.filter()
	if f == nil {
		t.Fatal("no filter")
	}
	for _, amt := range amounts {
		for _, v := range []money.Value{money.FromDecimal(amt), money.FromDecimal(amt.Neg()), money.New(amt.CoefficientInt64()*100, amt.Exponent()-2)} {
			if f.excludes(v) {
				t.Fatalf("the filter excludes %s, an amount of the set", v.Decimal())
			}
		}
	}
	huge := decimal.RequireFromString("1234567890123456789012.5")
	if f.excludes(money.FromDecimal(huge)) {
		t.Error("the filter excludes an amount it cannot hash")
	}
	set.addAmount(keyOf(huge), hashOf(huge))
	if set.filter() != nil {
		t.Error("a set with an amount without a hash has a filter")
	}
	plain := amountSet{num: map[amountKey]int32{}}
	plain.addAmount(keyOf(decimal.New(125, -1)), hashOf(decimal.New(125, -1)))
	plain.add(keyOf(decimal.New(7, 0)))
	if plain.filter() != nil {
		t.Error("a set with a key added without its amount has a filter")
	}
	var none *amountFilter
	if none.excludes(money.New(1, 0)) {
		t.Error("a nil filter excludes an amount")
	}
	// The set the matcher builds of its orders' amounts and shipments has
	// its filter.
	day := civil.MustDate("2026-03-02")
	mk := func(amount string, shipments ...string) *order {
		a := decimal.RequireFromString(amount)
		d := &parser.Dispute{OrderDate: day, Amount: a}
		for _, s := range shipments {
			d.Shipments = append(d.Shipments, parser.Shipment{Date: day, Amount: decimal.RequireFromString(s)})
		}
		return &order{res: &OrderResult{Dispute: d}, d: day, a: a, key: keyOf(a), hash: hashOf(a), shipments: len(shipments) > 0}
	}
	own := []OwnOrder{{Total: decimal.RequireFromString("7.5")}}
	wanted := wantedAmounts([]*order{mk("12800"), mk("30.00", "10.00", "20.00")}, own)
	if f := wanted.filter(); f == nil || f.excludes(money.New(1000, -2)) || !f.excludes(money.New(4242, -2)) && !f.excludes(money.New(4243, -2)) {
		t.Errorf("the orders' amount set has filter %v: it must have one that lets 10.00 through", f)
	}
	// Orders as Prepare sets them up carry the hash their set is filtered
	// by, and tell the set their shipments' amounts.
	dec := decimal.RequireFromString
	prepared := newOrders([]parser.Dispute{
		{OrderID: "250-1234567-1234567", OrderDate: day, Amount: dec("12.80")},
		{OrderID: "250-7654321-7654321", OrderDate: day, Amount: dec("30.00"),
			Shipments: []parser.Shipment{{Date: day, Amount: dec("10.00")}, {Date: day.AddDays(2), Amount: dec("20.00")}}},
	}, nil, Options{AsOf: day.AddDays(60)})
	preparedSet := wantedAmounts(prepared, nil)
	if f := preparedSet.filter(); f == nil || f.excludes(money.New(128, -1)) {
		t.Errorf("the set of prepared orders has filter %v: it must have one that lets 12.8 through", f)
	}
	for _, amount := range []string{"30.00", "10.00", "20.00"} {
		if _, ok := preparedSet.num[keyOf(dec(amount))]; !ok {
			t.Errorf("the set of prepared orders lacks %s, an order's or a shipment's amount", amount)
		}
	}
}

// TestAmountKeysAgreeWithText checks amountKey against |d| as decimal's
// String writes it, the text amounts were looked up by: two amounts have one key exactly
// when they have one text, whether the key is packed or numbered, made of
// a decimal or of a money.Value, the amount written with trailing zeros
// or past 18 digits; and the key writes that text.
func TestAmountKeysAgreeWithText(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var amounts []decimal.Decimal
	ten := decimal.New(1, 0)
	for range 3000 {
		digits := 1 + r.IntN(18)
		coef := r.Int64N(10)
		for range digits - 1 {
			coef = coef*10 + r.Int64N(10)
		}
		if r.IntN(4) == 0 {
			coef -= coef % 1000 // trailing zeros, to be shed
		}
		if r.IntN(2) == 0 {
			coef = -coef
		}
		d := decimal.New(coef, -int32(r.IntN(21)))
		amounts = append(amounts, d)
		// The same amount written with more digits, inside 18 and past.
		amounts = append(amounts, decimal.NewFromBigInt(d.Coefficient().Mul(d.Coefficient(), ten.Shift(3).BigInt()), d.Exponent()-3))
		amounts = append(amounts, decimal.NewFromBigInt(d.Coefficient().Mul(d.Coefficient(), ten.Shift(12).BigInt()), d.Exponent()-12))
	}
	for _, s := range []string{"0", "0.000", "-0", "1e18", "1000000000000000000", "10000000000000000000e-1", "72057594037927935", "72057594037927936",
		"72057594037927936.00", "720575940379279.36", "999999999999999999", "123456789012345678901234.56", "1e-30", "15e-31", "1.5e-29", "7e60", "7e70"} {
		amounts = append(amounts, decimal.RequireFromString(s))
	}
	byText := map[string]amountKey{}
	byKey := map[amountKey]string{}
	for _, d := range amounts {
		text := d.Abs().String()
		for _, k := range []amountKey{keyOf(d), keyOf(d.Neg()), valueKey(money.FromDecimal(d))} {
			if k == 0 {
				t.Fatalf("%s has the key of no amount", d)
			}
			if got := k.String(); got != text {
				t.Fatalf("the key of %s writes %q, want %q", d, got, text)
			}
			if was, ok := byText[text]; ok && was != k {
				t.Fatalf("%s has keys %x and %x", text, was, k)
			}
			if was, ok := byKey[k]; ok && was != text {
				t.Fatalf("%s and %s share key %x", was, text, k)
			}
			byText[text], byKey[k] = k, text
		}
	}
	numbered := 0
	for k := range byKey {
		if k&keyBig != 0 {
			numbered++
		}
	}
	if numbered < 100 || len(byKey)-numbered < 1000 {
		t.Errorf("%d keys numbered of %d: the test needs many of both", numbered, len(byKey))
	}
}

// TestValueKeysOfFarExponents checks that a money.Value whose exponent lies
// beyond what a packed key holds has the key of its decimal, not one whose
// exponent ran into the key's other bits.
func TestValueKeysOfFarExponents(t *testing.T) {
	for _, v := range []struct {
		coef int64
		exp  int32
	}{{7, 63}, {7, 64}, {7, 70}, {-15, -64}, {15, -65}, {15, -80}, {120, 62}, {1, -200}} {
		d := decimal.New(v.coef, v.exp)
		k := valueKey(money.New(v.coef, v.exp))
		if k != keyOf(d) || k.String() != d.Abs().String() {
			t.Errorf("%d × 10^%d: key %x writes %q; want %x, %q", v.coef, v.exp, k, k.String(), keyOf(d), d.Abs().String())
		}
	}
}

// TestAmountValue checks that the amount a result keeps of its dispute is
// the dispute's amount to the digit, written as money.FromDecimal writes it
// (trailing zeros and all), for orders as Prepare sets them up, that the
// amounts it cannot keep small are read from the dispute, and that a
// result not set up for matching reads the dispute's.
func TestAmountValue(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	amounts := []string{"12800", "12.30", "0.05", "-4.10", "999999999999999999", "1234567890123456789012.5", "1E+3", "7.000"}
	var disputes []parser.Dispute
	for i, a := range amounts {
		disputes = append(disputes, parser.Dispute{OrderID: fmt.Sprintf("250-1234567-12345%02d", i), OrderDate: day.AddDays(-i), Amount: decimal.RequireFromString(a)})
	}
	kept := 0
	for _, o := range newOrders(disputes, nil, Options{AsOf: day.AddDays(60)}) {
		want := money.FromDecimal(o.res.Dispute.Amount)
		got := o.res.AmountValue()
		gc, ge, gok := got.Small()
		wc, we, wok := want.Small()
		if text, wantText := money.AppendValue(nil, got, "", false), money.AppendValue(nil, want, "", false); string(text) != string(wantText) || gc != wc || ge != we || gok != wok {
			t.Errorf("%s: AmountValue is %s (%d, %d, %t), want %s (%d, %d, %t)", o.res.Dispute.OrderID, text, gc, ge, gok, wantText, wc, we, wok)
		}
		if o.res.amountSmall {
			kept++
		}
	}
	if kept != 6 {
		t.Errorf("%d results keep their amount, want the 6 of at most 18 digits and no positive exponent", kept)
	}
	bare := &OrderResult{Dispute: &parser.Dispute{Amount: decimal.RequireFromString("45.60")}}
	if got := money.AppendValue(nil, bare.AmountValue(), "", false); string(got) != "45.60" {
		t.Errorf("a result not set up reads %s, want the dispute's 45.60", got)
	}
}
