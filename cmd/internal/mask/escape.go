package mask

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// Visible shows the characters of s that could act on a terminal or turn
// text around as visible escapes, so that nothing read from an input
// (a description, a note, a mail's subject, a file name) can move the
// cursor, erase a line, set the clipboard, open a link or reorder what the
// person reads: the C0 controls and DEL as \n, \t, \r or \x1b, the C1
// controls, the bidirectional controls and the line and paragraph
// separators as <U+202E>, and bytes that are not UTF-8 as \xff. Everything
// else is kept as it is, but the marks by which the report tells its own
// values from input text (Keep), which are shown as <U+FDD0>. It is the one escaping of the table, markdown and
// HTML reports, detect's listing and the messages on stderr.
func Visible(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s // most texts: printable ASCII
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		case MustShow(c) || c == KeepOpen || c == KeepClose:
			fmt.Fprintf(&b, "<U+%04X>", c)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// MustShow reports whether c, printable or not, is shown as <U+XXXX>: the
// C1 controls, the bidirectional marks, embeddings, overrides and isolates,
// and the line and paragraph separators.
func MustShow(c rune) bool {
	switch {
	case c >= 0x80 && c <= 0x9f, // C1
		c >= 0x202a && c <= 0x202e,            // embeddings and overrides
		c >= 0x2066 && c <= 0x2069,            // isolates
		c == 0x200e, c == 0x200f, c == 0x061c, // LRM, RLM, ALM
		c == 0x2028, c == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// VisibleStrings applies Visible to every exported string reachable from
// v (a pointer to a struct): the texts of a report view, once, before any
// renderer lays them out.
func VisibleStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			VisibleStrings(v.Elem())
		}
	case reflect.Struct:
		for _, i := range exportedFields(v.Type()) {
			VisibleStrings(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			VisibleStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(Visible(v.String()))
		}
	}
}

// exported holds the indexes of the exported fields of each struct type
// VisibleStrings has met: asking a type for a field's name, for each of a
// report's hundred thousand rows, took longer than escaping its texts.
var exported sync.Map // reflect.Type → []int

// exportedFields returns the indexes of t's exported fields.
func exportedFields(t reflect.Type) []int {
	if f, ok := exported.Load(t); ok {
		return f.([]int)
	}
	var fields []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			fields = append(fields, i)
		}
	}
	exported.Store(t, fields)
	return fields
}

// TerminalWriter is the last guard of the text that table, markdown and
// detect write and of the messages on stderr: a control character that
// reaches it is written as Visible writes it. Only the line break and the
// colours the table paints its severities with pass. Texts from inputs
// are escaped before they are laid out (Visible), so that their line
// breaks show too; this writer catches what no renderer should let through.
type TerminalWriter struct {
	w    io.Writer
	part []byte // the start of a character cut by the end of a Write
}

// NewTerminalWriter is a TerminalWriter that writes to w.
func NewTerminalWriter(w io.Writer) *TerminalWriter { return &TerminalWriter{w: w} }

// Write writes p, escaped where it must be. Text with nothing to escape,
// nearly all of a report, is passed on as it is, not copied.
func (t *TerminalWriter) Write(p []byte) (int, error) {
	b := p
	if len(t.part) > 0 {
		b = append(t.part, p...)
	}
	t.part = nil
	var out []byte
	plain, end := 0, len(b)
	for i := 0; i < end; {
		c := b[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			i++
			continue
		}
		if c == 0x1b {
			if n := ownColour(b[i:]); n > 0 {
				i += n
				continue
			}
		}
		size := 1
		if c >= utf8.RuneSelf {
			if !utf8.FullRune(b[i:]) && end-i < utf8.UTFMax {
				t.part = append([]byte(nil), b[i:]...)
				end = i
				break
			}
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			if r != utf8.RuneError && !MustShow(r) {
				i += size
				continue
			}
		}
		out = append(out, b[plain:i]...)
		out = append(out, Visible(string(b[i:i+size]))...)
		i += size
		plain = i
	}
	if plain == 0 {
		out = b[:end] // nothing escaped
	} else {
		out = append(out, b[plain:end]...)
	}
	if len(out) > 0 {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the bytes of a character left cut at the end, escaped.
func (t *TerminalWriter) Flush() error {
	if len(t.part) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, Visible(string(t.part)))
	t.part = nil
	return err
}

// ownColour is the length of the colour sequence b starts with when it is
// one that Paint writes, else 0.
func ownColour(b []byte) int {
	for _, c := range []string{ColorRed, ColorYellow, ColorCyan, ColorGreen, "0"} {
		seq := "\x1b[" + c + "m"
		if len(b) >= len(seq) && string(b[:len(seq)]) == seq {
			return len(seq)
		}
	}
	return 0
}

// PathText is a file's path as the JSON and CSV reports write it: as it
// is, but for bytes that are not UTF-8 (a name from an old archive or
// file system), shown as \xe9 as Visible shows them, so that every report
// and message names the file the same way. Other characters are the JSON
// writer's to escape.
func PathText(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		c, size := utf8.DecodeRuneInString(p[i:])
		if c == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, p[i])
		} else {
			b.WriteString(p[i : i+size])
		}
		i += size
	}
	return b.String()
}

// The ANSI colours of severities in a terminal: the only escape
// sequences a TerminalWriter lets through.
const (
	ColorRed    = "31"
	ColorYellow = "33"
	ColorCyan   = "36"
	ColorGreen  = "32"
)

// Paint writes s in color, one of the colours above, or as it is when
// color is empty.
func Paint(color, s string) string {
	if color == "" {
		return s
	}
	return "\x1b[" + color + "m" + s + "\x1b[0m"
}
