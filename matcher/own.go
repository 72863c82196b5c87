package matcher

import (
	"slices"
	"strings"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// OwnOrder is an order the person placed themself, as Amazon's order-history
// exports give it: its Amazon charges are not unknown charges.
type OwnOrder struct {
	ID        string
	Date      civil.Date
	Total     decimal.Decimal
	Currency  string
	Shipments []parser.Shipment
}

// ownCharges returns the Amazon charges the person's own orders explain.
// Each own order, earliest first, takes one charge of exactly its total or,
// failing that, one charge of exactly each shipment's amount, posted from
// D−3 to D+30 of its date; among several, the one posted nearest the order
// date. Charges already claimed by disputed orders are left alone, and a
// charge serves one order only, so a second charge of the same amount stays
// unknown. byAmount is the index of the Amazon charges (chargeIndex).
func ownCharges(own []OwnOrder, byAmount *chargeIndex, claimed map[*parser.Transaction]bool) map[*parser.Transaction]bool {
	taken := map[*parser.Transaction]bool{}
	if len(own) == 0 {
		return taken
	}
	orders := slices.Clone(own)
	slices.SortStableFunc(orders, func(x, y OwnOrder) int { return x.Date.Sub(y.Date) })
	take := func(o OwnOrder, amt decimal.Decimal) bool {
		var best *parser.Transaction
		list := byAmount.of(keyOf(amt))
		from, to := o.Date.AddDays(-daysBeforeOrder), o.Date.AddDays(daysAfterOrder)
		i, _ := slices.BinarySearchFunc(list, from, func(t *parser.Transaction, d civil.Date) int { return txnDay(t).Sub(d) })
		for _, t := range list[i:] {
			if txnDay(t).After(to) {
				break
			}
			if claimed[t] || taken[t] || !exactAmount(t, amt, o.Currency) {
				continue
			}
			if best == nil || absDays(txnDay(t).Sub(o.Date)) < absDays(txnDay(best).Sub(o.Date)) {
				best = t
			}
		}
		if best != nil {
			taken[best] = true
		}
		return best != nil
	}
	for _, o := range orders {
		if o.Total.Sign() > 0 && take(o, o.Total) {
			continue
		}
		for _, s := range o.Shipments {
			if s.Amount.Sign() > 0 {
				take(o, s.Amount)
			}
		}
	}
	return taken
}

// exactAmount reports whether t's amount, or its original foreign amount, is
// exactly amt in the given currency ("" for any).
func exactAmount(t *parser.Transaction, amt decimal.Decimal, currency string) bool {
	if absEquals(t.Amount, amt) && (currency == "" || t.Currency == "" || t.Currency == currency) {
		return true
	}
	return t.OrigCurrency != "" && t.OrigCurrency == currency && t.OrigAmount.Equal(amt)
}

// mineCharges returns the Amazon charges that rows of mine.csv explain: a
// charge not claimed yet whose normalised description holds a row's
// pattern and, where the row gives one, of exactly its amount. A row
// explains every such charge: it is a recurring charge.
func mineCharges(mine []parser.MineRow, charges *chargeList, claimed, own map[*parser.Transaction]bool) map[*parser.Transaction]bool {
	taken := map[*parser.Transaction]bool{}
	if len(mine) == 0 {
		return taken
	}
	var buf []byte
	for i := range charges.len() {
		if t := charges.made(i); t != nil && (claimed[t] || own[t]) {
			continue
		}
		// The description is read here only: made in buf, not kept.
		buf = charges.appendNormalized(buf[:0], i)
		norm := unsafe.String(unsafe.SliceData(buf), len(buf))
		for _, m := range mine {
			if !strings.Contains(norm, m.Pattern) {
				continue
			}
			if t := charges.txn(i); m.Amount.IsZero() || exactAmount(t, m.Amount, "") {
				taken[t] = true
				break
			}
		}
	}
	return taken
}
