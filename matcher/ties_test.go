package matcher

import (
	"fmt"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestTies judges ties of charges under each equally good assignment: the
// same multiset of verdicts makes the orders interchangeable, else they are
// ambiguous, at alert where every assignment leaves an order at alert.
func TestTies(t *testing.T) {
	gift := func(id string) string { return id + ",2026-03-02,3000,JPY" }
	tests := []struct {
		name     string
		rows     []string
		disputes []string
		confs    []string
		// want per order: verdict, severity, charged, and the orders named
		want map[string]string
		// tieOut is the tie's missing total on its first order ("" for none).
		tieOut string
		reason map[string]string
	}{
		{
			name:     "two gift cards, both confirmed refunded, one charge and no credit past grace: the first is still charged",
			rows:     []string{"2026-02-25,LAWSON,1", "2026-03-02,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			disputes: []string{gift(orderA), gift(orderB)},
			confs:    []string{orderA + ",2026-03-05,refund", orderB + ",2026-03-05,refund"},
			want: map[string]string{
				orderA: "still-charged alert 3000 interchangeable " + orderB,
				orderB: "not-charged ok 0 interchangeable " + orderA,
			},
			reason: map[string]string{orderA: "interchangeable with " + orderB + ": whichever of these orders each charge belongs to, the verdicts are the same"},
		},
		{
			name:     "two gift cards, two charges a day apart: both still charged",
			rows:     []string{"2026-02-25,LAWSON,1", "2026-03-03,AMAZON.CO.JP,3000", "2026-03-04,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			disputes: []string{gift(orderA), gift(orderB)},
			confs:    []string{orderA + ",2026-03-05,refund", orderB + ",2026-03-05,refund"},
			want: map[string]string{
				orderA: "still-charged alert 3000 interchangeable " + orderB,
				orderB: "still-charged alert 3000 interchangeable " + orderA,
			},
		},
		{
			name:     "one charge, a part credit, one order confirmed refunded and one cancelled before the charge: every way leaves an alert",
			rows:     []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,3000", "2026-03-20,AMAZON.CO.JP,-1000", "2026-04-20,LAWSON,1"},
			disputes: []string{gift(orderA), gift(orderB)},
			confs:    []string{orderA + ",2026-03-10,refund", orderB + ",2026-03-01,cancel"},
			want: map[string]string{
				orderA: "ambiguous alert 0 tied " + orderB,
				orderB: "ambiguous alert 0 tied " + orderA,
			},
			tieOut: "2000",
			reason: map[string]string{orderA: "2,000 JPY is missing whichever order the charges belong to"},
		},
		{
			name:     "one charge, one order confirmed and one not: ambiguous at review",
			rows:     []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			disputes: []string{gift(orderA), gift(orderB)},
			confs:    []string{orderA + ",2026-03-10,refund"},
			want: map[string]string{
				orderA: "ambiguous review 0 tied " + orderB,
				orderB: "ambiguous review 0 tied " + orderA,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: tt.disputes, confs: tt.confs}.run(t)
			for _, o := range rep.Orders {
				id := o.Dispute.OrderID
				named, kind := o.Ties().InterchangeableWith, "interchangeable"
				if o.Verdict == Ambiguous {
					named, kind = o.Ties().TiedWith, "tied"
				}
				got := strings.Join([]string{string(o.Verdict), o.Severity().String(), o.Charged.String(), kind, strings.Join(named, " ")}, " ")
				if got != tt.want[id] {
					t.Errorf("%s: %s, want %s (%s)", id, got, tt.want[id], o.ReasonText())
				}
				if o.Verdict == Ambiguous && len(o.Charges) > 0 {
					t.Errorf("%s: ambiguous with charges %v", id, o.Charges)
				}
				if phrase := tt.reason[id]; !strings.Contains(o.ReasonText(), phrase) {
					t.Errorf("%s: reason %q does not say %q", id, o.ReasonText(), phrase)
				}
			}
			first := rep.Orders[0]
			for _, o := range rep.Orders {
				if o.Ties().HasTieOutstanding {
					first = o
				}
			}
			got := ""
			if first.Ties().HasTieOutstanding {
				got = first.Tied.TieOutstanding.String()
			}
			if got != tt.tieOut {
				t.Errorf("tie outstanding %q, want %q", got, tt.tieOut)
			}
		})
	}
}

// TestMergeTies checks that ties sharing an order, directly, through
// another tie, or through an order of a tie joined before, become one tie
// with all their demands and charges (each charge once), and that ties
// sharing none stay apart, in order.
func TestMergeTies(t *testing.T) {
	o := make([]*order, 7)
	for i := range o {
		o[i] = &order{}
	}
	c := make([]*parser.Transaction, 6)
	for i := range c {
		c[i] = &parser.Transaction{Line: i + 1}
	}
	tieOf := func(charges []*parser.Transaction, owners ...*order) *tie {
		t := &tie{charges: charges}
		for _, x := range owners {
			t.demands = append(t.demands, &demand{o: x})
		}
		return t
	}
	ties := []*tie{
		tieOf([]*parser.Transaction{c[0]}, o[0], o[1]),
		tieOf([]*parser.Transaction{c[1]}, o[2], o[3]),
		tieOf([]*parser.Transaction{c[2]}, o[4], o[5]),       // shares no order
		tieOf([]*parser.Transaction{c[3], c[0]}, o[1], o[2]), // joins the first two
		tieOf([]*parser.Transaction{c[4]}, o[3], o[6]),       // reaches them through an order of the second
	}
	got := mergeTies(ties)
	if len(got) != 2 {
		t.Fatalf("%d ties, want 2", len(got))
	}
	owners := func(t *tie) (n int) {
		seen := map[*order]bool{}
		for _, d := range t.demands {
			seen[d.o] = true
		}
		return len(seen)
	}
	if owners(got[0]) != 5 || len(got[0].demands) != 8 || len(got[0].charges) != 4 {
		t.Errorf("merged tie: %d orders, %d demands, %d charges; want 5, 8, 4", owners(got[0]), len(got[0].demands), len(got[0].charges))
	}
	if owners(got[1]) != 2 || len(got[1].charges) != 1 || got[1].charges[0] != c[2] {
		t.Errorf("the tie sharing no order was changed: %d orders, %d charges", owners(got[1]), len(got[1].charges))
	}
}

// TestChainOfShipmentTies judges a tie of twelve orders merged through
// the shipments they share, each charge either of two orders': 2,048
// equally good ways, among many more that give out fewer charges, which
// the search passes by. Every way leaves charges out past grace with
// nothing credited: all twelve are at alert, every charge missing.
func TestChainOfShipmentTies(t *testing.T) {
	const n = 12
	day := civil.MustDate("2026-03-01")
	var s story
	s.asOf = "2026-05-10"
	s.rows = []string{"2026-02-25,LAWSON,1", "2026-03-03,AMAZON.CO.JP,1500"}
	total := decimal.NewFromInt(1500 + 1700)
	for k := range n {
		id := fmt.Sprintf("250-%07d-%07d", 4100233+k, 1650011+k)
		var sh []parser.Shipment
		if k == 0 {
			sh = append(sh, parser.Shipment{Date: day.AddDays(2), Amount: decimal.NewFromInt(1500)})
		} else {
			sh = append(sh, parser.Shipment{Date: day.AddDays(2 + k), Amount: decimal.NewFromInt(int64(2000 + 100*(k-1)))})
		}
		if k < n-1 {
			amt := decimal.NewFromInt(int64(2000 + 100*k))
			sh = append(sh, parser.Shipment{Date: day.AddDays(3 + k), Amount: amt})
			s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.CO.JP,%s", day.AddDays(3+k), amt))
			total = total.Add(amt)
		} else {
			sh = append(sh, parser.Shipment{Date: day.AddDays(3 + n), Amount: decimal.NewFromInt(1700)})
		}
		sum := sh[0].Amount.Add(sh[1].Amount)
		s.disputes = append(s.disputes, fmt.Sprintf("%s,%s,%s,JPY", id, day.AddDays(k), sum))
		s.confs = append(s.confs, id+",2026-03-20,refund")
		s.shipmentsOf = append(s.shipmentsOf, sh)
	}
	s.rows = append(s.rows, fmt.Sprintf("%s,AMAZON.CO.JP,1700", day.AddDays(3+n)), "2026-05-01,LAWSON,1")
	rep := s.run(t)
	first := 0
	for _, o := range rep.Orders {
		if o.Verdict != Ambiguous || o.Severity() != Alert {
			t.Errorf("%s: %s %s, want ambiguous at alert", o.Dispute.OrderID, o.Verdict, o.Severity())
		}
		if o.Ties().HasTieOutstanding {
			first++
			if !o.Ties().TieOutstanding.Equal(total) {
				t.Errorf("missing across the tie %s, want every charge, %s", o.Ties().TieOutstanding, total)
			}
		}
	}
	if first != 1 {
		t.Errorf("the tie's total is given on %d orders, want 1", first)
	}
}
