package matcher

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// history is a generated story: disputed orders with their fates, Amazon
// noise and other merchants, over about three months.
type history struct {
	rows     []string
	disputes []string
	confs    []string
	start    civil.Date
	end      civil.Date
}

func day(base civil.Date, n int) string { return base.AddDays(n).String() }

func genHistory(r *rand.Rand) history {
	base := civil.MustDate("2026-01-10")
	h := history{start: base.AddDays(-10), end: base.AddDays(60 + r.IntN(60))}
	h.rows = append(h.rows, h.start.String()+",LAWSON,100", h.end.String()+",LAWSON,100")
	// Everyday spending, so that charges outnumber credits as on a real card
	// and the reader never takes the signs for reversed.
	for d := h.start.AddDays(7); d.Before(h.end); d = d.AddDays(7) {
		h.rows = append(h.rows, d.String()+",LAWSON,100")
	}
	amounts := []int{1200, 3000, 4800, 8000, 12800, 30000}
	for i := range 1 + r.IntN(6) {
		id := fmt.Sprintf("250-%07d-%07d", i+1, r.IntN(10_000_000))
		d := r.IntN(40)
		a := amounts[r.IntN(len(amounts))]
		h.disputes = append(h.disputes, fmt.Sprintf("%s,%s,%d,JPY", id, day(base, d), a))
		hd := d + 2 + r.IntN(15)
		switch r.IntN(4) {
		case 0:
		case 1:
			h.confs = append(h.confs, fmt.Sprintf("%s,%s,refund", id, day(base, hd)))
		case 2:
			h.confs = append(h.confs, fmt.Sprintf("%s,%s,cancel", id, day(base, hd)))
		case 3:
			h.confs = append(h.confs, fmt.Sprintf("%s,%s,refund", id, day(base, hd)),
				fmt.Sprintf("%s,%s,cancel", id, day(base, hd+r.IntN(5))))
		}
		charged := d + r.IntN(6)
		switch r.IntN(6) {
		case 0: // never charged
		case 1: // charged
			h.rows = append(h.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, charged), a))
		case 2: // charged and credited
			h.rows = append(h.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, charged), a),
				fmt.Sprintf("%s,AMAZON.CO.JP,-%d", day(base, charged+1+r.IntN(30)), a))
		case 3: // charged, part credited
			h.rows = append(h.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, charged), a),
				fmt.Sprintf("%s,AMAZON.CO.JP,-%d", day(base, charged+1+r.IntN(30)), a/3))
		case 4: // split in two
			h.rows = append(h.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, charged), a/4),
				fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, charged+r.IntN(5)), a-a/4))
		case 5: // billed after Amazon's word
			h.rows = append(h.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%d", day(base, hd+1+r.IntN(20)), a))
		}
	}
	for range r.IntN(8) { // Amazon noise, and credits of nobody's
		amt := 100 + r.IntN(5000)
		if r.IntN(4) == 0 {
			amt = -amt
		}
		h.rows = append(h.rows, fmt.Sprintf("%s,Ａｍａｚｏｎ　Ｄｏｗｎｌｏａｄｓ,%d", day(base, r.IntN(100)-5), amt))
	}
	return h
}

func (h history) report(t *testing.T, asOf civil.Date, extra ...string) *Report {
	t.Helper()
	return story{rows: append(append([]string{}, h.rows...), extra...), disputes: h.disputes, confs: h.confs, asOf: asOf.String()}.run(t)
}

// TestProperties checks, over generated histories, rules that hold whatever
// the story: a statement row serves one order at most; outstanding is
// charged minus credited; rows of other merchants change no verdict; and a
// later as-of date never turns an alert into ok unless a credit came since.
func TestProperties(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 2026))
		h := genHistory(r)
		asOf := h.end.AddDays(-r.IntN(50))
		rep := h.report(t, asOf)
		desc := fmt.Sprintf("seed %d:\n%s\n%s\n%s", seed, strings.Join(h.rows, "\n"), strings.Join(h.disputes, "\n"), strings.Join(h.confs, "\n"))

		owner := map[string]string{}
		for _, o := range rep.Orders {
			for _, x := range append(append([]*parser.Transaction{}, o.Charges...), o.Credits...) {
				key := fmt.Sprintf("%s:%d", x.File, x.Line)
				if prev, ok := owner[key]; ok {
					t.Fatalf("%s\nrow %s serves %s and %s", desc, key, prev, o.Dispute.OrderID)
				}
				owner[key] = o.Dispute.OrderID
			}
			if !o.Outstanding.Equal(o.Charged.Sub(o.Credited)) {
				t.Fatalf("%s\n%s: outstanding %s != %s - %s", desc, o.Dispute.OrderID, o.Outstanding, o.Charged, o.Credited)
			}
		}

		// Other merchants inside the days the statements show change nothing.
		shown := rep.Coverages[0]
		var noise []string
		for i := range 20 {
			noise = append(noise, fmt.Sprintf("%s,SEVEN-ELEVEN %d,%d", day(shown.From, r.IntN(shown.To.Sub(shown.From)+1)), i, 100+r.IntN(30000)))
		}
		if got, want := verdicts(h.report(t, asOf, noise...)), verdicts(rep); got != want {
			t.Fatalf("%s\nother merchants' rows changed verdicts:\n%s\nwas:\n%s", desc, got, want)
		}

		// Later never turns an alert into ok without a credit in between.
		later := asOf.AddDays(1 + r.IntN(60))
		rep2 := h.report(t, later)
		for _, o := range rep.Orders {
			o2 := rep2.Orders[indexOfOrder(rep2, o.Dispute.OrderID)]
			if o.Severity() == Alert && o2.Severity() == OK && !creditBetween(rep2, asOf, later) && !alertMovedInTie(rep2, o, o2) {
				t.Fatalf("%s\n%s: alert (%s) as of %s became %s as of %s with no credit since", desc, o.Dispute.OrderID, o.Verdict, asOf, o2.Verdict, later)
			}
		}
	}
}

func verdicts(rep *Report) string {
	var b strings.Builder
	for _, o := range rep.Orders {
		fmt.Fprintf(&b, "%s %s %s\n", o.Dispute.OrderID, o.Verdict, o.Outstanding)
	}
	return b.String()
}

func indexOfOrder(rep *Report, id string) int {
	for i, o := range rep.Orders {
		if o.Dispute.OrderID == id {
			return i
		}
	}
	return -1
}

// alertMovedInTie reports whether an order that o tied with, or that o2 is
// interchangeable with, is at alert in rep2: the money missing across a tie
// may be counted on another of its orders once the statements tell more.
func alertMovedInTie(rep2 *Report, o, o2 *OrderResult) bool {
	for _, id := range append(slices.Clone(o.Ties().TiedWith), o2.Ties().InterchangeableWith...) {
		if i := indexOfOrder(rep2, id); i >= 0 && rep2.Orders[i].Severity() == Alert {
			return true
		}
	}
	return false
}

// creditBetween reports whether a credit of the report is dated after from
// and up to to: credits are shared out in passes over all of them (an exact
// credit first), so a later credit may move an earlier one to another order.
func creditBetween(rep *Report, from, to civil.Date) bool {
	in := func(ts []*parser.Transaction) bool {
		return slices.ContainsFunc(ts, func(c *parser.Transaction) bool { return c.Date.After(from) && !c.Date.After(to) })
	}
	if in(rep.UnassignedCredits) {
		return true
	}
	for _, o := range rep.Orders {
		if in(o.Credits) {
			return true
		}
	}
	return false
}
