package amazon

import (
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// exportCSV are the rules of Amazon's CSV exports: names as Amazon writes
// them, the first column of a name read, no comment lines (an export has
// none: a line that starts with # is a row), cells beyond the header ignored,
// blank rows left out (they are no order and no refund, and are not
// counted as rows read), and cells read trimmed.
var exportCSV = parser.CSVRules{SkipBlankRows: true, TrimCells: true}

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
