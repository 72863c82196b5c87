package matcher

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// units works on int64 where it can; it must agree with decimal arithmetic.
func TestUnitsAgreesWithDecimal(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	for range 20000 {
		coef := rnd.Int64N(2_000_000_000) - 1_000_000_000
		if rnd.IntN(5) == 0 {
			coef *= 1_000_000_000
		}
		d := decimal.New(coef, int32(-rnd.IntN(7)))
		scale := int32(rnd.IntN(8))
		n := d.Shift(scale)
		wantN, wantOK := n.IntPart(), n.IsInteger() && n.Abs().LessThan(decimal.New(1, 15))
		gotN, gotOK := units(d, scale)
		if gotOK != wantOK || wantOK && gotN != wantN {
			t.Fatalf("units(%s, %d) = %d, %v; want %d, %v", d, scale, gotN, gotOK, wantN, wantOK)
		}
	}
}

func TestSumLargest(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 18))
	for range 2000 {
		ns := make([]int64, rnd.IntN(12))
		for i := range ns {
			ns[i] = rnd.Int64N(20)
		}
		sorted := slices.Clone(ns)
		slices.Sort(sorted)
		slices.Reverse(sorted)
		var want int64
		for _, v := range sorted[:min(len(sorted), subsetMax)] {
			want += v
		}
		if got := sumLargest(ns, subsetMax); got != want {
			t.Fatalf("sumLargest(%v) = %d, want %d", ns, got, want)
		}
	}
}

// An order is searched for split charges unless five of the largest unused
// charge around cannot reach its amount; at exactly five, it is.
func TestSplitPossible(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	charge := func(d civil.Date, amt string) *parser.Transaction {
		return &parser.Transaction{Date: d, Amount: decimal.RequireFromString(amt)}
	}
	charges := []*parser.Transaction{charge(day.AddDays(-4), "900"), charge(day, "100"), charge(day.AddDays(14), "200"), charge(day.AddDays(15), "900")}
	used := map[*parser.Transaction]bool{charges[1]: false, charges[3]: true}
	charges = append(charges, charge(day.AddDays(1), "5000"))
	used[charges[4]] = true
	maxima := dayMaxima(newChargeList(charges), used)
	for _, tt := range []struct {
		amount string
		want   bool
	}{{"1000", true}, {"1000.01", false}, {"50", true}} {
		o := &order{d: day, a: decimal.RequireFromString(tt.amount)}
		if got := o.splitPossible(maxima); got != tt.want {
			t.Errorf("splitPossible for %s = %v, want %v (largest around: 200)", tt.amount, got, tt.want)
		}
	}
}
