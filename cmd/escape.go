package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/parser"
)

// visible shows the characters of s that could act on a terminal or turn
// text around as visible escapes, so that nothing read from an input
// (a description, a note, a mail's subject, a file name) can move the
// cursor, erase a line, set the clipboard, open a link or reorder what the
// person reads: the C0 controls and DEL as \n, \t, \r or \x1b, the C1
// controls, the bidirectional controls and the line and paragraph
// separators as <U+202E>, and bytes that are not UTF-8 as \xff. Everything
// else is kept as it is, but the marks by which the report tells its own
// values from input text (keep), which are shown as <U+FDD0>. It is the one escaping of the table, markdown and
// HTML reports, detect's listing and the messages on stderr.
func visible(s string) string {
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
		case mustShow(c) || c == keepOpen || c == keepClose:
			fmt.Fprintf(&b, "<U+%04X>", c)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// mustShow reports whether c, printable or not, is shown as <U+XXXX>: the
// C1 controls, the bidirectional marks, embeddings, overrides and isolates,
// and the line and paragraph separators.
func mustShow(c rune) bool {
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

// visibleStrings applies visible to every exported string reachable from
// v (a pointer to a struct): the texts of a report view, once, before any
// renderer lays them out.
func visibleStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			visibleStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				visibleStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			visibleStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(visible(v.String()))
		}
	}
}

// terminalWriter is the last guard of the text that table, markdown and
// detect write and of the messages on stderr: a control character that
// reaches it is written as visible writes it. Only the line break and the
// colours the table paints its severities with pass. Texts from inputs
// are escaped before they are laid out (visible), so that their line
// breaks show too; this writer catches what no renderer should let through.
type terminalWriter struct {
	w    io.Writer
	part []byte // the start of a character cut by the end of a Write
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	b := append(t.part, p...)
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
			if r != utf8.RuneError && !mustShow(r) {
				i += size
				continue
			}
		}
		out = append(out, b[plain:i]...)
		out = append(out, visible(string(b[i:i+size]))...)
		i += size
		plain = i
	}
	out = append(out, b[plain:end]...)
	if len(out) > 0 {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes the bytes of a character left cut at the end, escaped.
func (t *terminalWriter) Flush() error {
	if len(t.part) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, visible(string(t.part)))
	t.part = nil
	return err
}

// ownColour is the length of the colour sequence b starts with when it is
// one that paint writes, else 0.
func ownColour(b []byte) int {
	for _, c := range []string{colorRed, colorYellow, colorCyan, colorGreen, "0"} {
		seq := "\x1b[" + c + "m"
		if len(b) >= len(seq) && string(b[:len(seq)]) == seq {
			return len(seq)
		}
	}
	return 0
}

// messageLines are the lines the person reads on stderr for err, in l's
// language: each escaped (visible), and the path of the file a line speaks
// of marked as one the masking keeps whole (keep).
func messageLines(l *i18n.Localizer, err error) []string {
	var list parser.ErrorList
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = messageLine(l.Err(e), e.File)
		}
		return out
	}
	var paths []string
	var pe *parser.Error
	if errors.As(err, &pe) {
		paths = append(paths, pe.File)
	}
	var fe *fs.PathError
	if errors.As(err, &fe) {
		paths = append(paths, fe.Path)
	}
	lines := l.ErrLines(err)
	for i := range lines {
		lines[i] = messageLine(lines[i], paths...)
	}
	return lines
}

// messageLine is line escaped, with the first place where each of paths
// shows in it marked for the masking to keep.
func messageLine(line string, paths ...string) string {
	v := visible(line)
	for _, p := range paths {
		if p == "" {
			continue
		}
		v = keepFirst(v, visible(p))
	}
	return v
}

// pathText is a file's path as the JSON and CSV reports write it: as it
// is, but for bytes that are not UTF-8 (a name from an old archive or
// file system), shown as \xe9 as visible shows them, so that every report
// and message names the file the same way. Other characters are the JSON
// writer's to escape.
func pathText(p string) string {
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
