package render

import "testing"

func TestCSVNeutralisesFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+81 3 1234", "'+81 3 1234"},
		{"-AMAZON", "'-AMAZON"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tAMAZON", "'\tAMAZON"},
		{"\rAMAZON", "'\rAMAZON"},
		{"＝1+1", "'＝1+1"},
		{"＋81 3 1234", "'＋81 3 1234"},
		{"－AMAZON", "'－AMAZON"},
		{"＠SUM(1)", "'＠SUM(1)"},
		{"\uFEFF=1+1", "'\uFEFF=1+1"},
		{"\u200B=1+1", "'\u200B=1+1"},
		{"\uFEFF\u200B\u2060+1", "'\uFEFF\u200B\u2060+1"},
		{"\u200BAMAZON", "\u200BAMAZON"},
		{"AMAZON=1", "AMAZON=1"},
		{"AMAZON.CO.JP", "AMAZON.CO.JP"},
		{"ＡＭＡＺＯＮ", "ＡＭＡＺＯＮ"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := text(tt.in); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
