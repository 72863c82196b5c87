package matcher

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// TestSortedResultsOrder checks the order of a report's orders against a
// stable sort of the rule (most severe first, then order date, then order
// id): orders of every verdict, few dates and ids so that many share
// them, two results of one id and date keeping the order they came in.
func TestSortedResultsOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	verdicts := []Verdict{StillCharged, PartiallyRefunded, AwaitingRefund, Ambiguous, NotCovered, NotCharged, Refunded, Unanswered}
	day := civil.MustDate("2026-03-02")
	var orders []*order
	for range 2000 {
		res := &OrderResult{Verdict: verdicts[r.IntN(len(verdicts))], Tied: &Tied{TieAlert: r.IntN(2) == 0},
			Dispute: &parser.Dispute{OrderDate: day.AddDays(r.IntN(5)), OrderID: []string{"111-0000001-0000001", "111-0000002-0000002", "250-1234567-1234567"}[r.IntN(3)]}}
		orders = append(orders, &order{res: res})
	}
	want := make([]*OrderResult, len(orders))
	for i, o := range orders {
		want[i] = o.res
	}
	slices.SortStableFunc(want, func(x, y *OrderResult) int {
		if d := y.Severity() - x.Severity(); d != 0 {
			return int(d)
		}
		if d := x.Dispute.OrderDate.Sub(y.Dispute.OrderDate); d != 0 {
			return d
		}
		return strings.Compare(x.Dispute.OrderID, y.Dispute.OrderID)
	})
	check := func(orders []*order, want []*OrderResult) {
		t.Helper()
		got := sortedResults(orders)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("result %d: %s %s %s, want %s %s %s", i, got[i].Severity(), got[i].Dispute.OrderDate, got[i].Dispute.OrderID,
					want[i].Severity(), want[i].Dispute.OrderDate, want[i].Dispute.OrderID)
			}
		}
	}
	check(orders, want)
	// Laid out earliest first, as newOrders lays them out: only the orders
	// of one day are sorted.
	slices.SortStableFunc(orders, func(x, y *order) int { return x.res.Dispute.OrderDate.Sub(y.res.Dispute.OrderDate) })
	check(orders, want)
}

// TestByOrderDateStable checks byOrderDate against a stable sort of the
// disputes by order date: days counted, and days spread too wide for that.
func TestByOrderDateStable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, spread := range []int{1, 30, 4000, 400_000} {
		disputes := make([]parser.Dispute, 500)
		for i := range disputes {
			disputes[i].OrderDate = civil.MustDate("2020-01-01").AddDays(r.IntN(spread))
		}
		want := make([]int, len(disputes))
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(x, y int) int { return disputes[x].OrderDate.Sub(disputes[y].OrderDate) })
		if got := byOrderDate(disputes); !slices.Equal(got, want) {
			t.Errorf("spread %d: byOrderDate differs from a stable sort", spread)
		}
	}
}
