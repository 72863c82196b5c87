package report

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/shopspring/decimal"
)

// TestTimelineLabelsApart crowds an order's story into a few days (a charge
// the day after the order, Amazon's mail, a credit, a second billing, all
// within a week): no two labels of one row overlap, however many rows that
// takes, and the axis lies under the last row.
func TestTimelineLabelsApart(t *testing.T) {
	d := civil.MustDate
	txn := func(day, amount string) *parser.Transaction {
		return &parser.Transaction{Date: d(day), Amount: decimal.RequireFromString(amount), Currency: "JPY"}
	}
	conf := &parser.Confirmation{OrderID: "250-4418372-2290415", ConfirmedOn: d("2026-03-04"), Kind: parser.KindRefund}
	o := &matcher.OrderResult{
		Dispute:      &parser.Dispute{OrderID: "250-4418372-2290415", OrderDate: d("2026-03-02"), Amount: decimal.RequireFromString("30000"), Currency: "JPY"},
		Confirmation: conf, Confirmations: []*parser.Confirmation{conf},
		Charges: []*parser.Transaction{txn("2026-03-03", "30000"), txn("2026-03-06", "30000"), txn("2026-03-07", "30000")},
		Credits: []*parser.Transaction{txn("2026-03-05", "-30000")},
	}
	o.Coverage = &matcher.Coverage{To: d("2026-03-08")}
	rep := &matcher.Report{AsOf: d("2026-03-09"), Grace: 30, Watch: 60}
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		tl := newTimeline(o, rep, i18n.New(lang))
		type span struct{ left, right int }
		rows := map[int][]span{}
		lowest := 0
		for _, m := range tl.Marks {
			w := layout.TextWidth(m.Label) * tlCharWidth
			s := span{m.X, m.X + w}
			if m.Anchor == "end" {
				s = span{m.X - w, m.X}
			}
			for _, other := range rows[m.LabelY] {
				if s.left < other.right && other.left < s.right {
					t.Errorf("%s: label %q at y=%d overlaps another", lang, m.Label, m.LabelY)
				}
			}
			rows[m.LabelY] = append(rows[m.LabelY], s)
			lowest = max(lowest, m.LabelY)
		}
		if len(rows) < 5 {
			t.Errorf("%s: %d rows of labels; seven labels within a week need more", lang, len(rows))
		}
		if tl.AxisY <= lowest {
			t.Errorf("%s: the axis (y=%d) is not under the labels (lowest y=%d)", lang, tl.AxisY, lowest)
		}
		if len(tl.Events) != len(tl.Marks)+2 {
			t.Errorf("%s: %d events listed for %d marks and 2 windows", lang, len(tl.Events), len(tl.Marks))
		}
	}
}

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
		st, err := formats.ReadStatement("a.csv", strings.NewReader("Date,Description,Debit,Credit\n2026-03-01,LAWSON,1,\n"), parser.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ds, err := parser.ReadDisputes("d.csv", strings.NewReader("order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n"))
		if err != nil {
			t.Fatal(err)
		}
		confs := []parser.Confirmation{{OrderID: "250-1234567-1234567", ConfirmedOn: civil.MustDate("2026-03-10"), Kind: parser.KindRefund}}
		rep := matcher.Match([]*parser.Statement{st}, ds, confs, matcher.Options{AsOf: civil.MustDate("2026-12-31"), Grace: 30, Watch: tt.watch})
		tl := newTimeline(rep.Orders[0], rep, i18n.New("en"))
		if len(tl.Ticks) != tt.wantTicks {
			t.Errorf("watch %d: %d ticks, want %d", tt.watch, len(tl.Ticks), tt.wantTicks)
		}
	}
}
