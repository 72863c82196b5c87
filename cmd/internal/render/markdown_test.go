package render

import "testing"

func TestMarkdownEscapesText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AMAZON*MKTP | x", `AMAZON\*MKTP \| x`},
		{"<b>_a_</b>", `\<b\>\_a\_\</b\>`},
		{"[link](x) `c`", "\\[link\\](x) \\`c\\`"},
		{"two\nlines", "two lines"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("md(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
