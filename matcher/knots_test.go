package matcher

import (
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestNextCountsEveryWayOnce checks that the ways of a knot are each met
// once: a counter over 2×3×1 choices gives six ways, then stops.
func TestNextCountsEveryWayOnce(t *testing.T) {
	ways := []int{2, 3, 1}
	choice := make([]int, len(ways))
	seen := map[[3]int]bool{}
	for {
		seen[[3]int(choice)] = true
		if !next(choice, ways) {
			break
		}
	}
	if len(seen) != 6 {
		t.Errorf("%d ways met, want 6: %v", len(seen), seen)
	}
	if !slices.Equal(choice, []int{0, 0, 0}) {
		t.Errorf("after the last way the counter is %v, want it back at the first", choice)
	}
}

// knotOrder is an order of a knot, with only what explains and choices read.
func knotOrder(id string) *order {
	return &order{res: &OrderResult{Dispute: &parser.Dispute{OrderID: id}}}
}

func knotRow(day int, amount int64) *parser.Transaction {
	return &parser.Transaction{Date: civil.MustDate("2026-03-01").AddDays(day), Amount: decimal.NewFromInt(amount)}
}

// TestKnotExplainsOnlyItsOwnRows checks that a knot judges an order only
// where each of its candidates is a row one of the knot's ties holds for
// it: a candidate of another tie, a search cut short, or one of the
// person's own orders leaves the knot as its ties left it.
func TestKnotExplainsOnlyItsOwnRows(t *testing.T) {
	a, b := knotOrder(orderA), knotOrder(orderB)
	rebilled, credit, other := knotRow(20, 3000), knotRow(8, -3000), knotRow(5, 3000)
	k := &knot{
		orders:  []*order{a, b},
		rebills: []*rebill{{t: rebilled, n: 2, orders: []*order{a, b}}},
		credits: []*creditChoice{{t: credit, orders: []*order{a, b}}},
	}
	a.res.tied().Candidates = []*parser.Transaction{rebilled, credit}
	b.res.tied().Candidates = []*parser.Transaction{credit}
	if !k.explains(a) || !k.explains(b) {
		t.Fatal("orders whose candidates are the knot's rebill and credit are not explained")
	}
	b.res.tied().Candidates = append(b.res.tied().Candidates, other)
	if k.explains(b) {
		t.Error("a candidate no tie of the knot holds is taken as explained")
	}
	b.res.tied().Candidates = []*parser.Transaction{rebilled}
	k.rebills[0].orders = []*order{a}
	if k.explains(b) {
		t.Error("a rebill's row is taken as a candidate of an order the rebill does not name")
	}
	a.searchCut = true
	if k.explains(a) {
		t.Error("an order whose split-charge search was cut short is taken as explained")
	}
	a.searchCut = false
	a.more().ownRival = "own-1"
	if k.explains(a) {
		t.Error("an order tied with one of the person's own orders is taken as explained")
	}
}

// TestKnotBounds checks that a knot beyond what is judged is left alone:
// more ways than a tie's assignments, more ways times orders than a tie
// judges, or a rebill whose orders are not all named.
func TestKnotBounds(t *testing.T) {
	a, b := knotOrder(orderA), knotOrder(orderB)
	unnamed := &knot{orders: []*order{a, b}, rebills: []*rebill{{t: knotRow(20, 3000), n: 9, orders: []*order{a, b}}}}
	if _, _, ok := unnamed.choices(); ok {
		t.Error("a knot with a rebill whose orders are not all named is judged")
	}
	wide := &knot{orders: []*order{a, b}}
	for day := range 13 { // 2^13 ways, more than tieMaxAssignments
		wide.credits = append(wide.credits, &creditChoice{t: knotRow(day, -100), orders: []*order{a, b}})
	}
	if _, _, ok := wide.choices(); ok {
		t.Error("a knot of more ways than are judged is judged")
	}
	wide.credits = wide.credits[:12] // 4,096 ways
	if _, ways, ok := wide.choices(); !ok || len(ways) != 12 {
		t.Errorf("a knot of 4,096 ways: judged %v with %d choices, want judged with 12", ok, len(ways))
	}
	for len(wide.orders)*4096 <= tieMaxJudged {
		wide.orders = append(wide.orders, knotOrder(orderA))
	}
	if _, _, ok := wide.choices(); ok {
		t.Errorf("a knot of 4,096 ways and %d orders is judged", len(wide.orders))
	}
}
