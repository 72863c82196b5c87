package matcher

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// TestBucketsKeepTheirOwnDemands checks that buckets whose first demand is
// held in a slice shared by all keep their own demands: a second and third
// demand of one bucket, added after other buckets were made, write over
// none of theirs.
func TestBucketsKeepTheirOwnDemands(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	dem := func(amount string, days int) *demand {
		d := day.AddDays(days)
		a := decimal.RequireFromString(amount)
		return &demand{date: d, amount: a, key: keyOf(a), from: d.AddDays(-3), to: d.AddDays(5)}
	}
	ds := []*demand{dem("30", 0), dem("45", 0), dem("30", 0), dem("30", 1), dem("45", 0), dem("30", 0), dem("60", 2)}
	buckets := demandBuckets(ds)
	want := [][]*demand{{ds[0], ds[2], ds[5]}, {ds[1], ds[4]}, {ds[3]}, {ds[6]}}
	if len(buckets) != len(want) {
		t.Fatalf("%d buckets, want %d", len(buckets), len(want))
	}
	for i, b := range buckets {
		if !slices.Equal(b.demands, want[i]) {
			t.Errorf("bucket %d (%s %s) has demands %v, want %v", i, b.key, b.date, b.demands, want[i])
		}
	}
	_ = append(buckets[2].demands, ds[0]) // room for its one demand only
	if !slices.Equal(buckets[3].demands, want[3]) {
		t.Errorf("an append to bucket 2 wrote over bucket 3: %v", buckets[3].demands)
	}
}

// TestOrdersKeepTheirOwnConfirmations checks that orders whose first
// confirmation is held in a slice shared by all keep their own, sorted by
// date, and that those dated after the report are left out.
func TestOrdersKeepTheirOwnConfirmations(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	const a, b, c = "250-1111111-1111111", "250-2222222-2222222", "250-3333333-3333333"
	disputes := []parser.Dispute{{OrderID: a, OrderDate: day}, {OrderID: b, OrderDate: day.AddDays(1)}, {OrderID: c, OrderDate: day.AddDays(2)}}
	confs := []parser.Confirmation{
		{OrderID: a, ConfirmedOn: day.AddDays(9), Kind: parser.KindRefund},
		{OrderID: b, ConfirmedOn: day.AddDays(4), Kind: parser.KindCancel},
		{OrderID: a, ConfirmedOn: day.AddDays(3), Kind: parser.KindCancel},
		{OrderID: c, ConfirmedOn: day.AddDays(99), Kind: parser.KindRefund},
		{OrderID: b, ConfirmedOn: day.AddDays(2), Kind: parser.KindRefund},
		{OrderID: a, ConfirmedOn: day.AddDays(5), Kind: parser.KindRefund},
	}
	orders := newOrders(disputes, confs, Options{AsOf: day.AddDays(30), Grace: 30, Watch: 60})
	want := map[string][]*parser.Confirmation{a: {&confs[2], &confs[5], &confs[0]}, b: {&confs[4], &confs[1]}, c: nil}
	for _, o := range orders {
		id := o.res.Dispute.OrderID
		if !slices.Equal(o.res.Confirmations, want[id]) {
			t.Errorf("order %s has confirmations %v, want %v", id, o.res.Confirmations, want[id])
		}
	}
}

// TestMarkListsApart checks that mark lists cut from one slice hold each
// its orders' charges in date order, and that settling marks of one (its
// prev links) changes none of the next one's.
func TestMarkListsApart(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	charged := func(days ...int) *order {
		o := &order{res: &OrderResult{}}
		for _, n := range days {
			o.res.Charges = append(o.res.Charges, &parser.Transaction{Date: day.AddDays(n)})
		}
		return o
	}
	a, b, c := charged(5, 1), charged(3), charged(2, 4)
	room, prev := make([]chargeMark, 5), make([]int32, 5)
	var first, second markList
	room, prev = first.fill([]*order{a, b}, room, prev)
	room, prev = second.fill([]*order{c}, room, prev)
	if len(room) != 0 || len(prev) != 0 {
		t.Fatalf("room left: %d marks, %d links, want none", len(room), len(prev))
	}
	dates := func(l *markList) []civil.Date {
		var out []civil.Date
		for _, m := range l.marks {
			out = append(out, m.date)
		}
		return out
	}
	if got, want := dates(&first), []civil.Date{day.AddDays(1), day.AddDays(3), day.AddDays(5)}; !slices.Equal(got, want) {
		t.Errorf("first list %v, want %v", got, want)
	}
	if cap(first.marks) != 3 || cap(first.prev) != 3 {
		t.Errorf("first list has room for %d marks and %d links, want 3 (none into the next list)", cap(first.marks), cap(first.prev))
	}
	for i := range first.prev {
		first.prev[i] = -1
	}
	if !slices.Equal(second.prev, []int32{0, 1}) {
		t.Errorf("second list's links %v after the first's changed, want [0 1]", second.prev)
	}
	if got, want := dates(&second), []civil.Date{day.AddDays(2), day.AddDays(4)}; !slices.Equal(got, want) {
		t.Errorf("second list %v, want %v", got, want)
	}
}

// TestExactChargesKeepTheirOwn checks that orders given their exact charge
// from a slice shared by all keep it when a charge is added to one of
// them later: the next order's stays its own.
func TestExactChargesKeepTheirOwn(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	mk := func(days int, amount string) *order {
		d := day.AddDays(days)
		a := decimal.RequireFromString(amount)
		return &order{res: &OrderResult{Dispute: &parser.Dispute{OrderDate: d}}, d: d, a: a, key: keyOf(a), windowEnd: d.AddDays(30)}
	}
	orders := []*order{mk(0, "1500"), mk(1, "2980"), mk(2, "700")}
	var charges []*parser.Transaction
	for i, a := range []string{"1500", "2980", "700"} {
		charges = append(charges, &parser.Transaction{Date: day.AddDays(i + 1), Amount: decimal.RequireFromString(a)})
	}
	used := map[*parser.Transaction]bool{}
	set := wantedAmounts(orders, nil)
	assignExact(orders, indexCharges(wantedCharges(newChargeList(charges), set), set), used)
	for i, o := range orders {
		if !slices.Equal(o.res.Charges, charges[i:i+1]) {
			t.Fatalf("order %d charged %v, want %v", i, o.res.Charges, charges[i:i+1])
		}
	}
	again := &parser.Transaction{Date: day.AddDays(20), Amount: decimal.RequireFromString("1500")}
	orders[0].res.Charges = append(orders[0].res.Charges, again)
	if !slices.Equal(orders[0].res.Charges, []*parser.Transaction{charges[0], again}) || !slices.Equal(orders[1].res.Charges, charges[1:2]) {
		t.Errorf("after a second charge of order 0: %v and %v, want %v and %v", orders[0].res.Charges, orders[1].res.Charges, []*parser.Transaction{charges[0], again}, charges[1:2])
	}
}

// TestGivenCreditsKeepTheirOwn checks that orders given their first credit
// from a slice shared by all keep it when one of them is given a second.
func TestGivenCreditsKeepTheirOwn(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	credit := func(days int, amount string) *parser.Transaction {
		return &parser.Transaction{Date: day.AddDays(days), Amount: decimal.RequireFromString(amount)}
	}
	credits := []*parser.Transaction{credit(1, "-500"), credit(2, "-700"), credit(3, "-1000")}
	c := newCrediting(nil, credits, nil)
	orders := []*order{{res: &OrderResult{Dispute: &parser.Dispute{}}}, {res: &OrderResult{Dispute: &parser.Dispute{}}}}
	for _, o := range orders {
		o.owed = money.FromDecimal(decimal.RequireFromString("1500"))
	}
	c.give(orders[0], credits[0])
	c.give(orders[1], credits[1])
	c.give(orders[0], credits[2])
	if !slices.Equal(orders[0].res.Credits, []*parser.Transaction{credits[0], credits[2]}) || !slices.Equal(orders[1].res.Credits, credits[1:2]) {
		t.Errorf("credits %v and %v, want %v and %v", orders[0].res.Credits, orders[1].res.Credits, []*parser.Transaction{credits[0], credits[2]}, credits[1:2])
	}
	if got := orders[0].owed.Decimal().String(); got != "0" {
		t.Errorf("order 0 still owed %s, want 0", got)
	}
	if got := orders[1].owed.Decimal().String(); got != "800" {
		t.Errorf("order 1 still owed %s, want 800", got)
	}
}

// TestMarksInDateOrderAsAStableSort checks marks against a stable sort of
// the orders' charges by day, on lists long enough to be counted by day
// (dayOrder) and days spread wide enough to be sorted: those of one day in
// the order of the orders and their charges.
func TestMarksInDateOrderAsAStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	day := civil.MustDate("2020-01-01")
	for _, spread := range []int{3, 60, 200_000} {
		var orders []*order
		var want []chargeMark
		for range 150 {
			o := &order{res: &OrderResult{}}
			for range 1 + r.IntN(3) {
				t := &parser.Transaction{Date: day.AddDays(r.IntN(spread))}
				o.res.Charges = append(o.res.Charges, t)
				want = append(want, chargeMark{t.Date, o})
			}
			orders = append(orders, o)
		}
		slices.SortStableFunc(want, func(x, y chargeMark) int { return x.date.Sub(y.date) })
		if got := marks(orders).marks; !slices.Equal(got, want) {
			t.Errorf("days spread over %d: marks differ from a stable sort by day", spread)
		}
	}
}

// TestOwedPastEighteenDigits checks what an order has out as credits are
// given one after another (rules 1 and 5 give them whatever it has out)
// against the same differences in decimals, where it passes 18 digits:
// it must not wrap round to an amount still owed.
func TestOwedPastEighteenDigits(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	charge := &parser.Transaction{Date: day, Amount: decimal.RequireFromString("1.00")}
	o := &order{currency: "USD", res: &OrderResult{Dispute: &parser.Dispute{}, Charges: []*parser.Transaction{charge}}}
	o.owed = o.owedNow()
	want := decimal.RequireFromString("1.00")
	var credits []*parser.Transaction
	for i := range 10 {
		credits = append(credits, &parser.Transaction{Date: day.AddDays(i + 1), Amount: decimal.RequireFromString("-9999999999999999.99")})
	}
	c := newCrediting(nil, credits, nil)
	for _, cr := range credits {
		c.give(o, cr)
		want = want.Sub(cr.Amount.Abs())
		if !o.owed.Decimal().Equal(want) {
			t.Fatalf("after %d credits the order has %s out, want %s", len(o.res.Credits), o.owed.Decimal(), want)
		}
	}
	if o.owed.Sign() >= 0 {
		t.Errorf("the order has %s out after ten credits far larger than its charge", o.owed.Decimal())
	}
}
