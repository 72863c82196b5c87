package layout

import (
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
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
