package matcher

import (
	"strings"
	"testing"
)

// orderC is a third order, of the amount of order A in some stories.
const orderC = "250-1111111-1111111"

// TestOverCredit gives a credit larger than what an order still owes to the
// order whose charge it follows, when that is clear.
// TestCreditTie gives a credit that two orders fit equally to neither where
// the choice changes a verdict: both are ambiguous, with the credit as a
// candidate.
func TestCreditTie(t *testing.T) {
	rows := []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"}
	disputes := []string{orderA + ",2026-03-02,12800,JPY", orderB + ",2026-03-02,12800,JPY"}
	rep := story{rows: rows, disputes: disputes, confs: []string{orderA + ",2026-03-10,refund"}}.run(t)
	for _, o := range rep.Orders {
		other := orderB
		if o.Dispute.OrderID == orderB {
			other = orderA
		}
		want := "the credit of 12,800 JPY on 2026-03-12 could refund this order or " + other
		if o.Verdict != Ambiguous || o.Severity() != Review || len(o.Credits) != 0 || len(o.Ties().Candidates) != 1 || !strings.Contains(o.ReasonText(), want) {
			t.Errorf("%s: %s %s credits %d candidates %d: %s", o.Dispute.OrderID, o.Verdict, o.Severity(), len(o.Credits), len(o.Ties().Candidates), o.ReasonText())
		}
	}
}

func TestOverCredit(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	confA := orderA + ",2026-03-10,refund"
	B := orderB + ",2026-03-05,4800,JPY"
	confB := orderB + ",2026-03-10,refund"
	tests := []struct {
		name     string
		rows     []string
		disputes []string
		confs    []string
		want     map[string]string // verdict, credited and outstanding
		reason   string            // a phrase of orderA's reason
	}{
		{
			name:     "credited 500 yen more than the charge: refunded, the over-credit said",
			rows:     []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-13300", "2026-04-20,LAWSON,1"},
			disputes: []string{A}, confs: []string{confA},
			want:   map[string]string{orderA: "refunded 13300 -500"},
			reason: "charged 12,800 JPY on 2026-03-04, credited 13,300 JPY on 2026-03-12; 500 JPY more was credited than charged",
		},
		{
			name: "two open orders: the over-credit goes to the one whose charge it follows",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,4800", "2026-03-06,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-13300", "2026-04-20,LAWSON,1"},
			disputes: []string{A, B}, confs: []string{confA, confB},
			want: map[string]string{orderA: "refunded 13300 -500", orderB: "still-charged 0 4800"},
		},
		{
			name: "a larger credit that follows another Amazon charge is not the order's",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-08,AMAZON.CO.JP,20000",
				"2026-03-15,AMAZON.CO.JP,-20000", "2026-04-20,LAWSON,1"},
			disputes: []string{A}, confs: []string{confA},
			want: map[string]string{orderA: "still-charged 0 12800"},
		},
		{
			name: "charges of two orders on one day, then a smaller credit either could take: the first by order date takes it, said",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-06,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-3000", "2026-04-20,LAWSON,1"},
			disputes: []string{A, B}, confs: []string{confA, confB},
			want:   map[string]string{orderA: "partially-refunded 3000 9800", orderB: "still-charged 0 4800"},
			reason: "the credit of 3,000 JPY on 2026-03-12 fits " + orderB + " as well: it was counted for this order, the first by order date, then order id",
		},
		{
			name: "a smaller credit only one order still has that much out for goes to it",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-06,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-6000", "2026-04-20,LAWSON,1"},
			disputes: []string{A, B}, confs: []string{confA, confB},
			want: map[string]string{orderA: "partially-refunded 6000 6800", orderB: "still-charged 0 4800"},
		},
		{
			name: "charges of two orders on one day, then a larger credit: neither takes it",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-06,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-13300", "2026-04-20,LAWSON,1"},
			disputes: []string{A, B}, confs: []string{confA, confB},
			want: map[string]string{orderA: "still-charged 0 12800", orderB: "still-charged 0 4800"},
		},
		{
			name: "two orders of one amount, charged on one day, and one credit of it: the first by order date takes it, said",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-04,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"},
			disputes: []string{A, orderC + ",2026-03-03,12800,JPY"}, confs: []string{confA, orderC + ",2026-03-10,refund"},
			want:   map[string]string{orderA: "refunded 12800 0", orderC: "still-charged 0 12800"},
			reason: "fits " + orderC + " as well",
		},
		{
			name: "two orders of one amount, and one credit of it: the one charged nearer before it takes it",
			rows: []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-08,AMAZON.CO.JP,12800",
				"2026-03-12,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"},
			disputes: []string{A, orderC + ",2026-03-07,12800,JPY"}, confs: []string{confA, orderC + ",2026-03-10,refund"},
			want: map[string]string{orderA: "still-charged 0 12800", orderC: "refunded 12800 0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: tt.disputes, confs: tt.confs}.run(t)
			for id, want := range tt.want {
				o := orderByID(t, rep, id)
				if got := string(o.Verdict) + " " + o.Credited.String() + " " + o.Outstanding.String(); got != want {
					t.Errorf("%s: %s, want %s (%s)", id, got, want, o.ReasonText())
				}
			}
			if o := orderByID(t, rep, orderA); !strings.Contains(o.ReasonText(), tt.reason) {
				t.Errorf("reason %q does not say %q", o.ReasonText(), tt.reason)
			}
		})
	}
}
