package parser

import (
	"errors"
	"fmt"
	"strings"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// Error is a problem found at a place in an input file. Its text reads
// file:line:column: what is wrong, leaving out the parts that are not known,
// like encoding/csv's ParseError.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem concerns the whole file
	Column int // 1-based; 0 when not known
	Err    error
	// unsettled is set when the problem is a day order the file's dates
	// cannot tell: another file of the run may tell it (SettleDayOrder).
	unsettled *unsettledOrder
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at file:line with a formatted message.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Err: msg.Msgf(format, args...)}
}

// maxErrorsPerFile bounds how many problems of one file are collected, so that a
// file in the wrong format does not flood the terminal.
const maxErrorsPerFile = 20

// ErrorList is every problem found in the inputs, in the order found. It is an
// input error as a whole: the command exits 2 when it gets one.
type ErrorList []*Error

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Problems gathers the problems of one file, up to maxErrorsPerFile, and
// says how many more there were, so that a person fixes a file in one pass
// without a file in the wrong format flooding the terminal. Every reader of
// the project's inputs collects its problems in one.
type Problems struct {
	file    string
	errs    ErrorList
	dropped int
}

// File is the file whose problems c collects.
func (c *Problems) File() string { return c.file }

// NewProblems returns an empty collection of the problems of file.
func NewProblems(file string) *Problems { return &Problems{file: file} }

// Add adds a problem at line (0: the whole file).
func (c *Problems) Add(line int, format string, args ...any) {
	c.AddErr(Errorf(c.file, line, format, args...))
}

// AddErr adds a problem found as an *Error.
func (c *Problems) AddErr(e *Error) {
	if len(c.errs) >= maxErrorsPerFile {
		c.dropped++
		return
	}
	c.errs = append(c.errs, e)
}

// Count is how many problems were found so far, those not kept included.
func (c *Problems) Count() int { return len(c.errs) + c.dropped }

// Err returns the collected problems as an ErrorList, or nil when there were none.
func (c *Problems) Err() error {
	if len(c.errs) == 0 {
		return nil
	}
	if c.dropped > 0 {
		c.errs = append(c.errs, Errorf(c.file, 0, "%d more problems not shown", c.dropped))
	}
	return c.errs
}

// AsList returns err as an ErrorList when it is one or holds *Errors, so that
// callers can merge the problems of several files.
func AsList(err error) (ErrorList, bool) {
	var l ErrorList
	if errors.As(err, &l) {
		return l, true
	}
	var e *Error
	if errors.As(err, &e) {
		return ErrorList{e}, true
	}
	return nil, false
}
