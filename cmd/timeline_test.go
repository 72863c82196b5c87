package cmd

import (
	"testing"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// TestTimelineLabelsApart crowds an order's story into a few days (a charge
// the day after the order, Amazon's mail, a credit, a second billing, all
// within a week): no two labels of one row overlap, however many rows that
// takes, and the axis lies under the last row.
func TestTimelineLabelsApart(t *testing.T) {
	d := parser.MustDate
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
	o.Coverage.To = d("2026-03-08")
	rep := &matcher.Report{AsOf: d("2026-03-09"), Grace: 30, Watch: 60}
	for _, lang := range []string{langEnglish, langJapanese} {
		tl := newTimeline(o, rep, newLocalizer(lang))
		type span struct{ left, right int }
		rows := map[int][]span{}
		lowest := 0
		for _, m := range tl.Marks {
			w := textWidth(m.Label) * tlCharWidth
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
