package matcher

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// TestSharedSentencesStayAsMade checks that the sentences without arguments,
// made once and shared by the orders, are what each order says, and that
// judging thousands of orders on every core and printing their reasons
// leaves them as they were made.
func TestSharedSentencesStayAsMade(t *testing.T) {
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	st, disputes, confs := readWorkload(t, workload.Generate(20_000, 200, 1), amazon)
	opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60, Amazon: amazon}
	rep := Match([]*parser.Statement{st}, disputes, confs, opts)
	shared := 0
	for _, o := range rep.Orders {
		for _, m := range o.Reason {
			if m.Format == adviceNothingMissing.Format {
				if m != adviceNothingMissing {
					t.Fatalf("order %s says %q with a sentence of its own, want the shared one", o.Dispute.OrderID, m.Format)
				}
				shared++
			}
		}
		if text := o.ReasonText(); strings.Contains(text, "%!") {
			t.Fatalf("order %s: reason %q", o.Dispute.OrderID, text)
		}
	}
	if shared < 2 {
		t.Fatalf("%d orders say %q, want several (the workload refunds many)", shared, adviceNothingMissing.Format)
	}
	for _, m := range []struct {
		got  string
		args int
		want string
	}{
		{adviceNothingMissing.String(), len(adviceNothingMissing.Args), "nothing is missing now"},
		{adviceNothingMore.String(), len(adviceNothingMore.Args), "nothing more to do"},
		{sayNoCreditSince.String(), len(sayNoCreditSince.Args), "no credit since"},
		{adviceCallAmazon.String(), len(adviceCallAmazon.Args), "call Amazon, then the card issuer"},
	} {
		if m.got != m.want || m.args != 0 {
			t.Errorf("shared sentence %q with %d arguments, want %q with none", m.got, m.args, m.want)
		}
	}
}
