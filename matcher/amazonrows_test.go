package matcher

import (
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestAmazonRowsAsksWhatNoOneAsked checks which kept rows amazonRows asks
// the recognizer about: not a row the reader kept because the same
// recognizer chose it (check reads its statements so), but any other: a
// row kept for another reason, one chosen by another recognizer, and
// every row of a statement read without naming what chose its rows. A
// row of a shop that was taken as chosen shows that it was not asked.
func TestAmazonRowsAsksWhatNoOneAsked(t *testing.T) {
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	day := civil.MustDate("2026-03-02")
	read := func(keptBy any, chosen ...bool) *parser.Statement {
		st := &parser.Statement{File: "statement.csv", KeptBy: keptBy}
		for i, desc := range []string{"AMAZON.CO.JP", "LAWSON TOKYO 123"} {
			st.Txns.Add(&parser.Transaction{Date: day, Amount: decimal.NewFromInt(1200), Currency: "JPY", Description: desc, Normalized: desc, Line: i + 2})
			if chosen[i] {
				st.Txns.SetChosen(i)
			}
		}
		return st
	}
	for _, tc := range []struct {
		name string
		st   *parser.Statement
		want int // charges
	}{
		{"both chosen by the recognizer", read(amazon, true, true), 2},
		{"the shop kept for another reason", read(amazon, true, false), 1},
		{"both chosen by another recognizer", read(other, true, true), 1},
		{"read without naming what chose", read(nil, true, true), 1},
	} {
		charges, _, _ := amazonRows([]*parser.Statement{tc.st}, day, amazon)
		if got := charges.len(); got != tc.want {
			t.Errorf("%s: %d charges, want %d", tc.name, got, tc.want)
		}
	}
}
