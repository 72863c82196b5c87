package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/matcher"
)

//go:embed report.html.tmpl
var reportHTML string

// htmlReport is parsed once; html/template escapes every text it prints, so
// that a description holding markup stays text. What a report holds by the
// thousand, statement rows and the orders' timelines, is written by
// htmlRows and htmlTimeline, which escape as the template does: the
// template's reflection took some 60 µs a row (8.7 s for a decade's
// hundred thousand unknown charges).
var htmlReport = template.Must(template.New("report").Funcs(template.FuncMap{
	"rows": htmlRows, "unknownRows": htmlUnknownRows, "timeline": htmlTimeline,
}).Parse(reportHTML))

// htmlPage is what the HTML template prints: the report and the texts of the
// page itself in the reader's language.
type htmlPage struct {
	*report.View
	Text map[string]string
	// Out is where the page is written, which htmlRows and htmlTimeline
	// write to.
	Out *htmlOut
}

// htmlOut is the writer a page is executed to, which has taken all of the
// page before an action that writes to it (text/template writes as it
// goes), with the report, for the timelines, and a buffer to write from.
type htmlOut struct {
	w   io.Writer
	b   []byte
	rep *matcher.Report
	loc *i18n.Localizer
	err error // the first write that failed
}

// flush writes what b holds, unless a write failed before: the first
// failure is kept (err) and returned by renderHTML as it is, not wrapped
// in the template's account of the action that wrote.
func (o *htmlOut) flush() {
	if o.err == nil {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
}

// renderHTML writes one self-contained page: inline CSS and inline SVG, no
// script, no external asset, so that it opens offline and can be mailed or
// printed as it is.
func renderHTML(w io.Writer, r *Rendering) error {
	page := htmlPageOf(r, w)
	err := htmlReport.Execute(w, page)
	if page.Out.err != nil {
		return page.Out.err
	}
	return err
}

// htmlPageOf is the page of r's report, to be written to w.
func htmlPageOf(r *Rendering, w io.Writer) htmlPage {
	l := r.loc
	return htmlPage{View: r.view(), Out: &htmlOut{w: w, rep: r.rep, loc: l}, Text: map[string]string{
		"Summary": l.T("Summary"), "Orders": l.T("Orders"), "Statements": l.T("Statements"),
		"Severity": l.T("Severity"), "Verdict": l.T("Verdict"), "Order": l.T("Order"), "Ordered": l.T("Ordered"),
		"Amount": l.T("Amount"), "Charged": l.T("Charged"), "Credited": l.T("Credited"), "Outstanding": l.T("Outstanding"),
		"Confirmed": l.T("Confirmed"), "Watch until": l.T("Watch until"), "Date": l.T("Date"),
		"Statement row": l.T("Statement row"), "Description": l.T("Description"), "From": l.T("From"), "To": l.T("To"),
		"Rows": l.T("Rows"), "Transactions": l.T("Transactions"), "Skipped": l.T("Skipped"), "Folded": l.T("Folded"),
		"Format": l.T("Format"), "File": l.T("File"), "What to tell the card issuer": l.T("What to tell the card issuer"),
		"Unknown":    l.T("Amazon charges of no disputed order (%d)", r.view().Unknown.Len()),
		"none":       l.T("none"),
		"Invalid":    l.T("Rows that could not be read (--skip-invalid)"),
		"note":       l.T("note: %s", ""),
		"Inputs":     inputsLine(r.in, l),
		"Generated":  l.T("Made by refundwatch from your statement files; nothing was sent anywhere."),
		"Unassigned": l.T("Amazon credits of no order (%d)", len(r.view().Unassigned)),
	}}
}

// htmlRows writes statement rows as rows of a table, each on a line of
// its own, their cells labelled for narrow screens with text's "Date",
// "Amount", "Statement row" and "Description". It writes them to out, and
// returns nothing to print: a decade's unknown charges, tens of
// megabytes, are never one string.
func htmlRows(out *htmlOut, rows []report.TxnView, text map[string]string) template.HTML {
	return writeHTMLRows(out, len(rows), listed(rows), text)
}

// htmlUnknownRows writes the unknown charges as htmlRows writes rows.
func htmlUnknownRows(out *htmlOut, rows report.UnknownRows, text map[string]string) template.HTML {
	return writeHTMLRows(out, rows.Len(), rows.At, text)
}

// writeHTMLRows writes n statement rows, row(i) the i-th, as htmlRows does.
func writeHTMLRows(out *htmlOut, n int, row func(i int) report.TxnView, text map[string]string) template.HTML {
	b := out.b
	date := appendHTMLText(nil, text["Date"])
	amount := appendHTMLText(nil, text["Amount"])
	place := appendHTMLText(nil, text["Statement row"])
	desc := appendHTMLText(nil, text["Description"])
	for i := range n {
		r := row(i)
		b = append(b, "\n<tr><td>"...)
		b = appendHTMLText(b, r.Role)
		b = append(b, `</td><td class="date" data-label="`...)
		b = append(b, date...)
		b = append(b, `">`...)
		b = appendHTMLText(b, r.Date)
		b = append(b, `</td><td class="num" data-label="`...)
		b = append(b, amount...)
		b = append(b, `">`...)
		b = appendHTMLText(b, r.Amount)
		b = append(b, `</td><td data-label="`...)
		b = append(b, place...)
		b = append(b, `"><code>`...)
		b = appendHTMLText(b, r.Place)
		b = append(b, `</code></td><td data-label="`...)
		b = append(b, desc...)
		b = append(b, `">`...)
		b = appendHTMLText(b, r.Description)
		b = append(b, "</td></tr>"...)
		if len(b) >= htmlFlush {
			out.b = b
			out.flush()
			b = out.b
		}
	}
	out.b = b
	out.flush()
	return ""
}

// htmlFlush is how much htmlRows holds before writing it.
const htmlFlush = 32 << 10

// htmlTimeline draws an order's timeline, as it writes it to out.
func htmlTimeline(out *htmlOut, o report.OrderView) template.HTML {
	out.b = appendTimeline(out.b, o.DrawTimeline(out.rep, out.loc))
	out.flush()
	return ""
}

// appendTimeline appends a timeline as an SVG picture, then its events as
// a list, for screens too narrow for the picture.
func appendTimeline(b []byte, tl *report.Timeline) []byte {
	b = fmt.Appendf(b, "\n<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", tl.Width, tl.Height)
	b = appendHTMLText(b, tl.Label)
	b = append(b, `" xmlns="http://www.w3.org/2000/svg">`...)
	for _, band := range tl.Bands {
		b = append(b, "\n<rect class=\""...)
		b = appendHTMLText(b, band.Class)
		b = fmt.Appendf(b, `" x="%d" y="%d" width="%d" height="%d" rx="3"/><text x="%d" dx="4" y="%d" dy="12">`, band.X, band.Y, band.W, band.H, band.X, band.Y)
		b = appendHTMLText(b, band.Label)
		b = append(b, "</text>"...)
	}
	b = fmt.Appendf(b, "\n<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", tl.AxisY, tl.Width, tl.AxisY)
	for _, tick := range tl.Ticks {
		b = fmt.Appendf(b, `
<line class="tick" x1="%d" y1="%d" x2="%d" y2="%d"/><text class="tick-label" x="%d" y="%d" text-anchor="middle">`, tick.X, tl.AxisY, tick.X, tl.TickBottom, tick.X, tl.TickY)
		b = appendHTMLText(b, tick.Label)
		b = append(b, "</text>"...)
	}
	for _, m := range tl.Marks {
		if m.Dashed {
			b = append(b, "\n<line class=\""...)
			b = appendHTMLText(b, m.Class)
			b = fmt.Appendf(b, `" x1="%d" y1="%d" x2="%d" y2="%d"/>`, m.X, m.StemTop, m.X, tl.TickBottom)
		} else {
			b = fmt.Appendf(b, `
<line class="stem" x1="%d" y1="%d" x2="%d" y2="%d"/><circle class="`, m.X, m.StemTop, m.X, tl.AxisY)
			b = appendHTMLText(b, m.Class)
			b = fmt.Appendf(b, `" cx="%d" cy="%d" r="6"/>`, m.X, tl.AxisY)
		}
		b = fmt.Appendf(b, "\n<text x=\"%d\" y=\"%d\" text-anchor=\"", m.X, m.LabelY)
		b = appendHTMLText(b, m.Anchor)
		b = append(b, `">`...)
		b = appendHTMLText(b, m.Label)
		b = append(b, "</text>"...)
	}
	b = append(b, "\n</svg>\n<ol class=\"events\">"...)
	for _, e := range tl.Events {
		b = append(b, "\n<li>"...)
		b = appendHTMLText(b, e)
		b = append(b, "</li>"...)
	}
	return append(b, "\n</ol>"...)
}

// appendHTMLText appends s escaped as html/template escapes a text, in an
// element or in a quoted attribute's value: the five characters of markup,
// "+" (&#43;) and NUL (U+FFFD).
func appendHTMLText(b []byte, s string) []byte {
	plain := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b = append(b, s[plain:i]...)
		b = append(b, esc...)
		plain = i + 1
	}
	return append(b, s[plain:]...)
}
