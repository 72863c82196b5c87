package cmd

import (
	"io"
	"strings"

	"github.com/rivo/uniseg"
)

// textWidth is the number of terminal columns s takes: East Asian wide
// characters take two, combining marks none, East Asian ambiguous characters
// one whatever the machine's locale, so that reports do not depend on it.
func textWidth(s string) int { return uniseg.StringWidth(withoutMarks(s)) }

// wrapText breaks s into lines of at most width columns where Unicode's line
// breaking rules (UAX #14) allow a break: between words, after a hyphen or a
// slash, between Japanese characters but not before 。 or 、. A piece that
// no rule lets break and that is wider than width is cut between characters.
// Spaces at the end of a line are dropped. A width of 0 or less does not
// wrap; a line break in s always breaks.
func wrapText(s string, width int) []string {
	var lines []string
	var line strings.Builder
	lineWidth := 0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineWidth = 0
	}
	state := -1
	for s != "" {
		var segment string
		var mustBreak bool
		segment, s, mustBreak, state = uniseg.FirstLineSegmentInString(s, state)
		text := strings.TrimRight(segment, "\r\n")
		visible := textWidth(strings.TrimRight(text, " "))
		if width > 0 && lineWidth > 0 && lineWidth+visible > width {
			flush()
		}
		if width > 0 && lineWidth == 0 && visible > width {
			text = cutToWidth(text, width, &lines)
		}
		line.WriteString(text)
		lineWidth += textWidth(text)
		if mustBreak && s != "" {
			flush()
		}
	}
	flush()
	return lines
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
// word.
func longestPiece(s string) int {
	longest, state := 0, -1
	for s != "" {
		var segment string
		segment, s, _, state = uniseg.FirstLineSegmentInString(s, state)
		longest = max(longest, textWidth(strings.TrimRight(segment, " \r\n")))
	}
	return longest
}

// writeWrapped writes text wrapped to width, each line after indent: the
// prose of a report (reasons, notes), which would otherwise run off the
// screen. A width of 0 writes it on one line.
func writeWrapped(w io.Writer, indent, text string, width int) {
	avail := 0
	if width > 0 {
		avail = max(width-textWidth(indent), minColumn)
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
