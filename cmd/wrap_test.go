package cmd

import (
	"reflect"
	"strings"
	"testing"
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
	c := &columns{indent: "  ", width: 44}
	c.add("charge", "2026-03-18", "30,000", "statements/2026-03.csv:8 ＡＭＡＺＯＮ")
	c.write(&b)
	want := "" +
		"  charge  2026-03-18  30,000  statements/\n" +
		"                              2026-03.csv:8\n" +
		"                              ＡＭＡＺＯＮ\n"
	if b.String() != want {
		t.Errorf("wrapped:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	c.addHeader("SEVERITY", "ORDER", "ORDERED", "AMOUNT", "CONFIRMED")
	c.add("ALERT", "250-4418372-2290415", "2026-03-02", "30,000", "2026-03-10 refund")
	c.title = 2
	c.write(&b)
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
		c := &columns{indent: "  ", width: width}
		c.addHeader("区分", "日付", "内容")
		c.add("請求", "2026年3月18日", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ お届け先不明")
		c.write(&b)
		if !strings.Contains(b.String(), "請求") {
			t.Errorf("width %d: %q", width, b.String())
		}
	}
	if got := wrapText("請求", 1); !reflect.DeepEqual(got, []string{"請", "求"}) {
		t.Errorf("wrapText = %q", got)
	}
}
