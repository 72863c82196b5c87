package table

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
	"strings"
	"unsafe"
)

// rowReader reads the records of a statement as encoding/csv reads them
// (ReuseRecord, FieldsPerRecord -1): the same fields, lines, offsets and
// errors. Lines without a quote, which are nearly all the lines of most
// exports, it splits itself, in a fraction of the steps and allocations:
// the text is read into chunks of many lines, and each line's fields are
// cut from its chunk (see chunk). From the first line that holds a quote,
// or that is longer than a chunk, it hands the rest of the text to a
// csv.Reader, behind a rowLimit, and says its lines and offsets from where
// that one starts.
type rowReader struct {
	src   io.Reader // nil once the csv.Reader reads
	comma byte
	rec   []string
	// commas are where the delimiters of the line being split stand in
	// it (lineCells).
	commas [lineCommas]int32
	// chunk holds the text read, from the start of the line being read:
	// one buffer for all the lines, where encoding/csv makes one a
	// record, and no copy of them but the one read makes. A line that
	// runs past the end of the full chunk is moved to its start, and the
	// text after it read over the lines before it: unlike a csv.Reader's,
	// whose fields stay good, a record's fields are good until the next
	// Read, and whatever outlives its row is copied by whoever keeps it
	// (see Read).
	chunk []byte
	// keptTo is where the text of the last record kept (keep) ends in
	// chunk, 0 for none: the next chunk is then a new one, and this one
	// is never written again.
	keptTo int
	// done is where the line of the last record returned starts in chunk
	// (-1: in none, or one read over), for poison.
	done  int
	pos   int   // where the unread text starts in chunk
	quote int   // where the first quote at or after pos is in chunk; len(chunk) when none is
	err   error // what the last read of src returned, io.EOF at the end
	empty int   // reads in a row that returned nothing
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

// rowBlock is the size of rowReader's chunks, and the longest line it
// splits itself.
const rowBlock = 64 << 10

// newRowReader reads text with delim between fields; lazy reads a stray
// quote as text (csv.Reader.LazyQuotes).
func newRowReader(text io.Reader, delim rune, lazy bool) *rowReader {
	r := &rowReader{delim: delim, lazy: lazy, done: -1}
	if delim > 0 && delim < 0x80 && delim != '"' && delim != '\r' && delim != '\n' {
		r.src, r.comma = text, byte(delim)
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
// The record's fields may be cut from the reader's buffer, which the next
// Read may write over: a field, or a part of one, that is kept past the
// next Read must be copied (strings.Clone), or the buffer kept (keep),
// which is for the rare records an error quotes. Tests built with the tag
// rowpoison write over each record's text at the next Read (poison), so
// that a field kept uncopied shows in what the tests see.
func (r *rowReader) Read() ([]string, error) {
	for r.src != nil {
		// Most lines stand whole in the chunk: their end and their
		// delimiters are found in one pass (lineCells), else the line is
		// looked for, read in if need be, and split (nextLine).
		var text []byte
		var last, ok bool
		ncommas, end := lineCells(r.chunk[r.pos:], r.comma, &r.commas)
		if end >= 0 {
			text, last, ok = r.cut(end + 1)
		} else {
			text, last, ok = r.nextLine()
		}
		if !ok {
			if poisonRead {
				r.poison(nil) // the end, or an error
			}
			if r.src == nil {
				break // handed to the csv.Reader
			}
			return nil, r.err
		}
		n := len(text)
		r.lines++
		r.read += int64(n)
		// What encoding/csv drops: the newline, a \r before it or before
		// the end of the text.
		if text[n-1] == '\n' {
			n--
		}
		if n > 0 && text[n-1] == '\r' && (n < len(text) || last) {
			n--
		}
		if n == 0 {
			continue // a blank line is no record
		}
		r.line = r.lines
		if poisonRead {
			r.poison(text)
		}
		r.done = r.pos - len(text)
		s := unsafe.String(&text[0], n)
		rec := r.rec[:0]
		if end >= 0 {
			from := 0
			for _, c := range r.commas[:ncommas] {
				rec = append(rec, s[from:c])
				from = int(c) + 1
			}
			r.rec = append(rec, s[from:])
			return r.rec, nil
		}
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

// lineCells finds the end of the first line of text, the index of its
// newline, and the delimiters before it, eight bytes at a time, writing
// their indexes to commas; n is how many. It reports -1 when no newline
// stands in text's first lineCellsMax bytes, in whole words of eight, or
// when more delimiters than commas holds stand before it: the line is
// long, or wide, or runs to the end of the text, and is left to nextLine.
// Over a statement's short lines, reading words takes about a quarter
// less time than calling bytes.IndexByte once for the line and once for
// each field (26 against 35 ns a line); writing to an array, not
// appending to a slice, leaves the loop without a call, and a fifth
// fewer instructions.
func lineCells(text []byte, comma byte, commas *[lineCommas]int32) (n, end int) {
	const ones = 0x0101010101010101
	if len(text) > lineCellsMax {
		text = text[:lineCellsMax]
	}
	commaBytes := ones * uint64(comma)
	for i := 0; i+8 <= len(text); i += 8 {
		w := binary.LittleEndian.Uint64(text[i : i+8])
		delims := zeroBytes(w ^ commaBytes)
		newlines := zeroBytes(w ^ ones*'\n')
		if newlines != 0 {
			delims &= newlines&-newlines - 1 // those before the newline
		}
		for ; delims != 0; delims &= delims - 1 {
			if n == len(commas) {
				return 0, -1
			}
			commas[n] = int32(i + bits.TrailingZeros64(delims)/8)
			n++
		}
		if newlines != 0 {
			return n, i + bits.TrailingZeros64(newlines)/8
		}
	}
	return 0, -1
}

// lineCommas is how many delimiters lineCells finds in a line, a row of
// 65 fields, more than any statement has.
const lineCommas = 64

// lineCellsMax bounds the text lineCells looks at, and so the delimiters
// it lists, for a line it then leaves to nextLine.
const lineCellsMax = 1 << 10

// zeroBytes has the top bit set of each byte of w that is zero, and no
// other bit.
func zeroBytes(w uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((w&low7 + low7) | w | low7)
}

// nextLine returns the next line of the text, with its newline where it
// has one, and whether it is the last. It reports false at the end of the
// text or on an error reading it (r.err), and when it handed the rest of
// the text, from this line on, to the csv.Reader: a line that holds a
// quote, or that is longer than a chunk.
func (r *rowReader) nextLine() (text []byte, last, ok bool) {
	for {
		rest := r.chunk[r.pos:]
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			return r.cut(i + 1)
		}
		if r.err != nil {
			if len(rest) == 0 || r.err != io.EOF {
				return nil, false, false // the end, or what failed
			}
			text, _, ok = r.cut(len(rest))
			return text, true, ok
		}
		if len(rest) >= rowBlock {
			r.handOver()
			return nil, false, false
		}
		r.fill()
	}
}

// cut takes the next n bytes of the chunk as a line, unless a quote stands
// among them, when it hands the text from there to the csv.Reader.
func (r *rowReader) cut(n int) (text []byte, last, ok bool) {
	if r.quote < r.pos {
		if i := bytes.IndexByte(r.chunk[r.pos:], '"'); i >= 0 {
			r.quote = r.pos + i
		} else {
			r.quote = len(r.chunk)
		}
	}
	if r.quote < r.pos+n {
		r.handOver()
		return nil, false, false
	}
	text = r.chunk[r.pos : r.pos+n]
	r.pos += n
	return text, false, true
}

// handOver hands the text from the line being read on to a csv.Reader:
// what is left of the chunk (a copy, as the rows already cut hold the
// chunk), then the rest of src.
func (r *rowReader) handOver() {
	if poisonRead {
		r.poison(nil)
	}
	rest := io.Reader(bytes.NewReader(bytes.Clone(r.chunk[r.pos:])))
	switch {
	case r.err == nil:
		rest = io.MultiReader(rest, r.src)
	case r.err != io.EOF:
		rest = io.MultiReader(rest, errReader{r.err}) // what failed, after the text read before it
	}
	r.chunk, r.pos, r.done = nil, 0, -1
	r.toCSV(rest)
}

// errReader returns err on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// fill reads more of the text into the chunk, after the line being read.
// When the chunk is full, that line moves to its start and the text is
// read over the lines before it, which their records no longer need (see
// Read): the reader's one buffer stays in the processor's cache, and
// reading a file makes no garbage of its text.
func (r *rowReader) fill() {
	if len(r.chunk) == cap(r.chunk) {
		line := r.chunk[r.pos:]
		next := r.chunk[:len(line)]
		if cap(next) < rowBlock || r.keptTo > 0 {
			next = make([]byte, len(line), rowBlock)
		} else if poisonRead {
			r.poison(nil) // read over, in part, by what follows
		}
		copy(next, line)
		r.chunk, r.pos, r.quote, r.done, r.keptTo = next, 0, -1, -1, 0
	}
	n, err := r.src.Read(r.chunk[len(r.chunk):cap(r.chunk)])
	r.chunk = r.chunk[:len(r.chunk)+n]
	if n == 0 && err == nil {
		r.empty++
		if r.empty >= 100 { // as bufio.Reader gives up on a reader that never reads
			err = io.ErrNoProgress
		}
	} else {
		r.empty = 0
	}
	if r.quote == len(r.chunk)-n {
		r.quote = -1 // no quote was before the text just read: look again
	}
	if err != nil {
		r.err = err
	}
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

// keep keeps the text of the record last read as it is: its fields, or
// parts of them, may be kept uncopied. It costs the reader a new buffer,
// and so is for what is rare, such as the records an error quotes.
func (r *rowReader) keep() {
	if r.src != nil { // else the record is a csv.Reader's own
		r.keptTo = r.pos
	}
}

// poison writes over the text of the record the last Read returned, in a
// build with poisonRead, unless that text is kept (keep): with next, the
// text of the record read now, if any, then with poisonByte. A field kept past
// this Read without a copy then reads as a part of the next row, as it
// would once the buffer is read over; a text kept to be compared with the
// next row's, such as the last date read, then reads as that row's.
func (r *rowReader) poison(next []byte) {
	if r.done < r.keptTo || r.done < 0 {
		return
	}
	prev := r.chunk[r.done : r.pos-len(next)]
	n := copy(prev, next)
	for i := n; i < len(prev); i++ {
		prev[i] = poisonByte
	}
}

// poisonByte is what poison writes past the next record's text: a
// character that no date, amount or name holds, and that shows.
const poisonByte = '~'
