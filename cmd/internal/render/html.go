package render

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/refundwatch/refundwatch/cmd/internal/report"
)

//go:embed report.html.tmpl
var reportHTML string

// htmlReport is parsed once; html/template escapes every text it prints, so
// that a description holding markup stays text.
var htmlReport = template.Must(template.New("report").Parse(reportHTML))

// htmlPage is what the HTML template prints: the report and the texts of the
// page itself in the reader's language.
type htmlPage struct {
	*report.View
	Text map[string]string
}

// renderHTML writes one self-contained page: inline CSS and inline SVG, no
// script, no external asset, so that it opens offline and can be mailed or
// printed as it is.
func renderHTML(w io.Writer, r *Rendering) error {
	l := r.loc
	r.view().DrawTimelines(r.rep, l)
	page := htmlPage{View: r.view(), Text: map[string]string{
		"Summary": l.T("Summary"), "Orders": l.T("Orders"), "Statements": l.T("Statements"),
		"Severity": l.T("Severity"), "Verdict": l.T("Verdict"), "Order": l.T("Order"), "Ordered": l.T("Ordered"),
		"Amount": l.T("Amount"), "Charged": l.T("Charged"), "Credited": l.T("Credited"), "Outstanding": l.T("Outstanding"),
		"Confirmed": l.T("Confirmed"), "Watch until": l.T("Watch until"), "Date": l.T("Date"),
		"Statement row": l.T("Statement row"), "Description": l.T("Description"), "From": l.T("From"), "To": l.T("To"),
		"Rows": l.T("Rows"), "Transactions": l.T("Transactions"), "Skipped": l.T("Skipped"), "Folded": l.T("Folded"),
		"Format": l.T("Format"), "File": l.T("File"), "What to tell the card issuer": l.T("What to tell the card issuer"),
		"Unknown":    l.T("Amazon charges of no disputed order (%d)", len(r.view().Unknown)),
		"none":       l.T("none"),
		"Invalid":    l.T("Rows that could not be read (--skip-invalid)"),
		"note":       l.T("note: %s", ""),
		"Inputs":     inputsLine(r.in, l),
		"Generated":  l.T("Made by refundwatch from your statement files; nothing was sent anywhere."),
		"Unassigned": l.T("Amazon credits of no order (%d)", len(r.view().Unassigned)),
	}}
	return htmlReport.Execute(w, page)
}
