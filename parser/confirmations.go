package parser

import (
	"bytes"
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// Kind is what Amazon said it did with an order.
type Kind string

const (
	// KindRefund means Amazon said it refunded the order: a credit is expected.
	KindRefund Kind = "refund"
	// KindCancel means Amazon said it cancelled the order: no charge should ever appear.
	KindCancel Kind = "cancel"
)

// AppendText appends the kind's word to b (encoding.TextAppender), so that
// messages print it without a string of its own.
func (k Kind) AppendText(b []byte) ([]byte, error) { return append(b, k...), nil }

// Confirmation is Amazon saying, on a given day, that an order was handled.
type Confirmation struct {
	OrderID     string
	ConfirmedOn civil.Date
	Kind        Kind
	// Amount is what Amazon said it refunded; zero when not said (then the
	// order's amount is meant).
	Amount decimal.Decimal
	Note   string
	// Source says where the confirmation came from, for people, where File
	// and Line do not: the file and the subject for a mail. It is empty for
	// a row of a CSV file, which File and Line say.
	Source string
	File   string
	Line   int
	// Attributes tells that the confirmation is a refund Amazon's own export
	// lists: a statement credit of Amount on or after ConfirmedOn is this
	// order's (SPEC §3.3).
	Attributes bool
}

// confirmationRow is a confirmations.csv row as text, as ReadCSV decodes it by the header's
// folded names (personCSV), before conversion.
type confirmationRow struct {
	OrderID     string `csv:"order_id"`
	ConfirmedOn string `csv:"confirmed_on"`
	Kind        string `csv:"kind"`
	Amount      string `csv:"amount"`
	Note        string `csv:"note"`
}

// UnmarshalCSVWithFields sets the field tagged key to value: gocsv calls
// it for each cell (gocsv.TypeUnmarshalCSVWithFields) instead of setting
// the field by reflection, which allocates once a cell. The keys are the
// header names ReadCSV hands gocsv, each one a tag exactly, and ReadCSV
// hands no cell past the header.
func (r *confirmationRow) UnmarshalCSVWithFields(key, value string) error {
	switch key {
	case "order_id":
		r.OrderID = value
	case "confirmed_on":
		r.ConfirmedOn = value
	case "kind":
		r.Kind = value
	case "amount":
		r.Amount = value
	case "note":
		r.Note = value
	}
	return nil
}

// ReadConfirmations reads confirmations.csv: order_id, confirmed_on, kind
// (refund or cancel, also written as ParseKind reads), and optionally amount
// and note.
func ReadConfirmations(name string, r io.Reader) ([]Confirmation, error) {
	raw, err := textenc.ReadAll(r)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return ParseConfirmations(name, raw)
}

// ParseConfirmations reads confirmations.csv, as ReadConfirmations does, from
// the file's bytes: a reader that has them already need not copy them.
func ParseConfirmations(name string, raw []byte) ([]Confirmation, error) {
	c := NewProblems(name)
	// A file of no rows gives an empty list, not nil; room for a
	// confirmation a line is made once.
	out := make([]Confirmation, 0, bytes.Count(raw, []byte{'\n'}))
	rules := personCSV([]string{"order_id", "confirmed_on", "kind"})
	rules.CellsCopied = true // the texts kept are copied, below
	var texts textBlocks
	_, err := ReadCSV(name, raw, rules, c, func(rec CSVRecord[confirmationRow]) {
		if k, ok := readConfirmation(c, &rec.Row, name, rec.Line); ok {
			// The texts kept are copied out of the row's record (see
			// detachDispute).
			k.OrderID, k.Note = texts.clone(k.OrderID), texts.clone(k.Note)
			out = append(out, k)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, c.Err()
}

// readConfirmation converts one row, reporting each of its problems to c;
// it reports false when the row has any (the file is then refused).
func readConfirmation(c *Problems, row *confirmationRow, name string, line int) (Confirmation, bool) {
	k := Confirmation{File: name, Line: line, Note: strings.TrimSpace(row.Note)}
	var err error
	ok := true
	if k.OrderID, err = ParseOrderID(row.OrderID); err != nil {
		c.Add(line, "%v", err)
		ok = false
	}
	if k.ConfirmedOn, err = requiredDate(row.ConfirmedOn, "confirmed_on"); err != nil {
		c.Add(line, "%v", err)
		ok = false
	} else if !DateInRange(k.ConfirmedOn) {
		c.Add(line, "%s %s is outside %s … %s", "confirmed_on", k.ConfirmedOn, FirstDate, LastDate)
		ok = false
	}
	var known bool
	if k.Kind, known = ParseKind(row.Kind); !known {
		c.Add(line, "kind %q is not refund (返金) or cancel (キャンセル)", strings.TrimSpace(row.Kind))
		ok = false
	}
	if strings.TrimSpace(row.Amount) != "" {
		if k.Amount, _, err = money.ParseTypedAmount(row.Amount); err != nil {
			c.Add(line, "amount: %v", err)
			ok = false
		}
		k.Amount = k.Amount.Abs()
	}
	return k, ok
}

// ParseKind reads the kind of a confirmation: refund or cancel, also written
// 返金, refunded, キャンセル, cancelled, canceled (any case, full-width too).
func ParseKind(text string) (Kind, bool) {
	switch text { // as most rows write it: nothing to fold
	case "refund":
		return KindRefund, true
	case "cancel":
		return KindCancel, true
	}
	switch strings.ToLower(textenc.Fold(text)) {
	case "refund", "refunded", "返金", "返金済", "返金済み":
		return KindRefund, true
	case "cancel", "cancelled", "canceled", "cancellation", "キャンセル", "キャンセル済", "キャンセル済み":
		return KindCancel, true
	}
	return "", false
}
