package matcher

import (
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// TestSumAsAddedToZero checks that an order's sum, which takes its first
// value as it is rather than adding it to zero, is what adding each to zero
// gives, to the exponent: 1500.00 stays 1500.00, and an amount written
// with a positive exponent is still added to zero (1E+3 becomes 1000).
func TestSumAsAddedToZero(t *testing.T) {
	o := &order{res: &OrderResult{Currency: "JPY", Dispute: &parser.Dispute{Currency: "JPY"}}, currency: "JPY"}
	tests := []struct {
		amounts  []string
		want     string
		exponent int32
	}{
		{nil, "0", 0},
		{[]string{"1500.00"}, "1500", -2},
		{[]string{"-19.99"}, "19.99", -2},
		{[]string{"1E+3"}, "1000", 0},
		{[]string{"1500.00", "1E+3"}, "2500", -2},
		{[]string{"12.5", "0.25", "-3"}, "15.75", -2},
	}
	for _, tt := range tests {
		var ts []*parser.Transaction
		want := decimal.Zero
		for _, a := range tt.amounts {
			d := decimal.RequireFromString(a)
			ts = append(ts, &parser.Transaction{Amount: d})
			want = want.Add(d.Abs())
		}
		got := o.sum(ts)
		if got.String() != tt.want || got.Exponent() != tt.exponent || !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Errorf("sum(%v) = %s (exponent %d), want %s (exponent %d)", tt.amounts, got, got.Exponent(), tt.want, tt.exponent)
		}
	}
}
