package parser

import (
	"encoding/csv"
	"errors"
	"io"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// CSVError turns an error of encoding/csv into an *Error of file name, at
// the line where the person can see the problem start, saying what was
// expected there. Other errors are returned as an *Error of the whole file.
func CSVError(name string, err error) *Error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &Error{File: name, Err: err}
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &Error{File: name, Line: pe.Line, Column: pe.Column,
			Err: msg.Msgf(`a " stands inside a field that does not start with one; expected the whole field in quotes, with the " written twice ("")`)}
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine < pe.Line:
		// A quote left open runs on over the following lines: where the
		// reader noticed is far from where the person must look.
		return &Error{File: name, Line: pe.StartLine,
			Err: msg.Msgf(`a quoted field of the row starting here is not closed as expected (read on to line %d, column %d); expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`, pe.Line, pe.Column)}
	case errors.Is(pe.Err, csv.ErrQuote):
		return &Error{File: name, Line: pe.Line, Column: pe.Column,
			Err: msg.Msgf(`a quoted field is not closed as expected; expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`)}
	}
	return &Error{File: name, Line: pe.Line, Column: pe.Column, Err: msg.Msgf("%v (check the quoting of this row)", pe.Err)}
}

// isParseError reports whether err is a problem of one row's quoting, after
// which a csv.Reader goes on with the next line.
func isParseError(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe)
}

// maxRowBytes bounds one row of a statement CSV. No export writes rows
// longer than a few hundred characters; a longer one is a damaged file or a
// quote never closed, and reading it whole would hold the file in memory.
const (
	maxRowBytes = 1 << 20
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
	room := maxRowBytes + 1 - (l.read - l.rowStart)
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
