package textenc

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchDescriptions are descriptions as statements write them: capitals,
// digits and single spaces, now and then a lower-case letter. Sixteen of
// them, so that the benchmark picks one with a mask, not a division.
var benchDescriptions = [16]string{
	"AMAZON MARKETPLACE 03TY0URUD", "AMZN Mktp US*2K4LM0PQ1", "TESCO STORES 3412", "STARBUCKS #0042",
	"UBER *TRIP 01234", "SHELL OIL 004711", "NETFLIX.COM 123456", "WHOLEFDS #0815", "TARGET T-1234",
	"SEVEN-ELEVEN 01234", "LAWSON 04567", "APPLE.COM/BILL 866712", "SPOTIFY P001234", "AMAZON.CO.JP",
	"AMAZON REFUND 03TY0URUD", "SAINSBURYS S/MKTS 0123 LONDON",
}

var normalASCIISink int

// BenchmarkNormalASCII tells the kind of one description after another.
func BenchmarkNormalASCII(b *testing.B) {
	n := 0
	for _, s := range benchDescriptions {
		n += len(s)
	}
	b.SetBytes(int64(n / len(benchDescriptions)))
	var sink int
	for i := 0; b.Loop(); i++ {
		sink += NormalASCII(benchDescriptions[i%16])
	}
	normalASCIISink = sink
}

// TestNormalASCII tells texts of every length from 1 to 17, so one and two
// words and the bytes past them, with each kind of byte at each place:
// spaces first, last, doubled within a word and across the end of one,
// the other white space strings.Fields splits at, the letters and the
// bytes either side of a-z, and bytes beyond ASCII, which outweigh all
// the rest.
func TestNormalASCII(t *testing.T) {
	check := func(s string, want int) {
		t.Helper()
		if got := NormalASCII(s); got != want {
			t.Errorf("NormalASCII(%q) = %d, want %d", s, got, want)
		}
		if got := normalASCIIBytes(s); got != want {
			t.Errorf("normalASCIIBytes(%q) = %d, want %d", s, got, want)
		}
	}
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", NormalForm},
		{"AMAZON MARKETPLACE 03TY0URUD", NormalForm},
		{"AMZN Mktp US*2K4LM0PQ1", PlainASCII},
		{"TESCO STORES 3412", NormalForm},
		{"TESCO STORES  3412", PlainASCII},
		{"TESCO STORES 3412 ", PlainASCII},
		{"SEVEN-ELEVEN 01234\tTOKYO", PlainASCII},
		{"AMAZON.CO.JP \u3000", notASCII},
		{"amazon.co.jp ａｍａｚｏｎ", notASCII},
	} {
		check(tt.in, tt.want)
	}
	// What one byte among capitals makes of a text, first, last or
	// between. A space makes it plain only first or last.
	kinds := []struct {
		c    byte
		want int
	}{
		{'A', NormalForm}, {'Z', NormalForm}, {'0', NormalForm}, {'.', NormalForm}, {'*', NormalForm},
		{'@', NormalForm}, {'[', NormalForm}, {'`', NormalForm}, {'{', NormalForm}, {'~', NormalForm},
		{0x7f, NormalForm}, {0, NormalForm}, {0x08, NormalForm}, {0x0e, NormalForm}, {0x1f, NormalForm},
		{'a', PlainASCII}, {'m', PlainASCII}, {'z', PlainASCII},
		{'\t', PlainASCII}, {'\n', PlainASCII}, {'\v', PlainASCII}, {'\f', PlainASCII}, {'\r', PlainASCII},
		{0x80, notASCII}, {0x85, notASCII}, {0xa0, notASCII}, {0xe3, notASCII}, {0xff, notASCII},
	}
	for n := 1; n <= 17; n++ {
		capitals := strings.Repeat("A", n)
		check(capitals, NormalForm)
		for i := range n {
			at := func(b ...byte) string { return capitals[:i] + string(b) + capitals[i+len(b):] }
			for _, k := range kinds {
				check(at(k.c), k.want)
			}
			if i == 0 || i == n-1 {
				check(at(' '), PlainASCII)
			} else {
				check(at(' '), NormalForm)
			}
			if i+1 < n {
				check(at(' ', ' '), PlainASCII)
				check(at('a', 0xff), notASCII)
				check(at(0x80, 'z'), notASCII)
				check(at(0x80, ' '), notASCII)
			}
			if i > 0 && i+3 < n {
				check(at(' ', 'B', ' '), NormalForm)
			}
		}
		// A byte beyond ASCII after a text made plain early, or before
		// one made plain late.
		if n >= 2 {
			check("a"+capitals[2:]+"\xff", notASCII)
			check("\xff"+capitals[2:]+" ", notASCII)
		}
	}
}

// TestNormalASCIIAgrees compares NormalASCII with the byte-wise reference
// on random texts of the bytes that matter, up to five words long.
func TestNormalASCIIAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	const alphabet = "AAAAZZ09.*  aaz`{@[\t\n\v\f\r\x7f\x80\xff\x00"
	for range 200000 {
		b := make([]byte, rnd.IntN(41))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		if rnd.IntN(4) > 0 { // most texts without the bytes beyond ASCII, which outweigh all else
			for i := range b {
				if b[i] >= 0x80 {
					b[i] = 'A'
				}
			}
		}
		if got, want := NormalASCII(string(b)), normalASCIIBytes(string(b)); got != want {
			t.Fatalf("NormalASCII(%q) = %d, want %d", b, got, want)
		}
	}
}

// FuzzNormalASCII compares NormalASCII with the byte-wise reference on any
// text.
func FuzzNormalASCII(f *testing.F) {
	for _, s := range benchDescriptions {
		f.Add(s)
	}
	for _, s := range []string{"", " ", "a", "\xff", "ABCDEFG  HIJ", "ABCDEFGH IJ", "ABCDEFGHIJKLMNOP ", " ABCDEFGHIJKLMNOP",
		"ABCDEFGHIJKLMNO\t", "ABCDEFGHIJKLMNOPQ\v", "ABCDEFGHabc\x80", "AMAZON.CO.JP \u3000", "ABCDEFGHIJKLMN `{@[\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalASCII(s), normalASCIIBytes(s); got != want {
			t.Errorf("NormalASCII(%q) = %d, want %d", s, got, want)
		}
	})
}
