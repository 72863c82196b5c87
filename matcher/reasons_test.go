package matcher

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// TestReasonsSayWhatToDo checks the advice at the end of each kind of reason.
func TestReasonsSayWhatToDo(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	confA := orderA + ",2026-03-10,refund"
	cancelA := orderA + ",2026-03-05,cancel"
	tests := []struct {
		name   string
		rows   []string
		confs  []string
		want   Verdict
		reason string
	}{
		{"not charged, Amazon said nothing yet",
			[]string{"2026-02-25,LAWSON,1", "2026-04-20,LAWSON,1"}, nil, NotCharged,
			"no charge of 12,800 JPY between 2026-02-27 and 2026-04-01; no confirmation from Amazon yet: keep checking new statements, and add Amazon's confirmation when it comes, to know until when to watch"},
		{"not charged, watched to the end",
			[]string{"2026-02-25,LAWSON,1", "2026-05-20,LAWSON,1"}, []string{cancelA}, NotCharged,
			"closed: the statements reach 2026-05-04, the end of the watch; nothing more to do"},
		{"refunded, Amazon said nothing",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"}, nil, Refunded,
			"credited 12,800 JPY on 2026-03-12; nothing is missing now; no confirmation from Amazon yet: keep checking new statements"},
		{"refunded, still watched",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"}, []string{confA}, Refunded,
			"nothing is missing now; keep checking until 2026-05-09"},
		{"billed after the cancellation, then credited: refunded, and said",
			[]string{"2026-02-25,LAWSON,1", "2026-03-07,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"}, []string{cancelA}, Refunded,
			"charged 12,800 JPY on 2026-03-07, credited 12,800 JPY on 2026-03-20; 12,800 JPY on 2026-03-07 was billed after Amazon confirmed the cancellation on 2026-03-05, and has been credited since; nothing is missing now; keep checking until 2026-05-04"},
		{"billed again after the refund, then credited again",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-15,AMAZON.CO.JP,12800", "2026-04-18,AMAZON.CO.JP,-12800", "2026-04-20,LAWSON,1"}, []string{confA}, Refunded,
			"12,800 JPY on 2026-04-15 was billed after Amazon confirmed the refund on 2026-03-10, and has been credited since"},
		{"part credited, credit not yet due: the credit is said",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-5000", "2026-04-01,LAWSON,1"}, []string{confA}, AwaitingRefund,
			"credited 5,000 JPY on 2026-03-20; 7,800 JPY still missing; expect a credit by 2026-04-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: []string{A}, confs: tt.confs}.run(t)
			o := rep.Orders[0]
			if o.Verdict != tt.want || !strings.Contains(o.ReasonText(), tt.reason) {
				t.Errorf("%s: %q\nwant %s saying %q", o.Verdict, o.ReasonText(), tt.want, tt.reason)
			}
		})
	}
}

// advice are the sentences that say what to do next; every reason ends with one.
var advice = []string{
	"call the card issuer and dispute the charge",
	"call Amazon, then the card issuer",
	"keep checking until %s",
	"nothing more to do",
	"no confirmation from Amazon yet: keep checking new statements, and add Amazon's confirmation when it comes, to know until when to watch",
	"Amazon has not confirmed a refund or cancellation yet: add it to the confirmations when it does",
	"add the statements from %s to %s",
	"add the statements of %s",
	"the statements reach only %s: add the newer ones",
	"call the card issuer and dispute the charges: name every order listed here",
	"ask Amazon again, or dispute the charge with the card issuer",
	"the credit of %s could refund this order or %s (each charged as near before it), and which changes the verdicts: ask Amazon which order it refunds",
	"the credit of %s could refund this order or %s (each charged as near before it): ask Amazon which order it refunds",
}

// TestEveryReasonEndsWithWhatToDo checks over generated histories that the
// reason of every order, whatever its verdict, ends by saying what to do.
func TestEveryReasonEndsWithWhatToDo(t *testing.T) {
	seen := map[Verdict]bool{}
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 7))
		h := genHistory(r)
		rep := h.report(t, h.end.AddDays(-r.IntN(50)))
		for _, o := range rep.Orders {
			seen[o.Verdict] = true
			last := o.Reason[len(o.Reason)-1].Format
			if !contains(advice, last) && !strings.HasSuffix(last, "compare the rows with Amazon's order details") {
				t.Fatalf("seed %d: %s (%s) ends without advice: %q", seed, o.Dispute.OrderID, o.Verdict, o.ReasonText())
			}
		}
	}
	if len(seen) < 6 {
		t.Errorf("only verdicts %v were generated", seen)
	}
}

// TestUnknownChargeReason checks what the report says of unknown charges.
func TestUnknownChargeReason(t *testing.T) {
	s := story{
		rows:     []string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-06,AMAZON.CO.JP,5000", "2026-04-20,LAWSON,1"},
		disputes: []string{orderA + ",2026-03-02,12800,JPY"},
	}
	rep := s.run(t)
	if got := msg.Join(rep.UnknownReason()); !strings.Contains(got, "look for it in your Amazon order history, archived orders too") ||
		!strings.Contains(got, "pass Amazon's order history with --orders") {
		t.Errorf("without --orders: %q", got)
	}
	rep = s.runWith(t, func(o *Options) { o.Own = []OwnOrder{ownOrder("249-3301845-6627190", "2026-01-10", "999")} })
	if got := msg.Join(rep.UnknownReason()); !strings.Contains(got, "and to none of your own orders") || strings.Contains(got, "--orders") {
		t.Errorf("with --orders: %q", got)
	}
}

// Orders outside the statements say so, each with the statements to add;
// those of one coverage share its sentence, and a card with no statement
// says it has none.
func TestOrdersOutsideTheStatements(t *testing.T) {
	s := story{
		rows:     []string{"VISA 1111,2026-01-05,LAWSON,1", "VISA 1111,2026-02-10,LAWSON,1"},
		cards:    true,
		disputes: []string{orderA + ",2026-03-02,12800,JPY,1111", orderB + ",2026-05-20,5000,JPY,1111", "250-1111111-2222222,2026-03-02,7000,JPY,9999"},
		want:     map[string]Verdict{orderA: NotCovered, orderB: NotCovered, "250-1111111-2222222": NotCovered},
		reasons: map[string]string{
			orderA:                "no charge found, but the statements cover only 2026-01-05 to 2026-02-10; add the statements from 2026-03-02 to 2026-04-01",
			orderB:                "no charge found, but the statements cover only 2026-01-05 to 2026-02-10; add the statements from 2026-05-20 to 2026-06-19",
			"250-1111111-2222222": "no charge found, but no statement of 9999 was given; add the statements from 2026-03-02 to 2026-04-01",
		},
	}
	rep := s.run(t)
	for _, o := range rep.Orders {
		id := o.Dispute.OrderID
		if o.Verdict != s.want[id] || o.ReasonText() != s.reasons[id] {
			t.Errorf("%s: %s %q\nwant %s %q", id, o.Verdict, o.ReasonText(), s.want[id], s.reasons[id])
		}
	}
}

// TestGrounds checks why each alert is one, which decides what the person
// asks the card issuer for, and that its reason says only what the rows show.
func TestGrounds(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	refund, cancel := orderA+",2026-03-10,refund", orderA+",2026-03-05,cancel"
	tests := []struct {
		name     string
		rows     []string
		disputes []string // A when nil
		confs    []string
		want     Grounds // of every order
		reason   string
	}{
		{"charge before H, no credit by H + grace: credit overdue",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"}, nil, []string{refund}, CreditOverdue,
			"charged 12,800 JPY on 2026-03-04; Amazon confirmed the refund on 2026-03-10; no credit came by 2026-04-09 (30 days later), and the statements reach 2026-04-20; call Amazon, then the card issuer"},
		{"charge after H: billed after Amazon's word",
			[]string{"2026-02-25,LAWSON,1", "2026-03-18,AMAZON.CO.JP,12800", "2026-03-20,LAWSON,1"}, nil, []string{refund}, BilledAfterWord,
			"charged 12,800 JPY on 2026-03-18, after Amazon confirmed the refund on 2026-03-10; no credit since; call the card issuer and dispute the charge"},
		{"charge before H and again after it: only the second is said to come after",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-15,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"}, nil, []string{refund}, BilledAfterWord,
			"charged 12,800 JPY on 2026-03-04 before Amazon confirmed the refund on 2026-03-10, and 12,800 JPY on 2026-04-15 after it; credited 12,800 JPY on 2026-03-12; 12,800 JPY still missing; call the card issuer and dispute the charge"},
		{"part credited past grace",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-5000", "2026-04-20,LAWSON,1"}, nil, []string{refund}, PartCredited,
			"charged 12,800 JPY on 2026-03-04; Amazon confirmed the refund on 2026-03-10; credited 5,000 JPY on 2026-03-20; 7,800 JPY still missing on 2026-04-09 (30 days later), and the statements reach 2026-04-20; call Amazon, then the card issuer"},
		{"billed after a cancellation",
			[]string{"2026-02-25,LAWSON,1", "2026-03-07,AMAZON.CO.JP,12800", "2026-03-08,LAWSON,1"}, nil, []string{cancel}, BilledAfterCancel,
			"charged 12,800 JPY on 2026-03-07, after Amazon confirmed the cancel on 2026-03-05; no credit since; call the card issuer and dispute the charge"},
		{"within grace: no grounds",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,LAWSON,1"}, nil, []string{refund}, NoGrounds, "expect a credit by 2026-04-09"},
		{"two sets of charges add up to the order, each leaving it unpaid: a tie across sets",
			[]string{"2026-02-25,LAWSON,1", "2026-03-03,AMAZON.CO.JP,2800", "2026-03-04,AMAZON.CO.JP,2800", "2026-03-05,AMAZON.CO.JP,10000", "2026-03-06,AMAZON.CO.JP,10000", "2026-04-20,LAWSON,1"},
			nil, []string{refund}, TieAcrossSets, "12,800 JPY is missing whichever set of charges is this order's"},
		{"a credit that could refund either of two orders, each way leaving one unpaid: a credit tie",
			[]string{"2026-02-25,LAWSON,1", "2026-03-03,AMAZON.CO.JP,2000", "2026-03-04,AMAZON.CO.JP,3000", "2026-03-04,AMAZON.CO.JP,3000", "2026-03-12,AMAZON.CO.JP,-3000", "2026-04-20,LAWSON,1"},
			[]string{orderA + ",2026-03-02,3000,JPY", orderB + ",2026-03-02,5000,JPY"}, []string{orderA + ",2026-03-06,refund", orderB + ",2026-03-06,refund"},
			CreditTieAcrossOrders, "5,000 JPY is missing whichever order the credit refunds"},
		{"one charge that could be either of two orders, each way leaving one unpaid: a tie across orders",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,3000", "2026-03-20,AMAZON.CO.JP,-1000", "2026-04-20,LAWSON,1"},
			[]string{orderA + ",2026-03-02,3000,JPY", orderB + ",2026-03-02,3000,JPY"}, []string{orderA + ",2026-03-10,refund", orderB + ",2026-03-01,cancel"},
			TieAcrossOrders, "2,000 JPY is missing whichever order the charges belong to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			disputes := tt.disputes
			if disputes == nil {
				disputes = []string{A}
			}
			for _, o := range (story{rows: tt.rows, disputes: disputes, confs: tt.confs}.run(t).Orders) {
				if o.Grounds != tt.want || !strings.Contains(o.ReasonText(), tt.reason) {
					t.Errorf("%s: grounds %d, %q\nwant %d saying %q", o.Dispute.OrderID, o.Grounds, o.ReasonText(), tt.want, tt.reason)
				}
			}
		})
	}
}

// TestTxnListText checks how a list of statement rows reads inside a
// reason, from none to several, a row billed in another currency among
// them, and that AppendText (which the reasons use) appends it after what
// is there.
func TestTxnListText(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	row := func(days int, amt, cur string) *parser.Transaction {
		return &parser.Transaction{Date: day.AddDays(days), Amount: decimal.RequireFromString(amt), Currency: cur}
	}
	tests := []struct {
		list TxnList
		want string
	}{
		{TxnList{Currency: "USD"}, "nothing"},
		{TxnList{Txns: []*parser.Transaction{row(0, "1299.5", "")}, Currency: "USD"}, "1,299.50 USD on 2026-03-02"},
		{TxnList{Txns: []*parser.Transaction{row(0, "10", ""), row(1, "-20", "")}, Currency: "EUR"}, "10.00 EUR on 2026-03-02 and 20.00 EUR on 2026-03-03"},
		{TxnList{Txns: []*parser.Transaction{row(0, "10", ""), row(1, "2980", "JPY"), row(2, "5", "")}, Currency: "USD",
			Exchanged: &Exchanged{Values: []decimal.Decimal{decimal.RequireFromString("10"), decimal.RequireFromString("19.99"), decimal.RequireFromString("5")},
				Foreign: []bool{false, true, false}}},
			"10.00 USD on 2026-03-02, 19.99 USD (billed as 2,980 JPY) on 2026-03-03 and 5.00 USD on 2026-03-04"},
	}
	for _, tt := range tests {
		if got := tt.list.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		if got, _ := tt.list.AppendText([]byte("x: ")); string(got) != "x: "+tt.want {
			t.Errorf("AppendText = %q, want %q after what was there", got, "x: "+tt.want)
		}
	}
}
