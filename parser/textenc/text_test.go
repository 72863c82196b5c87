package textenc

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecode(t *testing.T) {
	const jp = "利用日,利用店名・商品名,利用金額\n2026/03/18,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,30000\n"
	const de = "Buchungstag;Betrag;Währung;Gläubiger\n"
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(jp))
	latin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(de))
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(jp))
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(jp))
	tests := []struct {
		name string
		in   []byte
		enc  string
		want string
	}{
		{"utf-8", []byte(jp), EncUTF8, jp},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, jp...), EncUTF8BOM, jp},
		{"cp932", sjis, EncCP932, jp},
		{"cp1252", latin, EncCP1252, de},
		{"utf-16le", utf16le, EncUTF16LE, jp},
		{"utf-16be", utf16be, EncUTF16BE, jp},
		{"ascii", []byte("Date,Description,Amount\n"), EncUTF8, "Date,Description,Amount\n"},
	}
	for _, tt := range tests {
		r, enc, err := Decode(bytes.NewReader(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, _ := io.ReadAll(r)
		if enc != tt.enc || string(got) != tt.want {
			t.Errorf("%s: Decode = %q (%s), want %q (%s)", tt.name, got, enc, tt.want, tt.enc)
		}
		all, enc, err := DecodeAll(tt.in)
		if err != nil || enc != tt.enc || string(all) != tt.want {
			t.Errorf("%s: DecodeAll = %q (%s), %v; want %q (%s)", tt.name, all, enc, err, tt.want, tt.enc)
		}
		if strings.HasPrefix(tt.enc, EncUTF8) && len(all) > 0 && &all[len(all)-1] != &tt.in[len(tt.in)-1] {
			t.Errorf("%s: DecodeAll copied UTF-8 text", tt.name)
		}
	}
}

// ReadAll reads everything, whether the reader tells its size or not, and
// when the file is longer than it said.
func TestReadAll(t *testing.T) {
	text := strings.Repeat("2026-03-18,AMAZON.CO.JP,30000\n", 1000)
	path := filepath.Join(t.TempDir(), "statement.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	readers := map[string]io.Reader{
		"file":         f,
		"bytes.Reader": bytes.NewReader([]byte(text)),
		"no size":      io.MultiReader(strings.NewReader(text[:10]), strings.NewReader(text[10:])),
		"longer than it said": struct {
			io.Reader
			lenOnly
		}{strings.NewReader(text), 7},
	}
	for name, r := range readers {
		got, err := ReadAll(r)
		if err != nil || string(got) != text {
			t.Errorf("%s: ReadAll = %d bytes, %v; want %d bytes", name, len(got), err, len(text))
		}
	}
	// A file read whole takes one allocation: the buffer.
	if n := testing.AllocsPerRun(10, func() {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		_, _ = ReadAll(f)
	}); n > 2 {
		t.Errorf("ReadAll of a file allocates %v times, want at most 2 (Stat and the buffer)", n)
	}
}

// lenOnly is a reader's Len that understates what it holds.
type lenOnly int

func (n lenOnly) Len() int { return int(n) }

func TestDecodeUTF8CutAtSniffBoundary(t *testing.T) {
	// A multi-byte rune straddling the 64 KiB sniff window must not make a
	// UTF-8 file look like CP932.
	s := strings.Repeat("a", SniffSize-1) + "日本"
	_, enc, err := Decode(strings.NewReader(s))
	if err != nil || enc != EncUTF8 {
		t.Errorf("Decode = %s, %v; want utf-8", enc, err)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "AMAZON.CO.JP"},
		{"Ａｍａｚｏｎ　Ｄｏｗｎｌｏａｄｓ", "AMAZON DOWNLOADS"},
		{"Ａｍａｚｏｎ  Ｄｏｗｎｌｏａｄｓ", "AMAZON DOWNLOADS"},
		{"AMZN Mktp US*1FASU238B", "AMZN MKTP US*1FASU238B"},
		{"  amazon.de/AMAZON.DE//LU ", "AMAZON.DE/AMAZON.DE//LU"},
		{"ﾌｱﾐﾘ-ﾏ-ﾄ/ID", "フアミリ-マ-ト/ID"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Normalize reads ASCII text in one pass of its own; it must give what the
// general path gives.
func TestNormalizeASCIIAgrees(t *testing.T) {
	general := func(s string) string { return strings.Join(strings.Fields(strings.ToUpper(s)), " ") }
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZ *.\t\n\r\v\f  9"
	for range 20000 {
		b := make([]byte, rnd.IntN(12))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		if got, want := Normalize(string(b)), general(string(b)); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", b, got, want)
		}
	}
}

// TestAppendNormalASCII appends the normal form after what a buffer holds
// already, and IsNormalASCIIOf must tell that form, and only it: a byte
// changed, one more or one fewer, is another text. Bytes beyond ASCII pass
// through both unchanged.
func TestAppendNormalASCII(t *testing.T) {
	general := func(s string) string { return strings.Join(strings.Fields(strings.ToUpper(s)), " ") }
	rnd := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aZz@[`{ *.\t\n\r\v\f  9\xe3\x80\xff\x85\xa0"
	for n := range 20000 {
		b := make([]byte, rnd.IntN(14))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		s := string(b)
		// Half the time the buffer has room to write in, and a byte
		// beyond its end that must stay as it is.
		pre := []byte("pre|")
		if n%2 == 0 {
			pre = append(make([]byte, 0, 64), "pre|"...)
			pre[:cap(pre)][63] = '#'
		}
		made := AppendNormalASCII(pre, s)
		if n%2 == 0 && (&made[0] != &pre[0] || pre[:cap(pre)][63] != '#') {
			t.Fatalf("AppendNormalASCII(pre|, %q) did not write in the room the buffer had, or wrote past its end", s)
		}
		got := string(made)
		want := "pre|" + general(s)
		if strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) { // by bytes: upper-case a-z, fold ASCII white space
			fields := bytes.FieldsFunc([]byte(s), func(r rune) bool { return r < 0x80 && asciiSpace[r] })
			up := bytes.Join(fields, []byte(" "))
			for i, c := range up {
				if 'a' <= c && c <= 'z' {
					up[i] = c - 'a' + 'A'
				}
			}
			want = "pre|" + string(up)
		}
		if got != want {
			t.Fatalf("AppendNormalASCII(pre|, %q) = %q, want %q", s, got, want)
		}
		norm := got[len("pre|"):]
		if !IsNormalASCIIOf(norm, s) {
			t.Fatalf("IsNormalASCIIOf(%q, %q) = false, want true", norm, s)
		}
		others := []string{norm + "A", norm + " "}
		if norm != "" {
			i := rnd.IntN(len(norm))
			others = append(others, norm[:len(norm)-1], norm[:i]+string(norm[i]^0x20)+norm[i+1:], norm[:i]+"  "+norm[i:])
		}
		for _, o := range others {
			if IsNormalASCIIOf(o, s) {
				t.Fatalf("IsNormalASCIIOf(%q, %q) = true, but %q is the normal form", o, s, norm)
			}
		}
	}
}

// TrimSpace skips strings.TrimSpace for cells that start and end with a
// printable ASCII character; it must trim exactly as it does. A cell that
// Untrimmed passes over must be one strings.TrimSpace leaves as it is.
func TestTrimSpaceAgrees(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "\ta\n", "2026-03-02", "\u3000ＡＭＡＺＯＮ\u3000", "Amazon\u00a0",
		"\u00a0Amazon", "é", "x\u2003", "\x7f", "\x00a", "ab\u0085", "!", "~", "a\x1f", "\x85a", "\u2028b"} {
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
		if !Untrimmed(s) && strings.TrimSpace(s) != s {
			t.Errorf("Untrimmed(%q) is false, but strings.TrimSpace trims it", s)
		}
	}
	for c := range 256 { // a cell of one byte, or of its character, alone and beside a letter
		for _, s := range []string{string([]byte{byte(c)}), "a" + string([]byte{byte(c)}), string([]byte{byte(c)}) + "a",
			string(rune(c)), "a" + string(rune(c)), string(rune(c)) + "a"} {
			if !Untrimmed(s) && strings.TrimSpace(s) != s {
				t.Errorf("Untrimmed(%q) is false, but strings.TrimSpace trims it", s)
			}
		}
	}
}

// NonASCII reads 32 and 8 bytes at a time; it must find the first byte
// above 0x7F wherever it stands, as reading one byte at a time does.
func TestNonASCIIFindsTheFirstByte(t *testing.T) {
	text := make([]byte, 100)
	for i := range text {
		text[i] = 'a' + byte(i%26)
	}
	for n := 0; n <= len(text); n++ {
		b := text[:n]
		if got := NonASCII(b); got != -1 {
			t.Fatalf("NonASCII of %d ASCII bytes = %d", n, got)
		}
		for at := range n {
			for _, c := range []byte{0x80, 0xE3, 0xFF} {
				b[at] = c
				if got := NonASCII(b); got != at {
					t.Fatalf("NonASCII with %#x at %d of %d = %d", c, at, n, got)
				}
				b[min(n-1, at+1+at%3)] |= 0x80 // one after it, which it must not report
				if got := NonASCII(b); got != at {
					t.Fatalf("NonASCII with %#x at %d of %d and one after = %d", c, at, n, got)
				}
				b[at], b[min(n-1, at+1+at%3)] = 'a', 'a'
			}
		}
	}
}
