package layout

import (
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
)

// Columns lines up rows of cells for a terminal, two spaces between Columns,
// like text/tabwriter; but it measures each cell by the Columns it takes on
// screen, so that Japanese text (two Columns a character) stays aligned.
// The last cell of a row is not padded.
//
// Given a width (the terminal's), the table fits it: Columns are narrowed,
// widest first, and their cells wrapped where line breaking allows, down to
// each column's longest unbreakable word (the last column, free text, down to
// minColumn, cutting a word where it must). When even that does not fit, each
// row is written as a block: its first cells as a title, then each other cell
// after its header, as many to a line as fit.
type Columns struct {
	Indent string
	// Width is the screen Width to fit, or 0 to let lines be as long as
	// they need (output to a pipe).
	Width int
	// Header tells that the first row is the Header: its cells name the
	// others' in a row written as a block.
	Header bool
	// Title is how many first cells make a block's Title (1 when 0).
	Title int
	// parts hold the rows in the order they were added: rows added one by
	// one, and rows made when asked (AddRows).
	parts []rowPart
}

// rowPart is rows added one by one, or n rows made when asked by more.
type rowPart struct {
	rows []columnRow
	n    int
	more func(i int) []string
}

func (p *rowPart) len() int {
	if p.more != nil {
		return p.n
	}
	return len(p.rows)
}

type columnRow struct {
	cells []string
	// color is the ANSI colour of the first cell, or "" for none.
	color string
}

func (c *Columns) Add(cells ...string) { c.add(columnRow{cells: cells}) }

func (c *Columns) AddColored(color string, cells ...string) {
	c.add(columnRow{cells: cells, color: color})
}

// AddHeader adds the header row, which names the cells of the rows after it.
func (c *Columns) AddHeader(cells ...string) {
	c.add(columnRow{cells: cells})
	c.Header = true
}

func (c *Columns) add(r columnRow) {
	if n := len(c.parts); n == 0 || c.parts[n-1].more != nil {
		c.parts = append(c.parts, rowPart{})
	}
	last := &c.parts[len(c.parts)-1]
	last.rows = append(last.rows, r)
}

// AddRows adds n rows after those added so far, made when the table asks
// for them: row(i) returns the cells of the i-th. A table asks for each
// row twice or more (measuring, then laying out) rather than hold a long
// list's texts.
func (c *Columns) AddRows(n int, row func(i int) []string) {
	c.parts = append(c.parts, rowPart{n: n, more: row})
}

// count is how many rows the table has, and row returns the i-th.
func (c *Columns) count() int {
	n := 0
	for i := range c.parts {
		n += c.parts[i].len()
	}
	return n
}

func (c *Columns) row(i int) columnRow {
	for k := range c.parts {
		p := &c.parts[k]
		if i >= p.len() {
			i -= p.len()
			continue
		}
		if p.more != nil {
			return columnRow{cells: p.more(i)}
		}
		return p.rows[i]
	}
	panic("layout: row out of range")
}

func (c *Columns) Print(w io.Writer) {
	defer func() { c.parts, c.Header = nil, false }()
	if c.count() == 0 {
		return
	}
	n := 0
	natural := []int(nil)
	for k := range c.count() {
		r := c.row(k)
		n = max(n, len(r.cells))
		for len(natural) < n {
			natural = append(natural, 0)
		}
		for i, cell := range r.cells {
			natural[i] = max(natural[i], TextWidth(cell))
		}
	}
	avail := c.Width - TextWidth(c.Indent) - 2*(n-1)
	if c.Width <= 0 || sum(natural) <= avail {
		c.writeAligned(w, natural, false)
		return
	}
	// Too wide: how narrow each column can be. Only now, as finding where
	// lines may break takes several times as long as measuring.
	least := make([]int, n)
	// The last column, free text, is best broken only between words; it
	// may be cut inside one rather than the row become a block.
	words := 0
	for k := range c.count() {
		r := c.row(k)
		for i, cell := range r.cells {
			least[i] = max(least[i], leastWidth(cell))
		}
		if len(r.cells) == n {
			words = max(words, longestPiece(r.cells[n-1]))
		}
	}
	least[n-1] = min(natural[n-1], max(minColumn, words))
	if sum(least) > avail {
		least[n-1] = min(natural[n-1], minColumn)
	}
	if sum(least) > avail {
		c.writeBlocks(w)
		return
	}
	widths := append([]int(nil), natural...)
	for excess := sum(widths) - avail; excess > 0; excess-- {
		widest := -1
		for i := range widths {
			if widths[i] > least[i] && (widest < 0 || widths[i] > widths[widest]) {
				widest = i
			}
		}
		widths[widest]--
	}
	c.writeAligned(w, widths, true)
}

// leastWidth is the narrowest a column can be for cell: a cell of one word
// (a date such as 2026年3月18日, an amount, a path) is kept whole, a phrase may
// break where line breaking allows.
func leastWidth(cell string) int {
	if !strings.ContainsRune(cell, ' ') {
		return TextWidth(cell)
	}
	return longestPiece(cell)
}

// writeAligned writes the rows in columns of the given widths, wrapping the
// cells that are wider when wrap is set. It writes a few lines at a time
// (alignedFlush), not the table as one text: a decade's unknown charges
// are a hundred thousand lines.
func (c *Columns) writeAligned(w io.Writer, widths []int, wrap bool) {
	var b []byte
	var lines [][]string // each cell's lines, when wrapping
	for k := range c.count() {
		r := c.row(k)
		height := 1
		if wrap {
			lines = lines[:0]
			for i, cell := range r.cells {
				lines = append(lines, wrapText(cell, widths[i]))
				height = max(height, len(lines[i]))
			}
		}
		for k := range height {
			start := len(b)
			b = append(b, c.Indent...)
			for i, text := range r.cells {
				if wrap {
					text = ""
					if k < len(lines[i]) {
						text = lines[i][k]
					}
				}
				if i == 0 && r.color != "" && text != "" {
					b = append(b, mask.Paint(r.color, text)...)
				} else {
					b = append(b, text...)
				}
				if i < len(r.cells)-1 {
					for range max(widths[i]-TextWidth(text), 0) + 2 {
						b = append(b, ' ')
					}
				}
			}
			for len(b) > start && b[len(b)-1] == ' ' {
				b = b[:len(b)-1]
			}
			b = append(b, '\n')
		}
		if len(b) >= alignedFlush {
			_, _ = w.Write(b)
			b = b[:0]
		}
	}
	if len(b) > 0 {
		_, _ = w.Write(b)
	}
}

// alignedFlush is how much of a table writeAligned holds before writing it.
const alignedFlush = 32 << 10

// writeBlocks writes each row as a block, for a table too wide for the
// screen however narrow its columns: the row's first cells as its title,
// then "HEADER value" for each other cell, as many to a line as fit.
func (c *Columns) writeBlocks(w io.Writer) {
	title := max(c.Title, 1)
	first, names := 0, []string(nil)
	if c.Header {
		first, names = 1, c.row(0).cells
	}
	inner := c.Indent + "  "
	avail := max(c.Width-TextWidth(inner), minColumn)
	var b strings.Builder
	for k, n := first, c.count(); k < n; k++ {
		r := c.row(k)
		head := strings.Join(r.cells[:min(title, len(r.cells))], "  ")
		for k, line := range wrapText(head, max(c.Width-TextWidth(c.Indent), minColumn)) {
			b.WriteString(c.Indent)
			if k == 0 && r.color != "" {
				first, rest, _ := strings.Cut(line, "  ")
				line = mask.Paint(r.color, first)
				if rest != "" {
					line += "  " + rest
				}
			}
			b.WriteString(line)
			b.WriteByte('\n')
		}
		var line strings.Builder
		lineWidth := 0
		flush := func() {
			if lineWidth > 0 {
				b.WriteString(inner + line.String() + "\n")
			}
			line.Reset()
			lineWidth = 0
		}
		for i := title; i < len(r.cells); i++ {
			field := r.cells[i]
			if i < len(names) && names[i] != "" {
				field = names[i] + " " + field
			}
			fw := TextWidth(field)
			if lineWidth > 0 && lineWidth+2+fw > avail {
				flush()
			}
			if fw > avail {
				for _, part := range wrapText(field, avail) {
					b.WriteString(inner + part + "\n")
				}
				continue
			}
			if lineWidth > 0 {
				line.WriteString("  ")
				lineWidth += 2
			}
			line.WriteString(field)
			lineWidth += fw
		}
		flush()
		if b.Len() >= alignedFlush {
			_, _ = io.WriteString(w, b.String())
			b.Reset()
		}
	}
	_, _ = io.WriteString(w, b.String())
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// ErrWriter remembers the first write error, so rendering code can write freely.
type ErrWriter struct {
	W   io.Writer
	Err error
}

func (e *ErrWriter) Write(p []byte) (int, error) {
	if e.Err != nil {
		return len(p), nil
	}
	n, err := e.W.Write(p)
	e.Err = err
	return n, err
}
