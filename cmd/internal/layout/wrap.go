package layout

import (
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/rivo/uniseg"
)

// TextWidth is the number of terminal columns s takes: East Asian wide
// characters take two, combining marks none, East Asian ambiguous characters
// one whatever the machine's locale, so that reports do not depend on it.
//
// Printable ASCII, the text of most cells (dates, amounts, places, most
// merchants), takes a column a byte and holds no mark: it is measured
// without asking uniseg, which takes some ten times as long.
func TextWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return uniseg.StringWidth(mask.WithoutMarks(s))
		}
	}
	return len(s)
}

// wrapText breaks s into lines of at most width columns where Unicode's line
// breaking rules (UAX #14) allow a break: between words, after a hyphen or a
// slash, between Japanese characters but not before 。 or 、. A piece that
// no rule lets break and that is wider than width is cut between characters.
// A run of digit groups that may be a card number, or an IBAN, never breaks
// nor is cut (see linePieces): they are masked line by line, and halves of
// one on two lines would each be shown whole. Spaces at the end of a line are
// dropped. A width of 0 or less does not wrap; a line break in s always
// breaks.
func wrapText(s string, width int) []string {
	if width <= 0 && !hasMandatoryBreak(s) {
		return []string{strings.TrimRight(s, " ")} // one line, as wrapPieces would join it
	}
	return wrapPieces(s, width)
}

// wrapPieces is wrapText, piece by piece.
func wrapPieces(s string, width int) []string {
	var lines []string
	var line strings.Builder
	lineWidth := 0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineWidth = 0
	}
	pieces := linePieces(s)
	for i, p := range pieces {
		text := strings.TrimRight(p.text, "\r\n")
		visible := TextWidth(strings.TrimRight(text, " "))
		if width > 0 && lineWidth > 0 && lineWidth+visible > width {
			flush()
		}
		if width > 0 && lineWidth == 0 && visible > width && !p.digits {
			text = cutToWidth(text, width, &lines)
		}
		line.WriteString(text)
		lineWidth += TextWidth(text)
		if p.mustBreak && i < len(pieces)-1 {
			flush()
		}
	}
	flush()
	return lines
}

// hasMandatoryBreak reports whether s holds a character after which UAX #14
// breaks a line whatever the width: a line feed, a carriage return, a
// vertical tab, a form feed, NEL (U+0085), or the line and paragraph
// separators (U+2028, U+2029). Text without one, not wrapped, is one line.
func hasMandatoryBreak(s string) bool {
	return strings.ContainsAny(s, "\n\r\v\f\u0085\u2028\u2029")
}

// linePiece is a piece of text between two places a line may break.
type linePiece struct {
	text      string
	mustBreak bool // a line break ends it
	digits    bool // it holds digit groups that may be a card number, or an IBAN: never cut
	open      bool // it ends inside such a run: the next piece joins it
}

// linePieces splits s where line breaking allows, except inside a run of
// digit groups of 12 digits or more, joined as masking joins them, which
// may be a card number, or inside an IBAN (mask.DigitRuns): its pieces are
// joined into one.
func linePieces(s string) []linePiece {
	runs := mask.DigitRuns(s)
	var pieces []linePiece
	state, at := -1, 0
	for rest := s; rest != ""; {
		var segment string
		var mustBreak bool
		segment, rest, mustBreak, state = uniseg.FirstLineSegmentInString(rest, state)
		start := at
		at += len(segment)
		overlaps, endsInside := false, false
		for _, r := range runs {
			overlaps = overlaps || r[0] < at && start < r[1]
			endsInside = endsInside || r[0] < at && at < r[1]
		}
		if n := len(pieces); n > 0 && pieces[n-1].open {
			last := &pieces[n-1]
			last.text += segment
			last.mustBreak, last.open = mustBreak, endsInside
			continue
		}
		pieces = append(pieces, linePiece{text: segment, mustBreak: mustBreak, digits: overlaps, open: endsInside})
	}
	return pieces
}

// cutToWidth cuts text, wider than width, between grapheme clusters: it
// appends the full lines to lines and returns what is left.
func cutToWidth(text string, width int, lines *[]string) string {
	var line strings.Builder
	w, state := 0, -1
	for text != "" {
		var cluster string
		var cw int
		cluster, text, cw, state = uniseg.FirstGraphemeClusterInString(text, state)
		if w+cw > width && w > 0 {
			*lines = append(*lines, line.String())
			line.Reset()
			w = 0
		}
		line.WriteString(cluster)
		w += cw
	}
	return line.String()
}

// longestPiece is the width of the widest piece of s that line breaking
// cannot break: the narrowest a column holding s can be without cutting a
// word or a run of digit groups.
func longestPiece(s string) int {
	longest := 0
	for _, p := range linePieces(s) {
		longest = max(longest, TextWidth(strings.TrimRight(p.text, " \r\n")))
	}
	return longest
}

// WriteWrapped writes text wrapped to width, each line after indent: the
// prose of a report (reasons, notes), which would otherwise run off the
// screen. A width of 0 writes it on one line.
func WriteWrapped(w io.Writer, indent, text string, width int) {
	avail := 0
	if width > 0 {
		avail = max(width-TextWidth(indent), minColumn)
	}
	var b strings.Builder
	for _, line := range wrapText(text, avail) {
		b.WriteString(indent)
		b.WriteString(line)
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// minColumn is the narrowest a column of free text is made to fit a
// terminal: narrower, a description would be a few letters a line.
const minColumn = 12
