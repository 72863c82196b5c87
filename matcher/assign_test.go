package matcher

import (
	"fmt"
	"strings"
	"testing"
)

// charged lists the dates of an order's charges and candidates, for messages.
func charged(o *OrderResult) string {
	var b strings.Builder
	for _, t := range o.Charges {
		fmt.Fprintf(&b, "charge %s ", t.Date)
	}
	for _, t := range o.Ties().Candidates {
		fmt.Fprintf(&b, "candidate %s ", t.Date)
	}
	return strings.TrimSpace(b.String())
}

func orderByID(t *testing.T, rep *Report, id string) *OrderResult {
	t.Helper()
	for _, o := range rep.Orders {
		if o.Dispute.OrderID == id {
			return o
		}
	}
	t.Fatalf("order %s not in the report", id)
	return nil
}

// TestOneChargePerOrder checks that charges of one amount are shared out one
// to an order, nearest first, before any order takes a second one.
func TestOneChargePerOrder(t *testing.T) {
	const orderC = "250-5550001-0000003"
	tests := []struct {
		name     string
		rows     []string
		disputes []string
		confs    []string
		want     map[string]string // order id: verdict and the dates of its rows
		reasons  map[string]string
		unknown  []string
	}{
		{
			name:     "two orders four days apart and two charges: each order takes one",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-06,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-01,12800,JPY", orderB + ",2026-03-05,12800,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-04",
				orderB: "unanswered charge 2026-03-06",
			},
		},
		{
			name:     "a charge the same distance before one order and after another is the earlier order's",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-03,12800,JPY", orderB + ",2026-03-05,12800,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-04",
				orderB: "not-charged",
			},
		},
		{
			name:     "three orders of one day and three charges of one day: one each, no tie",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-03,AMAZON.CO.JP,5000", "2026-03-03,AMAZON.CO.JP,5000", "2026-03-03,AMAZON.CO.JP,5000", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-02,5000,JPY", orderB + ",2026-03-02,5000,JPY", orderC + ",2026-03-02,5000,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-03",
				orderB: "unanswered charge 2026-03-03",
				orderC: "unanswered charge 2026-03-03",
			},
		},
		{
			name: "two identical orders of one day, one charge near and one later: interchangeable, charges in order of order id",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-03,AMAZON.CO.JP,5000", "2026-03-09,AMAZON.CO.JP,5000", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-02,5000,JPY", orderB + ",2026-03-02,5000,JPY",
				orderC + ",2026-03-20,5000,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-03",
				orderB: "unanswered charge 2026-03-09",
				orderC: "not-charged",
			},
			reasons: map[string]string{orderA: "interchangeable with " + orderB},
		},
		{
			name:     "a tie's charge is not given to an order farther away",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-02,12800,JPY", orderB + ",2026-03-02,12800,JPY", orderC + ",2026-03-10,12800,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-04",
				orderB: "not-charged",
				orderC: "not-charged",
			},
		},
		{
			name:     "a second charge goes to the order without one, even if farther",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-05,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-03,12800,JPY", orderB + ",2026-03-08,12800,JPY"},
			want: map[string]string{
				orderA: "unanswered charge 2026-03-04",
				orderB: "unanswered charge 2026-03-05",
			},
		},
		{
			name:     "billed again after Amazon's word, no other order: the order's second charge",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-15,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-02,12800,JPY"},
			confs:    []string{orderA + ",2026-03-10,refund"},
			want:     map[string]string{orderA: "still-charged charge 2026-03-04 charge 2026-04-15"},
		},
		{
			name: "billed again when two charged orders could have been: both ambiguous",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800",
				"2026-03-21,AMAZON.CO.JP,12800", "2026-04-15,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-02,12800,JPY", orderB + ",2026-03-20,12800,JPY"},
			confs:    []string{orderA + ",2026-03-10,refund", orderB + ",2026-03-25,refund"},
			want: map[string]string{
				orderA: "ambiguous charge 2026-03-04 candidate 2026-04-15",
				orderB: "ambiguous charge 2026-03-21 candidate 2026-04-15",
			},
			reasons: map[string]string{orderA: "12,800 JPY on 2026-04-15 could be a second billing of this order or of " + orderB},
		},
		{
			name:     "billed twice around the order date, no other order: both charges are the order's",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-18,AMAZON.CO.JP,12800", "2026-03-21,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"},
			disputes: []string{orderA + ",2026-03-20,12800,JPY"},
			want:     map[string]string{orderA: "unanswered charge 2026-03-18 charge 2026-03-21"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: tt.disputes, confs: tt.confs}.run(t)
			for id, want := range tt.want {
				o := orderByID(t, rep, id)
				if got := strings.TrimSpace(string(o.Verdict) + " " + charged(o)); got != want {
					t.Errorf("%s: %s, want %s (%s)", id, got, want, o.ReasonText())
				}
				if phrase := tt.reasons[id]; !strings.Contains(o.ReasonText(), phrase) {
					t.Errorf("%s: reason %q does not say %q", id, o.ReasonText(), phrase)
				}
			}
			var unknown []string
			for u := range rep.Unknown.All() {
				unknown = append(unknown, u.Date.String())
			}
			if strings.Join(unknown, " ") != strings.Join(tt.unknown, " ") {
				t.Errorf("unknown charges on %v, want %v", unknown, tt.unknown)
			}
		})
	}
}
