package parser

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// Format is a statement export refundwatch can read: a built-in issuer
// format, the generic reader, or a format the user described.
type Format struct {
	// Name is how reports and --format call it, e.g. "rakuten-card".
	Name string
	// Issuer is the card issuer or bank, as its customers know it.
	Issuer string
	// Country is the ISO 3166 code of the issuer's country ("" for generic).
	Country string
	// Example is the header line (or a typical first line, for formats
	// without header) as the issuer writes it.
	Example string
	// Table is the layout of a CSV format, read by the table engine
	// (parser/table's TableSpec); formats that are not CSV set Sniff and
	// Read instead.
	Table Layout
	// Sniff reports whether the start of a file (decoded) is in this format.
	Sniff func(head []byte) bool
	// Charset, when set, is the encoding the start of a file (not decoded)
	// declares, or "" to let the bytes tell (see Decode).
	Charset func(prefix []byte) string
	// Read reads a whole file in this format; text is already decoded.
	Read func(name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error)
}

// detects reports whether head, the decoded start of a file, is in format f.
func (f *Format) detects(head []byte) bool {
	if f.Sniff != nil {
		return f.Sniff(head)
	}
	return f.Table != nil && f.Table.Detect(head)
}

func (f *Format) read(name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error) {
	var st *Statement
	var err error
	if f.Read != nil {
		st, err = f.Read(name, text, enc, opts)
	} else {
		st, err = f.Table.ReadTable(f.Name, name, text, enc, opts)
	}
	if st != nil {
		st.Encoding = textenc.DecodedAs(text, st.Encoding)
	}
	return st, err
}

// specificity orders formats for detection: those that demand more of a
// file are tried first, and the generic reader last.
func (f *Format) specificity() int {
	switch {
	case f.Name == FormatGeneric:
		return -1
	case f.Table == nil:
		return 1000
	}
	return f.Table.Specificity()
}

// A Layout is how the rows of a CSV format are laid out, and reads them:
// the table engine's TableSpec is one.
type Layout interface {
	// Detect reports whether head, the decoded start of a file, is laid out so.
	Detect(head []byte) bool
	// ReadTable reads a whole file, its text decoded, in the format named format.
	ReadTable(format, name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error)
	// OwnEncoding is the encoding the issuer always writes, or "".
	OwnEncoding() string
	// Specificity orders detection: layouts that demand more of a file are
	// tried first.
	Specificity() int
	// SignsBasis says how the issuer writes charges and credits, for the
	// read lines of detect; nil when the file's rows must tell.
	SignsBasis() *msg.Message
}

// encoding is the encoding f's issuer always writes, or "".
func (f *Format) encoding() string {
	if f == nil || f.Table == nil {
		return ""
	}
	return f.Table.OwnEncoding()
}

// NewRegistry returns a registry of the given formats, tried from the one
// that demands most of a file to the one that demands least (the generic
// reader last); formats that demand as much are tried in the order given.
func NewRegistry(formats ...*Format) *Registry {
	all := slices.Clone(formats)
	slices.SortStableFunc(all, func(a, b *Format) int { return b.specificity() - a.specificity() })
	return &Registry{formats: all}
}

// Registry is a set of formats to detect statements by.
type Registry struct {
	formats []*Format
}

// Formats lists the registry's formats by name.
func (r *Registry) Formats() []*Format {
	out := slices.Clone(r.formats)
	slices.SortFunc(out, func(a, b *Format) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Lookup finds a format by name.
func (r *Registry) Lookup(name string) (*Format, bool) {
	for _, f := range r.formats {
		if f.Name == name {
			return f, true
		}
	}
	return nil, false
}

// Read reads one statement file, detecting its encoding and format from its
// content (never its name). With force set, it reads the file as that format.
func (r *Registry) Read(name string, in io.Reader, force *Format, opts ReadOptions) (*Statement, error) {
	// Only the first 64 KiB are looked at before reading; the rest streams.
	opts.Size = textenc.SizeOf(in)
	raw := bufio.NewReaderSize(in, textenc.SniffSize)
	prefix, err := raw.Peek(textenc.SniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, &Error{File: name, Err: err}
	}
	if m := textenc.NotText(prefix); m != nil {
		return nil, &Error{File: name, Err: m}
	}
	if force != nil {
		text, enc, err := r.decode(raw, force)
		if err != nil {
			return nil, &Error{File: name, Err: err}
		}
		return force.read(name, text, enc, opts)
	}
	head, guessed, err := decodePrefix(prefix, "")
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, Errorf(name, 0, "file is empty")
	}
	for _, f := range r.formats {
		if f.detectsInOwnEncoding(prefix, guessed) {
			text, enc, err := textenc.DecodeWith(raw, f.encoding())
			if err != nil {
				return nil, &Error{File: name, Err: err}
			}
			return f.read(name, text, enc, opts)
		}
		if f.detects(head) {
			if f.encoding() != "" && guessed != f.encoding() && guessed == textenc.EncUTF8 && !textenc.IsASCII(string(head)) {
				continue
			}
			text, enc, err := f.decode(raw, prefix)
			if err != nil {
				return nil, &Error{File: name, Err: err}
			}
			return f.read(name, text, enc, opts)
		}
	}
	return nil, Errorf(name, 0, "not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first %d rows", HeaderSearchRows)
}

// decodePrefix decodes the start of a file, in enc or (when enc is "") in
// the encoding Decode finds, and says which encoding that was.
func decodePrefix(prefix []byte, enc string) ([]byte, string, error) {
	var text io.Reader
	var err error
	if enc == "" {
		text, enc, err = textenc.Decode(bytes.NewReader(prefix))
	} else {
		text, enc, err = textenc.DecodeWith(bytes.NewReader(prefix), enc)
	}
	if err != nil {
		return nil, "", err
	}
	head, err := io.ReadAll(text)
	if err != nil && len(head) == 0 {
		return nil, "", err
	}
	return head, enc, nil
}

// detectsInOwnEncoding tries a format that names its encoding on a file
// whose encoding was only guessed (no byte-order mark, not UTF-8): a few
// Latin letters side by side ("Größe") can pass for CP932, and the other
// way round.
func (f *Format) detectsInOwnEncoding(prefix []byte, guessed string) bool {
	if f.encoding() == "" || f.encoding() == guessed || (guessed != textenc.EncCP932 && guessed != textenc.EncCP1252 && guessed != textenc.EncCP1250) {
		return false
	}
	head, enc, err := decodePrefix(prefix, f.encoding())
	return err == nil && enc == f.encoding() && f.detects(head)
}

// decode reads in's text; a forced format's own encoding is used when no
// byte-order mark says otherwise.
func (r *Registry) decode(in *bufio.Reader, force *Format) (io.Reader, string, error) {
	if force != nil && force.encoding() != "" {
		return textenc.DecodeWith(in, force.encoding())
	}
	prefix, err := in.Peek(textenc.SniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	return force.decode(in, prefix)
}

// decode reads in's text in the encoding the file's start, prefix,
// declares for format f, else as Decode finds it.
func (f *Format) decode(in io.Reader, prefix []byte) (io.Reader, string, error) {
	if f != nil && f.Charset != nil {
		if enc := f.Charset(prefix); enc != "" {
			return textenc.DecodeWith(in, enc)
		}
	}
	return textenc.Decode(in)
}

// String names the format and its issuer.
func (f *Format) String() string {
	if f.Issuer == "" {
		return f.Name
	}
	return fmt.Sprintf("%s (%s)", f.Name, f.Issuer)
}

// FormatGeneric is the name of the reader for CSV files of no known format.
const FormatGeneric = "generic"
