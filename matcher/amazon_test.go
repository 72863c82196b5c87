package matcher

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The default patterns are plain text and are matched without the
// expression; both ways must agree.
func TestRecognizerLiteralsAgreeWithExpression(t *testing.T) {
	r, err := NewRecognizer()
	if err != nil || r.byFirst == nil {
		t.Fatalf("NewRecognizer() = %v, %v; want the default patterns matched as text", r, err)
	}
	if r, _ := NewRecognizer(`RAKUTEN\s+BOOKS`); r.byFirst != nil {
		t.Error("a regular expression among the patterns must be matched as one")
	}
	// Patterns of one byte, and two sharing a first byte, as --amazon
	// can add, with the defaults.
	extra, err := NewRecognizer("X", "QZ", "QUU")
	if err != nil || extra.byFirst == nil {
		t.Fatalf("NewRecognizer(X, QZ, QUU) = %v, %v; want them matched as text", extra, err)
	}
	rnd := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"AMAZON", "AMAZO", "AMZN", "AMZ", "AUDIBLE", "KINDLE", "PRIME VIDEO", "PRIME", " VIDEO", "アマゾン", "アマ", "A", "M", "Z", " ", ".CO.JP", "*", "MKTP", "7",
		"X", "Q", "QZ", "QU", "U"}
	for _, r := range []*Recognizer{r, extra} {
		for range 20000 {
			var b strings.Builder
			for range rnd.IntN(6) {
				b.WriteString(pieces[rnd.IntN(len(pieces))])
			}
			s := b.String()
			if got, want := r.IsAmazon(s), r.re.MatchString(s); got != want {
				t.Fatalf("IsAmazon(%q) = %v, the expression says %v", s, got, want)
			}
		}
	}
}
