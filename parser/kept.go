package parser

import (
	"iter"
	"math"
	"slices"
	"strings"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// KeptRows holds the transactions a statement keeps in full
// (Statement.Txns), in file order, in a compact form: check keeps a decade
// of Amazon's rows to match them, and most are only ever listed. A
// Transaction takes 144 bytes, two objects for its amount's big.Int and a
// string or two; a row here takes 40 bytes without pointers, its texts in
// one buffer, and the accounts, currencies and file names it shares with
// other rows once. A normalised description that is only the ASCII
// description in upper case, its spaces folded (Amazon.com*AB12CD34E,
// AMZN Mktp US), is not kept but made again when asked for: the
// benchmark's statement of 8M rows, which writes three of its five Amazon
// names so, keeps 18 MB of text instead of 30. At makes a row a
// Transaction again, the same in every field. The readers add rows as
// they read them, and settle them at the end of a file by index (SetDate,
// Negate, SetOriginal, Filter). The strings At gives point into the
// buffer, whose bytes are never written again: a KeptRows must not be
// copied once rows are added, as two copies adding rows would write in
// the same room.
type KeptRows struct {
	rows  []keptRow
	text  []byte      // each row's description, then its normalised description where it differs and is not madeASCII
	strs  []string    // accounts, currencies and file names, by number; strs[0] is ""
	extra []keptExtra // what few rows need more room for
	index map[string]uint16
}

// keptRow is a row of KeptRows. Its amount is coef × 10^exp, unless extra
// holds it.
type keptRow struct {
	coef         int64
	date, usedOn civil.Date
	line         int32
	desc         uint32 // where the description is in text
	extra        uint32 // 1 + the index of the row's keptExtra, or 0
	descN        uint16 // the description's length, or textInExtra
	normN        uint16 // the normalised description's, which follows it; or sameText, or madeASCII
	account      uint16 // numbers of strs, or inExtra
	currency     uint16
	file         uint16
	exp          int8
	// chosen: ReadOptions.Keep chose the row, by its normalised
	// description (see Chosen).
	chosen bool
}

const (
	// sameText is keptRow.normN where the normalised description is the
	// description.
	sameText = math.MaxUint16
	// madeASCII is keptRow.normN where the normalised description is
	// textenc.AppendNormalASCII of the description, made when asked for.
	madeASCII = math.MaxUint16 - 1
	// inExtra is the number of a string strs has no room for: the row's
	// keptExtra holds its strings.
	inExtra = math.MaxUint16
	// textInExtra is keptRow.descN of a row whose texts the buffer, past
	// 4 GiB, has no room for, or one of which is longer than maxRowText:
	// its keptExtra holds them.
	textInExtra = math.MaxUint16
	// maxRowText is the longest description, or normalised description,
	// the buffer holds (their lengths are uint16s, short of the marks).
	maxRowText = math.MaxUint16 - 2
)

// maxKeptText is how many bytes of text KeptRows keeps in its buffer,
// which uint32 offsets reach: a variable, for a test to try a smaller one.
var maxKeptText = min(math.MaxUint32-1, math.MaxInt)

// keptExtra is what a row too large for keptRow keeps: an amount of more
// than 18 digits, an original foreign amount and its currency, a line past
// 2³¹, strings past the 65,535 strs numbers, texts past maxRowText or 4 GiB.
type keptExtra struct {
	amount    decimal.Decimal
	orig      decimal.Decimal
	line      int
	bigAmount bool
	origCur   uint16     // the original currency's number in strs, or inExtra; 0 for none
	names     *[4]string // account, currency, original currency, file
	texts     *[2]string // description and normalised description
}

// KeptOf keeps ts: statements made by hand.
func KeptOf(ts ...Transaction) KeptRows {
	var k KeptRows
	for i := range ts {
		k.Add(&ts[i])
	}
	return k
}

// Add keeps t.
func (k *KeptRows) Add(t *Transaction) { k.AddValue(t, money.FromDecimal(t.Amount)) }

// SetChosen notes that ReadOptions.Keep chose row i, by the normalised
// description the row keeps.
func (k *KeptRows) SetChosen(i int) { k.rows[i].chosen = true }

// Chosen reports whether ReadOptions.Keep chose row i (SetChosen): a
// row kept in full for any other reason (read without Keep, or past
// the accounts a file's rows kept in brief can name) was not.
func (k *KeptRows) Chosen(i int) bool { return k.rows[i].chosen }

// AddValue keeps t with the amount amt, which t.Amount is not read for: a
// reader that read the amount as a money.Value makes no decimal of it.
func (k *KeptRows) AddValue(t *Transaction, amt money.Value) { k.addValue(t, amt, false) }

// AddValueMadeASCII is AddValue for a row whose Normalized its reader made
// of its Description with textenc.AppendNormalASCII: that form is not
// kept, as AddValue keeps none it can make again, nor made again to tell
// so, which cost a row kept in full as much as its reader's normalising.
func (k *KeptRows) AddValueMadeASCII(t *Transaction, amt money.Value) { k.addValue(t, amt, true) }

// addValue is AddValue; made tells that t.Normalized is
// AppendNormalASCII's form of t.Description.
func (k *KeptRows) addValue(t *Transaction, amt money.Value, made bool) {
	r := keptRow{date: t.Date, usedOn: t.UsedOn, line: int32(t.Line)}
	var e keptExtra
	needExtra := false
	if coef, exp, ok := amt.Small(); ok && exp >= -18 && exp <= 18 {
		r.coef, r.exp = coef, int8(exp)
	} else if d := amt.Decimal(); d.Exponent() >= -18 && d.Exponent() <= 18 && d.NumDigits() <= 18 {
		r.coef, r.exp = d.CoefficientInt64(), int8(d.Exponent())
	} else {
		e.amount, e.bigAmount, needExtra = d, true, true
	}
	if !t.OrigAmount.IsZero() || t.OrigAmount.Exponent() != 0 {
		e.orig, needExtra = t.OrigAmount, true
	}
	if t.Line < 0 || t.Line > math.MaxInt32 {
		e.line, needExtra = t.Line, true
	}
	r.account, r.currency, e.origCur, r.file = k.number(t.Account), k.number(t.Currency), k.number(t.OrigCurrency), k.number(t.File)
	if e.origCur != 0 {
		needExtra = true // only a foreign row names one
	}
	if r.account == inExtra || r.currency == inExtra || e.origCur == inExtra || r.file == inExtra {
		e.names, needExtra = &[4]string{strings.Clone(t.Account), strings.Clone(t.Currency), strings.Clone(t.OrigCurrency), strings.Clone(t.File)}, true
	}
	r.normN = sameText
	if n := len(t.Description) + len(t.Normalized); n > maxKeptText-len(k.text) || len(t.Description) > maxRowText || len(t.Normalized) > maxRowText {
		e.texts, needExtra = &[2]string{strings.Clone(t.Description), strings.Clone(t.Normalized)}, true
		r.descN = textInExtra
	} else {
		r.desc, r.descN = k.addText(t.Description)
		if t.Normalized != t.Description {
			// A normalised description that AppendNormalASCII makes again,
			// as it does of an ASCII description as every reader
			// normalises one, need not be kept.
			if made || textenc.IsNormalASCIIOf(t.Normalized, t.Description) {
				r.normN = madeASCII
			} else {
				_, r.normN = k.addText(t.Normalized)
			}
		}
	}
	if needExtra {
		k.extra = append(k.extra, e)
		r.extra = uint32(len(k.extra))
	}
	k.rows = append(k.rows, r)
}

func (k *KeptRows) addText(s string) (at uint32, n uint16) {
	at = uint32(len(k.text))
	k.text = append(k.text, s...)
	return at, uint16(len(s))
}

// number is s's number in strs, s added the first time; inExtra once strs
// has no more numbers.
func (k *KeptRows) number(s string) uint16 {
	if s == "" {
		return 0
	}
	if n, ok := k.index[s]; ok {
		return n
	}
	if k.index == nil {
		k.index = map[string]uint16{}
		k.strs = append(k.strs, "")
	}
	if len(k.strs) >= inExtra {
		return inExtra
	}
	s = strings.Clone(s) // not to hold the reader's buffer
	k.strs = append(k.strs, s)
	k.index[s] = uint16(len(k.strs) - 1)
	return k.index[s]
}

// name is string j (0 account, 1 currency, 2 original currency, 3 file)
// of row r, which has it by number n.
func (k *KeptRows) name(r *keptRow, n uint16, j int) string {
	switch n {
	case 0:
		return ""
	case inExtra:
		return k.extra[r.extra-1].names[j]
	}
	return k.strs[n]
}

// Grow makes room for rows more rows and text more bytes of their texts.
func (k *KeptRows) Grow(rows, text int) {
	k.rows = slices.Grow(k.rows, rows)
	k.text = slices.Grow(k.text, text)
}

// Full reports whether the next row added makes room for more.
func (k *KeptRows) Full() bool { return len(k.rows) == cap(k.rows) }

// Room is how many rows k has room for, kept and to come: a reader makes
// it from the size of its file (see Grow).
func (k *KeptRows) Room() int { return cap(k.rows) }

// TextLen is how many bytes the rows' texts take so far.
func (k *KeptRows) TextLen() int { return len(k.text) }

// SetDate sets row i's Transaction.Date.
func (k *KeptRows) SetDate(i int, d civil.Date) { k.rows[i].date = d }

// Negate turns the sign of row i's amount.
func (k *KeptRows) Negate(i int) {
	r := &k.rows[i]
	if r.extra > 0 && k.extra[r.extra-1].bigAmount {
		k.extra[r.extra-1].amount = k.extra[r.extra-1].amount.Neg()
		return
	}
	r.coef = -r.coef // at most 18 digits: no overflow
}

// OrigCurrency is row i's Transaction.OrigCurrency.
func (k *KeptRows) OrigCurrency(i int) string {
	r := &k.rows[i]
	if r.extra == 0 {
		return ""
	}
	return k.name(r, k.extra[r.extra-1].origCur, 2)
}

// SetOriginal sets row i's original foreign amount and currency.
func (k *KeptRows) SetOriginal(i int, amount decimal.Decimal, currency string) {
	r := &k.rows[i]
	if r.extra == 0 {
		k.extra = append(k.extra, keptExtra{})
		r.extra = uint32(len(k.extra))
	}
	e := &k.extra[r.extra-1]
	e.orig = amount
	if e.origCur = k.number(currency); e.origCur == inExtra {
		if e.names == nil {
			e.names = &[4]string{k.name(r, r.account, 0), k.name(r, r.currency, 1), "", k.name(r, r.file, 3)}
		}
		e.names[2] = strings.Clone(currency)
	}
}

// Filter keeps the rows keep says yes to, in order, and drops the others.
func (k *KeptRows) Filter(keep func(i int) bool) {
	n := 0
	for i := range k.rows {
		if keep(i) {
			k.rows[n] = k.rows[i]
			n++
		}
	}
	k.rows = k.rows[:n]
}

// All yields the rows as Transactions, with their index.
func (k *KeptRows) All() iter.Seq2[int, Transaction] {
	return func(yield func(int, Transaction) bool) {
		for i := range k.rows {
			if !yield(i, k.At(i)) {
				return
			}
		}
	}
}

// Slice returns the rows as Transactions.
func (k *KeptRows) Slice() []Transaction {
	out := make([]Transaction, len(k.rows))
	for i := range out {
		out[i] = k.At(i)
	}
	return out
}

// Len is the number of rows.
func (k *KeptRows) Len() int { return len(k.rows) }

// Date is row i's Transaction.Date.
func (k *KeptRows) Date(i int) civil.Date { return k.rows[i].date }

// UsedOn is row i's Transaction.UsedOn.
func (k *KeptRows) UsedOn(i int) civil.Date { return k.rows[i].usedOn }

// Line is row i's Transaction.Line.
func (k *KeptRows) Line(i int) int {
	if r := &k.rows[i]; r.extra > 0 && k.extra[r.extra-1].line != 0 {
		return k.extra[r.extra-1].line
	}
	return int(k.rows[i].line)
}

// Account is row i's Transaction.Account.
func (k *KeptRows) Account(i int) string { r := &k.rows[i]; return k.name(r, r.account, 0) }

// Currency is row i's Transaction.Currency.
func (k *KeptRows) Currency(i int) string { r := &k.rows[i]; return k.name(r, r.currency, 1) }

// Normalized is row i's Transaction.Normalized.
func (k *KeptRows) Normalized(i int) string {
	r := &k.rows[i]
	switch {
	case r.descN == textInExtra:
		return k.extra[r.extra-1].texts[1]
	case r.normN == sameText:
		return k.textAt(r.desc, r.descN)
	case r.normN == madeASCII:
		return string(textenc.AppendNormalASCII(nil, k.textAt(r.desc, r.descN)))
	}
	return k.textAt(r.desc+uint32(r.descN), r.normN)
}

// AppendNormalized appends row i's normalised description to b: a caller
// that reads it for many rows, once each, makes none of them a string.
func (k *KeptRows) AppendNormalized(b []byte, i int) []byte {
	if r := &k.rows[i]; r.normN == madeASCII && r.descN != textInExtra {
		return textenc.AppendNormalASCII(b, k.textAt(r.desc, r.descN))
	}
	return append(b, k.Normalized(i)...)
}

// description is row r's Transaction.Description.
func (k *KeptRows) description(r *keptRow) string {
	if r.descN == textInExtra {
		return k.extra[r.extra-1].texts[0]
	}
	return k.textAt(r.desc, r.descN)
}

// textAt is the text at in text, n bytes long: a string over the buffer,
// whose bytes are never written again once added.
func (k *KeptRows) textAt(at uint32, n uint16) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&k.text[at], n)
}

// Amount is row i's amount, as a money.Value: no decimal is made for the
// amounts of at most 18 digits.
func (k *KeptRows) Amount(i int) money.Value {
	r := &k.rows[i]
	if r.extra > 0 && k.extra[r.extra-1].bigAmount {
		return money.FromDecimal(k.extra[r.extra-1].amount)
	}
	return money.New(r.coef, int32(r.exp))
}

// Sign is the sign of row i's amount.
func (k *KeptRows) Sign(i int) int { return k.Amount(i).Sign() }

// HasOriginal reports whether row i states an original foreign amount:
// a foreign currency and an amount other than zero.
func (k *KeptRows) HasOriginal(i int) bool {
	r := &k.rows[i]
	return r.extra > 0 && k.extra[r.extra-1].origCur != 0 && !k.extra[r.extra-1].orig.IsZero()
}

// At returns row i as the Transaction it was kept from.
func (k *KeptRows) At(i int) Transaction {
	t, amt := k.atValue(i, true)
	t.Amount = amt.Decimal()
	return t
}

// AtValue returns row i as At does but for its Amount, left zero, and its
// amount as a money.Value: a writer that prints the row makes no decimal.
// Nor does it make the row's Normalized where it is not kept (it is left
// empty; Normalized makes it): a writer prints the description.
func (k *KeptRows) AtValue(i int) (Transaction, money.Value) { return k.atValue(i, false) }

// atValue is AtValue, with the normalised description made where it is
// not kept if norm is set.
func (k *KeptRows) atValue(i int, norm bool) (Transaction, money.Value) {
	r := &k.rows[i]
	t := Transaction{
		Date: r.date, UsedOn: r.usedOn, Line: int(r.line),
		Description: k.description(r),
		Currency:    k.name(r, r.currency, 1), OrigCurrency: k.OrigCurrency(i),
		Account: k.name(r, r.account, 0), File: k.name(r, r.file, 3),
	}
	if norm || r.normN != madeASCII || r.descN == textInExtra {
		t.Normalized = k.Normalized(i)
	}
	if r.extra == 0 {
		return t, money.New(r.coef, int32(r.exp))
	}
	e := &k.extra[r.extra-1]
	t.OrigAmount = e.orig
	if e.line != 0 {
		t.Line = e.line
	}
	if e.bigAmount {
		return t, money.FromDecimal(e.amount)
	}
	return t, money.New(r.coef, int32(r.exp))
}
