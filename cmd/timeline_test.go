package cmd

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
)

// TestTimelineTicksAreBounded draws the timeline of orders whose stories
// span from a month to ten years: a tick a month while they fit, a tick a
// year beyond, never more than tlMaxTicks.
func TestTimelineTicksAreBounded(t *testing.T) {
	tests := []struct {
		watch     int
		wantTicks int
	}{
		{60, 11},   // to two days past the as-of date: a tick a month, March 2026 … January 2027
		{3650, 10}, // to 2036-03-10 and more: a tick a year, 2027 … 2036
	}
	for _, tt := range tests {
		st, err := parser.ReadStatement("a.csv", strings.NewReader("Date,Description,Amount\n2026-03-01,LAWSON,1\n"), parser.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ds, err := parser.ReadDisputes("d.csv", strings.NewReader("order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n"))
		if err != nil {
			t.Fatal(err)
		}
		confs := []parser.Confirmation{{OrderID: "250-1234567-1234567", ConfirmedOn: parser.MustDate("2026-03-10"), Kind: parser.KindRefund}}
		rep := matcher.Match([]*parser.Statement{st}, ds, confs, matcher.Options{AsOf: parser.MustDate("2026-12-31"), Grace: 30, Watch: tt.watch})
		tl := newTimeline(rep.Orders[0], rep, newLocalizer("en"))
		if len(tl.Ticks) != tt.wantTicks {
			t.Errorf("watch %d: %d ticks, want %d", tt.watch, len(tl.Ticks), tt.wantTicks)
		}
	}
}
