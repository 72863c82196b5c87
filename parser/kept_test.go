package parser

import (
	"math"
	"reflect"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestKeptRowsKeepEveryField checks that a compacted statement gives back
// each transaction as it was, field for field: amounts of every size and
// exponent, foreign amounts, days of use, accounts, currencies, texts
// normalised or not, lines past 2³¹; and that its counts, days and rows
// after a day are those of the statement before.
func TestKeptRowsKeepEveryField(t *testing.T) {
	d := civil.MustDate("2026-03-02")
	txns := []Transaction{
		{Date: d, Description: "AMAZON.CO.JP", Normalized: "AMAZON.CO.JP", Amount: decimal.New(12800, 0), Currency: "JPY", File: "a.csv", Line: 7},
		{Date: d.AddDays(1), UsedOn: d, Description: "Amazon Mktp", Normalized: "AMAZON MKTP", Amount: decimal.New(-1050, -2), Currency: "EUR",
			OrigAmount: decimal.New(1200, -2), OrigCurrency: "USD", Account: "VISA ****1234", File: "a.csv", Line: 8},
		{Date: d.AddDays(2), Description: "ＡＭＡＺＯＮ", Normalized: "AMAZON", Amount: decimal.RequireFromString("12345678901234567890.5"), File: "b.csv", Line: math.MaxInt32 + 5},
		{Date: d.AddDays(3), Description: "", Normalized: "", Amount: decimal.New(300, 2), OrigAmount: decimal.New(0, -2), Account: "VISA ****1234", File: "a.csv", Line: 9},
		{Date: d.AddDays(3), Description: "AMZN", Normalized: "AMZN", Amount: decimal.New(5, -30), File: "a.csv", Line: 10},
	}
	s := &Statement{File: "a.csv", Txns: txns}
	orig := &Statement{File: "a.csv", Txns: append([]Transaction(nil), txns...)}
	want := append([]Transaction(nil), txns...)
	s.Compact()
	if s.Txns != nil || s.Kept.Len() != len(want) {
		t.Fatalf("compacted: %d in Txns, %d kept; want 0, %d", len(s.Txns), s.Kept.Len(), len(want))
	}
	for i, w := range want {
		if got := s.Kept.At(i); !reflect.DeepEqual(got, w) && !(got.Amount.Equal(w.Amount) && got.Amount.Exponent() == w.Amount.Exponent() && sameBut(got, w)) {
			t.Errorf("row %d: %+v, want %+v", i, got, w)
		}
		k := &s.Kept
		if k.Date(i) != w.Date || k.UsedOn(i) != w.UsedOn || k.Line(i) != w.Line || k.Account(i) != w.Account || k.Currency(i) != w.Currency ||
			k.Normalized(i) != w.Normalized || k.Sign(i) != w.Amount.Sign() || !k.Amount(i).Decimal().Equal(w.Amount) ||
			k.HasOriginal(i) != (w.OrigCurrency != "" && !w.OrigAmount.IsZero()) {
			t.Errorf("row %d: the accessors disagree with %+v", i, w)
		}
	}
	if s.Transactions() != orig.Transactions() {
		t.Errorf("%d transactions, want %d", s.Transactions(), orig.Transactions())
	}
	c, cr := s.ChargesAndCredits()
	oc, ocr := orig.ChargesAndCredits()
	if c != oc || cr != ocr {
		t.Errorf("%d charges %d credits, want %d %d", c, cr, oc, ocr)
	}
	n, line, exact := s.RowsAfter(d.AddDays(1))
	on, oline, oexact := orig.RowsAfter(d.AddDays(1))
	if n != on || line != oline || exact != oexact || n != 3 {
		t.Errorf("rows after: %d from line %d (%t), want %d from %d (%t)", n, line, exact, on, oline, oexact)
	}
	var days, odays []string
	for day, acct := range s.Days() {
		days = append(days, day.String()+acct)
	}
	for day, acct := range orig.Days() {
		odays = append(odays, day.String()+acct)
	}
	if !reflect.DeepEqual(days, odays) {
		t.Errorf("days %v, want %v", days, odays)
	}
}

// sameBut reports whether a and b agree in every field but the amount,
// which a decimal made again holds in a big.Int of its own.
func sameBut(a, b Transaction) bool {
	a.Amount, b.Amount = decimal.Decimal{}, decimal.Decimal{}
	return reflect.DeepEqual(a, b)
}
