package mask

import (
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AMAZON.CO.JP", "AMAZON.CO.JP"},
		{"ＡＭＡＺＯＮ 日本 é", "ＡＭＡＺＯＮ 日本 é"},
		{"\x1b[2KAMAZON", `\x1b[2KAMAZON`},
		{"\x1b]52;c;ZXZpbA==\x07", `\x1b]52;c;ZXZpbA==\x07`},                                   // OSC 52 sets the clipboard
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", `\x1b]8;;http://x\x1b\link\x1b]8;;\x1b\`}, // OSC 8 opens a link
		{"a\rb\nc\td", `a\rb\nc\td`},
		{"\x00\x7f", `\x00\x7f`},
		{"\u009b2J", "<U+009B>2J"}, // C1 CSI
		{"abc\u202Efdp.exe", "abc<U+202E>fdp.exe"},
		{"\u2066x\u2069 \u200F", "<U+2066>x<U+2069> <U+200F>"},
		{"line\u2028sep", "line<U+2028>sep"},
		{"bad \xff\xfe name", `bad \xff\xfe name`},
		{"\uFDD04980037939884123\uFDD1", "<U+FDD0>4980037939884123<U+FDD1>"},
	}
	for _, tt := range tests {
		if got := Visible(tt.in); got != tt.want {
			t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerminalWriter lets line breaks and the table's own colours through,
// and shows every other control, even one cut by the end of a Write.
func TestTerminalWriter(t *testing.T) {
	var out strings.Builder
	w := &TerminalWriter{w: &out}
	for _, p := range []string{"\x1b[31mALERT\x1b[0m ok\n", "\x1b[2K\r", "a\u202e", "b\xe2\x80", "\xae c", "\x9b", "\xff\n"} {
		if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[31mALERT\x1b[0m ok\n" + `\x1b[2K\r` + "a<U+202E>b<U+202E> c" + `\x9b\xff` + "\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestTerminalWriterPassesPlainText checks that text with nothing to
// escape, nearly all of a report, is passed on without a copy, and that
// what follows a character cut by the end of a write is still escaped.
func TestTerminalWriterPassesPlainText(t *testing.T) {
	line := []byte("  unknown  2026-03-18  1,153.67  statement.csv:4  AMAZON MARKETPLACE\n")
	w := NewTerminalWriter(io.Discard)
	if n := testing.AllocsPerRun(100, func() { _, _ = w.Write(line) }); n != 0 {
		t.Errorf("writing plain text allocates %v times", n)
	}
	var out strings.Builder
	w = NewTerminalWriter(&out)
	for _, p := range []string{"plain ", "cut \xe2\x80", "\xae after\n", "plain again\n"} {
		_, _ = w.Write([]byte(p))
	}
	if want := "plain cut <U+202E> after\nplain again\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestVisibleStrings checks that every exported string reachable from a
// view is escaped, through pointers, slices, arrays, interfaces and nested
// structs, and no unexported one, for two struct types met in turn (the
// fields are looked up once a type).
func TestVisibleStrings(t *testing.T) {
	type row struct {
		Text   string
		hidden string
		Lines  [2]string
	}
	type view struct {
		Title string
		Rows  []row
		Last  *row
		Any   any
		note  string
		Count int
	}
	const bad, shown = "a\x1bb", `a\x1bb`
	for range 2 {
		v := &view{
			Title: bad, Rows: []row{{Text: bad, hidden: bad, Lines: [2]string{bad, "ok"}}},
			Last: &row{Text: bad}, Any: &row{Text: bad}, note: bad, Count: 3,
		}
		VisibleStrings(reflect.ValueOf(v))
		r := v.Rows[0]
		for name, got := range map[string]string{"Title": v.Title, "Rows[0].Text": r.Text, "Rows[0].Lines[0]": r.Lines[0], "Last.Text": v.Last.Text, "Any.Text": v.Any.(*row).Text} {
			if got != shown {
				t.Errorf("%s = %q, want %q", name, got, shown)
			}
		}
		if r.hidden != bad || v.note != bad || r.Lines[1] != "ok" || v.Count != 3 {
			t.Errorf("a field that is not an exported text changed: %+v", v)
		}
	}
}
