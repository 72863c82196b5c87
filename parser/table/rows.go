package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unsafe"
)

// rowReader reads the records of a statement as encoding/csv reads them
// (ReuseRecord, FieldsPerRecord -1): the same fields, lines, offsets and
// errors. Lines without a quote, which are nearly all the lines of most
// exports, it splits itself, in a fraction of the steps and allocations:
// each line's fields are cut from a block of many lines (see block). From the first line that holds a quote,
// or that is longer than its buffer, it hands the rest of the text to a
// csv.Reader, behind a rowLimit, and says its lines and offsets from where
// that one starts.
type rowReader struct {
	src   *bufio.Reader // nil once the csv.Reader reads
	comma byte
	rec   []string
	// block holds the text of the lines read, each line's fields cut from
	// it: one allocation for many lines, where encoding/csv makes one a
	// record. Its bytes are never written again once a line is in it, so
	// that a field kept holds on to the block, safely; what is kept of
	// many rows is copied (tableReader.own), not to hold every block.
	block []byte
	line  int   // line of the last record read
	lines int   // lines read
	read  int64 // bytes read

	csv      *csv.Reader
	lim      *rowLimit
	lazy     bool
	delim    rune
	lineBase int   // lines before the csv.Reader's first
	readBase int64 // bytes before the csv.Reader's first
}

// rowBlock is the size of rowReader's blocks of lines.
const rowBlock = 64 << 10

// newRowReader reads text with delim between fields; lazy reads a stray
// quote as text (csv.Reader.LazyQuotes).
func newRowReader(text io.Reader, delim rune, lazy bool) *rowReader {
	r := &rowReader{delim: delim, lazy: lazy}
	if delim > 0 && delim < 0x80 && delim != '"' && delim != '\r' && delim != '\n' {
		r.src, r.comma = bufio.NewReaderSize(text, 64<<10), byte(delim)
		return r
	}
	r.toCSV(text)
	return r
}

// toCSV hands the rest of the text to a csv.Reader.
func (r *rowReader) toCSV(rest io.Reader) {
	r.src = nil
	r.lim = &rowLimit{r: rest}
	r.csv = csv.NewReader(r.lim)
	r.csv.Comma, r.csv.FieldsPerRecord, r.csv.ReuseRecord, r.csv.LazyQuotes = r.delim, -1, true, r.lazy
	r.lineBase, r.readBase = r.lines, r.read
}

// Read returns the next record, as csv.Reader.Read does; io.EOF at the end.
func (r *rowReader) Read() ([]string, error) {
	for r.src != nil {
		text, err := r.src.ReadSlice('\n')
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, err
		}
		if err == bufio.ErrBufferFull || bytes.IndexByte(text, '"') >= 0 {
			// The csv.Reader reads this line again, from a copy: the
			// buffer's bytes are the next read's.
			r.toCSV(io.MultiReader(bytes.NewReader(bytes.Clone(text)), r.src))
			break
		}
		n := len(text)
		if n == 0 {
			return nil, io.EOF
		}
		r.lines++
		r.read += int64(n)
		// What encoding/csv drops: the newline, a \r before it or before
		// the end of the text.
		if text[n-1] == '\n' {
			n--
		}
		if n > 0 && text[n-1] == '\r' && (n < len(text) || err == io.EOF) {
			n--
		}
		if n == 0 {
			continue // a blank line is no record
		}
		r.line = r.lines
		if len(r.block)+n > cap(r.block) {
			r.block = make([]byte, 0, rowBlock)
		}
		at := len(r.block)
		r.block = append(r.block, text[:n]...)
		s := unsafe.String(&r.block[at], n)
		rec := r.rec[:0]
		for {
			i := strings.IndexByte(s, r.comma)
			if i < 0 {
				rec = append(rec, s)
				break
			}
			rec = append(rec, s[:i])
			s = s[i+1:]
		}
		r.rec = rec
		return rec, nil
	}
	return r.readCSV()
}

// readCSV reads the next record with the csv.Reader the rest of the text
// was handed to, its parse errors saying lines of the whole text.
func (r *rowReader) readCSV() ([]string, error) {
	rec, err := r.csv.Read()
	if err == io.EOF {
		return rec, err
	}
	r.lim.rowDone(r.csv.InputOffset())
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pe.StartLine += r.lineBase
			pe.Line += r.lineBase
		}
	}
	return rec, err
}

// Line is the line the last record read starts on, as
// csv.Reader.FieldPos(0) tells it.
func (r *rowReader) Line() int {
	if r.csv == nil {
		return r.line
	}
	line, _ := r.csv.FieldPos(0)
	return r.lineBase + line
}

// InputOffset is how far into the text the reader is, in bytes.
func (r *rowReader) InputOffset() int64 {
	if r.csv == nil {
		return r.read
	}
	return r.readBase + r.csv.InputOffset()
}

// MaxRowBytes bounds one row of a statement CSV. No export writes rows
// longer than a few hundred characters; a longer one is a damaged file or a
// quote never closed, and reading it whole would hold the file in memory.
const (
	MaxRowBytes = 1 << 20
	maxRowText  = "1 MiB"
)

// errRowTooLong is what a rowLimit returns once a row passes maxRowBytes.
var errRowTooLong = errors.New("row longer than " + maxRowText)

// rowLimit hands text to a csv.Reader and fails once the row being read
// (the bytes since the end of the last row, as the reader's InputOffset
// tells) grows past maxRowBytes, while it is read.
type rowLimit struct {
	r        io.Reader
	read     int64 // bytes handed out
	rowStart int64 // offset where the row being read starts
}

func (l *rowLimit) Read(p []byte) (int, error) {
	room := MaxRowBytes + 1 - (l.read - l.rowStart)
	if room <= 0 {
		return 0, errRowTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// rowDone tells where the next row starts.
func (l *rowLimit) rowDone(offset int64) { l.rowStart = offset }
