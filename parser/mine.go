package parser

import (
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// MineRow is a row of mine.csv: a charge the person recognises as their
// own (a Prime membership, an AWS bill), by a text its statement
// description holds and, where given, its exact amount.
type MineRow struct {
	// Pattern is the text, normalised as descriptions are (Normalize).
	Pattern string
	// Amount is the exact amount of the charge; zero for any amount.
	Amount decimal.Decimal
	Note   string
	File   string
	Line   int
}

// mineRow is a mine.csv row as text, as ReadCSV decodes it by the header's
// folded names (personCSV), before conversion.
type mineRow struct {
	Pattern string `csv:"pattern"`
	Amount  string `csv:"amount"`
	Note    string `csv:"note"`
}

// ReadMine reads mine.csv: UTF-8 (with or without BOM) or CP932, a header
// naming pattern and optionally amount and note, one recurring charge of
// the person's own a row.
func ReadMine(name string, r io.Reader) ([]MineRow, error) {
	raw, err := textenc.ReadAll(r)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	c := NewProblems(name)
	out := []MineRow{} // a file of no rows gives an empty list, not nil
	_, err = ReadCSV(name, raw, personCSV([]string{"pattern"}), c, func(rec CSVRecord[mineRow]) {
		if m, ok := readMineRow(c, &rec.Row, name, rec.Line); ok {
			out = append(out, m)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, c.Err()
}

// readMineRow converts one row, reporting each of its problems to c; it
// reports false when the row has any (the file is then refused).
func readMineRow(c *Problems, row *mineRow, name string, line int) (MineRow, bool) {
	m := MineRow{Pattern: textenc.Normalize(row.Pattern), Note: strings.TrimSpace(row.Note), File: name, Line: line}
	ok := true
	if m.Pattern == "" {
		c.Add(line, "pattern is empty; give a text the statement's description holds, such as AMAZON PRIME")
		ok = false
	}
	if strings.TrimSpace(row.Amount) != "" {
		var err error
		if m.Amount, _, err = money.ParseTypedAmount(row.Amount); err != nil {
			c.Add(line, "amount: %v", err)
			ok = false
		} else if m.Amount = m.Amount.Abs(); m.Amount.IsZero() {
			c.Add(line, "amount 0 is no charge; leave it empty for any amount")
			ok = false
		}
	}
	return m, ok
}
