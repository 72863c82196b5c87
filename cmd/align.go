package cmd

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// columns lines up rows of cells for a terminal, two spaces between columns,
// like text/tabwriter; but it measures each cell by the columns it takes on
// screen, so that Japanese text (two columns a character) stays aligned.
// The last cell of a row is not padded.
type columns struct {
	indent string
	rows   []columnRow
}

type columnRow struct {
	cells []string
	// color is the ANSI colour of the first cell, or "" for none.
	color string
}

// screenWidth fixes East Asian ambiguous characters to one column, whatever
// the locale of the machine, so that reports do not depend on it.
var screenWidth = &runewidth.Condition{EastAsianWidth: false}

func (c *columns) add(cells ...string) { c.rows = append(c.rows, columnRow{cells: cells}) }

func (c *columns) addColored(color string, cells ...string) {
	c.rows = append(c.rows, columnRow{cells: cells, color: color})
}

func (c *columns) write(w io.Writer) {
	var widths []int
	for _, r := range c.rows {
		for i, cell := range r.cells[:len(r.cells)-1] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], screenWidth.StringWidth(withoutMarks(cell)))
		}
	}
	var b strings.Builder
	for _, r := range c.rows {
		b.WriteString(c.indent)
		for i, cell := range r.cells {
			text := cell
			if i == 0 && r.color != "" {
				text = paint(r.color, cell)
			}
			b.WriteString(text)
			if i < len(r.cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-screenWidth.StringWidth(withoutMarks(cell))+2))
			}
		}
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
	c.rows = nil
}

// The ANSI colours of severities in a terminal.
const (
	colorRed    = "31"
	colorYellow = "33"
	colorCyan   = "36"
	colorGreen  = "32"
)

func paint(color, s string) string {
	if color == "" {
		return s
	}
	return "\x1b[" + color + "m" + s + "\x1b[0m"
}
