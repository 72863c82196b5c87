package formats

import (
	"fmt"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/table"
)

// A row longer than the limit stops the file at its line, however many
// lines without quotes came before it.
func TestRowReaderRowTooLong(t *testing.T) {
	text := "Date,Description,Amount\n2026-03-02,Shop,1\n2026-03-03," + strings.Repeat("x", table.MaxRowBytes+10) + ",2\n"
	_, err := ReadStatement("s.csv", strings.NewReader(text), parser.ReadOptions{})
	want := "s.csv:3: row is longer than 1 MiB; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed"
	if err == nil || err.Error() != want {
		t.Errorf("error %v; want %s", err, want)
	}
}

// Fields cut from rowReader's blocks of lines stay as they were read when
// later lines fill the blocks.
func TestRowReaderBlocks(t *testing.T) {
	var text strings.Builder
	text.WriteString("Date,Description,Amount\n")
	for i := range 5000 {
		fmt.Fprintf(&text, "2026-03-%02d,AMZN Mktp US*%05d,%d.99\n", 1+i%28, i, i)
	}
	st, err := ReadStatement("s.csv", strings.NewReader(text.String()), parser.ReadOptions{Keep: keepAmazon})
	if err != nil {
		t.Fatal(err)
	}
	if st.Txns.Len() != 5000 {
		t.Fatalf("%d transactions kept, want 5000", st.Txns.Len())
	}
	for i, x := range st.Txns.All() {
		if want := fmt.Sprintf("AMZN Mktp US*%05d", i); x.Description != want || x.Normalized != strings.ToUpper(want) {
			t.Fatalf("row %d: %q, %q; want %q", i, x.Description, x.Normalized, want)
		}
	}
}
