package table

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzRowReader checks that rowReader reads any text as encoding/csv does.
func FuzzRowReader(f *testing.F) {
	for _, s := range []string{"a,b\r\nc,\"d\ne\"\n", "x;\"y\"z;w\n\n", "\ufeffa,b\rc\n"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, text string, lazy bool) {
		// The usual delimiters, and ASCII's first and last that the
		// reader splits on itself, which its word-wise search must tell
		// from their neighbours as it does a comma.
		for _, delim := range []rune{',', ';', '\t', '|', '\x01', '\x7f'} {
			if got, want := rowsAgree(text, delim, lazy); got != want {
				t.Fatalf("%q (delimiter %q, lazy %v):\nrowReader:\n%s\nencoding/csv:\n%s", text, delim, lazy, got, want)
			}
		}
	})
}

// readAllRows lists what a reader of records gives for text: each record
// with its line and the offset after it, and the error it ends with.
func readAllRows(read func() ([]string, error), line func() int, offset func() int64) string {
	var b strings.Builder
	for range 10000 {
		rec, err := read()
		if err == io.EOF {
			b.WriteString("EOF\n")
			return b.String()
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				fmt.Fprintf(&b, "parse error %d %d %d %v\n", pe.StartLine, pe.Line, pe.Column, pe.Err)
				continue
			}
			fmt.Fprintf(&b, "error %v\n", err)
			return b.String()
		}
		fmt.Fprintf(&b, "%d %d %q\n", line(), offset(), rec)
	}
	return b.String()
}

// rowsAgree reports what rowReader and encoding/csv read differently of text.
func rowsAgree(text string, delim rune, lazy bool) (got, want string) {
	return rowsAgreeFrom(strings.NewReader(text), text, delim, lazy)
}

// rowsAgreeFrom is rowsAgree with rowReader reading text from src, which
// may hand it out a little at a time.
func rowsAgreeFrom(src io.Reader, text string, delim rune, lazy bool) (got, want string) {
	r := newRowReader(src, delim, lazy)
	got = readAllRows(r.Read, r.Line, r.InputOffset)
	c := csv.NewReader(strings.NewReader(text))
	c.Comma, c.FieldsPerRecord, c.ReuseRecord, c.LazyQuotes = delim, -1, true, lazy
	want = readAllRows(c.Read, func() int { l, _ := c.FieldPos(0); return l }, c.InputOffset)
	return got, want
}

// rowReader splits lines without quotes itself: it must read every text as
// encoding/csv does, quotes, CRLF, blank lines, embedded newlines, a BOM
// and bad quoting included, with the same lines and offsets.
func TestRowReaderAgreesWithCSV(t *testing.T) {
	cases := []string{
		"", "\n", "a,b\n", "a,b", "a,b\r\n", "a,b\r", "a,b\r\r\n", "a\rb,c\n", "\n\n a , b \n\r\n\nc\n",
		"\ufeffDate,Description,Amount\n2026-03-02,AMAZON.CO.JP,100\n",
		"Date,Description,Amount\r\n2026-03-02,\"AMZN Mktp, US\",12.99\r\n2026-03-03,Shop,1\r\n",
		"a,\"multi\nline\",b\nc,d\n", "a,b\"c\nd,e\n", "a,\"open\nb,c\nd\n", "x,\"q\"\"q\",y\n", "a,\"b\"c,d\ne,f\n",
		"a,b\n\"c\",d\ne,f\n", "a,,b,\n,\n", ",\n", "é,ü\n",
		"a,b\n" + strings.Repeat("x", 70<<10) + ",y\nc,d\n",
		// Rows as wide as lineCells splits (lineCommas delimiters) and wider.
		"a" + strings.Repeat(",b", lineCommas) + "\nc,d\n" + strings.Repeat(",", lineCommas+1) + "\ne" + strings.Repeat(";,", 70) + "\nf,g\n",
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	// The bytes next to the delimiters and the newline (- : < \v) too,
	// which a word-wise search that borrows across bytes takes for them.
	const alphabet = "ab,;\t\"\r\n \n\n,-:<\v\xc3\xa9"
	for range 3000 {
		b := make([]byte, rnd.IntN(60))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for i, text := range cases {
		for _, delim := range []rune{',', ';', '\t', '|', '、'} {
			for _, lazy := range []bool{false, true} {
				if got, want := rowsAgree(text, delim, lazy); got != want {
					t.Fatalf("%q (delimiter %q, lazy %v):\nrowReader:\n%s\nencoding/csv:\n%s", text, delim, lazy, got, want)
				}
				if i%7 != 0 || len(text) > 1<<10 {
					continue
				}
				// The same text read a byte, or half what is asked, at a time.
				for _, src := range []io.Reader{iotest.OneByteReader(strings.NewReader(text)), iotest.HalfReader(strings.NewReader(text)), iotest.DataErrReader(strings.NewReader(text))} {
					if got, want := rowsAgreeFrom(src, text, delim, lazy); got != want {
						t.Fatalf("%q (delimiter %q, lazy %v, read in parts):\nrowReader:\n%s\nencoding/csv:\n%s", text, delim, lazy, got, want)
					}
				}
			}
		}
	}
}

// TestRowReaderAcrossChunks reads texts of many chunks (rowBlock): lines
// that run from one chunk into the next, read whole or in small parts, a
// quote first met in a later chunk (the rest then read by encoding/csv),
// a line longer than a chunk, and a read that fails partway.
func TestRowReaderAcrossChunks(t *testing.T) {
	var b strings.Builder
	rnd := rand.New(rand.NewPCG(7, 8))
	for i := 0; b.Len() < 5*rowBlock; i++ {
		fmt.Fprintf(&b, "2026-03-%02d,SHOP %s,%d.%02d\r\n", 1+i%28, strings.Repeat("x", rnd.IntN(90)), rnd.IntN(9999), rnd.IntN(100))
	}
	plain := b.String()
	texts := map[string]string{
		"plain":        plain,
		"quote later":  plain + "2026-04-01,\"AMZN Mktp, US\",12.99\n" + plain[:rowBlock],
		"long line":    plain[:3*rowBlock/2] + "\n" + strings.Repeat("y", rowBlock+10) + ",1\n" + plain[:rowBlock],
		"no last line": strings.TrimSuffix(plain, "\r\n"),
	}
	for name, text := range texts {
		for _, src := range []io.Reader{strings.NewReader(text), iotest.HalfReader(strings.NewReader(text)), &smallReads{r: strings.NewReader(text), n: 1000}} {
			if got, want := rowsAgreeFrom(src, text, ',', false); got != want {
				t.Fatalf("%s: rowReader and encoding/csv differ (%d and %d bytes of listing)", name, len(got), len(want))
			}
		}
	}
	// Text without a quote is split by rowReader itself to the end, from
	// chunk to chunk, however it is handed out: never by encoding/csv.
	for _, src := range []io.Reader{strings.NewReader(plain), iotest.HalfReader(strings.NewReader(plain)), &smallReads{r: strings.NewReader(plain), n: 1000}} {
		r := newRowReader(src, ',', false)
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
		if r.csv != nil {
			t.Errorf("a text without a quote was handed to encoding/csv at line %d of %d", r.lineBase, strings.Count(plain, "\n"))
		}
	}
	// A read that fails partway: the lines before it are records, then
	// the error, never a part of the line it cut.
	boom := errors.New("disk gone")
	r := newRowReader(io.MultiReader(strings.NewReader(plain[:2*rowBlock+17]), iotest.ErrReader(boom)), ',', false)
	var lines int
	for {
		_, err := r.Read()
		if err != nil {
			if !errors.Is(err, boom) {
				t.Fatalf("after %d lines: error %v, want %v", lines, err, boom)
			}
			break
		}
		lines++
	}
	if whole := strings.Count(plain[:2*rowBlock+17], "\n"); lines != whole {
		t.Errorf("read %d records before the error, want the %d whole lines", lines, whole)
	}
}

// smallReads hands out at most n bytes a read.
type smallReads struct {
	r io.Reader
	n int
}

func (s *smallReads) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), s.n)]) }

// longText is a statement of many times the row reader's buffer: rows of a
// date, a description naming the row and an amount.
func longText(buffers int) string {
	var b strings.Builder
	for i := 0; b.Len() < buffers*rowBlock; i++ {
		fmt.Fprintf(&b, "2026-03-%02d,SHOP %06d,%d.%02d\n", 1+i%28, i, i%1000, i%100)
	}
	return b.String()
}

// TestRowReaderReadsOverItsBuffer holds the row reader to its one buffer:
// a text of twenty buffers' length is read in a handful of allocations,
// not one or more a buffer, its rows whole across the buffer's ends.
func TestRowReaderReadsOverItsBuffer(t *testing.T) {
	text := longText(20)
	read := func(row func(i int, rec []string)) {
		r := newRowReader(strings.NewReader(text), ',', false)
		for i := 0; ; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			row(i, rec)
		}
	}
	rows := 0
	read(func(i int, rec []string) {
		if want := fmt.Sprintf("SHOP %06d", i); len(rec) != 3 || rec[1] != want {
			t.Fatalf("row %d: %q, want a description %q", i, rec, want)
		}
		rows++
	})
	if want := strings.Count(text, "\n"); rows != want {
		t.Errorf("read %d rows, want %d", rows, want)
	}
	if allocs := testing.AllocsPerRun(3, func() { read(func(int, []string) {}) }); allocs > 6 {
		t.Errorf("reading %d bytes made %.0f allocations: the buffer is not used again", len(text), allocs)
	}
}

// TestRowReaderKeepsWhatItIsAskedTo checks keep: a field kept uncopied
// after keep reads the same at the end of a text of many buffers, which
// the buffer it stands in is not read over for.
func TestRowReaderKeepsWhatItIsAskedTo(t *testing.T) {
	r := newRowReader(strings.NewReader(longText(5)), ',', false)
	var kept string
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if i == 10 {
			kept = rec[1]
			r.keep()
		}
	}
	if kept != "SHOP 000010" {
		t.Errorf("the field kept reads %q at the end, want %q", kept, "SHOP 000010")
	}
}
