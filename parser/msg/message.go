package msg

import (
	"encoding"
	"fmt"
	"reflect"
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
		return inRoom(format, args, func(r *[1]any) []any { return r[:] })
	case 2:
		return inRoom(format, args, func(r *[2]any) []any { return r[:] })
	case 3:
		return inRoom(format, args, func(r *[3]any) []any { return r[:] })
	case 4:
		return inRoom(format, args, func(r *[4]any) []any { return r[:] })
	}
	return &Message{Format: format, Args: append([]any(nil), args...)}
}

// inRoom returns a Message of format whose Args are a copy of args in room
// of type R, an array allocated with the Message: whole(room) slices it
// whole, to the length of args.
func inRoom[R any](format string, args []any, whole func(*R) []any) *Message {
	m := &struct {
		Message
		room R
	}{}
	a := whole(&m.room)
	copy(a, args)
	m.Message = Message{Format: format, Args: a}
	return &m.Message
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
// with its verb, and a message whose format has other verbs, or more or
// fewer verbs than arguments, wholly by fmt.
func (m *Message) appendEnglish(b []byte) []byte {
	if !m.plainVerbs() {
		return append(b, fmt.Sprintf(m.Format, m.Args...)...)
	}
	// The formats still to print, with their arguments: m's, and those of
	// the messages nested in it as their verbs come. They are kept on a
	// stack rather than printed by calling appendEnglish again, so that b
	// can stay on the caller's stack.
	type part struct {
		format string
		args   []any
	}
	var parts [4]part
	stack := append(parts[:0], part{m.Format, m.Args})
	for len(stack) > 0 {
		p := &stack[len(stack)-1]
		i := strings.IndexByte(p.format, '%')
		if i < 0 {
			b = append(b, p.format...)
			stack = stack[:len(stack)-1]
			continue
		}
		b = append(b, p.format[:i]...)
		verb := p.format[i+1]
		p.format = p.format[i+2:]
		if verb == '%' {
			b = append(b, '%')
			continue
		}
		arg := p.args[0]
		p.args = p.args[1:]
		// A nested message is printed in its place; a nil one (<nil>) and
		// one given to %d (its fields) are left to fmt, like other values.
		if nested, ok := arg.(*Message); ok && nested != nil && verb != 'd' {
			if nested.plainVerbs() {
				stack = append(stack, part{nested.Format, nested.Args})
			} else {
				b = append(b, fmt.Sprintf(nested.Format, nested.Args...)...)
			}
			continue
		}
		b = appendArg(b, verb, arg)
	}
	return b
}

// plainVerbs reports whether m's format prints its arguments with %s, %v
// and %d without flags only (and %% aside), a verb for each argument.
func (m *Message) plainVerbs() bool {
	verbs := 0
	for format := m.Format; ; {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			return verbs == len(m.Args)
		}
		if i+1 == len(format) {
			return false
		}
		switch format[i+1] {
		case 's', 'v', 'd':
			verbs++
		case '%':
		default:
			return false
		}
		format = format[i+2:]
	}
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
			// string of their own. A nil pointer to one is left to fmt,
			// which prints <nil> where its method would panic.
			if v := reflect.ValueOf(a); v.Kind() == reflect.Pointer && v.IsNil() {
				break
			}
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
