package report

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestTimelineDrawnEscaped checks that an order's timeline is drawn with
// its texts escaped as the rest of the view's: an order id with a
// bidirectional control shows it as a visible escape in the timeline's
// label too.
func TestTimelineDrawnEscaped(t *testing.T) {
	d := civil.MustDate
	rep := &matcher.Report{AsOf: d("2026-03-09"), Grace: 30, Watch: 60}
	for i, id := range []string{"250-4418372-2290415", "250-1111111-\u202e2222222"} {
		o := &matcher.OrderResult{
			Dispute: &parser.Dispute{OrderID: id, OrderDate: d("2026-03-02"), Amount: decimal.RequireFromString("30000"), Currency: "JPY"},
			Charges: []*parser.Transaction{{Date: d("2026-03-03"), Amount: decimal.RequireFromString("30000"), Currency: "JPY", File: "vpass.csv", Line: 7 + i}},
		}
		o.Coverage = &matcher.Coverage{To: d("2026-03-08")}
		rep.Orders = append(rep.Orders, o)
	}
	l := i18n.New(i18n.English)
	v := Build(&input.Inputs{}, rep, l)
	if len(v.Orders) != 2 {
		t.Fatalf("%d orders in the view, want 2", len(v.Orders))
	}
	for _, o := range v.Orders {
		if tl := o.DrawTimeline(rep, l); len(tl.Marks) == 0 || !strings.Contains(tl.Label, "timeline of order") {
			t.Errorf("order %s: timeline %+v", o.ID, tl)
		}
	}
	label := v.Orders[1].DrawTimeline(rep, l).Label
	if strings.ContainsRune(label, '\u202e') || !strings.Contains(label, "<U+202E>") {
		t.Errorf("timeline label %q: the control is not escaped", label)
	}
}
