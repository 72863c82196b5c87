package parser

import (
	"io"
)

// ReadStatement reads one statement file. name is how errors and reports
// refer to it. The encoding is found from the content (see Decode), and so is
// the format: today, any CSV whose header names a date, a description and an
// amount or debit/credit columns, in English or Japanese.
func ReadStatement(name string, r io.Reader, opts ReadOptions) (*Statement, error) {
	text, enc, err := Decode(r)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return readGeneric(name, text, enc, opts)
}
