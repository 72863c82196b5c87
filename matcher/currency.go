package matcher

import (
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// A foreign purchase is billed in the card's currency, while the order is in
// another (a dollar order on a yen card); statements that say so give the
// original amount next to the billed one. The totals of such an order are in
// the order's currency, taken from the original amounts, so that a full
// refund at another exchange rate (2,000 yen billed, 1,950 yen credited, both
// 12.34 dollars) settles the order.

// BilledElsewhere reports whether row t was billed in another currency than
// orderCurrency, with its original amount in orderCurrency: a foreign
// purchase, whose billed amount is not in the order's currency even where
// the row names no currency.
func BilledElsewhere(t *parser.Transaction, orderCurrency string) bool {
	return orderCurrency != "" && t.OrigCurrency == orderCurrency && t.Currency != orderCurrency && !t.OrigAmount.IsZero()
}

func (o *order) billedElsewhere(t *parser.Transaction) bool {
	return BilledElsewhere(t, o.currency)
}

// foreign reports whether any charge of o was billed in another currency.
func (o *order) foreign() bool {
	for _, t := range o.res.Charges {
		if o.billedElsewhere(t) {
			return true
		}
	}
	return false
}

// value is what row t counts for in the order's currency: its original
// amount where it was billed in another currency, its billed amount where it
// was billed in the order's. A credit of a foreign purchase that gives no
// original amount is taken to be in the charges' billed currency: it counts
// as the charge it equals, or else at the rate of the charges (estimated).
func (o *order) value(t *parser.Transaction) (v decimal.Decimal, estimated bool) {
	if o.billedElsewhere(t) {
		return t.OrigAmount.Abs(), false
	}
	if !t.IsCredit() || !o.foreign() {
		return t.Amount.Abs(), false
	}
	billed, orig := decimal.Zero, decimal.Zero
	for _, c := range o.res.Charges {
		if !o.billedElsewhere(c) || c.Currency != t.Currency {
			continue
		}
		if c.Amount.Abs().Equal(t.Amount.Abs()) {
			return c.OrigAmount.Abs(), false
		}
		billed, orig = billed.Add(c.Amount.Abs()), orig.Add(c.OrigAmount.Abs())
	}
	if billed.IsZero() {
		return t.Amount.Abs(), false
	}
	cur := o.currency
	return t.Amount.Abs().Mul(orig).DivRound(billed, 16).Round(money.MinorDigits(cur)), true
}

// amountValue is value(t) as a money.Value: made without a decimal where
// t was billed in the order's currency, or carries its original amount in
// it, as nearly every row does. Credits are given out by it, each taken
// off what its order has out (crediting.give): the decimals of value made
// two big integers a credit, and their difference two more.
func (o *order) amountValue(t *parser.Transaction) money.Value {
	switch {
	case o.billedElsewhere(t):
		return money.FromDecimal(t.OrigAmount).Abs()
	case !t.IsCredit() || !o.foreign():
		return money.FromDecimal(t.Amount).Abs()
	}
	v, _ := o.value(t)
	return money.FromDecimal(v)
}

// sum adds what rows ts count for in the order's currency. The first
// value is the sum so far as it is, not added to zero: zero plus an amount
// written with no positive exponent is that amount to the digit (its value
// and exponent alike), and adding it made a copy of every order's charge.
func (o *order) sum(ts []*parser.Transaction) decimal.Decimal {
	total := decimal.Zero
	for i, t := range ts {
		v, _ := o.value(t)
		if i == 0 && v.Exponent() <= 0 {
			total = v
			continue
		}
		total = total.Add(v)
	}
	return total
}

// billedCurrency is the one currency the rows ts were billed in, and whether
// they were all billed in it.
func billedCurrency(ts []*parser.Transaction) (string, bool) {
	if len(ts) == 0 {
		return "", false
	}
	for _, t := range ts[1:] {
		if t.Currency != ts[0].Currency {
			return "", false
		}
	}
	return ts[0].Currency, true
}
