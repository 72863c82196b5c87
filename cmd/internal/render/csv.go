package render

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// CSVHeader names the columns of -o csv. Like the JSON keys, they never change
// with the language; verdict and severity are the JSON names too.
var CSVHeader = []string{
	"finding", "order_id", "verdict", "severity", "order_date", "amount", "currency",
	"confirmed_on", "confirmation_kind", "watch_until", "closed", "charged", "credited", "outstanding",
	"row", "date", "row_amount", "description", "account", "file", "line", "reason", "note",
}

// renderCSV writes one line per statement row behind each finding (an order
// without rows gets one line), for spreadsheets. Amounts are plain numbers
// (-8480, 12.34) that a spreadsheet reads as numbers; text cells that a
// spreadsheet would run as a formula are neutralised. The file starts with a
// UTF-8 byte-order mark, so that Excel reads Japanese text right.
func renderCSV(w io.Writer, r *Rendering) error {
	ew := &layout.ErrWriter{W: w}
	io.WriteString(ew, "\uFEFF")
	cw := csv.NewWriter(ew)
	_ = cw.Write(CSVHeader)
	var line []string // each line's cells, made again for each line in this one slice
	for _, o := range r.rep.Orders {
		d := o.Dispute
		cur := o.Currency // of the totals: the card's for an order matched on card_amount
		order := []string{
			"order", text(d.OrderID), string(o.Verdict), o.Severity().String(), d.OrderDate.String(),
			keptAmount(d.Amount, d.Currency, false), text(d.Currency), "", "", o.WatchUntil.String(), strconv.FormatBool(o.Closed),
			keptAmount(o.Charged, cur, false), keptAmount(o.Credited, cur, false), keptAmount(o.Outstanding, cur, false),
		}
		if c := o.Confirmation; c != nil {
			order[7], order[8] = c.ConfirmedOn.String(), string(c.Kind)
		}
		tail := []string{text(r.loc.Sentences(o.Reason)), text(d.Note)}
		rows := csvRows(o)
		if len(rows) == 0 {
			line = concat(line[:0], order, noCells[:7], tail)
			_ = cw.Write(line)
		}
		for _, row := range rows {
			line = concat(line[:0], order, csvTxn(row.role, row.txn), tail)
			_ = cw.Write(line)
		}
	}
	var unknownReason string
	if r.rep.Unknown.Len() > 0 {
		unknownReason = text(r.loc.Sentences(r.rep.UnknownReason()))
	}
	finding := []string{"unknown-charge", "", string(matcher.UnknownCharge), matcher.SeverityOf(matcher.UnknownCharge).String()}
	tail := []string{unknownReason, ""}
	for t := range r.rep.Unknown.All() {
		line = concat(line[:0], finding, noCells[:10], csvTxn("unknown", t), tail)
		_ = cw.Write(line)
	}
	// The credits that serve no order, listed as the other reports list
	// them: not findings, but rows the person should look at.
	finding = []string{"unassigned-credit", "", "", ""}
	tail = []string{text(mask.Visible(report.UnassignedReason(r.loc))), ""}
	for _, t := range r.rep.UnassignedCredits {
		line = concat(line[:0], finding, noCells[:10], csvTxn("credit", t), tail)
		_ = cw.Write(line)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return ew.Err
}

type roleTxn struct {
	role string
	txn  *parser.Transaction
}

func csvRows(o *matcher.OrderResult) []roleTxn {
	var rows []roleTxn
	for _, g := range []struct {
		role string
		ts   []*parser.Transaction
	}{{"charge", o.Charges}, {"credit", o.Credits}, {"candidate", o.Ties().Candidates}} {
		for _, t := range g.ts {
			rows = append(rows, roleTxn{g.role, t})
		}
	}
	return rows
}

func csvTxn(role string, t *parser.Transaction) []string {
	return []string{
		role, t.Date.String(), keptAmount(t.Amount, t.Currency, false),
		text(t.Description), text(mask.AccountShown(t.Account)), mask.Keep(text(mask.PathText(t.File))), strconv.Itoa(t.Line),
	}
}

// keptAmount is an amount cell: a plain number, which the masking leaves
// whole however many digits it has.
func keptAmount(amount decimal.Decimal, currency string, grouped bool) string {
	return mask.Keep(money.FormatAmount(amount, currency, grouped))
}

// concat appends parts to out.
func concat(out []string, parts ...[]string) []string {
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// noCells are empty cells, for the columns a line leaves empty.
var noCells [10]string

// marksShown writes the marks of mask.Keep that a text from an input holds
// as text, so that no input marks its own digits to be left unmasked.
// It is made once: a Replacer builds its tables on its first use.
var marksShown = strings.NewReplacer(string(mask.KeepOpen), "<U+FDD0>", string(mask.KeepClose), "<U+FDD1>")

// text neutralises a text cell that a spreadsheet would take for a formula
// by putting a single quote first, as OWASP advises: one starting with =,
// +, -, @, a tab or a carriage return, or with their full-width forms
// (spreadsheets in Japan read ＝1+1 as a formula too), behind any
// byte-order marks and zero-width characters, which a spreadsheet passes
// over. Amount cells are never passed here: a negative amount stays a
// number.
func text(s string) string {
	s = marksShown.Replace(s)
	for _, c := range s {
		switch c {
		case '\uFEFF', '\u200B', '\u200C', '\u200D', '\u2060', '\u180E':
			continue
		case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠', '\u2212', '\uFE62', '\uFE63', '\uFE66':
			return "'" + s
		}
		return s
	}
	return s
}
