package msg

import (
	"encoding"
	"fmt"
	"strconv"
	"strings"
)

// Message is a sentence for the person: a format in English with its
// arguments kept apart, so that a report can print it in another language
// (by looking the format up in a catalogue) and write dates and money the way
// that language does. Its arguments are strings, numbers, values that
// append their own text (encoding.TextAppender: dates, money), nested
// *Messages, and errors.
type Message struct {
	Format string
	Args   []any
}

// Msgf returns a Message; like fmt.Errorf, but the parts stay apart.
//
// The Message holds a copy of args, made in the same allocation as the
// Message for up to four arguments, so that a caller's arguments need no
// slice of their own on the heap: a report makes a few messages for every
// order, and each was two allocations where it is now one.
func Msgf(format string, args ...any) *Message {
	switch len(args) {
	case 0:
		return &Message{Format: format}
	case 1:
		m := &struct {
			Message
			a [1]any
		}{}
		m.a = [1]any(args)
		m.Message = Message{Format: format, Args: m.a[:]}
		return &m.Message
	case 2:
		m := &struct {
			Message
			a [2]any
		}{}
		m.a = [2]any(args)
		m.Message = Message{Format: format, Args: m.a[:]}
		return &m.Message
	case 3:
		m := &struct {
			Message
			a [3]any
		}{}
		m.a = [3]any(args)
		m.Message = Message{Format: format, Args: m.a[:]}
		return &m.Message
	case 4:
		m := &struct {
			Message
			a [4]any
		}{}
		m.a = [4]any(args)
		m.Message = Message{Format: format, Args: m.a[:]}
		return &m.Message
	}
	return &Message{Format: format, Args: append([]any(nil), args...)}
}

// String prints the message in English, as fmt.Sprintf(m.Format, m.Args...).
func (m *Message) String() string {
	var buf [256]byte
	return string(m.appendEnglish(buf[:0]))
}

// appendEnglish appends the message in English to b, as fmt.Sprintf prints
// it. The verbs messages print their arguments with, %s, %v and %d without
// flags, are worked out here, and the arguments a report prints by the
// thousand (dates, money, nested messages, numbers) appended to b without
// a string of their own: the reasons of a report's orders went through fmt
// for each sentence and each argument. Any other argument is printed by fmt
// with its verb. A message whose format has other verbs, or more or fewer
// verbs than arguments, is printed wholly by fmt: what was appended of it
// is taken back when that is found, so that each format is read once.
func (m *Message) appendEnglish(b []byte) []byte {
	// The messages still to print: m, and those nested in it as their
	// verbs come, each with where its text starts in b and what is left
	// of its format and arguments. They are kept on a stack rather than
	// printed by calling appendEnglish again, so that b can stay on the
	// caller's stack.
	type part struct {
		m      *Message
		start  int
		format string
		args   []any
	}
	var parts [4]part
	stack := append(parts[:0], part{m, len(b), m.Format, m.Args})
	for len(stack) > 0 {
		p := &stack[len(stack)-1]
		i := strings.IndexByte(p.format, '%')
		if i < 0 {
			if len(p.args) > 0 { // fewer verbs than arguments
				b = append(b[:p.start], fmt.Sprintf(p.m.Format, p.m.Args...)...)
			} else {
				b = append(b, p.format...)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		verb := byte(0)
		if i+1 < len(p.format) {
			verb = p.format[i+1]
		}
		switch {
		case verb == '%':
			b = append(append(b, p.format[:i]...), '%')
			p.format = p.format[i+2:]
			continue
		case verb != 's' && verb != 'v' && verb != 'd' || len(p.args) == 0:
			// Another verb, a % that ends the format, or more verbs
			// than arguments.
			b = append(b[:p.start], fmt.Sprintf(p.m.Format, p.m.Args...)...)
			stack = stack[:len(stack)-1]
			continue
		}
		b = append(b, p.format[:i]...)
		p.format = p.format[i+2:]
		arg := p.args[0]
		p.args = p.args[1:]
		// A nested message is printed in its place; a nil one (<nil>) and
		// one given to %d (its fields) are left to fmt, like other values.
		if nested, ok := arg.(*Message); ok && nested != nil && verb != 'd' {
			stack = append(stack, part{nested, len(b), nested.Format, nested.Args})
			continue
		}
		b = appendArg(b, verb, arg)
	}
	return b
}

// appendArg appends arg as fmt prints it with verb, one of s, v and d.
func appendArg(b []byte, verb byte, arg any) []byte {
	if verb == 'd' || verb == 'v' {
		if n, ok := arg.(int); ok {
			return strconv.AppendInt(b, int64(n), 10)
		}
	}
	if verb == 's' || verb == 'v' {
		switch a := arg.(type) {
		case string:
			return append(b, a...)
		case encoding.TextAppender:
			// Dates, money and the like print themselves without a
			// string of their own.
			if out, err := a.AppendText(b); err == nil {
				return out
			}
		}
	}
	switch verb {
	case 's':
		return append(b, fmt.Sprintf("%s", arg)...)
	case 'v':
		return append(b, fmt.Sprintf("%v", arg)...)
	}
	return append(b, fmt.Sprintf("%d", arg)...)
}

// Error prints the message in English, so that a Message can be an error.
func (m *Message) Error() string { return m.String() }

// Unwrap returns the errors among the arguments, so that errors.Is and
// errors.As see through a Message.
func (m *Message) Unwrap() []error {
	var errs []error
	for _, a := range m.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// AsMessage returns err as a *Message when it is one, or a Message holding
// its English text otherwise.
func AsMessage(err error) *Message {
	if m, ok := err.(*Message); ok {
		return m
	}
	return Msgf("%s", err.Error())
}

// Join puts messages one after the other, separated by "; ", in English.
func Join(ms []*Message) string {
	var buf [512]byte // enough for most reasons
	return string(AppendJoin(buf[:0], ms))
}

// AppendJoin appends Join(ms) to b.
func AppendJoin(b []byte, ms []*Message) []byte {
	for i, m := range ms {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = m.appendEnglish(b)
	}
	return b
}
