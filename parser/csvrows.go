package parser

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/gocarina/gocsv"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// CSVRules are the rules one kind of small CSV file with a header follows,
// where the person's own files (disputes.csv, confirmations.csv, mine.csv)
// and Amazon's exports differ. The zero value reads a file as Amazon writes
// it: no comments, names as written, the first of a repeated column, extra
// cells ignored, blank rows handed on, cells as written.
type CSVRules struct {
	// Comments makes lines that start with # comments, skipped: the
	// templates of the person's files explain their columns in them. A
	// comment line that starts with an Amazon order id is refused, though:
	// it is an id copied with Amazon's "#", and skipping it would drop its
	// order silently.
	Comments bool
	// FoldHeader matches the header's names folded (full-width letters and
	// spaces, as textenc.Fold) and lower-cased, as a person may type them;
	// otherwise only trimmed, as an export writes each name one way. The
	// tags of the row's fields, and the names given to CSVRecord's Has and
	// Which, are then the folded ones, in lower case.
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
	// TrimCells hands on each cell trimmed of the spaces around it, as
	// Amazon's exports are read; without it, cells are as written, and the
	// conversion trims what it must.
	TrimCells bool
	// CellsCopied tells that the conversion copies every cell it keeps out
	// of its row, as those of disputes.csv and confirmations.csv do
	// (detachDispute): the cells of the lines without a quote are then cut
	// from a string made for many lines, instead of one string a row.
	// Without it, a cell kept holds on to the string of its row only.
	CellsCopied bool
}

// CSVRecord is one row of a CSV file with a header: Row, its cells as
// gocsv decoded them into T, and the line the row starts on
// (csv.Reader.FieldPos). T is a struct of string fields, each tagged with
// the name of its column as the rules match it (`csv:"order_id"`): a row of
// text, which a small function of each file kind then converts, knowing the
// line, so that no amount or date is left to a reflection library's
// defaults. A field whose column the header lacks, or the row stops short
// of, is "".
type CSVRecord[T any] struct {
	Line   int
	Row    T
	header *csvHeader
}

// Has reports whether the header names the column.
func (r CSVRecord[T]) Has(name string) bool {
	_, ok := r.header.col[name]
	return ok
}

// Which returns the first of names the header has, or names[0] when it has
// none: an export that renamed a column over the years has a field for
// each of its names, and Which tells the field to read and the name
// messages give the column by.
func (r CSVRecord[T]) Which(names ...string) string {
	for _, n := range names {
		if r.Has(n) {
			return n
		}
	}
	return names[0]
}

// csvHeader is the header of a file read by ReadCSV: the line it stands on,
// and its names as the rules match them, each at its first cell.
type csvHeader struct {
	line int
	col  map[string]int
}

// ReadCSV decodes a small CSV file with a header, its bytes read whole (raw:
// UTF-8 with or without BOM, CP932 …, as textenc.DecodeAll tells), following
// rules, into rows of T with gocsv, and hands each to each in the order of
// the file; it returns how many rows it handed on. Every problem of the
// file's content goes to p at its line, so that the problems each reports
// fall in line order among them: a quoting error (the reader goes on at the
// next line), a refused row, or a refused header (then no row is read). The
// error is for raw that is no text it can decode, or a T gocsv cannot fill.
// A T that implements gocsv.TypeUnmarshalCSVWithFields, as the rows of the
// files that grow with an incident do (disputes.csv, confirmations.csv),
// is filled through it, cell by cell, rather than by reflection.
//
// It is for files read whole: disputes.csv, confirmations.csv, mine.csv
// and Amazon's exports. Statements have their own streaming reader (see
// the package doc).
func ReadCSV[T any](name string, raw []byte, rules CSVRules, p *Problems, each func(CSVRecord[T])) (int, error) {
	data, _, err := textenc.DecodeAll(raw)
	if err != nil {
		return 0, &Error{File: name, Err: err}
	}
	r := newCSVRows(name, data, rules)
	if rules.Comments {
		checkCommentedOrders(p, data)
	}
	header, ok := r.readHeader(p)
	if !ok {
		return 0, nil
	}
	// gocsv.UnmarshalCSV reads the rows through r.ReadAll, in this goroutine:
	// the i-th row it gives is the i-th r handed it, at r.lines[i]. (Its
	// callback functions decode in a goroutine of their own, a row ahead of
	// the callback, which would put the line and the file's problems out
	// of step with the row.) Its package-level settings are left as they
	// are: they are global to the program. It is handed csvBatch rows at a
	// time, into the same rows of T, each row handed on before the next
	// batch is read over it. (gocsv's own errors of a row would count its
	// place from the start of its batch: the rows ReadCSV reads have only
	// string fields, which gocsv fills without any.)
	var rows []T
	n := 0 // rows handed on before the batch
	for r.more {
		rows = rows[:cap(rows)] // gocsv writes a batch's rows over the last's, making room only for more
		if err := gocsv.UnmarshalCSV(r, &rows); err != nil {
			return 0, &Error{File: name, Err: err}
		}
		for i, line := range r.lines {
			r.reportBefore(n+i, p)
			each(CSVRecord[T]{Line: line, Row: rows[i], header: header})
		}
		n += len(r.lines)
	}
	r.reportBefore(n, p)
	return n, nil
}

// csvBatch is how many rows ReadCSV hands gocsv at once. gocsv makes a row
// of T and the record of its cells for every row it is handed, all held
// until the last is converted: handed a whole file of tens of thousands of
// orders at once, it held them all (disputes.csv and confirmations.csv of
// 80k orders, some 30 MB), in the first megabytes a run allocates, before
// any collection could reuse memory: memory the system had to back and
// clear afresh. A batch's are used again for the next.
const csvBatch = 1024

// csvRows is the gocsv.CSVReader ReadCSV hands gocsv: the rows of a file,
// passed on under the rules, remembering the line of each row (gocsv's own
// line numbers count rows, wrong after a quoted field over several lines)
// and the problems met before it.
//
// It splits the lines that hold no quote itself, at their commas, as
// encoding/csv would: most rows of the person's files and of Amazon's are
// such lines, which encoding/csv copies into its buffer and again into its
// record before it makes the string of the row's cells. From
// the first line with a quote on, the rest of the file is read by an
// encoding/csv reader, whose lines and errors are counted from the line
// it starts at.
type csvRows struct {
	name  string
	rules CSVRules
	data  []byte // the file's text
	rest  []byte // the text not yet read, from the start of a line, while cr is nil
	read  int    // the lines read before rest, or before cr's first line
	cr    *csv.Reader
	// text is a string of data from byte textAt on, which the lines
	// within it are cut from (CellsCopied).
	text   string
	textAt int
	// room holds the cells of the rows still to be handed out: gocsv
	// keeps every row of a batch until the batch's last is read, so a
	// slice of cells a row made on its own is an allocation a row to no
	// purpose.
	room []string
	// names is the header as gocsv matches it to T's tags: each name as
	// the rules match it, a name repeated after its first cell left blank,
	// so that the first column of a name is read (gocsv would fill a field
	// from each column of its name in turn, the last one winning).
	names []string
	width int   // the header's cells
	line  int   // the header's
	lines []int // the line of each row of the batch handed on, in order
	// handed counts the rows of the batches before.
	handed int
	// batch holds the header and the records of a batch (ReadAll). block
	// is the room each batch after the first takes its cells from, made
	// at the second for as many cells as the first took (used), up to
	// cellsRoom, and made again only for a batch after one that took
	// more: rows as wide as the header take none but it.
	batch [][]string
	block []string
	used  int
	more  bool // ReadAll has not met the end of the file
	// problems are those of the rows read, each with the count of rows
	// handed on before it, for ReadCSV to report among the conversion's.
	problems []csvProblem
	sent     bool // the header has gone to gocsv
	done     bool // the reader met an error it cannot go on after
}

type csvProblem struct {
	before int
	err    *Error
}

func newCSVRows(name string, data []byte, rules CSVRules) *csvRows {
	// Room for a row a line, up to a batch's, made once: grown by
	// doubling, the rows of a file of tens of thousands of orders were
	// copied again and again.
	return &csvRows{name: name, rules: rules, data: data, rest: data, more: true,
		lines: make([]int, 0, min(bytes.Count(data, []byte{'\n'})+1, csvBatch))}
}

// readHeader reads the header line and checks it under the rules, its
// problems going to p; it reports false when there is no header to read
// rows by.
func (r *csvRows) readHeader(p *Problems) (*csvHeader, bool) {
	cells, line, err := r.record() // comment lines may stand before the header
	if err != nil {
		r.rules.noHeader(r.name, err, p)
		return nil, false
	}
	h := &csvHeader{line: line, col: make(map[string]int, len(cells))}
	r.names, r.width, r.line = make([]string, len(cells)), len(cells), line
	for i, c := range cells {
		name := r.rules.headerName(c)
		if _, seen := h.col[name]; !seen {
			h.col[name], r.names[i] = i, exactName(name)
		}
	}
	return h, r.rules.checkHeader(cells, h, p)
}

// record reads the next record of the file and the line it starts on,
// skipping empty lines and, under the rules, comments, as encoding/csv
// does: io.EOF at the end, a *csv.ParseError for a row's quoting.
func (r *csvRows) record() ([]string, int, error) {
	for r.cr == nil && len(r.rest) > 0 {
		line, rest := r.rest, r.rest[len(r.rest):]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, rest = line[:i], line[i+1:]
		}
		if r.rules.Comments && len(line) > 0 && line[0] == '#' {
			r.rest, r.read = rest, r.read+1
			continue
		}
		if bytes.IndexByte(line, '"') >= 0 {
			r.readQuoted()
			break
		}
		at := len(r.data) - len(r.rest)
		r.rest, r.read = rest, r.read+1
		// encoding/csv ends a line at \n or \r\n, and drops a \r before
		// the end of the file.
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(line) == 0 {
			continue
		}
		return r.split(r.lineText(at, len(line))), r.read, nil
	}
	if r.cr == nil {
		return nil, 0, io.EOF
	}
	cells, err := r.cr.Read()
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		pe.StartLine, pe.Line = pe.StartLine+r.read, pe.Line+r.read
	}
	if err != nil {
		return nil, 0, err
	}
	line, _ := r.cr.FieldPos(0)
	return r.keep(cells), line + r.read, nil
}

// readQuoted hands the rest of the file, from the start of a line that
// holds a quote, to an encoding/csv reader: a quoted field may run on over
// the following lines, and the rules of quoting are its.
func (r *csvRows) readQuoted() {
	r.cr = csv.NewReader(bytes.NewReader(r.rest))
	r.cr.FieldsPerRecord = -1
	r.cr.ReuseRecord = true // its cells are copied to room
	if r.rules.Comments {
		r.cr.Comment = '#'
	}
	r.rest = nil
}

// cellsRoom bounds the cells cells makes room for at once, but for a
// row wider than it: a megabyte of string headers.
const cellsRoom = 1 << 16

// cellsText is how much of the file a string of CellsCopied holds: the
// lines of some hundred rows.
const cellsText = 8 << 10

// lineText returns the n bytes of data from at, a line, as a string: one of
// its own, or cut from text under CellsCopied, text made anew from at for
// the lines that follow when the line is not within it.
func (r *csvRows) lineText(at, n int) string {
	if !r.rules.CellsCopied {
		return string(r.data[at : at+n])
	}
	if at < r.textAt || at+n > r.textAt+len(r.text) {
		r.text, r.textAt = string(r.data[at:max(at+n, min(at+cellsText, len(r.data)))]), at
	}
	return r.text[at-r.textAt : at-r.textAt+n]
}

// split returns the cells of a line that holds no quote, cut from it at
// each comma.
func (r *csvRows) split(line string) []string {
	cells := r.cells(strings.Count(line, ",") + 1)
	for i := range len(cells) - 1 {
		j := strings.IndexByte(line, ',')
		cells[i], line = line[:j], line[j+1:]
	}
	cells[len(cells)-1] = line
	return cells
}

// keep returns a copy of the cells of a record of encoding/csv, which
// reuses its slice for the next.
func (r *csvRows) keep(record []string) []string {
	cells := r.cells(len(record))
	copy(cells, record)
	return cells
}

// cells returns room for n cells of a row, taken from room, which is made
// for n cells a line still to read, up to a thousand lines and cellsRoom
// cells at a time (a quoted field over several lines makes a row of many).
// It is sized by the row, not by the header: a header of a million empty
// columns over rows of eight cells made room for a thousand times a
// million cells (32 GB).
func (r *csvRows) cells(n int) []string {
	if len(r.room) < n {
		r.room = make([]string, max(n, min(min(cap(r.lines)-len(r.lines)+1, 1024)*n, cellsRoom)))
	}
	cells := r.room[:n:n]
	r.room = r.room[n:]
	r.used += n
	return cells
}

// Read returns the header names first, then each row the rules hand on;
// io.EOF at the end of the file or after an error the reader cannot go on
// after. Problems of the rows are kept for ReadCSV to report.
func (r *csvRows) Read() ([]string, error) {
	if !r.sent {
		r.sent = true
		return r.names, nil
	}
	for !r.done {
		cells, line, err := r.record()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.problem(CSVError(r.name, err))
			// After a quoting error the reader goes on at the next line:
			// report the file's other problems too.
			r.done = !IsParseError(err)
			continue
		}
		if cells, ok := r.pass(cells, line); ok {
			return cells, nil
		}
	}
	return nil, io.EOF
}

// pass applies the rules to a row read, at line: blank rows skipped,
// cells beyond the header refused, cells trimmed. It reports whether the
// row is handed on, and remembers its line.
func (r *csvRows) pass(cells []string, line int) ([]string, bool) {
	if r.rules.SkipBlankRows && blankCells(cells) {
		return nil, false
	}
	if r.rules.RefuseOverfull && len(cells) > r.width && !blankCells(cells[r.width:]) {
		r.problem(Errorf(r.name, line, "row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)", len(cells), r.line, r.width))
		return nil, false
	}
	if r.rules.TrimCells {
		for i, c := range cells {
			cells[i] = strings.TrimSpace(c)
		}
	}
	r.lines = append(r.lines, line)
	// Cells past the header are no field's: gocsv reads none of them, and
	// would look their names up past the header's end to hand them to a
	// TypeUnmarshalCSVWithFields.
	return cells[:min(len(cells), r.width)], true
}

// gocsvLoose are the zero-width characters gocsv takes out of a header name
// before it matches it to a tag once more.
const gocsvLoose = "\u200b\u200c\u200d\ufeff"

// exactName returns a header name as gocsv is to match it: blank when it
// holds a zero-width character, which gocsv would take out and then match
// the name to a tag ("no\ufeffte" filling the note field), where the header
// checks, Has and Which see no such column. So gocsv fills exactly the
// fields of the columns the header names. (It trims a name too, before
// matching: the rules' names are trimmed already.)
func exactName(name string) string {
	if strings.ContainsAny(name, gocsvLoose) {
		return ""
	}
	return name
}

// ReadAll returns the header names, then the next batch of rows Read
// returns: csvBatch of them, or those up to the end, where it sets more to
// false. The records and their cells are made over the last batch's (the
// first batch's cells follow the header's, in the room made for it).
func (r *csvRows) ReadAll() ([][]string, error) {
	if r.batch == nil {
		r.batch = make([][]string, 0, cap(r.lines)+1)
	} else {
		if len(r.block) < r.used {
			r.block = make([]string, min(r.used, cellsRoom))
		}
		r.room = r.block
	}
	r.used = 0
	r.handed += len(r.lines)
	r.lines = r.lines[:0]
	all := append(r.batch[:0], r.names)
	r.sent = true
	for len(r.lines) < csvBatch {
		cells, err := r.Read()
		if err == io.EOF {
			r.more = false
			break
		}
		all = append(all, cells)
	}
	r.batch = all
	return all, nil
}

func (r *csvRows) problem(e *Error) {
	r.problems = append(r.problems, csvProblem{before: r.handed + len(r.lines), err: e})
}

// reportBefore adds to p the problems met before row i was handed on, not
// yet reported.
func (r *csvRows) reportBefore(i int, p *Problems) {
	for len(r.problems) > 0 && r.problems[0].before <= i {
		p.AddErr(r.problems[0].err)
		r.problems = r.problems[1:]
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

// checkHeader checks the header read (cells, mapped in h): it reports
// false when it names a column twice and the rules refuse it, or lacks a
// required column. gocsv would leave a missing column's fields empty
// without a word.
func (rules CSVRules) checkHeader(cells []string, h *csvHeader, p *Problems) bool {
	twice := false
	for i, c := range cells {
		name := rules.headerName(c)
		if first := h.col[name]; first != i && rules.RefuseRepeatedColumn && name != "" {
			p.Add(h.line, "column %s is in the header twice (cells %d and %d); keep one", name, first+1, i+1)
			twice = true
		}
	}
	if twice {
		return false
	}
	var missing []string
	for _, name := range rules.Required {
		if _, ok := h.col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		p.Add(h.line, "missing column %s; the header needs %s", strings.Join(missing, ", "), strings.Join(rules.Required, ","))
		return false
	}
	return true
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
