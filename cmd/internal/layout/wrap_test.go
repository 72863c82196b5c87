package layout

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
	"github.com/rivo/uniseg"
)

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"no credit since; call the card issuer", 0, []string{"no credit since; call the card issuer"}},
		{"no credit since; call the card issuer", 16, []string{"no credit since;", "call the card", "issuer"}},
		// Japanese breaks between characters, never before 。 or 、, each two columns wide.
		{"その後、返金はありません。", 8, []string{"その後、", "返金はあ", "りませ", "ん。"}},
		// A word wider than the line is cut between characters.
		{"statements/2026-03.csv:8", 12, []string{"statements/", "2026-03.csv:", "8"}},
		{"statements/2026-03.csv:8", 8, []string{"statemen", "ts/", "2026-03.", "csv:8"}},
		{"ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 14, []string{"ＡＭＡＺＯＮ．", "ＣＯ．ＪＰ"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	} {
		if got := wrapText(tc.text, tc.width); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestColumnsFit checks the two ways a table narrows: wrapping its cells,
// and, when its columns cannot be narrow enough, a block per row.
func TestColumnsFit(t *testing.T) {
	var b strings.Builder
	c := &Columns{Indent: "  ", Width: 44}
	c.Add("charge", "2026-03-18", "30,000", "statements/2026-03.csv:8 ＡＭＡＺＯＮ")
	c.Print(&b)
	want := "" +
		"  charge  2026-03-18  30,000  statements/\n" +
		"                              2026-03.csv:8\n" +
		"                              ＡＭＡＺＯＮ\n"
	if b.String() != want {
		t.Errorf("wrapped:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	c.AddHeader("SEVERITY", "ORDER", "ORDERED", "AMOUNT", "CONFIRMED")
	c.Add("ALERT", "250-4418372-2290415", "2026-03-02", "30,000", "2026-03-10 refund")
	c.Title = 2
	c.Print(&b)
	want = "" +
		"  ALERT  250-4418372-2290415\n" +
		"    ORDERED 2026-03-02  AMOUNT 30,000\n" +
		"    CONFIRMED 2026-03-10 refund\n"
	if b.String() != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestColumnsAtAnyWidth lays out a table of wide characters at every width
// from 1 to 40 (narrow terminals write blocks), and a wide character in a
// line one column wide stands alone on its line.
func TestColumnsAtAnyWidth(t *testing.T) {
	for width := 1; width <= 40; width++ {
		var b strings.Builder
		c := &Columns{Indent: "  ", Width: width}
		c.AddHeader("区分", "日付", "内容")
		c.Add("請求", "2026年3月18日", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ お届け先不明")
		c.Print(&b)
		if !strings.Contains(b.String(), "請求") {
			t.Errorf("width %d: %q", width, b.String())
		}
	}
	if got := wrapText("請求", 1); !reflect.DeepEqual(got, []string{"請", "求"}) {
		t.Errorf("wrapText = %q", got)
	}
}

// TestWrapKeepsCardNumbersWhole checks that wrapping never breaks inside a
// run of digit groups that may be a card number, nor inside an IBAN: they
// are masked line by line, and each half of one on two lines would be
// shown whole.
func TestWrapKeepsCardNumbersWhole(t *testing.T) {
	desc := "AMAZON.CO.JP" + strings.Repeat("X", 55) + " 4980 0379 3988 4567 END"
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{desc, 76, []string{"AMAZON.CO.JP" + strings.Repeat("X", 55), "4980 0379 3988 4567 END"}},
		{"card 4980-0379-3988-4567 charged", 14, []string{"card", "4980-0379-3988-4567", "charged"}},
		{"カード ４９８０　０３７９　３９８８　４５６７ 請求", 20, []string{"カード", "４９８０　０３７９　３９８８　４５６７", "請求"}},
		// A run too short to be a card number still breaks.
		{"on 2026-03-02 1,280 yen", 8, []string{"on", "2026-03-", "02 1,280", "yen"}},
	} {
		if got := wrapText(tc.text, tc.width); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
	var b strings.Builder
	c := &Columns{Indent: "  ", Width: 80}
	c.Add("charge", "2026-03-18", "30,000", desc)
	c.Print(&b)
	out := mask.MaskCardNumbers(b.String())
	if strings.Contains(out, "0379") || strings.Contains(out, "3988") || !strings.Contains(out, "4567") {
		t.Errorf("a card number shows through the wrapping:\n%s", out)
	}
	if got := longestPiece("a 4980 0379 3988 4567 b"); got != 19 {
		t.Errorf("longestPiece = %d, want 19: the card number's width", got)
	}
	// Every shape masking finds a card number in, and IBANs spaced or not,
	// each line masked on its own as the masking writer masks them.
	written := []string{"NL91 ABNA 0417 1643 00", "KZ86 125K ZT50 0410 0100", "NL91ABNA0417164300", "GB29 NWBK 6016 1331 9268 19", "FR14 2004 1010 0505 0001 3M02 606", "IBANDE89370400440532013000"}
	for _, c := range masktest.Cards {
		written = append(written, c.Written)
	}
	for _, w := range written {
		for width := 6; width <= 30; width += 4 {
			var shown strings.Builder
			for _, line := range wrapText("many things "+w+" end", width) {
				for _, r := range mask.MaskCardNumbers(line) {
					if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
						shown.WriteRune(r)
					}
				}
			}
			if n := len([]rune(shown.String())); n > 4 {
				t.Errorf("wrapped at %d columns, %q shows %d digits: %s", width, w, n, shown.String())
			}
		}
	}
}

// TestTextWidthOfASCII checks that measuring printable ASCII by its length
// agrees with uniseg, which measures everything else: every printable byte
// alone and in random runs, and text with a control character, a keep
// mark or a wide character, which uniseg measures.
func TestTextWidthOfASCII(t *testing.T) {
	var texts []string
	for c := byte(0x20); c <= 0x7e; c++ {
		texts = append(texts, string(c), "ab"+string(c)+"cd")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(0x20 + rng.IntN(0x7f-0x20))
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if got, want := TextWidth(s), uniseg.StringWidth(s); got != want {
			t.Errorf("TextWidth(%q) = %d, uniseg says %d", s, got, want)
		}
	}
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"a\tb", uniseg.StringWidth("a\tb")},
		{"x\x7fy", uniseg.StringWidth("x\x7fy")},
		{mask.Keep("statement.csv") + ":7", len("statement.csv:7")},
		{"ＡＭＡＺＯＮ 12", 15},
		{"e\u0301", 1},
	} {
		if got := TextWidth(tc.s); got != tc.want {
			t.Errorf("TextWidth(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// TestColumnsWriteLongTablesInPieces lays out more rows than writeAligned
// holds at once: the writer is handed whole lines, a few at a time, and
// they join into the table, each line as long as its widest cells ask.
func TestColumnsWriteLongTablesInPieces(t *testing.T) {
	c := &Columns{Indent: "  "}
	var want strings.Builder
	for i := range 3000 {
		desc := fmt.Sprintf("AMAZON.CO.JP %d", i)
		if i%7 == 0 {
			desc = "" // a row with nothing after its last padding: no trailing space
		}
		c.Add("unknown", "2026-03-18", fmt.Sprintf("%d", 5*i), fmt.Sprintf("statement.csv:%d", i+2), desc)
		line := fmt.Sprintf("  unknown  2026-03-18  %-5d  %-18s  %s", 5*i, fmt.Sprintf("statement.csv:%d", i+2), desc)
		want.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	var w writesRecorder
	c.Print(&w)
	if got := w.b.String(); got != want.String() {
		t.Fatalf("table differs:\n%.300s\nwant:\n%.300s", got, want.String())
	}
	if w.writes < 2 {
		t.Errorf("%d writes: the table was held whole", w.writes)
	}
	for _, n := range w.ends {
		if n != '\n' {
			t.Errorf("a write ends inside a line (%q)", n)
		}
	}
}

// writesRecorder records what is written, and how each write ends.
type writesRecorder struct {
	b      strings.Builder
	writes int
	ends   []byte
}

func (w *writesRecorder) Write(p []byte) (int, error) {
	w.writes++
	if len(p) > 0 {
		w.ends = append(w.ends, p[len(p)-1])
	}
	return w.b.Write(p)
}

// TestUnwrappedTextIsOneLine checks that text laid out without a width
// (output to a pipe) is wrapped as the pieces of line breaking would wrap
// it: one line, its trailing spaces dropped, unless it holds a character
// UAX #14 must break after. Every ASCII byte and each such character is
// tried, alone and in random text with Japanese and card numbers.
func TestUnwrappedTextIsOneLine(t *testing.T) {
	parts := []string{"charged 12,800 JPY", " ", "  ", "返金はありません。", "ＡＭＡＺＯＮ", "4980 0379 3988 4567", "-", "/", "\u00a0", "\u3000", "e\u0301", "\U0001F600", "\u2028", "\u2029", "\u0085", "\u200b", "\xff"}
	for c := range 0x80 {
		parts = append(parts, string(rune(c)))
	}
	var texts []string
	for _, p := range parts {
		texts = append(texts, p, "a "+p+" b", p+"  ")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		for _, width := range []int{0, -1} {
			if got, want := wrapText(s, width), wrapPieces(s, width); !reflect.DeepEqual(got, want) {
				t.Errorf("wrapText(%q, %d) = %q, the pieces give %q", s, width, got, want)
			}
		}
	}
}

// TestColumnsRowsMadeWhenAsked lays out a table whose last rows are made
// when asked (AddRows) as the same table added row by row, at widths that
// align, wrap and write blocks: the same text, each made row asked for.
func TestColumnsRowsMadeWhenAsked(t *testing.T) {
	rows := [][]string{
		{"unknown", "2026-03-18", "1,280", "statements/2026-03.csv:8", "AMAZON.CO.JP お届け先 4980 0379 3988 4567"},
		{"unknown", "2026年3月19日", "30,000", "vpass.csv:9", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ"},
		{"unknown", "2026-03-20", "12.34", "a.csv:10", ""},
		{"unknown", "2026-03-21", "5", "a.csv:11", "Amazon.com*AB12CD34E a long description that wraps"},
	}
	for _, width := range []int{0, 16, 30, 44, 80} {
		whole := &Columns{Indent: "  ", Width: width, Title: 2}
		whole.AddHeader("", "DATE", "AMOUNT", "ROW", "DESCRIPTION")
		for _, r := range rows {
			whole.Add(r...)
		}
		var want strings.Builder
		whole.Print(&want)
		made := &Columns{Indent: "  ", Width: width, Title: 2}
		made.AddHeader("", "DATE", "AMOUNT", "ROW", "DESCRIPTION")
		made.Add(rows[0]...)
		asked := make([]int, len(rows)-1)
		made.AddRows(len(rows)-1, func(i int) []string {
			asked[i]++
			return append([]string(nil), rows[i+1]...)
		})
		var got strings.Builder
		made.Print(&got)
		if got.String() != want.String() {
			t.Errorf("width %d:\n%s\nwant:\n%s", width, got.String(), want.String())
		}
		for i, n := range asked {
			if n == 0 {
				t.Errorf("width %d: row %d never asked for", width, i+1)
			}
		}
		var again strings.Builder
		made.Print(&again)
		if again.Len() != 0 {
			t.Errorf("width %d: printed twice, the rows were kept: %q", width, again.String())
		}
	}
}

// TestColumnsKeepTheOrderRowsWereAdded adds rows one by one and made when
// asked, in turns: they are laid out in the order they were added.
func TestColumnsKeepTheOrderRowsWereAdded(t *testing.T) {
	c := &Columns{}
	c.Add("first")
	c.AddRows(2, func(i int) []string { return []string{fmt.Sprintf("made %d", i)} })
	c.Add("between")
	c.AddRows(1, func(i int) []string { return []string{"made again"} })
	c.AddColored("", "last")
	var b strings.Builder
	c.Print(&b)
	if want := "first\nmade 0\nmade 1\nbetween\nmade again\nlast\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
