package matcher

import (
	"regexp"
	"strings"

	"github.com/refundwatch/refundwatch/parser/textenc"
)

// DefaultAmazonPatterns are the descriptors Amazon charges carry on statements
// (after NFKC and upper-casing): AMAZON.CO.JP, AMZN Mktp US*…, Amazon.de,
// Audible, Kindle, Prime Video and the like.
var DefaultAmazonPatterns = []string{
	`AMAZON`, `AMZN`, `AUDIBLE`, `KINDLE`, `PRIME VIDEO`, `アマゾン`,
}

// Recognizer tells Amazon transactions from others by their normalised description.
type Recognizer struct {
	re *regexp.Regexp
	// byFirst holds, when every pattern is plain text (as the default ones
	// are), the patterns by their first byte: one pass over a description
	// then tells, where the expression took a tenth of the time of reading
	// a statement of a million rows.
	byFirst *[256][]string
	// first marks the bytes a pattern of byFirst starts with: most bytes of
	// a description start none, and are passed over with one look.
	first [256]bool
	// second marks, for each first byte, the bytes a pattern of byFirst
	// goes on with (every byte where a pattern is that byte alone): the A
	// of STARBUCKS, followed by R, is passed over without a pattern tried.
	second [256][4]uint64
	// not matches the descriptions that are never Amazon's; nil for none.
	not *regexp.Regexp
	// skip is SurelyNot's table; nil where it cannot tell (a pattern that
	// is an expression, or starts with white space or a lone byte).
	skip *skipTable
}

// NewRecognizer builds a Recognizer from the default patterns plus extra
// ones (regular expressions, matched against the normalised description).
func NewRecognizer(extra ...string) (*Recognizer, error) {
	all := append(append([]string{}, DefaultAmazonPatterns...), extra...)
	r := &Recognizer{byFirst: literals(all)}
	if r.byFirst != nil {
		for b, ps := range r.byFirst {
			r.first[b] = len(ps) > 0
			for _, p := range ps {
				if len(p) == 1 {
					r.second[b] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
					continue
				}
				r.second[b][p[1]>>6] |= 1 << (p[1] & 63)
			}
		}
	}
	if r.byFirst != nil {
		r.skip = newSkipTable(all)
	}
	for i, p := range all {
		all[i] = "(?:" + p + ")"
	}
	re, err := regexp.Compile(strings.Join(all, "|"))
	if err != nil {
		return nil, err
	}
	r.re = re
	return r, nil
}

// literals indexes patterns by their first byte, or returns nil when one of
// them is more than plain text.
func literals(patterns []string) *[256][]string {
	var byFirst [256][]string
	for _, p := range patterns {
		if p == "" || regexp.QuoteMeta(p) != p {
			return nil
		}
		byFirst[p[0]] = append(byFirst[p[0]], p)
	}
	return &byFirst
}

// Except makes r refuse the descriptions that match any of patterns
// (regular expressions, as NewRecognizer's), whatever else they match: a
// charge of Amazon Web Services is no Amazon order's.
func (r *Recognizer) Except(patterns ...string) error {
	if len(patterns) == 0 {
		return nil
	}
	all := make([]string, len(patterns))
	for i, p := range patterns {
		all[i] = "(?:" + p + ")"
	}
	re, err := regexp.Compile(strings.Join(all, "|"))
	if err != nil {
		return err
	}
	r.not = re
	return nil
}

// IsAmazon reports whether a normalised description is Amazon's.
func (r *Recognizer) IsAmazon(normalized string) bool {
	return r.matches(normalized) && (r.not == nil || !r.not.MatchString(normalized))
}

// Excepted reports whether a normalised description is one the patterns
// take for Amazon's but Except refuses.
func (r *Recognizer) Excepted(normalized string) bool {
	return r.not != nil && r.matches(normalized) && r.not.MatchString(normalized)
}

// Classify is IsAmazon and Excepted of a normalised description at once,
// the patterns tried once: what a reader asks of each statement row.
func (r *Recognizer) Classify(normalized string) (amazon, excepted bool) {
	if !r.matches(normalized) {
		return false, false
	}
	if r.not != nil && r.not.MatchString(normalized) {
		return false, true
	}
	return true, false
}

func (r *Recognizer) matches(normalized string) bool {
	if r.byFirst == nil {
		return r.re.MatchString(normalized)
	}
	for i := 0; i < len(normalized); i++ {
		c := normalized[i]
		if !r.first[c] {
			continue
		}
		if i+1 < len(normalized) {
			if next := normalized[i+1]; r.second[c][next>>6]&(1<<(next&63)) == 0 {
				continue
			}
		}
		for _, p := range r.byFirst[c] {
			if strings.HasPrefix(normalized[i:], p) {
				return true
			}
		}
	}
	return false
}

// SurelyNot reports whether a description as a statement writes it, before
// it is normalised, is surely not Amazon's: ASCII in which no pattern can
// stand once it is (textenc.Normalize). It answers false whenever it
// cannot tell, so that only its true answers may be acted on: a reader
// then keeps the row in brief without normalising its description or
// asking Classify, which most rows of a statement never match.
//
// For ASCII text Normalize only upper-cases letters and turns runs of
// white space into one space, so a pattern's first bytes up to its first
// space (at least two; NewRecognizer builds no table otherwise) stand side
// by side in the text as written, in either case. SurelyNot looks for
// them as Horspool's search does, by the two bytes at the end of a window
// as wide as the shortest such start: a pair no pattern's start holds
// moves the window on by its width less one, most of the time.
func (r *Recognizer) SurelyNot(s string) bool {
	t := r.skip
	if t == nil || !isASCII(s) {
		return false
	}
	for i := t.width - 2; i+1 < len(s); {
		shift := t.shift[fold(s[i])][fold(s[i+1])]
		if shift == 0 {
			return false // a pattern's start may end here
		}
		i += int(shift)
	}
	return true
}

// skipTable is SurelyNot's: how far the window may move on for each pair
// of bytes at its end, each byte folded as fold does (0 where a pattern's
// start ends with the pair).
type skipTable struct {
	width int // the window's: the shortest start of a pattern before a space
	shift [128][128]uint8
}

// skipWidthMax bounds the window: a wider one moves on further, but
// descriptions are short.
const skipWidthMax = 8

// fold maps an ASCII byte and its other case to one byte: c | 0x20, which
// takes each capital letter to its small one (and some other bytes to one
// another, which only makes SurelyNot unsure more often).
func fold(c byte) byte { return (c | 0x20) & 0x7f }

// newSkipTable builds SurelyNot's table for plain-text patterns, or returns
// nil when one of them starts with white space, or with a byte and then
// white space: then a pattern's start is not two bytes side by side in
// the text as written. Patterns with a byte beyond ASCII are left out: no
// ASCII text holds them once normalised, as NFKC leaves ASCII as it is.
func newSkipTable(patterns []string) *skipTable {
	width := skipWidthMax
	var starts []string
	for _, p := range patterns {
		if !isASCII(p) {
			continue
		}
		n := 0
		for n < len(p) && n < skipWidthMax && !textenc.IsASCIISpace(p[n]) {
			n++
		}
		if n < 2 {
			return nil
		}
		width = min(width, n)
		starts = append(starts, p)
	}
	t := &skipTable{width: width}
	for a := range t.shift {
		for b := range t.shift[a] {
			t.shift[a][b] = uint8(width - 1)
		}
	}
	for _, p := range starts {
		for q := 1; q < width; q++ {
			a, b := fold(p[q-1]), fold(p[q])
			t.shift[a][b] = min(t.shift[a][b], uint8(width-1-q))
		}
	}
	return t
}

// isASCII reports whether s is ASCII, eight bytes at a time: past the
// last whole word it reads the last eight bytes again, as
// textenc.NormalASCII does; a text shorter than a word is read a byte at
// a time.
func isASCII(s string) bool {
	var high uint64
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			high |= uint64(s[i])
		}
		return high&0x80 == 0
	}
	for i := 0; i+8 <= len(s); i += 8 {
		high |= textenc.Word(s[i:])
	}
	high |= textenc.Word(s[len(s)-8:])
	return high&0x8080808080808080 == 0
}
