package parser

import (
	"bytes"
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// Dispute is an Amazon order the person reported as not theirs.
type Dispute struct {
	OrderID    string
	OrderDate  civil.Date
	Amount     decimal.Decimal
	Currency   string // ISO code, or "" when neither the row nor the amount says
	Card       string // last 4 digits or account name; "" for any account
	ReportedOn civil.Date
	Note       string
	// CardAmount is what the card was billed where it differs from Amount
	// (part paid with points or a gift-card balance, or an order in another
	// currency billed in the card's); zero when not given.
	CardAmount decimal.Decimal
	// CardCurrency is the currency card_amount names (its sign or code), or "".
	CardCurrency string
	// Shipments are the parts of the order Amazon bills on their own, as the
	// order-history exports give them; nil when no export knows the order.
	Shipments []Shipment
	File      string
	Line      int
}

// Shipment is one part of an order that Amazon charges on its own: the day it
// shipped (or, where the export says so, the day the card was charged) and
// its amount.
type Shipment struct {
	Date   civil.Date
	Amount decimal.Decimal
}

// KnownOrder is what Amazon's order-history exports say of one order.
type KnownOrder struct {
	Date      civil.Date
	Total     decimal.Decimal
	Currency  string
	Shipments []Shipment
	// CardCharged is what the card was billed in all where the export
	// states it; zero where it does not.
	CardCharged decimal.Decimal
}

// OrderLookup finds an order in Amazon's order-history exports by its id.
type OrderLookup func(orderID string) (KnownOrder, bool)

// disputeRow is a disputes.csv row as text, as ReadCSV decodes it by the header's
// folded names (personCSV), before conversion.
type disputeRow struct {
	OrderID    string `csv:"order_id"`
	OrderDate  string `csv:"order_date"`
	Amount     string `csv:"amount"`
	Currency   string `csv:"currency"`
	Card       string `csv:"card"`
	ReportedOn string `csv:"reported_on"`
	Note       string `csv:"note"`
	CardAmount string `csv:"card_amount"`
}

// UnmarshalCSVWithFields sets the field tagged key to value: gocsv calls
// it for each cell (gocsv.TypeUnmarshalCSVWithFields) instead of setting
// the field by reflection, which allocates once a cell. The keys are the
// header names ReadCSV hands gocsv, each one a tag exactly, and ReadCSV
// hands no cell past the header.
func (r *disputeRow) UnmarshalCSVWithFields(key, value string) error {
	switch key {
	case "order_id":
		r.OrderID = value
	case "order_date":
		r.OrderDate = value
	case "amount":
		r.Amount = value
	case "currency":
		r.Currency = value
	case "card":
		r.Card = value
	case "reported_on":
		r.ReportedOn = value
	case "note":
		r.Note = value
	case "card_amount":
		r.CardAmount = value
	}
	return nil
}

// isOrderID reports whether id has the shape of Amazon order ids,
// 250-1234567-1234567 for retail orders and D01-1234567-1234567 for digital
// ones: three ASCII digits or capitals, then two groups of seven ASCII digits,
// each after a hyphen. It is checked byte by byte rather than with a regular
// expression: every row of disputes.csv and confirmations.csv has an id.
func isOrderID(id string) bool {
	if len(id) != 19 || id[3] != '-' || id[11] != '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case i == 3 || i == 11: // the hyphens, checked above
		case '0' <= c && c <= '9':
		case i < 3 && 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	return true
}

// ParseOrderID checks and normalises an Amazon order id (full-width digits,
// surrounding spaces, a leading # and dash-like characters typed for its
// hyphens, such as ー, ‐, − and –, are accepted).
func ParseOrderID(text string) (string, error) {
	if isOrderID(text) {
		return text, nil // as typed: what the rules below would make of it
	}
	id := strings.ToUpper(strings.TrimPrefix(orderDashes.Replace(textenc.Fold(text)), "#"))
	if id == "" {
		return "", msg.Msgf("order_id is empty")
	}
	if !isOrderID(id) {
		return "", msg.Msgf("%q is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567", strings.TrimSpace(text))
	}
	return id, nil
}

// ReadDisputes reads disputes.csv: UTF-8 (with or without BOM) or CP932, a
// header naming at least order_id, order_date and amount, one order a row.
// Every problem of the file is reported, each at its line.
func ReadDisputes(name string, r io.Reader) ([]Dispute, error) {
	return ReadDisputesWith(name, r, nil)
}

// ReadDisputesWith reads disputes.csv like ReadDisputes, completing each row
// from Amazon's order-history exports through known (nil when there are none).
// With known, only order_id is required: an empty order_date or amount is
// taken from the export, and is an error only when the export does not know
// the order either. A known order also brings its shipments, when the row's
// amount is the export's total.
func ReadDisputesWith(name string, r io.Reader, known OrderLookup) ([]Dispute, error) {
	rules := personCSV([]string{"order_id", "order_date", "amount"})
	if known != nil {
		rules.Required = rules.Required[:1]
	}
	rules.CellsCopied = true // detachDispute
	raw, err := textenc.ReadAll(r)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	c := NewProblems(name)
	// Room for a dispute a line, made once: grown by doubling, the list of
	// tens of thousands was copied again and again.
	rows := bytes.Count(raw, []byte{'\n'})
	dr := &disputeReader{name: name, known: known, out: make([]Dispute, 0, rows), seen: make(map[string]int, rows)}
	if _, err := ReadCSV(name, raw, rules, c, func(rec CSVRecord[disputeRow]) { dr.read(c, &rec.Row, rec.Line) }); err != nil {
		return nil, err
	}
	return dr.out, c.Err()
}

// personCSV are the rules of the CSV files the person writes, from the
// templates refundwatch init gives: # comment lines, names in any case or
// width, no column twice, the required columns, no cells beyond the
// header's (an unquoted comma in an amount), and a blank row read as a row
// whose required cells are empty.
func personCSV(required []string) CSVRules {
	return CSVRules{Comments: true, FoldHeader: true, RefuseRepeatedColumn: true, Required: required, RefuseOverfull: true}
}

// disputeReader converts the rows of one disputes.csv: the disputes read
// so far, the line each order was first listed on, and the order-history
// exports that complete them (nil when there are none).
type disputeReader struct {
	name  string
	known OrderLookup
	out   []Dispute
	seen  map[string]int
	texts textBlocks // the texts of out (detachDispute)
}

// read converts one row, reporting each of its problems to c; a row with
// any problem is left out of the disputes (the file is then refused).
func (dr *disputeReader) read(c *Problems, row *disputeRow, line int) {
	d := Dispute{File: dr.name, Line: line, Card: textenc.Fold(row.Card), Note: strings.TrimSpace(row.Note)}
	ok := dr.orderID(c, row, line, &d)
	export, isKnown := KnownOrder{}, false
	if dr.known != nil && d.OrderID != "" {
		export, isKnown = dr.known(d.OrderID)
	}
	ok = dr.orderDate(c, row, line, &d, &export, isKnown) && ok
	ok = dr.amount(c, row, line, &d, &export, isKnown) && ok
	ok = disputeRowCurrency(c, row, line, &d) && ok
	ok = disputeRowDates(c, row, line, &d) && ok
	ok = disputeCardAmount(c, row, line, &d) && ok
	if isKnown {
		fromExport(&d, &export)
	}
	if ok {
		dr.out = append(dr.out, detachDispute(d, &dr.texts))
	}
}

// detachDispute copies the texts d keeps out of its row, into texts. Each
// cell gocsv hands over is cut from one string of the whole record, or of
// the lines around it (CSVRules.CellsCopied), which a cell kept, even an
// empty one, would hold on to for as long as the dispute lives.
func detachDispute(d Dispute, texts *textBlocks) Dispute {
	d.OrderID, d.Card, d.Note = texts.clone(d.OrderID), texts.clone(d.Card), texts.clone(d.Note)
	d.Currency, d.CardCurrency = detachCurrency(d.Currency), detachCurrency(d.CardCurrency)
	return d
}

// detachCurrency returns code as detachDispute keeps it: one of the codes
// money knows as its constant, anything else (a sign an order-history
// export wrote, a code money does not list) copied as it is.
func detachCurrency(code string) string {
	if code == "" {
		return "" // most card currencies: not looked for among all the signs
	}
	if c, ok := money.CurrencyOfSign(code); ok && c == code {
		return c
	}
	return strings.Clone(code)
}

// orderID reads the row's order id, which must have the shape of Amazon's
// and be listed once.
func (dr *disputeReader) orderID(c *Problems, row *disputeRow, line int, d *Dispute) bool {
	var err error
	if d.OrderID, err = ParseOrderID(row.OrderID); err != nil {
		c.Add(line, "%v", err)
		return false
	}
	if first, dup := dr.seen[d.OrderID]; dup {
		c.Add(line, "order %s is listed twice (first on line %d)", d.OrderID, first)
		return false
	}
	dr.seen[d.OrderID] = line
	return true
}

// orderDate reads order_date, taking an empty one from the export that
// knows the order; empty where no export knows it, it is an error that
// says so.
func (dr *disputeReader) orderDate(c *Problems, row *disputeRow, line int, d *Dispute, export *KnownOrder, isKnown bool) bool {
	if isKnown && strings.TrimSpace(row.OrderDate) == "" {
		d.OrderDate = export.Date
		return true
	}
	var err error
	if d.OrderDate, err = requiredDate(row.OrderDate, "order_date"); err != nil {
		if strings.TrimSpace(row.OrderDate) == "" && dr.known != nil && d.OrderID != "" {
			err = msg.Msgf("order_date is empty, and the order-history exports do not list order %s", d.OrderID)
		}
		c.Add(line, "%v", err)
		return false
	}
	return true
}

// amount reads the order total and the currency it names, taking an empty
// one from the export that knows the order; an empty amount no export
// gives, or one not above zero, is an error.
func (dr *disputeReader) amount(c *Problems, row *disputeRow, line int, d *Dispute, export *KnownOrder, isKnown bool) bool {
	empty := strings.TrimSpace(row.Amount) == ""
	var err error
	switch {
	case isKnown && empty:
		d.Amount, d.Currency = export.Total, export.Currency
	case empty && dr.known != nil && d.OrderID != "":
		c.Add(line, "amount is empty, and the order-history exports do not list order %s; give the order total as on Amazon", d.OrderID)
		return false
	case empty:
		c.Add(line, "amount is empty; give the order total as on Amazon")
		return false
	default:
		if d.Amount, d.Currency, err = money.ParseTypedAmount(row.Amount); err != nil {
			c.Add(line, "amount: %v", err)
			return false
		}
		if d.Amount.Sign() <= 0 {
			c.Add(line, "amount %s is not above zero; give the order total as on Amazon", row.Amount)
			return false
		}
	}
	return true
}

// disputeRowCurrency reads the currency cell, which must agree with the
// currency the amount names.
func disputeRowCurrency(c *Problems, row *disputeRow, line int, d *Dispute) bool {
	cur, err := disputeCurrency(row.Currency)
	if err != nil {
		c.Add(line, "%v", err)
		return false
	}
	if cur == "" {
		return true
	}
	ok := true
	if d.Currency != "" && d.Currency != cur {
		c.Add(line, "currency %s does not agree with the amount %q", cur, row.Amount)
		ok = false
	}
	d.Currency = cur
	return ok
}

// disputeRowDates reads reported_on where given, and checks that both
// dates lie within FirstDate … LastDate.
func disputeRowDates(c *Problems, row *disputeRow, line int, d *Dispute) bool {
	ok := true
	if strings.TrimSpace(row.ReportedOn) != "" {
		var err error
		if d.ReportedOn, err = civil.ParseTypedDate(row.ReportedOn); err != nil {
			c.Add(line, "reported_on: %v", err)
			ok = false
		}
	}
	for _, f := range []struct {
		name string
		d    civil.Date
	}{{"order_date", d.OrderDate}, {"reported_on", d.ReportedOn}} {
		if f.d.Valid() && !DateInRange(f.d) {
			c.Add(line, "%s %s is outside %s … %s", f.name, f.d, FirstDate, LastDate)
			ok = false
		}
	}
	return ok
}

// disputeCardAmount reads card_amount where given: what the card was
// billed, above zero.
func disputeCardAmount(c *Problems, row *disputeRow, line int, d *Dispute) bool {
	cell := strings.TrimSpace(row.CardAmount)
	if cell == "" {
		return true
	}
	var cur string
	var err error
	ok := true
	if d.CardAmount, cur, err = money.ParseAmount(cell); err != nil {
		c.Add(line, "card_amount: %v", err)
		ok = false
	} else if d.CardAmount.Sign() <= 0 {
		c.Add(line, "card_amount %s is not above zero; give what the card was billed", cell)
		ok = false
	}
	d.CardCurrency = cur
	return ok
}

// fromExport completes a dispute from the export that knows its order,
// when the row's amount is the export's total (in the same currency, where
// both name one): the shipments, the currency, and, without card_amount,
// the export's card charges (SPEC §3.2: points or a gift-card balance paid
// the rest).
func fromExport(d *Dispute, export *KnownOrder) {
	if !d.Amount.Equal(export.Total) || d.Currency != "" && export.Currency != "" && d.Currency != export.Currency {
		return
	}
	d.Shipments = export.Shipments
	if d.Currency == "" {
		d.Currency = export.Currency
	}
	if d.CardAmount.IsZero() && export.CardCharged.Sign() > 0 && !export.CardCharged.Equal(export.Total) {
		d.CardAmount, d.CardCurrency = export.CardCharged, export.Currency
	}
}

// FirstDate and LastDate bound the dates refundwatch takes from disputes,
// confirmations and --as-of (SPEC §6): a date outside them is a typing
// slip, and no report loop may run over the centuries between.
var (
	FirstDate = civil.MustDate("1990-01-01")
	LastDate  = civil.MustDate("2100-12-31")
)

// DateInRange reports whether d lies within FirstDate … LastDate.
func DateInRange(d civil.Date) bool { return !d.Before(FirstDate) && !d.After(LastDate) }

func requiredDate(text, field string) (civil.Date, error) {
	if strings.TrimSpace(text) == "" {
		return civil.Date{}, msg.Msgf("%s is empty", field)
	}
	d, err := civil.ParseTypedDate(text)
	if err != nil {
		return civil.Date{}, msg.Msgf("%s: %v", field, err)
	}
	return d, nil
}

// disputeCurrency reads the currency cell of disputes.csv: an ISO 4217
// code (JPY, usd) or a sign that names one (¥ $ € £ 円), or nothing. Any
// other text is an error: the cell is printed in reasons, and text such
// as =1+1 or a control character has no business there.
func disputeCurrency(cell string) (string, error) {
	cur := strings.ToUpper(strings.TrimSpace(textenc.Fold(cell)))
	if cur == "" {
		return "", nil
	}
	if code, ok := money.CurrencyOfSign(cur); ok {
		return code, nil
	}
	if len(cur) == 3 && strings.Trim(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return cur, nil
	}
	return "", msg.Msgf("currency %q: expected a 3-letter code such as JPY, USD or EUR", cell)
}

// orderDashes are the characters people and input methods type for the
// hyphens of an order id: the katakana long vowel mark (ー, ｰ), the Unicode
// hyphens and dashes that NFKC leaves alone.
var orderDashes = strings.NewReplacer(
	"ー", "-", "\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-",
	"\u2015", "-", "\u2212", "-", "\ufe63", "-", "\u30a0", "-",
)
