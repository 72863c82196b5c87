package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// renderers write a report in each --output format.
var renderers = map[string]func(io.Writer, *inputs, *matcher.Report) error{
	"table": renderTable,
	"json":  renderJSON,
}

// The JSON report (SPEC §5). Field names are a contract: add, never rename.
type jsonReport struct {
	AsOf           string          `json:"as_of"`
	Grace          int             `json:"grace_days"`
	Watch          int             `json:"watch_days"`
	Statements     []jsonStatement `json:"statements"`
	Orders         []jsonOrder     `json:"orders"`
	UnknownCharges []jsonTxn       `json:"unknown_charges"`
	InvalidRows    []jsonInvalid   `json:"invalid_rows"`
	Summary        jsonSummary     `json:"summary"`
	// AmazonFiles are Amazon's exports and mails read (--orders, --confirmations).
	AmazonFiles []jsonAmazonFile `json:"amazon_files,omitempty"`
	// OwnCharges counts the Amazon charges of the person's own orders.
	OwnCharges int `json:"own_order_charges,omitempty"`
}

type jsonStatement struct {
	File         string         `json:"file"`
	Format       string         `json:"format"`
	Account      string         `json:"account"`
	Encoding     string         `json:"encoding"`
	From         string         `json:"from"`
	To           string         `json:"to"`
	Rows         int            `json:"rows"`
	Transactions int            `json:"transactions"`
	Skipped      int            `json:"skipped"`
	SkippedBy    map[string]int `json:"skipped_by_reason"`
	Folded       int            `json:"folded"`
	Notes        []string       `json:"notes"`
}

type jsonOrder struct {
	OrderID            string    `json:"order_id"`
	Verdict            string    `json:"verdict"`
	Severity           string    `json:"severity"`
	OrderDate          string    `json:"order_date"`
	Amount             string    `json:"amount"`
	Currency           string    `json:"currency"`
	Card               string    `json:"card"`
	ConfirmedOn        *string   `json:"confirmed_on"`
	ConfirmationKind   string    `json:"confirmation_kind"`
	ConfirmationSource string    `json:"confirmation_source"`
	WatchUntil         *string   `json:"watch_until"`
	Closed             bool      `json:"closed"`
	CoverageTo         *string   `json:"coverage_to"`
	Charged            string    `json:"charged"`
	Credited           string    `json:"credited"`
	Outstanding        string    `json:"outstanding"`
	Charges            []jsonTxn `json:"charges"`
	Credits            []jsonTxn `json:"credits"`
	Candidates         []jsonTxn `json:"candidates"`
	Reason             string    `json:"reason"`
}

type jsonTxn struct {
	Date        string `json:"date"`
	Amount      string `json:"amount"`
	Currency    string `json:"currency"`
	Description string `json:"description"`
	Account     string `json:"account"`
	File        string `json:"file"`
	Line        int    `json:"line"`
}

type jsonInvalid struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Error string `json:"error"`
}

type jsonSummary struct {
	Alert  int `json:"alert"`
	Review int `json:"review"`
	Watch  int `json:"watch"`
	OK     int `json:"ok"`
}

func dateOrNull(d parser.Date) *string {
	if !d.Valid() {
		return nil
	}
	s := d.String()
	return &s
}

func txnsJSON(ts []*parser.Transaction) []jsonTxn {
	out := make([]jsonTxn, len(ts))
	for i, t := range ts {
		out[i] = jsonTxn{
			Date: t.Date.String(), Amount: parser.FormatAmount(t.Amount, t.Currency, false), Currency: t.Currency,
			Description: t.Description, Account: t.Account, File: t.File, Line: t.Line,
		}
	}
	return out
}

func buildJSON(in *inputs, rep *matcher.Report) jsonReport {
	out := jsonReport{
		AsOf: rep.AsOf.String(), Grace: rep.Grace, Watch: rep.Watch,
		Statements: []jsonStatement{}, Orders: []jsonOrder{},
		UnknownCharges: txnsJSON(rep.Unknown), InvalidRows: []jsonInvalid{},
	}
	for _, s := range in.statements {
		notes := s.Notes
		if notes == nil {
			notes = []string{}
		}
		skipped := s.Skipped
		if skipped == nil {
			skipped = map[string]int{}
		}
		out.Statements = append(out.Statements, jsonStatement{
			File: s.File, Format: s.Format, Account: s.Account, Encoding: s.Encoding,
			From: s.From.String(), To: s.To.String(), Rows: s.Rows, Transactions: len(s.Txns) + s.Folded,
			Skipped: s.SkippedTotal(), SkippedBy: skipped, Folded: s.Folded, Notes: notes,
		})
		for _, e := range s.Invalid {
			out.InvalidRows = append(out.InvalidRows, jsonInvalid{File: e.File, Line: e.Line, Error: e.Err.Error()})
		}
	}
	for _, o := range rep.Orders {
		d := o.Dispute
		cur := d.Currency
		j := jsonOrder{
			OrderID: d.OrderID, Verdict: string(o.Verdict), Severity: o.Severity().String(),
			OrderDate: d.OrderDate.String(), Amount: parser.FormatAmount(d.Amount, cur, false), Currency: cur, Card: d.Card,
			WatchUntil: dateOrNull(o.WatchUntil), Closed: o.Closed, CoverageTo: dateOrNull(o.Coverage.To),
			Charged:     parser.FormatAmount(o.Charged, cur, false),
			Credited:    parser.FormatAmount(o.Credited, cur, false),
			Outstanding: parser.FormatAmount(o.Outstanding, cur, false),
			Charges:     txnsJSON(o.Charges), Credits: txnsJSON(o.Credits), Candidates: txnsJSON(o.Candidates),
			Reason: o.ReasonText(),
		}
		if c := o.Confirmation; c != nil {
			j.ConfirmedOn = dateOrNull(c.ConfirmedOn)
			j.ConfirmationKind = string(c.Kind)
			j.ConfirmationSource = confirmationSource(c)
		}
		out.Orders = append(out.Orders, j)
	}
	out.AmazonFiles, out.OwnCharges = amazonJSON(in), rep.OwnCharges
	sum := rep.Summary()
	out.Summary = jsonSummary{Alert: sum[matcher.Alert], Review: sum[matcher.Review], Watch: sum[matcher.Watch], OK: sum[matcher.OK]}
	return out
}

func renderJSON(w io.Writer, in *inputs, rep *matcher.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(buildJSON(in, rep))
}

// renderTable writes the report for people: the statements read, one line
// per order, then per order the reason and the statement rows behind it, and
// the unknown Amazon charges. Free text (descriptions) stands last on its
// line, so that wide characters do not break the alignment.
func renderTable(w io.Writer, in *inputs, rep *matcher.Report) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "refundwatch check, as of %s (credit expected within %d days of Amazon's confirmation, watched for %d days)\n\n", rep.AsOf, rep.Grace, rep.Watch)

	fmt.Fprintln(ew, "Statements")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  FROM\tTO\tROWS\tTRANSACTIONS\tSKIPPED\tFOLDED\tFORMAT\tFILE")
	for _, s := range in.statements {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", s.From, s.To, s.Rows, len(s.Txns)+s.Folded, s.SkippedTotal(), s.Folded, s.Format, s.File+accountSuffix(s.Account))
	}
	tw.Flush()
	for _, s := range in.statements {
		for _, n := range s.Notes {
			fmt.Fprintf(ew, "  note: %s: %s\n", s.File, n)
		}
	}

	renderAmazonTable(ew, in)

	fmt.Fprintln(ew, "\nOrders")
	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  SEVERITY\tVERDICT\tORDER\tORDERED\tAMOUNT\tCHARGED\tCREDITED\tOUTSTANDING\tCONFIRMED\tWATCH UNTIL")
	for _, o := range rep.Orders {
		d := o.Dispute
		confirmed := "-"
		if o.Confirmation != nil {
			confirmed = o.Confirmation.ConfirmedOn.String() + " " + string(o.Confirmation.Kind)
		}
		watch := "-"
		if o.WatchUntil.Valid() {
			watch = o.WatchUntil.String()
			if o.Closed {
				watch += " (closed)"
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			strings.ToUpper(o.Severity().String()), o.Verdict, d.OrderID, d.OrderDate, money(d.Amount, d.Currency),
			money(o.Charged, d.Currency), money(o.Credited, d.Currency), money(o.Outstanding, d.Currency), confirmed, watch)
	}
	tw.Flush()

	for _, o := range rep.Orders {
		fmt.Fprintf(ew, "\n%s  %s (%s)\n  %s\n", o.Dispute.OrderID, o.Verdict, o.Severity(), o.ReasonText())
		if o.Dispute.Note != "" {
			fmt.Fprintf(ew, "  note: %s\n", o.Dispute.Note)
		}
		if c := o.Confirmation; c != nil {
			fmt.Fprintf(ew, "  confirmed: %s %s, from %s\n", c.ConfirmedOn, c.Kind, confirmationSource(c))
		}
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		txnRows(tw, "charge", o.Charges)
		txnRows(tw, "credit", o.Credits)
		txnRows(tw, "candidate", o.Candidates)
		tw.Flush()
	}

	fmt.Fprintf(ew, "\nAmazon charges of no disputed order (%d)\n", len(rep.Unknown))
	if rep.OwnCharges > 0 {
		fmt.Fprintf(ew, "  %d more belong to your own orders (--orders) and are not listed\n", rep.OwnCharges)
	}
	if len(rep.Unknown) == 0 {
		fmt.Fprintln(ew, "  none")
	}
	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	txnRows(tw, "unknown", rep.Unknown)
	tw.Flush()

	invalid := 0
	for _, s := range in.statements {
		for _, e := range s.Invalid {
			if invalid == 0 {
				fmt.Fprintln(ew, "\nRows that could not be read (--skip-invalid)")
			}
			invalid++
			fmt.Fprintf(ew, "  %s\n", e)
		}
	}

	sum := rep.Summary()
	fmt.Fprintf(ew, "\nSummary: %d alert, %d review, %d watch, %d ok\n", sum[matcher.Alert], sum[matcher.Review], sum[matcher.Watch], sum[matcher.OK])
	return ew.err
}

func txnRows(tw *tabwriter.Writer, label string, ts []*parser.Transaction) {
	for _, t := range ts {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s:%d\t%s\n", label, t.Date, money(t.Amount, t.Currency), t.File, t.Line, t.Description)
	}
}

// money prints an amount for people: exact, grouped, in the currency's scale.
func money(d decimal.Decimal, currency string) string {
	return parser.FormatAmount(d, currency, true)
}

func accountSuffix(a string) string {
	if a == "" {
		return ""
	}
	return " (" + a + ")"
}

// errWriter remembers the first write error, so rendering code can write freely.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
