package amazon

import (
	"bytes"
	"io"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// File is one file as read: its format, the orders or confirmations it
// holds, and an account of the rows that are neither.
type File struct {
	Name          string
	Format        Format
	Orders        []Order
	Confirmations []parser.Confirmation
	// Rows counts the CSV rows read (for a mail, 1).
	Rows int
	// Skipped counts, by reason, the rows that carry no order or confirmation.
	Skipped map[string]int
	// LeftOut counts, by reason, the mails that are no confirmation: order
	// and shipping confirmations, sign-in alerts, and in a mailbox any mail
	// that names no order.
	LeftOut map[string]int
	// Notes name the mails left out one by one (a date outside the years
	// read).
	Notes []*msg.Message
}

func (f *File) skip(reason string) {
	if f.Skipped == nil {
		f.Skipped = map[string]int{}
	}
	f.Skipped[reason]++
}

// SkippedTotal is the number of rows skipped for any reason.
func (f *File) SkippedTotal() int {
	n := 0
	for _, c := range f.Skipped {
		n += c
	}
	return n
}

// readers read each format from the whole file.
var readers = map[Format]func(f *File, data []byte) error{
	OrderHistoryLegacy: readRetailOrders,
	OrderHistory2025:   readRetailOrders,
	DigitalItems:       readDigitalItems,
	OrderFilterJP:      readOrderFilter,
	OrderReport:        readOrderReport,
	RefundPayments:     readRefundPayments,
	RefundDetails:      readRefundDetails,
	RefundReport:       readRefundReport,
	ConfirmationsCSV:   readConfirmationsCSV,
	Mail:               readMail,
	Mbox: func(f *File, b []byte) error {
		read, err := ReadMbox(f.Name, bytes.NewReader(b))
		*f = *read
		return err
	},
}

// ErrUnrecognised is the message of a file that is none of the formats here.
var ErrUnrecognised = msg.Msgf("not an Amazon order-history or refund export, an Amazon mail (.eml, .mbox, a maildir), or a confirmations CSV")

// Read reads one file, whose format it finds from the content. name is how
// messages and reports refer to it. A file of no known format is an
// *parser.Error wrapping ErrUnrecognised.
func Read(name string, r io.Reader) (*File, error) {
	data, err := textenc.ReadAll(r)
	if err != nil {
		return nil, &parser.Error{File: name, Err: err}
	}
	return ReadData(name, data)
}

// ReadData reads one file, as Read does, from its bytes.
func ReadData(name string, data []byte) (*File, error) {
	f := &File{Name: name, Format: Detect(data)}
	read, ok := readers[f.Format]
	if !ok {
		return nil, &parser.Error{File: name, Err: ErrUnrecognised}
	}
	if err := read(f, data); err != nil {
		return f, err
	}
	return f, nil
}

func readConfirmationsCSV(f *File, data []byte) error {
	cs, err := parser.ParseConfirmations(f.Name, data)
	f.Confirmations, f.Rows = cs, len(cs)
	return err
}
