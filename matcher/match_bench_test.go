package matcher

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/shopspring/decimal"
)

// benchInput is one card's statement with rows rows, a year of them for
// every 100,000: one Amazon row in ten (a tenth of them credits, amounts
// from few enough values that many rows share one), and a disputed order
// for every hundred rows, most of them charged and half of them confirmed.
// Twice the rows are twice the months, as a longer history is: the rows of
// one amount in an order's window stay as many. The statement is read as
// check reads it: Amazon's rows in full, the others counted and dated.
func benchInput(tb testing.TB, rows int) ([]*parser.Statement, []parser.Dispute, []parser.Confirmation) {
	r := rand.New(rand.NewPCG(1, 2))
	days := 365 * rows / 100_000
	base := civil.MustDate("2026-06-30").AddDays(-days - 40)
	price := func() decimal.Decimal { return decimal.NewFromInt(int64(100 * (1 + r.IntN(2000)))) }
	type row struct {
		d    civil.Date
		desc string
		amt  decimal.Decimal
	}
	var txns []row
	add := func(d civil.Date, desc string, amt decimal.Decimal) { txns = append(txns, row{d, desc, amt}) }
	var ds []parser.Dispute
	var cs []parser.Confirmation
	for i := range rows / 100 {
		d := base.AddDays(r.IntN(days))
		a := price()
		id := fmt.Sprintf("250-%07d-%07d", i, i)
		ds = append(ds, parser.Dispute{OrderID: id, OrderDate: d, Amount: a, Currency: "JPY"})
		if i%2 == 0 {
			cs = append(cs, parser.Confirmation{OrderID: id, ConfirmedOn: d.AddDays(5), Kind: parser.KindRefund})
		}
		if i%5 != 0 {
			add(d.AddDays(r.IntN(4)), "AMAZON.CO.JP", a)
		}
	}
	for len(txns) < rows {
		d := base.AddDays(r.IntN(days + 35))
		switch n := r.IntN(100); {
		case n < 1:
			add(d, "AMAZON.CO.JP", price().Neg())
		case n < 10:
			add(d, "AMAZON.CO.JP", price())
		default:
			add(d, "LAWSON", decimal.NewFromInt(int64(100+r.IntN(5000))))
		}
	}
	slices.SortStableFunc(txns, func(x, y row) int { return x.d.Sub(y.d) })
	text := []byte("Date,Description,Amount\n")
	for _, t := range txns {
		text = fmt.Appendf(text, "%s,%s,%s\n", t.d, t.desc, t.amt)
	}
	amazon, err := NewRecognizer()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := formats.ReadStatement("card.csv", bytes.NewReader(text), parser.ReadOptions{Keep: amazon.IsAmazon})
	if err != nil {
		tb.Fatal(err)
	}
	return []*parser.Statement{st}, ds, cs
}

// BenchmarkMatch times the reconciliation alone at three sizes: doubling
// the rows (and the orders) should not much more than double the time.
func BenchmarkMatch(b *testing.B) {
	for _, rows := range []int{100_000, 200_000, 400_000} {
		b.Run(fmt.Sprintf("rows=%dk", rows/1000), func(b *testing.B) {
			st, ds, cs := benchInput(b, rows)
			opts := Options{AsOf: civil.MustDate("2026-06-30"), Grace: 30, Watch: 60}
			b.ReportAllocs()
			for b.Loop() {
				Match(st, ds, cs, opts)
			}
		})
	}
}
