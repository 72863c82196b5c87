package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
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

// TestUnknownRowsAsTheView checks that each unknown charge, written when
// asked for, is what Build made of it when it held every row: escaped by
// mask.VisibleStrings, every text of the row, and its file kept whole
// for the masking. The rows hold controls in their description, file and
// currencies, and an original foreign amount.
func TestUnknownRowsAsTheView(t *testing.T) {
	d := civil.MustDate
	var rows []*parser.Transaction
	for i, text := range []string{"AMAZON.CO.JP", "AMZN\x1b[2J", "ＡＭＡＺＯＮ\u202e", "Amazon\r\nline"} {
		rows = append(rows, &parser.Transaction{
			Date: d("2026-04-01").AddDays(i), Amount: decimal.RequireFromString("1234.5"), Currency: []string{"", "USD", "E\x07R", "JPY"}[i],
			Description: text, File: "stmt " + text + ".csv", Line: 10 + i,
			OrigAmount: decimal.RequireFromString("99.99"), OrigCurrency: []string{"", "GBP", "\x1bX", ""}[i],
		})
	}
	rep := &matcher.Report{AsOf: d("2026-05-01"), Unknown: matcher.RowsOf(rows...)}
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		l := i18n.New(lang)
		u := Build(&input.Inputs{}, rep, l).Unknown
		if u.Len() != len(rows) {
			t.Fatalf("%d unknown rows, want %d", u.Len(), len(rows))
		}
		for i, r := range rows {
			want := txnView(l, "unknown", l.Role("unknown"), r, "")
			mask.VisibleStrings(reflect.ValueOf(&want))
			keepPlace(&want)
			if got := u.At(i); got != want {
				t.Errorf("%s: row %d = %+v, want %+v", lang, i, got, want)
			}
		}
		if got := u.At(1).Description; !strings.Contains(got, `\x1b`) {
			t.Errorf("%s: description %q not escaped", lang, got)
		}
	}
}
