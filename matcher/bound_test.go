package matcher

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
)

// TestCreditsBoundedAsLookedBack gives out the credits of generated
// histories, with Amazon credits of their own besides (of amounts larger
// and smaller than what orders have out), once with the credits no order
// can take passed over (boundSmallerCredits) and once looked back with:
// the reports must be the same. TestCreditEqualToMostOwedLooksBack
// covers a credit equal to what the most owed order has out, and
// TestForeignCreditsBoundedAsLookedBack credits in another currency.
func TestCreditsBoundedAsLookedBack(t *testing.T) {
	over := 0
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 2031))
		h := genHistory(r)
		base := civil.MustDate("2026-01-10")
		var extra []string
		for range r.IntN(12) {
			amount := []int{500, 1200, 3000, 12800, 30000, 45000, 90000}[r.IntN(7)]
			row := fmt.Sprintf("%s,AMAZON.CO.JP,-%d", day(base, r.IntN(80)), amount)
			extra = append(extra, row)
		}
		asOf := h.end.AddDays(-r.IntN(30))
		report := func(bound bool) *Report {
			boundSmallerCredits = bound
			defer func() { boundSmallerCredits = true }()
			return h.report(t, asOf, extra...)
		}
		got, want := report(true), report(false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d:\n%s\n%s\n%s\npassed over:\n%s\nlooked back:\n%s", seed, strings.Join(append(h.rows, extra...), "\n"),
				strings.Join(h.disputes, "\n"), strings.Join(h.confs, "\n"), verdicts(got), verdicts(want))
		}
		for _, o := range got.Orders {
			if o.Credited.GreaterThan(o.Charged) {
				over++
			}
		}
	}
	if over < 10 {
		t.Fatalf("only %d orders were credited more than charged: the test gives few credits larger than what orders have out", over)
	}
}

// TestForeignCreditsBoundedAsLookedBack is TestCreditsBoundedAsLookedBack
// for orders in dollars, billed in yen or in dollars, beside orders in
// yen, and yen credits with and without their dollars: a yen credit
// counts for an order billed in yen at the rate of its charges, and a
// credit of dollars at its dollars for an order in dollars, which can make
// a credit larger than what any order has out in its own figures one that
// an order takes.
func TestForeignCreditsBoundedAsLookedBack(t *testing.T) {
	head := "Date,Description,Amount,Original amount,Original currency"
	differ := 0
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 2032))
		base := civil.MustDate("2026-03-01")
		s := story{head: head, rows: []string{"2026-02-20,LAWSON,1", "2026-02-21,LAWSON,1", "2026-02-22,LAWSON,1", "2026-05-10,LAWSON,1"}}
		for i := range 2 + r.IntN(4) {
			id := fmt.Sprintf("250-%07d-%07d", i+1, 1234567+i)
			d := r.IntN(20)
			if r.IntN(2) == 0 {
				usd := 10 + r.IntN(40)
				s.disputes = append(s.disputes, fmt.Sprintf("%s,%s,%d.00,USD", id, day(base, d), usd))
				if r.IntN(2) == 0 {
					s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.COM,%d,%d.00,USD", day(base, d+1), usd*150, usd))
				} else { // billed as it is, in the order's dollars
					s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.COM,%d.00", day(base, d+1), usd))
				}
			} else {
				yen := 1000 + 100*r.IntN(40)
				s.disputes = append(s.disputes, fmt.Sprintf("%s,%s,%d,JPY", id, day(base, d), yen))
				s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, d+1), yen))
			}
			s.confs = append(s.confs, fmt.Sprintf("%s,%s,refund", id, day(base, d+3)))
		}
		for range 1 + r.IntN(4) {
			yen := 100 * (1 + r.IntN(60))
			if r.IntN(2) == 0 { // a yen credit of dollars
				s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.COM,-%d,%d.00,USD", day(base, 5+r.IntN(30)), yen, yen/150+1))
				continue
			}
			s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.COM,-%d", day(base, 5+r.IntN(30)), yen))
		}
		s.asOf = "2026-05-20"
		report := func(bound bool) *Report {
			boundSmallerCredits = bound
			defer func() { boundSmallerCredits = true }()
			return s.run(t)
		}
		got, want := report(true), report(false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d:\n%s\n%s\npassed over:\n%s\nlooked back:\n%s", seed, strings.Join(s.rows, "\n"), strings.Join(s.disputes, "\n"), verdicts(got), verdicts(want))
		}
		for _, o := range got.Orders {
			if o.Dispute.Currency == "USD" && len(o.Credits) > 0 {
				differ++
			}
		}
	}
	if differ < 20 {
		t.Fatalf("only %d dollar orders took a yen credit: the test says little", differ)
	}
}

// TestCreditEqualToMostOwedLooksBack: an order billed twice has 1,000 out,
// the most of any order, and a credit of exactly 1,000 comes after an
// Amazon charge of no order's. The credit is no larger than what the order
// has out: rule 4 gives it to the order, which is refunded. Passed over as
// one no order can take, it would go to rule 5, which the other charge
// keeps from placing it, and the order would be still charged: a false
// alert.
func TestCreditEqualToMostOwedLooksBack(t *testing.T) {
	rep := story{
		rows: []string{"2026-02-25,LAWSON,100", "2026-03-03,AMAZON.CO.JP,500", "2026-03-20,AMAZON.CO.JP,500",
			"2026-04-01,AMAZON.CO.JP,3107", "2026-04-10,AMAZON.CO.JP,-1000", "2026-06-25,LAWSON,100"},
		disputes: []string{orderA + ",2026-03-02,500,JPY"},
		confs:    []string{orderA + ",2026-03-10,refund"},
		asOf:     "2026-06-29",
	}.run(t)
	if o := rep.Orders[0]; o.Verdict != Refunded || !o.Outstanding.IsZero() {
		t.Fatalf("%s, outstanding %s, want refunded with nothing out: %s", o.Verdict, o.Outstanding, o.ReasonText())
	}
}
