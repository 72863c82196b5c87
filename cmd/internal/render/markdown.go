package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
)

// renderMarkdown writes the report for pasting into a mail, a note or an
// issue tracker: the summary, the orders as a table, per order its reason,
// rows and (for an alert) what to tell the card issuer, the unknown charges
// and the statements read.
func renderMarkdown(w io.Writer, r *Rendering) error {
	v, l := r.view(), r.loc
	tw := mask.NewTerminalWriter(w)
	ew := &layout.ErrWriter{W: tw}
	fmt.Fprintf(ew, "# %s\n\n%s\n\n%s\n\n**%s**\n", EscapeMarkdown(v.Title), EscapeMarkdown(v.Intro), EscapeMarkdown(inputsLine(r.in, l)), EscapeMarkdown(l.T("Summary: %s", v.SummaryText)))

	fmt.Fprintf(ew, "\n## %s\n\n", EscapeMarkdown(l.T("Orders")))
	mdTable(ew, []string{l.T("Severity"), l.T("Verdict"), l.T("Order"), l.T("Ordered"), l.T("Amount"), l.T("Charged"), l.T("Credited"), l.T("Outstanding"), l.T("Confirmed"), l.T("Watch until")},
		"llllrrrrll", func(add func(...string)) {
			for _, o := range v.Orders {
				add(o.Severity, o.Verdict, o.ID, o.Ordered, o.Amount, o.Charged, o.Credited, o.Outstanding, o.Confirmed, o.WatchUntil)
			}
		})
	for _, o := range v.Orders {
		mdOrder(ew, l, &o)
	}
	mdNoOrder(ew, l, v)
	mdStatements(ew, l, v)
	if len(v.Invalid) > 0 {
		fmt.Fprintf(ew, "\n## %s\n\n", EscapeMarkdown(l.T("Rows that could not be read (--skip-invalid)")))
		for _, e := range v.Invalid {
			fmt.Fprintf(ew, "- %s\n", EscapeMarkdown(e))
		}
	}
	if err := tw.Flush(); err != nil && ew.Err == nil {
		return err
	}
	return ew.Err
}

// mdOrder writes the section of one order: why, its note, its statement
// rows, and for an alert what to tell the card issuer, as a list to read
// out.
func mdOrder(w io.Writer, l *i18n.Localizer, o *report.OrderView) {
	fmt.Fprintf(w, "\n### %s\n\n%s\n", EscapeMarkdown(l.T("%s  %s (%s)", o.ID, o.Verdict, o.Severity)), EscapeMarkdown(o.Reason))
	if o.Note != "" {
		fmt.Fprintf(w, "\n%s\n", EscapeMarkdown(l.T("note: %s", o.Note)))
	}
	if len(o.Rows) > 0 {
		fmt.Fprintln(w)
		mdTxns(w, l, len(o.Rows), listed(o.Rows))
	}
	if len(o.Evidence) > 0 {
		fmt.Fprintf(w, "\n**%s**\n\n", EscapeMarkdown(l.T("What to tell the card issuer")))
		for _, e := range o.Evidence {
			if e.Label == "" {
				fmt.Fprintf(w, "  - %s\n", EscapeMarkdown(e.Value))
				continue
			}
			fmt.Fprintf(w, "- **%s:** %s\n", EscapeMarkdown(e.Label), EscapeMarkdown(e.Value))
		}
	}
}

// mdNoOrder writes Amazon's charges of no disputed order, and Amazon's
// credits of no order when there are any.
func mdNoOrder(w io.Writer, l *i18n.Localizer, v *report.View) {
	fmt.Fprintf(w, "\n## %s\n\n", EscapeMarkdown(l.T("Amazon charges of no disputed order (%d)", v.Unknown.Len())))
	if v.Unknown.Len() == 0 {
		fmt.Fprintln(w, EscapeMarkdown(l.T("none")))
	} else {
		fmt.Fprintf(w, "%s\n\n", EscapeMarkdown(v.UnknownReason))
		mdTxns(w, l, v.Unknown.Len(), v.Unknown.At)
	}
	if len(v.Unassigned) > 0 {
		fmt.Fprintf(w, "\n## %s\n\n%s\n\n", EscapeMarkdown(l.T("Amazon credits of no order (%d)", len(v.Unassigned))), EscapeMarkdown(v.UnassignedReason))
		mdTxns(w, l, len(v.Unassigned), listed(v.Unassigned))
	}
}

// mdStatements lists the statements read, then the days each account's
// statements cover and the statements' notes.
func mdStatements(w io.Writer, l *i18n.Localizer, v *report.View) {
	fmt.Fprintf(w, "\n## %s\n\n", EscapeMarkdown(l.T("Statements")))
	mdTable(w, []string{l.T("From"), l.T("To"), l.T("Rows"), l.T("Transactions"), l.T("Skipped"), l.T("Folded"), l.T("Format"), l.T("File")},
		"llrrrrll", func(add func(...string)) {
			for _, s := range v.Statements {
				add(s.From, s.To, strconv.Itoa(s.Rows), strconv.Itoa(s.Txns), strconv.Itoa(s.Skipped), strconv.Itoa(s.Folded), s.Format, s.FileAndAccount)
			}
		})
	for _, n := range v.Coverage {
		fmt.Fprintf(w, "\n%s\n", EscapeMarkdown(n))
	}
	for _, n := range v.Notes {
		fmt.Fprintf(w, "\n%s\n", EscapeMarkdown(n))
	}
}

// mdTxns writes n statement rows, row(i) the i-th.
func mdTxns(w io.Writer, l *i18n.Localizer, n int, row func(i int) report.TxnView) {
	mdTable(w, []string{"", l.T("Date"), l.T("Amount"), l.T("Statement row"), l.T("Description")}, "llrll", func(add func(...string)) {
		for i := range n {
			t := row(i)
			add(t.Role, t.Date, t.Amount, t.Place, t.Description)
		}
	})
}

// mdTable writes a GitHub-flavoured markdown table; align holds l or r per column.
func mdTable(w io.Writer, header []string, align string, rows func(add func(...string))) {
	line := func(cells []string) {
		for i := range cells {
			cells[i] = EscapeMarkdown(cells[i])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	line(header)
	seps := make([]string, len(header))
	for i := range seps {
		seps[i] = "---"
		if align[i] == 'r' {
			seps[i] = "--:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(seps, "|"))
	rows(func(cells ...string) { line(cells) })
}

// mdEscaper keeps text literal in markdown: a description holding * or | is
// shown as written, not as emphasis or a new table column.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "\n", " ", "\r", " ",
)

func EscapeMarkdown(s string) string { return mdEscaper.Replace(s) }
