package parser

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Message is a sentence for the person: a format in English with its
// arguments kept apart, so that a report can print it in another language
// (by looking the format up in a catalogue) and write dates and money the way
// that language does. Its arguments are strings, numbers, Dates, Money,
// nested *Messages, and errors.
type Message struct {
	Format string
	Args   []any
}

// Msgf returns a Message; like fmt.Errorf, but the parts stay apart.
func Msgf(format string, args ...any) *Message {
	return &Message{Format: format, Args: args}
}

// String prints the message in English.
func (m *Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

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

// Money is an amount in a currency, for messages: it prints exactly, grouped,
// with the currency's fixed decimals, followed by its code when known.
type Money struct {
	Amount   decimal.Decimal
	Currency string
}

func (m Money) String() string {
	var b [48]byte
	text := AppendAmount(b[:0], m.Amount, m.Currency, true)
	if m.Currency != "" {
		text = append(append(text, ' '), m.Currency...)
	}
	return string(text)
}

// Join puts messages one after the other, separated by "; ", in English.
func Join(ms []*Message) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.String()
	}
	return strings.Join(parts, "; ")
}
