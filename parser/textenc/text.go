package textenc

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func nfkc(s string) string { return norm.NFKC.String(s) }

// Normalize returns the form of a description that matching works on: Unicode
// NFKC (so full-width ＡＭＡＺＯＮ．ＣＯ．ＪＰ reads AMAZON.CO.JP), upper case, and
// runs of white space collapsed to one space.
func Normalize(s string) string {
	switch NormalASCII(s) {
	case NormalForm:
		return s // as most statements write their merchants
	case PlainASCII:
		return normalizeASCII(s)
	}
	s = strings.ToUpper(nfkc(s))
	return strings.Join(strings.Fields(s), " ")
}

// normalizeASCII is Normalize for ASCII text, which NFKC leaves alone: one
// pass.
func normalizeASCII(s string) string {
	var buf [128]byte // most descriptions fit (room for s is made): one allocation, the string's
	return string(AppendNormalASCII(buf[:0], s))
}

// AppendNormalASCII appends the normal form of the ASCII text s to b. The
// form is never longer than s: room for s is made once, and written into.
func AppendNormalASCII(b []byte, s string) []byte {
	start := len(b)
	b = slices.Grow(b, len(s))[:start+len(s)]
	out, n, space := b[start:], 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace[c] {
			space = n > 0
			continue
		}
		if space {
			out[n] = ' '
			n++
			space = false
		}
		out[n] = asciiUpper[c]
		n++
	}
	return b[:start+n]
}

// IsNormalASCIIOf reports whether norm is what AppendNormalASCII makes of
// s. The form of a merchant name is made on the stack.
func IsNormalASCIIOf(norm, s string) bool {
	if len(norm) > len(s) { // the form is never longer
		return false
	}
	var buf [128]byte
	return string(AppendNormalASCII(buf[:0], s)) == norm
}

// asciiUpper maps a-z to A-Z and every other byte to itself.
var asciiUpper = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'a' <= c && c <= 'z' {
			t[c] -= 'a' - 'A'
		}
	}
	return t
}()

// What normalASCII finds of a text.
const (
	notASCII = iota
	PlainASCII
	NormalForm // ASCII, and in normal form already
)

// NormalASCII tells, in one pass, whether s is ASCII and whether it is in
// normal form already: no lower-case letter, no white space but single
// spaces between words.
//
// It runs on the description of every row a statement has, most of them
// twenty to forty bytes of capitals, digits and single spaces, and so
// reads eight bytes at a time as a word (see normalWord), about twice as
// fast as a byte at a time. Past the last whole word it reads the last
// eight bytes again as a word, some of them twice, which changes nothing
// it tells; a text shorter than a word is read a byte at a time.
func NormalASCII(s string) int {
	if len(s) < 8 {
		return normalASCIIBytes(s)
	}
	// plain gathers, in the top bit of each byte, the bytes that make s
	// plain rather than normal: those that do alone, and a space after a
	// space (spaces<<8 moves the mark of each byte onto the next). after
	// has the top bit of its lowest byte set when the byte before the
	// word is a space. A space first counts as one after a space, and
	// one last as one before a space.
	plain, after := uint64(0), uint64(0x80)
	i := 0
	for ; i <= len(s)-8; i += 8 {
		w := Word(s[i:])
		if w&highBits != 0 {
			return notASCII
		}
		p, spaces := normalWord(w)
		plain |= p | spaces&(spaces<<8|after)
		after = spaces >> 56
	}
	if i < len(s) {
		// The pair of bytes across the start of this last word lies in
		// the word before it, told already.
		w := Word(s[len(s)-8:])
		if w&highBits != 0 {
			return notASCII
		}
		p, spaces := normalWord(w)
		plain |= p | spaces&(spaces<<8)
		after = spaces >> 56
	}
	if (plain|after)&highBits != 0 {
		return PlainASCII
	}
	return NormalForm
}

// highBits is the top bit of each byte of a word.
const highBits = 0x8080808080808080

// normalWord tells of w, eight ASCII bytes (no top bit set), which bytes
// alone make a text plain rather than normal, a lower-case letter or white
// space other than a space, and which are spaces, each in the top bit of
// the byte; the other bits are left as they fall. With no top bit set,
// adding to a byte a number below 0x80 cannot carry into the next byte:
// adding 0x80-lo sets the top bit of the bytes from lo up, so a byte is
// from lo to hi when adding 0x80-lo sets it and adding 0x80-(hi+1) does
// not, when the two sums differ in that bit.
func normalWord(w uint64) (plain, spaces uint64) {
	const (
		fromA     = (0x80 - 'a') * 0x0101010101010101
		pastZ     = (0x80 - 'z' - 1) * 0x0101010101010101
		fromTab   = (0x80 - '\t') * 0x0101010101010101
		pastCR    = (0x80 - '\r' - 1) * 0x0101010101010101
		fromSpace = (0x80 - ' ') * 0x0101010101010101
		pastSpace = (0x80 - ' ' - 1) * 0x0101010101010101
	)
	plain = ((w + fromA) ^ (w + pastZ)) | ((w + fromTab) ^ (w + pastCR))
	spaces = (w + fromSpace) ^ (w + pastSpace)
	return plain, spaces
}

// Word is the first eight bytes of s, the first the lowest: what
// binary.LittleEndian.Uint64 reads from a []byte, read from a string as
// well without copying it, and as it does in one load. It serves the
// readings of text eight bytes at a time.
func Word[T string | []byte](s T) uint64 {
	_ = s[7] // one test of the length, not eight
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// normalASCIIBytes is NormalASCII a byte at a time, through asciiClass,
// for a text shorter than a word; of any text, the reference the tests
// hold the word-wise reading to.
func normalASCIIBytes(s string) int {
	// seen gathers the kinds of every byte; twice the kinds that two bytes
	// in a row share (a space after a space). A space first or last counts
	// as one after or before a space.
	seen, twice, prev := byte(0), byte(0), byte(classSpace)
	for i := 0; i < len(s); i++ {
		k := asciiClass[s[i]]
		seen |= k
		twice |= k & prev
		prev = k
	}
	switch {
	case seen&classNotASCII != 0:
		return notASCII
	case seen&(classLower|classOtherSpace) != 0 || (twice|prev)&classSpace != 0 && s != "":
		return PlainASCII
	}
	return NormalForm
}

// The kinds of byte normalASCII tells apart, as bits of asciiClass.
const (
	classLower      = 1 << iota // a-z
	classSpace                  // ' '
	classOtherSpace             // the other white space strings.Fields splits at
	classNotASCII               // a byte of a character beyond ASCII
)

// asciiClass is the kind of each byte, for normalASCII.
var asciiClass = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLower
	}
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classNotASCII
		case c == ' ':
			t[c] = classSpace
		case asciiSpace[c]:
			t[c] = classOtherSpace
		}
	}
	return t
}()

// asciiSpace are the ASCII characters strings.Fields splits at.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// IsASCIISpace reports whether c is one of the ASCII bytes Normalize takes
// for white space: a run of them becomes one space, or none at either end.
func IsASCIISpace(c byte) bool { return asciiSpace[c] }

// Encoding names as reported by detect and in errors.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncCP932   = "cp932"
	EncCP1252  = "cp1252"
	EncCP1250  = "cp1250"
	EncLatin1  = "iso-8859-1"
)

// SniffSize is how much of a file is looked at to choose its encoding.
const SniffSize = 64 << 10

// Decode returns a reader of r's text as UTF-8 and the name of the encoding it
// was read in. A byte-order mark settles it (UTF-8 or UTF-16). Otherwise the
// encoding is chosen from the 64 KiB that start at the first byte that is not
// ASCII (see guessEncoding); where the first 64 KiB are all ASCII, the choice
// waits for that byte, and the name returned is utf-8 until then (see
// DecodedAs).
func Decode(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, SniffSize)
	head, err := br.Peek(SniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, EncUTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return decodeWith(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)), EncUTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return decodeWith(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)), EncUTF16BE, nil
	}
	first := NonASCII(head)
	switch {
	case first < 0 && len(head) < SniffSize: // the whole file is ASCII
		return br, EncUTF8, nil
	case first < 0:
		return &lateDecoder{br: br}, EncUTF8, nil
	}
	enc := Guess(head, len(head) == SniffSize)
	return decodeAs(br, enc), enc, nil
}

// DecodedAs is the encoding text, a reader Decode or DecodeWith returned,
// was read in so far: the one Decode named, unless the file's first 64 KiB
// were ASCII and its first other byte has since been read.
func DecodedAs(text io.Reader, named string) string {
	if l, ok := text.(*lateDecoder); ok && l.r != nil {
		return l.enc
	}
	return named
}

// lateDecoder reads a text whose first 64 KiB are ASCII, the same in every
// encoding refundwatch reads, and chooses its encoding at the first byte
// that is not ASCII, from the 64 KiB that start there.
type lateDecoder struct {
	br  *bufio.Reader
	r   io.Reader // the decoded rest, once the encoding is chosen
	enc string
}

func (l *lateDecoder) Read(p []byte) (int, error) {
	if l.r != nil {
		return l.r.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if l.br.Buffered() == 0 {
		if _, err := l.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := l.br.Peek(min(len(p), l.br.Buffered()))
	n := NonASCII(buf)
	if n < 0 {
		n = len(buf)
	}
	if n == 0 {
		head, err := l.br.Peek(SniffSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return 0, err
		}
		l.enc = Guess(head, len(head) == SniffSize)
		l.r = decodeAs(l.br, l.enc)
		return l.r.Read(p)
	}
	copy(p, buf[:n])
	_, _ = l.br.Discard(n)
	return n, nil
}

// NonASCII is the index of the first byte of b above 0x7F, or -1. It
// looks at 32 bytes at a time, then 8, then one: a statement is read
// through it (lateDecoder), nearly all of it ASCII. The 32 bytes are cut
// from the rest of b at constant offsets, which leaves the compiler no
// length to check: indexed from i, each of the four words was checked,
// three times the instructions.
func NonASCII(b []byte) int {
	i := 0
	for rest := b; len(rest) >= 32; rest = rest[32:] {
		w := binary.LittleEndian.Uint64(rest[0:8]) | binary.LittleEndian.Uint64(rest[8:16]) |
			binary.LittleEndian.Uint64(rest[16:24]) | binary.LittleEndian.Uint64(rest[24:32])
		if w&0x8080808080808080 != 0 {
			break
		}
		i += 32
	}
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// decodeAs returns a reader of br's text in enc, one of the names above
// other than UTF-16.
func decodeAs(br *bufio.Reader, enc string) io.Reader {
	switch enc {
	case EncCP932:
		return decodeWith(br, japanese.ShiftJIS)
	case EncCP1252:
		return decodeWith(br, charmap.Windows1252)
	case EncCP1250:
		return decodeWith(br, charmap.Windows1250)
	case EncLatin1:
		return decodeWith(br, charmap.ISO8859_1)
	}
	return br
}

// DecodeWith returns a reader of r's text in the named encoding, unless a
// byte-order mark says otherwise, and the encoding it read. An encoding it
// does not know is guessed as Decode does.
func DecodeWith(r io.Reader, enc string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, SniffSize)
	head, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, "", err
	}
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return Decode(br)
	}
	switch enc {
	case EncCP932, EncCP1252, EncCP1250, EncLatin1:
		return decodeAs(br, enc), enc, nil
	case EncUTF8, EncUTF8BOM:
		return br, EncUTF8, nil
	}
	return Decode(br)
}

// DecodeAll is Decode for text held whole: it returns the text as UTF-8,
// UTF-8 text as it is (less a byte-order mark) rather than copied.
func DecodeAll(raw []byte) ([]byte, string, error) {
	text, enc, err := Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, "", err
	}
	if _, late := text.(*lateDecoder); late {
		first := NonASCII(raw)
		if first < 0 {
			return raw, EncUTF8, nil
		}
		window := raw[first:]
		enc = Guess(window[:min(len(window), SniffSize)], len(window) > SniffSize)
		text = decodeAs(bufio.NewReader(bytes.NewReader(raw)), enc)
	}
	switch enc {
	case EncUTF8:
		return raw, enc, nil
	case EncUTF8BOM:
		return raw[3:], enc, nil
	}
	data, err := io.ReadAll(text)
	return data, enc, err
}

// ReadAll reads r to its end. Where r tells its size, as a file or a
// bytes.Reader does, it reads into one buffer of that size, as os.ReadFile
// does, rather than into one grown and copied as it fills.
func ReadAll(r io.Reader) ([]byte, error) {
	size := SizeOf(r)
	if size < 0 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, size+1) // one byte more, to see the end without growing
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// SizeOf is how many bytes r holds, where it tells: a file, or a reader of
// bytes in memory; -1 otherwise, and for a file larger than an int holds
// (2 GiB and more on a 32-bit build).
func SizeOf(r io.Reader) int {
	switch v := r.(type) {
	case interface{ Len() int }:
		return v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= math.MaxInt {
			return int(fi.Size())
		}
	}
	return -1
}

func decodeWith(r io.Reader, e encoding.Encoding) io.Reader {
	return transform.NewReader(r, e.NewDecoder())
}

func AllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Fold applies Unicode NFKC to text that is not plain ASCII, so that full-width
// digits, letters and signs read as their ASCII forms, and maps the minus signs
// NFKC leaves alone (U+2212, U+2012–2015) to '-'.
func Fold(s string) string {
	if IsASCII(s) {
		return strings.TrimSpace(s)
	}
	s = nfkc(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2212', '\u2012', '\u2013', '\u2014', '\u2015':
			return '-'
		case '\u00a0', '\u3000':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TrimSpace is strings.TrimSpace, quicker for the cells most files write,
// that start and end with a printable ASCII character.
func TrimSpace(s string) string {
	if !Untrimmed(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// Untrimmed reports whether s may have space to trim: it starts or ends
// with a byte that is not printable ASCII. Small enough to be inlined, it
// lets a reader that trims each cell of millions of rows call TrimSpace
// only for the cells that may need it.
func Untrimmed(s string) bool {
	n := len(s)
	return n > 0 && (s[0] <= ' ' || s[0] >= utf8.RuneSelf || s[n-1] <= ' ' || s[n-1] >= utf8.RuneSelf)
}
