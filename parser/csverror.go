package parser

import (
	"encoding/csv"
	"errors"

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

// IsParseError reports whether err is a problem of one row's quoting, after
// which a csv.Reader goes on with the next line.
func IsParseError(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe)
}
