package parser

import (
	"strings"
	"testing"
)

// trimSpace skips strings.TrimSpace for cells that start and end with a
// printable ASCII character; it must trim exactly as it does.
func TestTrimSpaceAgrees(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "\ta\n", "2026-03-02", "\u3000ＡＭＡＺＯＮ\u3000", "Amazon\u00a0",
		"\u00a0Amazon", "é", "x\u2003", "\x7f", "\x00a", "ab\u0085"} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
