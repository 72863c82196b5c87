package amazon

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// record is one CSV row with its header, read by column name.
type record struct {
	cells []string
	col   map[string]int
	line  int
}

// get returns the cell under the first of names the header has, trimmed,
// or "" when the header has none of them.
func (r record) get(names ...string) string {
	for _, n := range names {
		if i, ok := r.col[n]; ok && i < len(r.cells) {
			return strings.TrimSpace(r.cells[i])
		}
	}
	return ""
}

// which returns the first of names the header has.
func (r record) which(names ...string) string {
	for _, n := range names {
		if _, ok := r.col[n]; ok {
			return n
		}
	}
	return names[0]
}

// readRecords decodes a CSV file with a header line and hands each
// non-blank row to each, with its line number. It returns how many rows it read.
func readRecords(name string, r io.Reader, p *parser.Problems, each func(record)) (int, error) {
	text, _, err := textenc.Decode(r)
	if err != nil {
		return 0, &parser.Error{File: name, Err: err}
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return 0, csvProblem(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		if _, dup := col[strings.TrimSpace(h)]; !dup {
			col[strings.TrimSpace(h)] = i
		}
	}
	rows := 0
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// The reader goes on at the next line: report the file's other problems too.
				p.AddErr(parser.CSVError(name, err))
				continue
			}
			return rows, csvProblem(name, err)
		}
		line, _ := cr.FieldPos(0)
		if blank(cells) {
			continue
		}
		rows++
		each(record{cells: cells, col: col, line: line})
	}
}

func csvProblem(name string, err error) *parser.Error {
	if errors.Is(err, io.EOF) {
		return parser.Errorf(name, 0, "file is empty")
	}
	return parser.CSVError(name, err)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// notGiven reports whether a cell holds one of Amazon's words for "no value".
func notGiven(cell string) bool {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "", "not available", "not applicable", "n/a":
		return true
	}
	return false
}

// amount reads a money cell, Amazon's '-0.68' quoting and thousands commas
// included.
func amount(cell string) (decimal.Decimal, error) {
	d, _, err := money.ParseAmount(strings.Trim(cell, "'"))
	return d, err
}
