package matcher

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// Orders are judged on every core; the report must be the one judging
// them one after another makes, order for order.
func TestMatchOnEveryCoreAsOnOne(t *testing.T) {
	st, disputes, confs := readWorkload(t, workload.Generate(40_000, 2_000, 3), nil)
	opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60}
	match := func(procs int) *Report {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return Match([]*parser.Statement{st}, disputes, confs, opts)
	}
	one, every := match(1), match(4)
	if len(one.Orders) != len(disputes) || len(every.Orders) != len(one.Orders) {
		t.Fatalf("%d and %d orders judged, of %d disputed", len(one.Orders), len(every.Orders), len(disputes))
	}
	for i := range one.Orders {
		a, b := one.Orders[i], every.Orders[i]
		if a.Dispute.OrderID != b.Dispute.OrderID || a.Verdict != b.Verdict || a.ReasonText() != b.ReasonText() || !reflect.DeepEqual(a.Charges, b.Charges) {
			t.Fatalf("order %d: %s %s %q on one core, %s %s %q on four", i, a.Dispute.OrderID, a.Verdict, a.ReasonText(), b.Dispute.OrderID, b.Verdict, b.ReasonText())
		}
	}
	if one.Unknown.Len() != every.Unknown.Len() {
		t.Fatalf("%d unknown charges on one core, %d on four", one.Unknown.Len(), every.Unknown.Len())
	}
	for i := range one.Unknown.Len() {
		a, av := one.Unknown.Row(i)
		b, bv := every.Unknown.Row(i)
		if a.Line != b.Line || av.Cmp(bv) != 0 {
			t.Fatalf("unknown charge %d: line %d on one core, %d on four", i, a.Line, b.Line)
		}
	}
}

// A Matching keeps what its Match found in its orders: a second Match would
// start from that, so it must not run at all.
func TestMatchingMatchesOnce(t *testing.T) {
	st, disputes, confs := readWorkload(t, workload.Generate(2_000, 20, 3), nil)
	m := Prepare(disputes, confs, Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60})
	if rep := m.Match([]*parser.Statement{st}); len(rep.Orders) != len(disputes) {
		t.Fatalf("%d orders judged, of %d disputed", len(rep.Orders), len(disputes))
	}
	defer func() {
		if recover() == nil {
			t.Errorf("a second Match ran")
		}
	}()
	m.Match([]*parser.Statement{st})
}
