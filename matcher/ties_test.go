package matcher

import (
	"strings"
	"testing"
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
