package matcher

import (
	"iter"
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
)

// chargeList is the Amazon charges of the statements up to the date of the
// report, in date order (the day of use where the export gives one; see
// txnDay). Most of them, a decade of Amazon rows against a few disputed
// orders, are never more than counted, keyed by amount and listed as
// unknown charges. The rules that scan every charge (wantedCharges,
// dayMaxima, mineCharges, unknownCharges) go through the list's accessors,
// and the rules that take a charge, or keep it in a map, through txn: only
// a charge once made a *parser.Transaction by txn is in any map of
// charges (made), so that a charge never made is unused and unclaimed.
type chargeList struct {
	refs []chargeRef
	txns []*parser.Transaction // charge i once made, else nil
	kept []*parser.KeptRows    // where the charges not given as Transactions are, by chargeRef.src
}

// chargeRef is where a charge is: row of kept[src], or, for src -1, the
// Transaction given (chargeList.txns).
type chargeRef struct {
	day      civil.Date
	src, row int32
}

// newChargeList lists charges, which must be in date order (sortTxns).
func newChargeList(charges []*parser.Transaction) *chargeList {
	c := &chargeList{refs: make([]chargeRef, len(charges)), txns: charges}
	for i, t := range charges {
		c.refs[i] = chargeRef{day: txnDay(t), src: -1}
	}
	return c
}

// len is the number of charges.
func (c *chargeList) len() int {
	if c == nil {
		return 0
	}
	return len(c.refs)
}

// day is charge i's day (txnDay).
func (c *chargeList) day(i int) civil.Date { return c.refs[i].day }

// txn returns charge i, for a rule to take or to keep in a map: made once,
// the same *parser.Transaction each time.
func (c *chargeList) txn(i int) *parser.Transaction {
	if c.txns[i] == nil {
		t := c.peek(i)
		c.txns[i] = t
	}
	return c.txns[i]
}

// peek returns charge i, made afresh where txn has not made it: for a
// list that is only read, such as the unknown charges, so that the charges
// it holds are not all made at once.
func (c *chargeList) peek(i int) *parser.Transaction {
	if t := c.txns[i]; t != nil {
		return t
	}
	r := c.refs[i]
	t := keptTxn(c.kept[r.src], int(r.row))
	return &t
}

// keptTxn is row i of k as a Transaction for the rules: k.At's, but for
// its Normalized, left empty where k does not keep it (parser.KeptRows.
// AtValue). No rule reads a kept row's Normalized from its Transaction
// (appendNormalized reads k), and making it was two allocations for each
// charge and credit a rule takes.
func keptTxn(k *parser.KeptRows, i int) parser.Transaction {
	t, amt := k.AtValue(i)
	t.Amount = amt.Decimal()
	return t
}

// made returns charge i if txn made it before (or it was given as a
// Transaction), else nil: a charge no rule looked at is in no map of
// charges.
func (c *chargeList) made(i int) *parser.Transaction { return c.txns[i] }

// from is the index of the first charge dated d or later.
func (c *chargeList) from(d civil.Date) int {
	i, _ := slices.BinarySearchFunc(c.refs, d, func(r chargeRef, d civil.Date) int { return r.day.Sub(d) })
	return i
}

// key is the amount key of charge i.
func (c *chargeList) key(i int) amountKey {
	if t := c.txns[i]; t != nil {
		return keyOf(t.Amount)
	}
	return valueKey(c.amount(i))
}

// foreign returns charge i when it states an original foreign amount
// (hasOriginal), else nil.
func (c *chargeList) foreign(i int) *parser.Transaction {
	if t := c.txns[i]; t != nil {
		if hasOriginal(t) {
			return t
		}
		return nil
	}
	if r := c.refs[i]; c.kept[r.src].HasOriginal(int(r.row)) {
		return c.txn(i)
	}
	return nil
}

// appendNormalized appends charge i's normalised description to b: a
// kept row's from its KeptRows, whether or not txn made it (keptTxn leaves
// its Normalized empty).
func (c *chargeList) appendNormalized(b []byte, i int) []byte {
	if r := c.refs[i]; r.src >= 0 {
		return c.kept[r.src].AppendNormalized(b, int(r.row))
	}
	return append(b, c.txns[i].Normalized...)
}

// amount is charge i's amount (positive: a charge).
func (c *chargeList) amount(i int) money.Value {
	if t := c.txns[i]; t != nil {
		return money.FromDecimal(t.Amount)
	}
	r := c.refs[i]
	return c.kept[r.src].Amount(int(r.row))
}

// Rows is a list of statement rows of a report, its unknown charges: each
// is made a *parser.Transaction only as it is read, so that a report of a
// decade of Amazon rows holds no more than the statements hold already.
type Rows struct {
	charges *chargeList
	idx     []int32
}

// RowsOf lists ts.
func RowsOf(ts ...*parser.Transaction) Rows {
	if len(ts) == 0 {
		return Rows{}
	}
	idx := make([]int32, len(ts))
	for i := range idx {
		idx[i] = int32(i)
	}
	return Rows{charges: newChargeList(ts), idx: idx}
}

// Len is the number of rows.
func (r Rows) Len() int { return len(r.idx) }

// At returns row i.
func (r Rows) At(i int) *parser.Transaction { return r.charges.peek(int(r.idx[i])) }

// Row returns row i as a value but for its Amount, which may be left
// zero, and its amount as a money.Value: a writer that reads each row once
// makes neither the row nor its amount on the heap. Its Normalized may be
// left empty too (parser.KeptRows.AtValue).
func (r Rows) Row(i int) (parser.Transaction, money.Value) {
	c := r.charges
	j := int(r.idx[i])
	if t := c.txns[j]; t != nil {
		return *t, money.FromDecimal(t.Amount)
	}
	ref := c.refs[j]
	return c.kept[ref.src].AtValue(int(ref.row))
}

// All yields the rows in order.
func (r Rows) All() iter.Seq[*parser.Transaction] {
	return func(yield func(*parser.Transaction) bool) {
		for i := range r.idx {
			if !yield(r.At(i)) {
				return
			}
		}
	}
}
