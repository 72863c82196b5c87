package matcher

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/textenc"
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

// SurelyNot may answer true only for a description whose normal form no
// pattern matches: it is asked of texts as a statement writes them, in
// either case, with runs of white space of every kind, pieces of the
// patterns split and joined, full-width letters and bytes that are not
// UTF-8, for the default patterns and for patterns --amazon adds.
func TestSurelyNotNeverRefusesAPattern(t *testing.T) {
	def, _ := NewRecognizer()
	extra, err := NewRecognizer("RAKUTEN BOOKS", "QZ", "Ebay")
	if err != nil || extra.skip == nil || extra.skip.width != 2 {
		t.Fatalf("NewRecognizer(RAKUTEN BOOKS, QZ, Ebay) = %v, %v; want a window of two", extra, err)
	}
	// A pattern whose start before its space is the shortest.
	spaced, err := NewRecognizer("AMA ZON")
	if err != nil || spaced.skip == nil || spaced.skip.width != 3 {
		t.Fatalf("NewRecognizer(AMA ZON) = %v, %v; want a window of three", spaced, err)
	}
	rnd := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"amazon", "AMAZO", "Amzn", "mzn", "zn", "AMZ", "audible", "Kindle", "prime video", "PRIME\tVIDEO", "prime  video",
		"アマゾン", "ＡＭＡＺＯＮ", "Ａ", "a", "m", "z", "n", " ", "\t", "\r\n", ".co.jp", "*", "MKTP", "7", "#", "\xff", "\xe3\x82",
		"rakuten", "RAKUTEN  BOOKS", "books", "qz", "Q", "z", "e", "BAY", "starbucks", "SEVEN-ELEVEN 00989", "ama", "zon", "ama  zon"}
	for _, r := range []*Recognizer{def, extra, spaced} {
		surely := 0
		for range 50000 {
			var b strings.Builder
			for range rnd.IntN(7) {
				b.WriteString(pieces[rnd.IntN(len(pieces))])
			}
			s := b.String()
			if !r.SurelyNot(s) {
				continue
			}
			surely++
			if amazon, excepted := r.Classify(textenc.Normalize(s)); amazon || excepted {
				t.Fatalf("SurelyNot(%q) = true, but its normal form %q is Amazon's", s, textenc.Normalize(s))
			}
			for i := range len(s) {
				if s[i] >= 0x80 {
					t.Fatalf("SurelyNot(%q) = true for text that is not ASCII", s)
				}
			}
		}
		if surely < 5000 {
			t.Errorf("SurelyNot was sure of %d texts of 50000: it tells too little", surely)
		}
	}
	// What a statement holds most: sure of the merchants, unsure of Amazon.
	for s, want := range map[string]bool{
		"STARBUCKS #6657": true, "Seven-Eleven  Shinjuku": true, "UBER *TRIP 8831": true, "AM": true, "": true,
		"AMZN Mktp US*2K4RT5Q31": false, "amazon.co.jp": false, "xxAMAZON": false, "Prime Video": false, "kindle unltd": false,
		"ＡＭＡＺＯＮ": false, "\xffSTARBUCKS": false,
	} {
		if got := def.SurelyNot(s); got != want {
			t.Errorf("SurelyNot(%q) = %v, want %v", s, got, want)
		}
	}
	// Patterns whose start is not two bytes side by side, and expressions,
	// leave SurelyNot unsure of everything.
	for _, extra := range [][]string{{"X"}, {" AMAZON"}, {"A B"}, {`RAKUTEN\s+BOOKS`}} {
		r, err := NewRecognizer(extra...)
		if err != nil {
			t.Fatal(err)
		}
		if r.SurelyNot("STARBUCKS #6657") {
			t.Errorf("with the patterns %q added, SurelyNot(STARBUCKS #6657) = true; it cannot tell", extra)
		}
	}
}
