package cmd

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// MaskCardNumbers hides card numbers in text, keeping only their last four
// digits. Digits are ASCII 0-9 or full-width ０-９ (as Japanese statements
// write them); a hidden ASCII digit becomes *, a full-width one ＊, so that
// aligned columns stay aligned. Two shapes are card numbers:
//
//   - a run of 12 to 19 digits with nothing between them;
//   - digits in groups joined by one and the same separator (a space, hyphen,
//     dot or underscore, ASCII or full-width), the first group of 4 digits
//     and each later one of 1 to 6, 12 to 19 digits in all: the groupings
//     issuers print, 4-4-4-4, 4-6-5 (American Express), 4-6-4 (Diners),
//     4-4-4-4-3. Longer chains of groups are masked 12 to 19 digits at a
//     time from the left;
//   - four groups of 4 digits each joined by one separator, whichever: a
//     number typed by hand (4980 0379-3988 4123).
//
// Nothing else is touched: dates (2026-03-02: 8 digits), amounts
// (1,234,567.89: a comma joins no group), a date and an amount side by side
// (2026-03-02 1234.56: mixed separators, and groups of 2), and Amazon order ids
// (250-1234567-1234567, D01-1234567-1234567), which the person reads out to
// Amazon: their first group is not of 4 digits and their groups of 7 are
// longer than any a card number is printed in.
func MaskCardNumbers(s string) string {
	var out strings.Builder
	_ = maskLines(&out, []byte(s))
	return out.String()
}

// maskLines writes b to w with the card numbers in it masked. A card number
// never spans lines: each line is masked on its own, and most need nothing.
// The lines that need nothing are written as they are, not copied, a run of
// them in one Write: most of a long report is order ids, dates and amounts.
func maskLines(w io.Writer, b []byte) error {
	plain := 0 // b[plain:done] needs no masking and is not written yet
	for done := 0; done < len(b); {
		line := b[done:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if mayHoldCardNumber(line) {
			if masked := maskGroups(string(line)); masked != string(line) {
				if err := writeSome(w, b[plain:done]); err != nil {
					return err
				}
				if _, err := io.WriteString(w, masked); err != nil {
					return err
				}
				plain = done + len(line)
			}
		}
		done += len(line)
	}
	return writeSome(w, b[plain:])
}

// writeSome writes b to w unless it is empty.
func writeSome(w io.Writer, b []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, err := w.Write(b)
	return err
}

// maskGroups is MaskCardNumbers for text that may hold a card number.
func maskGroups(s string) string {
	r := []rune(s)
	groups := digitGroups(r)
	hide := make([]bool, len(r))
	mark := func(from, to int) { // the groups from..to-1: all but their last 4 digits
		keep := 4
		for g := to - 1; g >= from; g-- {
			for i := groups[g].end - 1; i >= groups[g].start; i-- {
				if keep > 0 {
					keep--
				} else {
					hide[i] = true
				}
			}
		}
	}
	for g := 0; g < len(groups); g++ {
		if n := groups[g].len(); n >= 12 && n <= 19 {
			mark(g, g+1)
		}
	}
	for g := 0; g < len(groups); {
		end, digits := cardChain(r, groups, g)
		if end-g >= 2 && digits >= 12 {
			mark(g, end)
			g = end
			continue
		}
		g++
	}
	for g := 0; g+4 <= len(groups); g++ {
		if fourByFour(r, groups[g:g+4]) {
			mark(g, g+4)
			g += 3
		}
	}
	changed := false
	for i, h := range hide {
		if h {
			changed = true
			if r[i] >= '０' {
				r[i] = '＊'
			} else {
				r[i] = '*'
			}
		}
	}
	if !changed {
		return s
	}
	return string(r)
}

// digitGroup is a maximal run of digits, r[start:end].
type digitGroup struct{ start, end int }

func (g digitGroup) len() int { return g.end - g.start }

func digitGroups(r []rune) []digitGroup {
	var groups []digitGroup
	for i := 0; i < len(r); {
		if !isDigit(r[i]) {
			i++
			continue
		}
		j := i
		for j < len(r) && isDigit(r[j]) {
			j++
		}
		groups = append(groups, digitGroup{i, j})
		i = j
	}
	return groups
}

// cardChain measures the grouped card number that starts at groups[g]: a
// group of 4 digits, then groups of 1 to 6 digits each after the same single
// separator, as long as they hold at most 19 digits. It returns the group
// after the last one taken and the number of digits taken.
func cardChain(r []rune, groups []digitGroup, g int) (end, digits int) {
	if groups[g].len() != 4 {
		return g + 1, groups[g].len()
	}
	digits = 4
	var sep rune
	for end = g + 1; end < len(groups); end++ {
		prev, next := groups[end-1], groups[end]
		if next.start != prev.end+1 || !isSeparator(r[prev.end]) {
			break
		}
		if sep == 0 {
			sep = r[prev.end]
		} else if r[prev.end] != sep {
			break
		}
		if n := next.len(); n > 6 || digits+n > 19 {
			break
		}
		digits += next.len()
	}
	return end, digits
}

// fourByFour reports whether groups are four groups of 4 digits, each
// after the one before with a single separator between them.
func fourByFour(r []rune, groups []digitGroup) bool {
	for i, g := range groups {
		if g.len() != 4 {
			return false
		}
		if i > 0 && (g.start != groups[i-1].end+1 || !isSeparator(r[g.start-1])) {
			return false
		}
	}
	return true
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' || c >= '０' && c <= '９' }

// isSeparator reports whether c may stand between the groups of a card
// number: a space, hyphen, dot or underscore, ASCII or full-width (the
// ideographic space, and the dashes Japanese text uses for a hyphen).
func isSeparator(c rune) bool {
	switch c {
	case ' ', '-', '.', '_',
		'\u3000', '－', '．', '＿', // ideographic space, full-width forms
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2212', 'ー': // hyphen, non-breaking hyphen, figure dash, en dash, minus, long vowel mark
		return true
	}
	return false
}

// mayHoldCardNumber reports whether s could hold a card number as
// MaskCardNumbers finds them, looking at each group of digits once: a
// group of 12 digits or more, or a chain of groups joined by single
// separators that starts with a group of 4, goes on with groups of at most
// 6, and reaches 12 digits. It answers yes for some texts that hold none
// (it does not compare separators, nor stop at 19 digits), never no for
// one that holds one. Most lines of a report (dates, amounts, order ids)
// pass through without the work of masking.
func mayHoldCardNumber(s []byte) bool {
	if fewDigits(s) {
		return false
	}
	group, chain := 0, -1 // digits of the group being read; of the chain it may go on (-1: none)
	sepAfterGroup := false
	endGroup := func() bool {
		n := group
		group = 0
		switch {
		case n >= 12:
			return true
		case chain >= 0 && n <= 6:
			chain += n
		case n == 4:
			chain = 4
		default:
			chain = -1
		}
		return chain >= 12
	}
	// The runes are decoded one by one: ranging over string(s) copies s.
	for i := 0; i < len(s); {
		if group == 0 && !sepAfterGroup {
			// Between chains, ASCII other than digits changes nothing: it is
			// passed over a byte at a time, most of a line.
			for i < len(s) && asciiNonDigit[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
		}
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(s[i:])
		}
		i += size
		switch {
		case isDigit(c):
			if group == 0 && !sepAfterGroup {
				chain = -1 // this group follows no chain
			}
			group++
		case group > 0:
			if endGroup() {
				return true
			}
			sepAfterGroup = isSeparator(c)
		default:
			sepAfterGroup = false
		}
	}
	return group > 0 && endGroup()
}

// fewDigits reports whether s is ASCII with fewer than 12 digits, as most
// lines of a report are: too few for any card number. It looks at eight
// bytes at a time: for ASCII bytes, adding 0x50 to each sets its top bit
// from '0' (0x30) up, and adding 0x46 from ':' (0x3A) up, with no carry into
// the next byte; the digits are the bytes with the first and not the second.
func fewDigits(s []byte) bool {
	const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		if w&high != 0 {
			return false // not ASCII
		}
		n += bits.OnesCount64((w + from0) &^ (w + past9) & high)
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
		n += int(asciiDigit[s[i]])
	}
	return n < 12
}

// asciiNonDigit is true for the ASCII bytes that are not digits.
var asciiNonDigit = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c < '0' || c > '9'
	}
	return t
}()

// asciiDigit is 1 for the ASCII digits, 0 for every other byte.
var asciiDigit = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	return t
}()

// maskWriter masks card numbers in everything written through it, line by
// line: a card number never spans lines, so a line is masked once it is
// whole. Every output of refundwatch, reports and messages alike, passes
// through one (see run).
type maskWriter struct {
	w   io.Writer
	buf []byte
	err error
}

// maskFlushAt is how long a line may grow before the part of it that cannot
// belong to a card number is written out.
const maskFlushAt = 64 << 10

func newMaskWriter(w io.Writer) *maskWriter { return &maskWriter{w: w} }

func (m *maskWriter) Write(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	m.buf = append(m.buf, p...)
	cut := bytes.LastIndexByte(m.buf, '\n') + 1
	if cut == 0 && len(m.buf) >= maskFlushAt {
		cut = safeCut(m.buf)
	}
	if cut > 0 {
		m.emit(m.buf[:cut])
		m.buf = append(m.buf[:0], m.buf[cut:]...)
	}
	return len(p), m.err
}

// Flush writes what is left, a last line without a line break.
func (m *maskWriter) Flush() error {
	if len(m.buf) > 0 && m.err == nil {
		m.emit(m.buf)
	}
	m.buf = m.buf[:0]
	return m.err
}

func (m *maskWriter) emit(b []byte) {
	if m.err != nil {
		return
	}
	m.err = maskLines(m.w, b)
}

// safeCut finds where b can be split without splitting a card number: after
// the last character that is neither a digit nor a separator (nor an
// incomplete character); 0 when there is no such place.
func safeCut(b []byte) int {
	for i := len(b); i > 0; {
		c, size := utf8.DecodeLastRune(b[:i])
		if c != utf8.RuneError && !isDigit(c) && !isSeparator(c) {
			return i
		}
		i -= size
	}
	return 0
}

// keepOpen and keepClose mark, in the text a renderer writes, a value of
// the report's own that is no card number however many digits it holds: a
// file's path, an amount of an amount column, the program's version. The
// masking writer leaves what lies between them as it is and drops the
// marks. They are Unicode noncharacters, kept for a program's own use;
// text from inputs never carries them to the masking writer (visible and
// the JSON and CSV writers escape them).
const (
	keepOpen  = '\uFDD0'
	keepClose = '\uFDD1'
)
