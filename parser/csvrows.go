package parser

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/refundwatch/refundwatch/parser/textenc"
)

// CSVRules are the rules one kind of small CSV file with a header follows,
// where the person's own files (disputes.csv, confirmations.csv, mine.csv)
// and Amazon's exports differ. The zero value reads a file as Amazon writes
// it: no comments, names as written, the first of a repeated column, extra
// cells ignored, blank rows handed on.
type CSVRules struct {
	// Comments makes lines that start with # comments, skipped: the
	// templates of the person's files explain their columns in them. A
	// comment line that starts with an Amazon order id is refused, though:
	// it is an id copied with Amazon's "#", and skipping it would drop its
	// order silently.
	Comments bool
	// FoldHeader matches the header's names folded (full-width letters and
	// spaces, as textenc.Fold) and lower-cased, as a person may type them;
	// otherwise only trimmed, as an export writes each name one way. Names
	// given to CSVRecord are then the folded ones, in lower case.
	FoldHeader bool
	// RefuseRepeatedColumn refuses a header that names a column twice,
	// since which of its cells the person meant is anyone's guess; without
	// it, the first column of the name is read.
	RefuseRepeatedColumn bool
	// Required are the columns the header must name. A file with no header
	// line says it needs them ("file is empty; it needs a header line:
	// order_id,kind"), or only "file is empty" when none is required.
	Required []string
	// RefuseOverfull refuses a row with non-blank cells beyond the header's
	// width, most often an unquoted comma in an amount (12,800) that shifts
	// the later cells: reading on would take the wrong amount. Without it,
	// those cells are ignored.
	RefuseOverfull bool
	// SkipBlankRows leaves out the rows whose cells are all blank, neither
	// handed on nor counted; without it they are handed on, for the
	// conversion to say which required cell is empty.
	SkipBlankRows bool
}

// CSVRecord is one row of a CSV file with a header: its cells, read by the
// header's names, and the line it starts on (csv.Reader.FieldPos).
type CSVRecord struct {
	Line  int
	cells []string
	col   map[string]int // the header's names, each at its cell
}

// Cell returns the cell under column name as written, untrimmed; "" when the
// header has no such column or the row stops short of it.
func (r CSVRecord) Cell(name string) string {
	if i, ok := r.col[name]; ok && i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

// Get returns the cell under the first of names the header has, trimmed;
// "" when the header has none of them. Exports that renamed a column over
// the years are read by naming each of its names.
func (r CSVRecord) Get(names ...string) string {
	return strings.TrimSpace(r.Cell(r.Which(names...)))
}

// Which returns the first of names the header has, or names[0] when it has
// none: the name messages give the column by.
func (r CSVRecord) Which(names ...string) string {
	for _, n := range names {
		if r.Has(n) {
			return n
		}
	}
	return names[0]
}

// Has reports whether the header names the column.
func (r CSVRecord) Has(name string) bool {
	_, ok := r.col[name]
	return ok
}

// ReadCSV decodes a small CSV file with a header, its bytes read whole (raw:
// UTF-8 with or without BOM, CP932 …, as textenc.DecodeAll tells), following
// rules, and hands each row to each in the order of the file; it returns how
// many rows it handed on. Every problem of the file's content goes to p at
// its line, as it is met, so that the problems each reports fall in line
// order among them: a quoting error (the reader goes on at the next line),
// a refused row, or a refused header (then no row is read). The error is
// for raw that is no text it can decode.
//
// It is for files read whole: disputes.csv, confirmations.csv, mine.csv
// and Amazon's exports. Statements have their own streaming reader (see
// the package doc).
func ReadCSV(name string, raw []byte, rules CSVRules, p *Problems, each func(CSVRecord)) (int, error) {
	data, _, err := textenc.DecodeAll(raw)
	if err != nil {
		return 0, &Error{File: name, Err: err}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	if rules.Comments {
		checkCommentedOrders(p, data)
		cr.Comment = '#'
	}
	header, err := cr.Read()
	if err != nil {
		rules.noHeader(name, err, p)
		return 0, nil
	}
	headerLine, _ := cr.FieldPos(0) // comment lines may stand before the header
	col, ok := rules.columns(header, headerLine, p)
	if !ok {
		return 0, nil
	}
	rows := 0
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			p.AddErr(CSVError(name, err))
			if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
				continue // the reader goes on at the next line: report the file's other problems too
			}
			return rows, nil
		}
		line, _ := cr.FieldPos(0)
		if rules.SkipBlankRows && blankCells(cells) {
			continue
		}
		if width := len(header); rules.RefuseOverfull && len(cells) > width && !blankCells(cells[width:]) {
			p.Add(line, "row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)", len(cells), headerLine, width)
			continue
		}
		rows++
		each(CSVRecord{Line: line, cells: cells, col: col})
	}
}

// noHeader reports why the header could not be read: the file holds none
// (it is empty, or only comments), or its quoting is wrong.
func (rules CSVRules) noHeader(name string, err error, p *Problems) {
	switch {
	case !errors.Is(err, io.EOF):
		p.AddErr(CSVError(name, err))
	case len(rules.Required) > 0:
		p.Add(0, "file is empty; it needs a header line: %s", strings.Join(rules.Required, ","))
	default:
		p.Add(0, "file is empty")
	}
}

// columns maps the header's names to their cells, the first cell of a name
// winning; it reports false when the header names a column twice and the
// rules refuse it, or lacks a required column.
func (rules CSVRules) columns(header []string, line int, p *Problems) (map[string]int, bool) {
	col := make(map[string]int, len(header))
	twice := false
	for i, h := range header {
		name := rules.headerName(h)
		first, seen := col[name]
		switch {
		case !seen:
			col[name] = i
		case rules.RefuseRepeatedColumn && name != "":
			p.Add(line, "column %s is in the header twice (cells %d and %d); keep one", name, first+1, i+1)
			twice = true
		}
	}
	if twice {
		return nil, false
	}
	var missing []string
	for _, name := range rules.Required {
		if _, ok := col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		p.Add(line, "missing column %s; the header needs %s", strings.Join(missing, ", "), strings.Join(rules.Required, ","))
		return nil, false
	}
	return col, true
}

// headerName is the name a header cell gives its column under the rules.
func (rules CSVRules) headerName(cell string) string {
	if rules.FoldHeader {
		return strings.ToLower(strings.TrimSpace(textenc.Fold(cell)))
	}
	return strings.TrimSpace(cell)
}

func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// commentedOrder is a comment line that starts with an order id, as in
// "#250-1234567-1234567,2026-03-02,…": an id copied with Amazon's "#".
var commentedOrder = regexp.MustCompile(`^#\s*([0-9A-Z]{3}-[0-9]{7}-[0-9]{7})\b`)

// checkCommentedOrders reports lines that would be skipped as comments but
// hold an order, so that no order is dropped silently.
func checkCommentedOrders(c *Problems, data []byte) {
	n := 0
	for line := range bytes.Lines(data) {
		n++
		if line[0] != '#' {
			continue // not a comment: most lines, left without the regular expression
		}
		if m := commentedOrder.FindSubmatch(line); m != nil {
			c.Add(n, "line starts with # and would be skipped as a comment, but it holds order %s: remove the #", string(m[1]))
		}
	}
}
