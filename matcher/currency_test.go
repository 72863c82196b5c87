package matcher

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// A dollar order billed in yen: the card shows yen, the order is in dollars.
// Totals are the order's dollars, taken from the rows' original amounts; the
// yen stay in the rows and in the reason.
func TestForeignPurchaseTotalsInOrderCurrency(t *testing.T) {
	head := "Date,Description,Amount,Original amount,Original currency"
	order := orderA + ",2026-03-02,12.34,USD"
	conf := orderA + ",2026-03-10,refund"
	tests := []struct {
		name                           string
		rows                           []string
		want                           Verdict
		charged, credited, outstanding string
		reason                         []string
	}{
		{
			name: "credited in full at another exchange rate",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-03-20,AMAZON.COM,-1950,12.34,USD", "2026-05-10,LAWSON,1"},
			want: Refunded, charged: "12.34", credited: "12.34", outstanding: "0",
			reason: []string{
				"charged 12.34 USD (billed as 2,000) on 2026-03-04, credited 12.34 USD (billed as 1,950) on 2026-03-20",
				"on the statement 2,000 was billed and 1,950 credited: the difference comes from the exchange rate",
			},
		},
		{
			name: "not credited: still the order's dollars outstanding",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-05-10,LAWSON,1"},
			want: StillCharged, charged: "12.34", credited: "0", outstanding: "12.34",
			reason: []string{"charged 12.34 USD (billed as 2,000) on 2026-03-04"},
		},
		{
			name: "half credited in dollars",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-03-20,AMAZON.COM,-1000,6.17,USD", "2026-05-10,LAWSON,1"},
			want: PartiallyRefunded, charged: "12.34", credited: "6.17", outstanding: "6.17",
			reason: []string{"6.17 USD still missing"},
		},
		{
			name: "a credit of the billed yen without its dollars gives back the charge",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-03-20,AMAZON.COM,-2000", "2026-05-10,LAWSON,1"},
			want: Refunded, charged: "12.34", credited: "12.34", outstanding: "0",
		},
		{
			name: "split in two yen charges whose dollars add up to the order",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,1300,8.00,USD", "2026-03-06,AMAZON.COM,700,4.34,USD", "2026-05-10,LAWSON,1"},
			want: StillCharged, charged: "12.34", credited: "0", outstanding: "12.34",
			reason: []string{"charged 8.00 USD (billed as 1,300) on 2026-03-04 and 4.34 USD (billed as 700) on 2026-03-06"},
		},
		{
			name: "a part credited in yen only is counted at the charge's rate",
			rows: []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-03-20,AMAZON.COM,-1000", "2026-05-10,LAWSON,1"},
			want: PartiallyRefunded, charged: "12.34", credited: "6.17", outstanding: "6.17",
			reason: []string{"1,000 was credited without its amount in USD; it counts as 6.17 USD, at the rate of the charges"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, head: head, disputes: []string{order}, confs: []string{conf}}.run(t)
			o := rep.Orders[0]
			if o.Verdict != tt.want || o.Charged.String() != tt.charged || o.Credited.String() != tt.credited || o.Outstanding.String() != tt.outstanding {
				t.Errorf("%s charged %s credited %s outstanding %s, want %s %s %s %s (%s)",
					o.Verdict, o.Charged, o.Credited, o.Outstanding, tt.want, tt.charged, tt.credited, tt.outstanding, o.ReasonText())
			}
			for _, phrase := range tt.reason {
				if !strings.Contains(o.ReasonText(), phrase) {
					t.Errorf("reason %q does not say %q", o.ReasonText(), phrase)
				}
			}
		})
	}
}

// TestAmountValueAgreesWithValue checks the money.Value credits are given
// out by against the decimal value counts in totals: for rows billed in
// the order's currency and in another, with and without their original
// amount, charges and credits, of orders that are foreign purchases and
// orders that are not.
func TestAmountValueAgreesWithValue(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	amount := func() decimal.Decimal {
		return decimal.New(r.Int64N(2_000_000)+1, -int32(r.IntN(3)))
	}
	row := func(credit bool) *parser.Transaction {
		t := &parser.Transaction{Amount: amount(), Currency: []string{"", "USD", "JPY"}[r.IntN(3)]}
		if credit {
			t.Amount = t.Amount.Neg()
		}
		if r.IntN(2) == 0 {
			t.OrigAmount, t.OrigCurrency = amount(), []string{"USD", "EUR"}[r.IntN(2)]
			if t.Amount.Sign() < 0 && r.IntN(2) == 0 {
				t.OrigAmount = t.OrigAmount.Neg()
			}
		}
		return t
	}
	kinds := map[bool]int{}
	for range 5000 {
		o := &order{currency: []string{"USD", "JPY", ""}[r.IntN(3)], res: &OrderResult{}}
		for range 1 + r.IntN(3) {
			o.res.Charges = append(o.res.Charges, row(false))
		}
		for range 4 {
			x := row(r.IntN(2) == 0)
			if r.IntN(3) == 0 {
				x = o.res.Charges[0] // a row of the order's own
			}
			v, _ := o.value(x)
			got := o.amountValue(x)
			if !got.Decimal().Equal(v) {
				t.Fatalf("order in %q, foreign %v: row %s %s (original %s %s) counts %s, amountValue %s",
					o.currency, o.foreign(), x.Amount, x.Currency, x.OrigAmount, x.OrigCurrency, v, got.Decimal())
			}
			kinds[o.foreign() && x.IsCredit() && !o.billedElsewhere(x)]++
		}
	}
	if kinds[true] == 0 || kinds[false] == 0 {
		t.Fatalf("the rows tried cover %v: want credits of foreign purchases without an original amount and other rows", kinds)
	}
}
