package mask

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskCardNumbers hides card numbers and bank account numbers in text,
// keeping only their last four digits. Digits are ASCII 0-9 or full-width
// ０-９ (as Japanese statements write them); a hidden ASCII digit becomes *,
// a full-width one ＊, so that aligned columns stay aligned.
//
// A card number is any run of digits in groups, each group joined to the
// next by one separator (IsSeparator): a space of any kind (a no-break or
// thin space, a tab, the ideographic space), a hyphen or dash, a dot, a
// slash, an underscore or a colon, ASCII or full-width, or a character
// that shows nothing (zero-width, soft hyphen); or one of these behind
// backslashes, as markdown escapes _ and JSON writes a tab (\_, \t), and
// as they escape again each backslash of the text (\\_ in JSON, \\\_ in
// markdown). A run of 12 digits or more in
// two groups or more is masked whole but its last 4 digits, whatever the
// sizes of its groups (4-4-4-4, 8-8, 6-10, 4-6-5), however long; a single
// group of 12 to 19 digits too. An
// IBAN (two letters, two check digits, then letters and digits, with or
// without spaces) shows only its last 4 digits as well.
//
// Shapes that are not card numbers stop a run and are kept: dates
// (2026-03-02, 2026/03/02, 02.03.2026), times (12:30:00), and Amazon order
// ids (250-1234567-1234567, D01-1234567-1234567), which the person reads
// out to Amazon. So are amounts written with grouping (1,234,567.89: a
// comma joins no group), and a single run of more than 19 digits (a
// reference, not a card).
func MaskCardNumbers(s string) string {
	var out strings.Builder
	_ = maskLines(&out, []byte(s), &masker{})
	return out.String()
}

// maskLines writes b to w with the card numbers in it masked, m's buffers
// serving each line. A card number never spans lines: each line is masked
// on its own, and most need nothing. The lines that need nothing are
// written as they are, not copied, a run of them in one Write: most of a
// long report is order ids, dates and amounts.
func maskLines(w io.Writer, b []byte, m *masker) error {
	plain := 0 // b[plain:done] needs no masking and is not written yet
	for done := 0; done < len(b); {
		if done += fewDigitLines(b[done:]); done == len(b) {
			break
		}
		line := b[done:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if mayHoldCardNumber(line) {
			if masked, changed := m.mask(line); changed {
				if err := writeSome(w, b[plain:done]); err != nil {
					return err
				}
				if err := writeSome(w, masked); err != nil {
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
	masked, changed := (&masker{}).mask([]byte(s))
	if !changed {
		return s
	}
	return string(masked)
}

// masker holds what masking a line needs, kept from one line to the next:
// a report has a line that may hold a card number for each order (its
// order id), and making these anew for each was most of what masking
// allocated.
type masker struct {
	r                  []rune // the line's characters
	groups             []digitGroup
	hide, joined, kept []bool // by character, and by group (see mask)
	ibans              []span
	out                []byte // the masked line
}

// mask is line with the card numbers in it masked, and whether that
// changed it; the text is m's, good until the next call.
func (m *masker) mask(line []byte) ([]byte, bool) {
	m.r = appendRunes(m.r[:0], line)
	r := m.r
	m.groups = digitGroups(m.groups[:0], r)
	groups := m.groups
	m.hide = falses(m.hide, len(r))
	hide := m.hide
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
	m.joined = falses(m.joined, len(groups)) // joined[g]: groups g and g+1 are joined by one separator
	joined := m.joined
	for g := 0; g+1 < len(groups); g++ {
		joined[g] = separatorBetween(r, groups[g].end, groups[g+1].start) != noSeparator
	}
	m.kept = notCardShapes(falses(m.kept, len(groups)), r, groups, joined)
	kept := m.kept
	for g := 0; g < len(groups); {
		if kept[g] {
			g++
			continue
		}
		end, digits := g+1, groups[g].len()
		for end < len(groups) && joined[end-1] && !kept[end] {
			digits += groups[end].len()
			end++
		}
		switch {
		case digits >= 12 && digits <= 19:
			mark(g, end)
		case digits > 19 && end-g >= 2:
			// Only the last 4 digits of the whole run show: where one card
			// number ends in it cannot be told, and a cut in the wrong
			// place would show more of one.
			mark(g, end)
		}
		g = end
	}
	m.ibans = ibanSpans(m.ibans[:0], r)
	for _, sp := range m.ibans {
		hideIBAN(r, hide, sp.start, sp.end)
	}
	return m.hidden(line)
}

// hidden is the line with the characters m.hide tells hidden: a hidden
// ASCII digit becomes *, a full-width one ＊. The line is re-encoded only
// when something is hidden, as string([]rune) would encode it.
func (m *masker) hidden(line []byte) ([]byte, bool) {
	changed := false
	for i, h := range m.hide {
		if h {
			changed = true
			if m.r[i] >= '０' {
				m.r[i] = '＊'
			} else {
				m.r[i] = '*'
			}
		}
	}
	if !changed {
		return line, false
	}
	m.out = m.out[:0]
	for _, c := range m.r {
		m.out = utf8.AppendRune(m.out, c)
	}
	return m.out, true
}

// appendRunes appends the characters of b to r, as []rune(string(b))
// makes them: each byte that is not UTF-8 a utf8.RuneError.
func appendRunes(r []rune, b []byte) []rune {
	for i := 0; i < len(b); {
		c, size := rune(b[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRune(b[i:])
		}
		r = append(r, c)
		i += size
	}
	return r
}

// falses is b made n long, every element false.
func falses(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// digitGroup is a maximal run of digits, r[start:end].
type digitGroup struct{ start, end int }

func (g digitGroup) len() int { return g.end - g.start }

// digitGroups appends the groups of digits of r to groups. The
// hexadecimal digits of an escape (\u001b in JSON, \x1b as Visible writes
// it) stand for one character, not for digits: they are no group, and
// masking them would break the escape.
func digitGroups(groups []digitGroup, r []rune) []digitGroup {
	for i := 0; i < len(r); {
		if n := escapeLen(r, i); n > 0 {
			i += n
			continue
		}
		if !isDigit(r[i]) {
			i++
			continue
		}
		j := i
		for j < len(r) && isDigit(r[j]) && escapeLen(r, j) == 0 {
			j++
		}
		groups = append(groups, digitGroup{i, j})
		i = j
	}
	return groups
}

// escapeLen is the length of the escape \uXXXX or \xXX that starts at
// r[i], or 0.
func escapeLen(r []rune, i int) int {
	if r[i] != '\\' || i+1 >= len(r) {
		return 0
	}
	n := 0
	switch r[i+1] {
	case 'u':
		n = 4
	case 'x':
		n = 2
	default:
		return 0
	}
	if i+2+n > len(r) {
		return 0
	}
	for _, c := range r[i+2 : i+2+n] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return 0
		}
	}
	return 2 + n
}

// DigitRuns returns where s holds a run of digit groups that masking would
// take for one number, of 12 digits or more, or an IBAN, as the byte
// offsets of its first character and past its last: the runs a report
// must not break across lines, since each line is masked on its own and
// each part of a card number or an IBAN on a line of its own would show
// whole.
func DigitRuns(s string) [][2]int {
	r, at := make([]rune, 0, len(s)), make([]int, 0, len(s)+1) // at[i]: where r[i] starts in s
	for i, c := range s {
		r, at = append(r, c), append(at, i)
	}
	at = append(at, len(s))
	groups := digitGroups(nil, r)
	var runs [][2]int
	for g := 0; g < len(groups); {
		end, digits := g+1, groups[g].len()
		for end < len(groups) && separatorBetween(r, groups[end-1].end, groups[end].start) != noSeparator {
			digits += groups[end].len()
			end++
		}
		if digits >= 12 {
			runs = append(runs, [2]int{at[groups[g].start], at[groups[end-1].end]})
		}
		g = end
	}
	for _, sp := range ibanSpans(nil, r) {
		runs = append(runs, [2]int{at[sp.start], at[sp.end]})
	}
	return runs
}

// separator is the separator between two groups of digits: the character,
// and whether a backslash stands before it; noSeparator for none.
type separator struct {
	c       rune
	escaped bool
}

var noSeparator separator

// separatorBetween is the separator r[from:to] when it is one that joins
// the groups of a card number (a separator, or one behind backslashes:
// escaped, \_ or \t, and escaped again, as often as the text held
// backslashes and each report doubles them, as JSON writes \\_ and
// markdown \\\_), or noSeparator when it is not.
func separatorBetween(r []rune, from, to int) separator {
	switch {
	case to == from+1 && IsSeparator(r[from]):
		return separator{c: r[from]}
	case to >= from+2 && (IsSeparator(r[to-1]) || r[to-1] == 't'):
		for _, c := range r[from : to-1] {
			if c != '\\' {
				return noSeparator
			}
		}
		return separator{c: r[to-1], escaped: true}
	}
	return noSeparator
}

// notCardShapes tells which groups belong to a date, a time or an Amazon
// order id: shapes that are kept as they are, and that end a card number's
// run. kept has an element for each group, all false.
func notCardShapes(kept []bool, r []rune, groups []digitGroup, joined []bool) []bool {
	s := &groupShapes{r: r, groups: groups, joined: joined}
	for g := range groups {
		n := s.shapeAt(g)
		for k := g; k < g+n; k++ {
			kept[k] = true
		}
	}
	return kept
}

// groupShapes reads the digit groups of a text (joined[k]: groups k and
// k+1 are joined by a separator) for the shapes that are no card number.
type groupShapes struct {
	r      []rune
	groups []digitGroup
	joined []bool
}

// The separators of a date's parts, and of an order id's.
const dateSeps, idSeps = "-/.－／．‐‑‒–−ー", "-－‐‑‒–−ー"

// shapeAt is how many groups from g make a date, a time or an order id,
// or 0 when they make none of them.
func (s *groupShapes) shapeAt(g int) int {
	switch {
	case s.yearFirstDate(g), s.yearLastDate(g):
		return 3
	case s.time(g, 2):
		if s.time(g, 3) {
			return 3
		}
		return 2
	case s.orderID(g):
		return 3
	}
	return 0
}

// len is the number of digits of group g+k; value is the number they write.
func (s *groupShapes) len(g, k int) int { return s.groups[g+k].len() }

func (s *groupShapes) value(g, k int) int {
	n := 0
	gr := s.groups[g+k]
	for _, c := range s.r[gr.start:gr.end] {
		n = n*10 + int(digitValue(c))
	}
	return n
}

// sameSep reports whether groups g, g+1, …, g+n-1 are joined by one and
// the same separator, one of seps.
func (s *groupShapes) sameSep(g, n int, seps string) bool {
	if g+n > len(s.groups) {
		return false
	}
	first := noSeparator
	for k := g; k < g+n-1; k++ {
		if !s.joined[k] {
			return false
		}
		sep := separatorBetween(s.r, s.groups[k].end, s.groups[k+1].start)
		if first == noSeparator {
			first = sep
		}
		// seps holds no backslash: an escaped separator is none of them.
		if sep != first || sep.escaped || !strings.ContainsRune(seps, sep.c) {
			return false
		}
	}
	return true
}

// yearFirstDate: 2026-03-02, a year from 1900 to 2199 first.
func (s *groupShapes) yearFirstDate(g int) bool {
	if !s.sameSep(g, 3, dateSeps) || s.len(g, 0) != 4 || s.len(g, 1) > 2 || s.len(g, 2) > 2 {
		return false
	}
	y, m, d := s.value(g, 0), s.value(g, 1), s.value(g, 2)
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// yearLastDate: 02.03.2026 or 03/02/2026, the day and month in either
// order, one of them 12 at most.
func (s *groupShapes) yearLastDate(g int) bool {
	if !s.sameSep(g, 3, dateSeps) || s.len(g, 0) > 2 || s.len(g, 1) > 2 || s.len(g, 2) != 4 {
		return false
	}
	a, b, y := s.value(g, 0), s.value(g, 1), s.value(g, 2)
	return y >= 1900 && y <= 2199 && a >= 1 && b >= 1 && a <= 31 && b <= 31 && min(a, b) <= 12
}

// time: 12:30 (n = 2) or 12:30:00 (n = 3).
func (s *groupShapes) time(g, n int) bool {
	if !s.sameSep(g, n, ":") || s.len(g, 0) > 2 || s.value(g, 0) > 24 {
		return false
	}
	for k := 1; k < n; k++ {
		if s.len(g, k) != 2 || s.value(g, k) > 59 {
			return false
		}
	}
	return true
}

// orderID: 250-1234567-1234567, or a digital order's D01-1234567-1234567,
// mistyped too (5 to 8 digits a part), so that the person is told so
// rather than shown it masked.
func (s *groupShapes) orderID(g int) bool {
	if !s.sameSep(g, 3, idSeps) || s.len(g, 1) < 5 || s.len(g, 1) > 8 || s.len(g, 2) < 5 || s.len(g, 2) > 8 {
		return false
	}
	if s.len(g, 0) == 3 {
		return true
	}
	start := s.groups[g].start
	return s.len(g, 0) == 2 && start > 0 && (s.r[start-1] == 'D' || s.r[start-1] == 'Ｄ')
}

// digitValue is the value of an ASCII or full-width digit.
func digitValue(c rune) rune {
	if c >= '０' {
		return c - '０'
	}
	return c - '0'
}

// span is the characters r[start:end] of a text.
type span struct{ start, end int }

// ibanSpans appends to spans where the IBANs of r stand, whose digits
// masking hides but the last 4: two capital letters, two check digits,
// then 11 to 30 letters and digits, grouped by single spaces or not at
// all. An IBAN that a word follows without a space (DE89…3000Refund) ends
// before the word's capitals.
func ibanSpans(spans []span, r []rune) []span {
	for i := 0; i+4 <= len(r); i++ {
		if !ibanHeadAt(r, i) {
			continue
		}
		if !ibanStartsAt(r, i) {
			if end := gluedIBAN(r, i); end > 0 {
				spans = append(spans, span{i, end})
				i = end - 1
			}
			continue
		}
		end, n := ibanEnd(r, i)
		if end < len(r) && asciiLower(r[end]) {
			for end > i && ibanLetter(r[end-1]) {
				end, n = end-1, n-1
			}
		}
		if n < 15 {
			continue // too short: no IBAN, or the start of a word
		}
		spans = append(spans, span{i, end})
		i = end
	}
	return spans
}

// hideIBAN hides the digits of the IBAN r[i:end] but its last 4.
func hideIBAN(r []rune, hide []bool, i, end int) {
	keep := 4
	for j := end - 1; j >= i; j-- {
		if r[j] >= '0' && r[j] <= '9' {
			if keep > 0 {
				keep--
			} else {
				hide[j] = true
			}
		}
	}
}

// gluedIBAN is the end of an IBAN whose head stands at r[i] (ibanHeadAt)
// right after a letter or a digit (IBANDE89…, ref1DE89…, EREF3DE89 3704 …),
// or 0 for none. Text often runs letters and digits together, so such an
// IBAN is one only where its check digits say so (ibanChecks): the longest
// that does, of 15 characters or more, its characters read as ibanEnd
// reads them, through the single spaces that group them.
func gluedIBAN(r []rune, i int) int {
	if i == 0 || !ibanChar(r[i-1]) {
		return 0
	}
	end, _ := ibanEnd(r, i)
	var chars [34]rune // the IBAN's letters and digits, and where each stands
	var at [34]int
	n := 0
	for j := i; j < end && n < len(chars); j++ {
		if ibanChar(r[j]) {
			chars[n], at[n] = r[j], j
			n++
		}
	}
	for ; n >= 15; n-- {
		if ibanChecks(chars[:n]) {
			return at[n-1] + 1
		}
	}
	return 0
}

// ibanChecks reports whether iban, capital letters and digits, is one by
// its check digits: its first four characters moved to its end, each
// letter read as the number 10 to 35, the number it makes is 1 modulo 97.
func ibanChecks(iban []rune) bool {
	rem := 0
	for k := range iban {
		c := iban[(k+4)%len(iban)]
		if ibanLetter(c) {
			rem = (rem*100 + int(c-'A') + 10) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem == 1
}

// ibanHeadAt reports whether r[i:i+4] is as an IBAN starts: two capital
// letters (the country) and two check digits.
func ibanHeadAt(r []rune, i int) bool {
	return ibanLetter(r[i]) && ibanLetter(r[i+1]) && r[i+2] >= '0' && r[i+2] <= '9' && r[i+3] >= '0' && r[i+3] <= '9'
}

// ibanStartsAt reports whether an IBAN whose head stands at r[i]
// (ibanHeadAt) starts there, not inside a word or a number.
func ibanStartsAt(r []rune, i int) bool {
	// A letter behind a backslash is an escape's (\t, the tab JSON and the
	// terminal write), no word's; so are the hexadecimal digits of \x01 or
	// \u0001, a control character written out.
	return i == 0 || !ibanChar(r[i-1]) && (!asciiLower(r[i-1]) || i >= 2 && r[i-2] == '\\') ||
		i >= 4 && escapeLen(r, i-4) == 4 || i >= 6 && escapeLen(r, i-6) == 6
}

// ibanEnd is where the IBAN starting at r[i] ends, and how many letters
// and digits it holds, 34 at most: single spaces between them are its
// grouping (DE89 3704 0044 …, and NL91ABNA 0417164300 as some write it),
// anything else ends it, and so does a space before a word (a capital and
// lower-case letters: DE89370400440532013000 Refund) or, once it is long
// enough to be one, before the head of another IBAN (two capitals and two
// digits: two IBANs one space apart; but KZ86 125K ZT50 0410 0100 is one).
func ibanEnd(r []rune, i int) (end, n int) {
	end = i
	for j := i; j < len(r); j++ {
		switch {
		case ibanChar(r[j]):
			n++
			end = j + 1
		case r[j] == ' ' && j > i && ibanChar(r[j-1]) && j+1 < len(r) && ibanChar(r[j+1]) && !wordAt(r, j+1) && !(n >= 15 && j+4 < len(r) && ibanHeadAt(r, j+1)):
		default:
			return end, n
		}
		if n == 34 {
			break
		}
	}
	return end, n
}

// wordAt reports whether the letters and digits of an IBAN from r[i] on
// go on with a lower-case letter: a word's, not the IBAN's.
func wordAt(r []rune, i int) bool {
	for i < len(r) && ibanChar(r[i]) {
		i++
	}
	return i < len(r) && asciiLower(r[i])
}

// ibanLetter is a letter of an IBAN, ASCII and capital; ibanChar a letter or
// a digit of one.
func ibanLetter(c rune) bool { return c >= 'A' && c <= 'Z' }

func ibanChar(c rune) bool { return ibanLetter(c) || c >= '0' && c <= '9' }

func asciiLower(c rune) bool { return c >= 'a' && c <= 'z' }

func isDigit(c rune) bool { return c >= '0' && c <= '9' || c >= '０' && c <= '９' }

// IsSeparator reports whether c may stand between the groups of a card
// number: a space of any kind, a tab, a hyphen, dash or minus, a dot, a
// slash, an underscore or a colon, ASCII or full-width, or a character
// that shows nothing (a zero-width space, a soft hyphen, an invisible
// separator, a variation selector). Not the tildes, wave dashes and middle
// dots that join two dates (20260301～20260331) or two phone numbers in
// Japanese text: read as separators, they made a card number of them.
func IsSeparator(c rune) bool {
	switch c {
	case ' ', '\t', '-', '.', '/', '_', ':',
		'－', '．', '／', '＿', '：', // full-width forms
		'\u2212', 'ー', // minus, long vowel mark
		'\u034f': // combining grapheme joiner
		return true
	case '〜', '〰': // wave dashes, which Unicode counts among the dashes
		return false
	}
	// Spaces (Zs), dashes (Pd) and characters that format text but show
	// nothing (Cf), whatever else Unicode adds to them.
	return c >= utf8.RuneSelf && (unicode.In(c, unicode.Zs, unicode.Pd, unicode.Cf) || unicode.Is(unicode.Variation_Selector, c))
}

// mayHoldCardNumber reports whether s could hold a card number or an IBAN
// as MaskCardNumbers finds them: a run of 12 digits or more whose groups
// are joined by single separators, escaped or not (of the shapes that are
// kept, it knows only an order id standing alone), or two capital letters
// before two digits and enough letters and digits after them to make an
// IBAN (ibanLongEnough). It answers yes for some
// texts that hold none, never no for one that holds one
// (FuzzMayHoldCardNumber).
// Most lines of a report (dates, amounts, order ids) pass through without
// the work of masking.
func mayHoldCardNumber(s []byte) bool {
	n := asciiDigits(s)
	if n >= 0 && n < 12 && (n <= 4 || !ibanStartIn(s)) { // fewDigits
		return false
	}
	// Backslashes may stand between the digits of a run in any number:
	// closeDigits tells runs in text without one.
	if n >= 0 && bytes.IndexByte(s, '\\') < 0 && !closeDigits(s) {
		return false
	}
	const (
		none      = iota
		digit     // after a digit
		sep       // after a digit and a separator, or \_ or \t
		backslash // after a digit and backslashes
	)
	state, run := none, 0 // run: digits of the run being read
	for i := 0; i < len(s); {
		if state == none {
			// Outside a run only a digit starts one: other ASCII is
			// passed over eight bytes at a time where none of them is a
			// digit (as asciiDigits tells them), then a byte at a time,
			// without decoding. A reason's sentences are mostly words.
			for i+8 <= len(s) {
				const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
				w := binary.LittleEndian.Uint64(s[i : i+8])
				if w&high != 0 || (w+from0)&^(w+past9)&high != 0 {
					break
				}
				i += 8
			}
			for i < len(s) && (asciiClass[s[i]] == clsOther || asciiClass[s[i]] == clsSep) {
				i++
			}
			if i == len(s) {
				break
			}
		}
		at := i
		c, cls := rune(s[i]), asciiClass[s[i]]
		if c < utf8.RuneSelf {
			i++
		} else {
			var size int
			c, size = utf8.DecodeRune(s[i:])
			i += size
			switch {
			case isDigit(c):
				cls = clsDigit
			case IsSeparator(c):
				cls = clsSep
			default:
				cls = clsOther
			}
		}
		switch {
		case cls == clsDigit:
			if state == none || state == backslash {
				run = 0
			}
			if run++; run >= 12 {
				end, ok := orderIDAround(s, at)
				if !ok {
					return true
				}
				i, state, run = end, none, 0 // an order id, which masking keeps
				continue
			}
			// Two capital letters before it (each one byte, so the two
			// characters before it), a digit after it and enough letters
			// and digits to follow: perhaps an IBAN.
			if at >= 2 && s[at-1]-'A' < 26 && s[at-2]-'A' < 26 && ibanLongEnough(s, at-2) {
				return true
			}
			state = digit
		case state == digit && cls == clsSep:
			state = sep
		case (state == digit || state == backslash) && c == '\\':
			state = backslash
		case state == backslash && (cls == clsSep || c == 't'):
			state = sep
		default:
			state = none
		}
	}
	return false
}

// ibanLongEnough reports whether s[i:], two capital letters and a digit,
// could start an IBAN as ibanSpans finds one: a second digit (the check
// digits, ibanHeadAt), and 15 letters and digits or more from s[i] on,
// single spaces between them allowed (ibanEnd, which gluedIBAN reads
// through too, counts no more of them). An Amazon row's reference
// (US*2K4RT5Q31) has two capitals before a digit as often as not, and
// masking, asked of each such line, found no IBAN in it.
func ibanLongEnough(s []byte, i int) bool {
	if i+3 >= len(s) || s[i+3]-'0' > 9 {
		return false
	}
	n := 0
	for j := i; j < len(s) && n < 15; j++ {
		switch c := s[j]; {
		case ibanChar(rune(c)):
			n++
		case c == ' ' && j+1 < len(s) && ibanChar(rune(s[j+1])) && ibanChar(rune(s[j-1])):
		default:
			return false
		}
	}
	return n >= 15
}

// closeDigits reports whether ASCII text s holds twelve digits each at
// most two bytes after the one before, or a digit after two capital
// letters: in ASCII text without a backslash (mayHoldCardNumber asks it of
// no other: backslashes may stand between a run's digits in any number),
// a run of digits goes on over one separator, so that twelve digits
// further apart are no run mayHoldCardNumber looks for, nor an IBAN's
// start. A report's reasons hold a dozen digits or more (two
// dates, an amount), none of them so close: spreadDigits tells most of
// them at once, and closeDigitsAt reads only the texts it cannot tell.
func closeDigits(s []byte) bool {
	if spreadDigits(s) {
		return false
	}
	return closeDigitsAt(s)
}

// spreadDigits reports whether ASCII text s has neither a digit after two
// capital letters nor twelve bytes in a row that are digits or lie
// between two digits (the shortest span twelve digits, each at most two
// bytes after the one before, can take); when it reports false, s may
// still have no such twelve digits (an amount of 1,234,567.89 is twelve
// such bytes and nine digits), which closeDigitsAt tells. It keeps a bit
// for each of the last 64 bytes read, whether it is a digit, and one
// whether it is a capital, eight bytes at a time (each byte's test as
// asciiDigits makes it, the eight bits gathered by one multiplication),
// and looks at them every 32 bytes and at the end: twelve such digits
// span 23 bytes at most, so each lies whole in the bits looked at once.
func spreadDigits(s []byte) bool {
	const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
	const fromA, pastZ = 0x3f3f3f3f3f3f3f3f, 0x2525252525252525
	// gather moves the top bit of byte k of a word to bit 56+k: the
	// bits a byte test leaves (8k+7) each land on a bit of their own in
	// the top byte, with no carry (the shifts 49-7k differ, and so do
	// every two bits' sums).
	const gather, top = 0x0002040810204081, 0xff << 56
	// digits and caps: bit i for the byte 63-i bytes before the last one
	// read, which is bit 63.
	var digits, caps uint64
	i := 0
	for ; i+32 <= len(s); i += 32 {
		for k := i; k < i+32; k += 8 {
			w := binary.LittleEndian.Uint64(s[k : k+8])
			digits = digits>>8 | ((w+from0)&^(w+past9)&high)*gather&top
			caps = caps>>8 | ((w+fromA)&^(w+pastZ)&high)*gather&top
		}
		if crowded(digits, caps) {
			return false
		}
	}
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i : i+8])
		digits = digits>>8 | ((w+from0)&^(w+past9)&high)*gather&top
		caps = caps>>8 | ((w+fromA)&^(w+pastZ)&high)*gather&top
	}
	if r := len(s) - i; r > 0 {
		// The last r bytes, in the low bytes of w; its high bytes, 0,
		// are neither digits nor capitals.
		var w uint64
		for k := len(s) - 1; k >= i; k-- {
			w = w<<8 | uint64(s[k])
		}
		d := ((w + from0) &^ (w + past9) & high) * gather >> 56
		c := ((w + fromA) &^ (w + pastZ) & high) * gather >> 56
		digits = digits>>r | d<<(64-r)
		caps = caps>>r | c<<(64-r)
	}
	return !crowded(digits, caps)
}

// crowded reports whether the bits of spreadDigits hold a digit after
// two capitals, or twelve bits in a row that are digits or lie between
// two digits.
func crowded(digits, caps uint64) bool {
	run := digits | digits<<1&(digits>>1) // the bytes between two digits too
	run &= run >> 1                       // bit i: bits i to i+1 set
	run &= run >> 2                       // to i+3
	run &= run >> 4                       // to i+7
	run &= run >> 4                       // to i+11
	return run != 0 || digits&(caps<<1)&(caps<<2) != 0
}

// closeDigitsAt is closeDigits read through: eight bytes at a time (as
// asciiDigits and ibanStartIn do), each digit's place from the word, and
// the capitals before the word's digits at once.
func closeDigitsAt(s []byte) bool {
	const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
	const fromA, pastZ = 0x3f3f3f3f3f3f3f3f, 0x2525252525252525
	run, last := 0, -3 // the digits of the run, and where its last one is
	var capsBefore uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		digits := (w + from0) &^ (w + past9) & high
		caps := (w + fromA) &^ (w + pastZ) & high
		// The byte before each, and the one before that, from this word
		// and the word before.
		if digits&(caps<<8|capsBefore>>56)&(caps<<16|capsBefore>>48) != 0 {
			return true
		}
		capsBefore = caps
		for ; digits != 0; digits &= digits - 1 {
			at := i + bits.TrailingZeros64(digits)>>3
			if at-last > 2 {
				run = 0
			}
			if run, last = run+1, at; run >= 12 {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i]-'0' > 9 {
			continue
		}
		if i-last > 2 {
			run = 0
		}
		if run, last = run+1, i; run >= 12 || i >= 2 && s[i-1]-'A' < 26 && s[i-2]-'A' < 26 {
			return true
		}
	}
	return false
}

// orderIDAround tells whether the digit at s[at] stands in an Amazon order
// id written 123-1234567-1234567 in ASCII, alone between characters that
// join no run of digits (a quote, a letter, a comma) and after no escape:
// the shape masking keeps, found on every order of a report. It returns
// where the id ends.
func orderIDAround(s []byte, at int) (end int, ok bool) {
	idByte := func(c byte) bool { return c == '-' || c-'0' <= 9 }
	start := at
	for start > 0 && idByte(s[start-1]) {
		start--
	}
	end = at
	for end < len(s) && idByte(s[end]) {
		end++
	}
	if end-start != 19 {
		return 0, false
	}
	for k, c := range s[start:end] {
		if (k == 3 || k == 11) != (c == '-') {
			return 0, false
		}
	}
	alone := func(c byte) bool { return asciiClass[c] == clsOther && c != '\\' }
	if start > 0 && !alone(s[start-1]) || end < len(s) && !alone(s[end]) {
		return 0, false
	}
	// Masking reads \xHH and \uHHHH as one character each (escapeLen): an
	// escape's last hex digits would be the id's first to this reading, but
	// not to masking's, which then sees no id.
	if bytes.IndexByte(s[max(0, start-6):start], '\\') >= 0 {
		return 0, false
	}
	return end, true
}

// The classes of bytes mayHoldCardNumber tells apart: ASCII digits,
// ASCII separators (IsSeparator), and the rest. Every byte from 0x80 is
// clsDecode, the start or part of a character it decodes.
const (
	clsOther = iota
	clsDigit
	clsSep
	clsDecode
)

var asciiClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = clsDecode
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case IsSeparator(rune(c)):
			t[c] = clsSep
		}
	}
	return t
}()

// fewDigits reports whether s is ASCII with fewer than 12 digits, as most
// lines of a report are: too few for any card number. So that it passes no
// IBAN, which can hold fewer (Malta's may have letters for most of its
// account), a line of more than four digits, enough for masking to hide
// one, must also have no two capital letters before two digits.
func fewDigits(s []byte) bool {
	n := asciiDigits(s)
	return n >= 0 && n < 12 && (n <= 4 || !ibanStartIn(s))
}

// LeftWhole reports whether masking leaves line as it is on its quick
// test alone (fewDigits). A value of the report's own on such a line needs
// no Keep marks, each pair of which splits masking's pass over the report
// in three.
func LeftWhole(line []byte) bool { return fewDigits(line) }

// LeftAsIs reports whether masking leaves line as it is on the quick tests
// it asks of every line before masking it: LeftWhole's, and that of an
// Amazon order id standing alone, which it keeps.
func LeftAsIs(line []byte) bool {
	if len(line) == 21 {
		// An order id in quotes, as the JSON report writes each order's
		// (orderIDAround tells the quotes from what would join a run):
		// what mayHoldCardNumber finds, told at once.
		if quotedOrderID(line) {
			return true
		}
		if _, ok := orderIDAround(line, 1); ok {
			return true
		}
	}
	return !mayHoldCardNumber(line)
}

// quotedOrderID reports whether line is "123-1234567-1234567", an order
// id in ASCII between quotes, as the JSON report writes every order's: of
// the lines orderIDAround(line, 1) passes, those quoted. It reads the
// line as three words of eight bytes (the last two overlapping), told as
// asciiDigits tells digits: orderIDAround's reading, a byte at a time
// through a function for each, cost an order about 560 instructions.
func quotedOrderID(line []byte) bool {
	if len(line) != 21 || line[0] != '"' || line[20] != '"' {
		return false
	}
	const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
	// Bytes 1 to 8 ("123-1234") and 9 to 16 ("567-1234"), a hyphen fourth
	// in each, and 13 to 20 ("1234567" and the closing quote).
	a, b, c := binary.LittleEndian.Uint64(line[1:9]), binary.LittleEndian.Uint64(line[9:17]), binary.LittleEndian.Uint64(line[13:21])
	if (a|b|c)&high != 0 {
		return false
	}
	const hyphenFourth, digitsButFourth = uint64('-') << 24, high &^ (0x80 << 24)
	digits := func(w uint64) uint64 { return (w + from0) &^ (w + past9) & high }
	return digits(a) == digitsButFourth && a&(0xff<<24) == hyphenFourth &&
		digits(b) == digitsButFourth && b&(0xff<<24) == hyphenFourth &&
		digits(c)|0x80<<56 == high
}

// asciiDigits counts the digits of s, or is -1 when s is not ASCII. It
// looks at eight bytes at a time: for ASCII bytes, adding 0x50 to each
// sets its top bit from '0' (0x30) up, and adding 0x46 from ':' (0x3A) up,
// with no carry into the next byte; the digits are the bytes with the
// first and not the second.
func asciiDigits(s []byte) int {
	const high, from0, past9 = 0x8080808080808080, 0x5050505050505050, 0x4646464646464646
	n, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		if w&high != 0 {
			return -1 // not ASCII
		}
		n += bits.OnesCount64((w + from0) &^ (w + past9) & high)
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return -1
		}
		n += int(asciiDigit[s[i]])
	}
	return n
}

// ibanStartIn reports whether two ASCII capital letters stand before two
// ASCII digits somewhere in s, as an IBAN starts. Most lines hold no
// capital at all, which it tells first, eight bytes at a time (as
// asciiDigits tells digits, from 'A' to 'Z').
func ibanStartIn(s []byte) bool {
	const high, fromA, pastZ = 0x8080808080808080, 0x3f3f3f3f3f3f3f3f, 0x2525252525252525
	capitals := false
	i := 0
	for ; i+8 <= len(s) && !capitals; i += 8 {
		w := binary.LittleEndian.Uint64(s[i:]) &^ high
		capitals = (w+fromA)&^(w+pastZ)&high != 0
	}
	for ; i < len(s) && !capitals; i++ {
		capitals = s[i]-'A' < 26
	}
	if !capitals {
		return false
	}
	for i := 0; i+4 <= len(s); i++ {
		if s[i]-'A' < 26 && s[i+1]-'A' < 26 && s[i+2]-'0' < 10 && s[i+3]-'0' < 10 {
			return true
		}
	}
	return false
}

// fewDigitLines is the length of the whole lines at the start of b that
// fewDigits passes, or of fewer of them: it tells them eight bytes at a
// time, line breaks and all, as asciiDigits and ibanStartIn tell digits
// and capitals. A line passes when it is ASCII and holds four digits or
// fewer, or fewer than twelve and no capital letter. It stops at a line
// of more digits, or with capitals, or with a byte that is not ASCII,
// and before the last eight bytes or fewer of b, leaving the line to be
// asked on its own. Most lines of a long report pass: asked one by one,
// their breaks looked for and their digits counted line by line, they
// were most of the masking's cost.
func fewDigitLines(b []byte) int {
	const (
		ones, high       = 0x0101010101010101, 0x8080808080808080
		from0, past9     = 0x50 * ones, 0x46 * ones // as asciiDigits
		fromA, pastZ     = 0x3f * ones, 0x25 * ones // as ibanStartIn
		lowSeven, breaks = 0x7f * ones, '\n' * ones
	)
	start := 0                  // where the line being read starts
	var digits, capitals uint64 // its digits so far, a count in each byte; nonzero once it has a capital
	for at := 0; at+8 <= len(b); at += 8 {
		w := binary.LittleEndian.Uint64(b[at : at+8])
		if w&high != 0 {
			break
		}
		d := (w + from0) &^ (w + past9) & high
		c := (w + fromA) &^ (w + pastZ) & high
		x := w ^ breaks
		// The line breaks: the zero bytes of x, none of which is 0x80 or more.
		for nl := ^((x&lowSeven + lowSeven) | x) & high; nl != 0; nl &= nl - 1 {
			k := bits.TrailingZeros64(nl)
			before := uint64(1)<<k - 1 // the bytes before the break
			// The counts' sum, taken by a multiplication, is right
			// while it is below 256: a line it is taken of for good
			// is fewDigitLinesAt bytes long, and eight more, at most.
			n := (digits + (d&before)>>7) * ones >> 56
			if n >= 12 || n > 4 && capitals|c&before != 0 || at-start > fewDigitLinesAt {
				return start
			}
			start, digits, capitals = at+k/8+1, 0, 0
			d, c = d&^before, c&^before
		}
		digits += d >> 7
		capitals |= c
	}
	return start
}

// fewDigitLinesAt is the longest line fewDigitLines reads itself, less
// eight bytes.
const fewDigitLinesAt = 240

// asciiDigit is 1 for the ASCII digits, 0 for every other byte.
var asciiDigit = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = 1
	}
	return t
}()

// Writer masks card numbers in everything written through it, line by
// line: a card number never spans lines, so a line is masked once it is
// whole. Every output of refundwatch, reports and messages alike, passes
// through one (see run).
type Writer struct {
	w   *bufio.Writer // gathers the many small writes of masking into few
	buf []byte
	err error
	// keeping is set between KeepOpen and KeepClose.
	keeping bool
	masker  masker
}

// maskFlushAt is how long a line may grow before the part of it that no
// card number or IBAN can reach back into is written out (safeCut).
const maskFlushAt = 64 << 10

func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, maskFlushAt)}
}

func (m *Writer) Write(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	m.write(p)
	m.flushOut()
	return len(p), m.err
}

// Lines are the lines text[From:To] of a text written by WriteChecked.
type Lines struct{ From, To int }

// WriteChecked writes p as Write does, but for the runs of lines in
// whole, which it writes as they are: the caller found every line of them
// left as it is by masking on its quick tests alone (LeftWhole, LeftAsIs),
// each line's text that could hold a card number having been asked. A long
// report is mostly such lines, statement rows and orders whose every value
// is known; looking through them again was most of what masking a report
// cost. A run that does not start and end a line, or holds a byte that
// could start a Keep mark, is masked as any other text. The runs are in
// order and do not overlap.
func (m *Writer) WriteChecked(p []byte, whole []Lines) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	done := 0
	for _, r := range whole {
		if r.From < done || r.To <= r.From || r.To > len(p) {
			continue // not a run of p's: masked with what follows it
		}
		m.write(p[done:r.From])
		run := p[r.From:r.To]
		if len(m.buf) > 0 || m.keeping || run[len(run)-1] != '\n' || bytes.IndexByte(run, string(KeepOpen)[0]) >= 0 {
			m.write(run)
		} else if m.err == nil {
			m.err = writeSome(m.w, run)
		}
		done = r.To
	}
	m.write(p[done:])
	m.flushOut()
	return len(p), m.err
}

// write masks and writes what of p ends a line, and holds the rest.
func (m *Writer) write(p []byte) {
	if m.err != nil || len(p) == 0 {
		return
	}
	text := p // what is not yet masked: p, after what is held of the last line
	if len(m.buf) > 0 {
		m.buf = append(m.buf, p...)
		text = m.buf
	}
	cut := bytes.LastIndexByte(text, '\n') + 1
	if cut == 0 && len(text) >= maskFlushAt {
		cut = safeCut(text)
	}
	if cut > 0 {
		m.emit(text[:cut])
	}
	m.buf = append(m.buf[:0], text[cut:]...) // p is not kept: its unmasked rest is copied
}

// flushOut hands what was masked to the writer underneath, once for each
// Write: a message on stderr shows at once, a report goes out in blocks.
func (m *Writer) flushOut() {
	if m.err == nil {
		m.err = m.w.Flush()
	}
}

// Flush writes what is left, a last line without a line break.
func (m *Writer) Flush() error {
	if len(m.buf) > 0 && m.err == nil {
		m.emit(m.buf)
	}
	m.buf = m.buf[:0]
	m.flushOut()
	return m.err
}

// emit writes b masked, but for what lies between KeepOpen and KeepClose,
// which it writes as it is, without the marks. What is kept ends at the end
// of its line even without KeepClose: a mark lost on the way could
// otherwise leave the rest of the output unmasked.
func (m *Writer) emit(b []byte) {
	for len(b) > 0 && m.err == nil {
		if !m.keeping {
			// A close before any open is left over from a line broken
			// inside a path: dropped.
			i, open := nextMark(b)
			if i < 0 {
				i = len(b)
			}
			m.err = maskLines(m.w, b[:i], &m.masker)
			if i == len(b) {
				return
			}
			b, m.keeping = b[i+len(string(KeepOpen)):], open
			continue
		}
		i, mark := bytes.IndexRune(b, KeepClose), len(string(KeepClose))
		if nl := bytes.IndexByte(b, '\n'); nl >= 0 && (i < 0 || nl < i) {
			i, mark = nl, 0 // the line break is written, and ends the keeping
		}
		if i < 0 {
			m.err = writeSome(m.w, b)
			return
		}
		m.err = writeSome(m.w, b[:i])
		b, m.keeping = b[i+mark:], false
	}
}

// nextMark is where the first mark, KeepOpen or KeepClose, stands in b,
// and whether it is KeepOpen; -1 when there is none. It looks for both at
// once: their UTF-8 encodings differ only in their last byte.
func nextMark(b []byte) (int, bool) {
	const open, close = string(KeepOpen), string(KeepClose)
	const n = len(open)
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], open[0])
		if j < 0 {
			return -1, false
		}
		i += j
		if i+n > len(b) || string(b[i+1:i+n-1]) != open[1:n-1] {
			continue
		}
		switch b[i+n-1] {
		case open[n-1]:
			return i, true
		case close[n-1]:
			return i, false
		}
	}
}

// Keep marks s as a value of the report's own that is not a card number
// (see KeepOpen).
func Keep(s string) string { return string(KeepOpen) + s + string(KeepClose) }

// safeCut finds where b can be split without splitting a card number or
// an IBAN, or changing what masking makes of either: after the last ASCII
// character that is none of a digit, a letter, a separator or a
// backslash, 0 when there is none. A letter may be an IBAN's, or begin a
// word that keeps one from being read as an IBAN, or be an escape's (\t);
// a backslash may begin an escape (\_); a character past ASCII may be a
// digit or a separator in another form, or sit next to an order id that it
// keeps from being one. A character it may cut after stands, for masking,
// as the start of a text does.
func safeCut(b []byte) int {
	for i := len(b); i > 0; i-- {
		if c := b[i-1]; c < utf8.RuneSelf && c != '\\' && !ibanChar(rune(c)) && !asciiLower(rune(c)) && !IsSeparator(rune(c)) {
			return i
		}
	}
	return 0
}

// KeepOpen and KeepClose mark, in the text a renderer writes, a value of
// the report's own that is no card number however many digits it holds: a
// file's path, an amount of an amount column, the program's version. The
// masking writer leaves what lies between them as it is and drops the
// marks. They are Unicode noncharacters, kept for a program's own use;
// text from inputs never carries them to the masking writer (Visible and
// the JSON and CSV writers escape them).
const (
	KeepOpen  = '\uFDD0'
	KeepClose = '\uFDD1'
)

// KeepBracketed marks path where it stands as "(path:" or "（path:", the
// place of a statement row in a sentence, unless it is marked already.
func KeepBracketed(s, path string) string {
	if path == "" {
		return s
	}
	for _, open := range []string{"(", "（"} {
		s = strings.ReplaceAll(s, open+path+":", open+Keep(path)+":")
	}
	return s
}

// KeepFirst marks the first place where path shows in s.
func KeepFirst(s, path string) string {
	if i := strings.Index(s, path); path != "" && i >= 0 {
		return s[:i] + Keep(path) + s[i+len(path):]
	}
	return s
}

// WithoutMarks is s without the marks of keep.
func WithoutMarks(s string) string {
	if !strings.ContainsRune(s, KeepOpen) {
		return s
	}
	return marksRemover.Replace(s)
}

// marksRemover takes out keep's marks. It is made once: a Replacer builds
// its tables on its first use, which took longer than the replacing, for
// each of the hundred thousand places a table report lays out.
var marksRemover = strings.NewReplacer(string(KeepOpen), "", string(KeepClose), "")

// AccountShown is an account's name or number as the reports show it:
// with 5 digits or more in it (an account number in a statement's
// preamble, Girokonto 12345678), all but its last 4 digits hidden, as a
// card number's are; a card's name that shows 4 digits or fewer
// (VISA ****-1234) as it is.
func AccountShown(a string) string {
	digits := 0
	for _, c := range a {
		if isDigit(c) {
			digits++
		}
	}
	if digits <= 4 {
		return a
	}
	r := []rune(a)
	for i := range r {
		if isDigit(r[i]) {
			if digits > 4 {
				if r[i] >= '０' {
					r[i] = '＊'
				} else {
					r[i] = '*'
				}
			}
			digits--
		}
	}
	return string(r)
}
