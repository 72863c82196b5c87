package render

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// Rendering is what a renderer needs: the inputs, the findings, the reader's
// language, and the report with its texts in that language.
type Rendering struct {
	in    *input.Inputs
	rep   *matcher.Report
	loc   *i18n.Localizer
	color bool // colour severities (table on a terminal, NO_COLOR unset, TERM not dumb)
	// width is the terminal's width, which the table fits; 0 for no limit.
	width int
	built *report.View
}

// NewRendering is what the renderers need to write the findings rep of
// the inputs in, in loc's language; color colours the table's severities,
// and width is the terminal's width the table fits (0 for no limit).
func NewRendering(in *input.Inputs, rep *matcher.Report, loc *i18n.Localizer, color bool, width int) *Rendering {
	return &Rendering{in: in, rep: rep, loc: loc, color: color, width: width}
}

// Write writes the report to w in format, one of Formats. The report
// streams out: held whole, ten years of statements make a report of tens
// of megabytes.
func Write(w io.Writer, format string, r *Rendering) error {
	out := newBackgroundWriter(w, 64<<10, 4)
	if err := renderers[format](out, r); err != nil {
		_ = out.Flush()
		return err
	}
	return out.Flush()
}

// view is the report with its texts in the reader's language, built when a
// renderer first asks: the JSON report does without it.
func (r *Rendering) view() *report.View {
	if r.built == nil {
		r.built = report.Build(r.in, r.rep, r.loc)
	}
	return r.built
}

// Formats are the --output names, in the order help lists them.
var Formats = []string{"table", "json", "csv", "markdown", "html"}

// renderers write a report in each --output format.
var renderers = map[string]func(io.Writer, *Rendering) error{
	"table":    renderTable,
	"json":     renderJSON,
	"csv":      renderCSV,
	"markdown": renderMarkdown,
	"html":     renderHTML,
}

// colorOf is the terminal colour of a severity, or "" when not colouring.
func (r *Rendering) colorOf(s matcher.Severity) string {
	if !r.color {
		return ""
	}
	return map[matcher.Severity]string{matcher.Alert: mask.ColorRed, matcher.Review: mask.ColorYellow, matcher.Watch: mask.ColorCyan, matcher.OK: mask.ColorGreen}[s]
}

// The JSON report (SPEC §5). Field names are a contract: add, never rename.
type JSONReport struct {
	AsOf  string `json:"as_of"`
	Grace int    `json:"grace_days"`
	Watch int    `json:"watch_days"`
	// Inputs names the disputes, confirmations and order-history files read.
	Inputs     jsonInputs      `json:"inputs"`
	Statements []jsonStatement `json:"statements"`
	// Coverage is, per account, the days the statements show; "" is the
	// account of the files that name none.
	Coverage       []jsonCoverage `json:"coverage"`
	Orders         []jsonOrder    `json:"orders"`
	UnknownCharges []jsonTxn      `json:"unknown_charges"`
	// UnknownReason says what the unknown charges are and what to do about
	// them: said once, since it is the same for each.
	UnknownReason string        `json:"unknown_charges_reason,omitempty"`
	InvalidRows   []jsonInvalid `json:"invalid_rows"`
	Summary       jsonSummary   `json:"summary"`
	// AmazonFiles are Amazon's exports and mails read (--orders, --confirmations).
	AmazonFiles []jsonAmazonFile `json:"amazon_files,omitempty"`
	// OwnCharges counts the Amazon charges of the person's own orders.
	OwnCharges int `json:"own_order_charges,omitempty"`
	// IgnoredFiles are the files among the statements that were not read:
	// PDFs, images, files the system keeps beside others.
	IgnoredFiles []jsonIgnored `json:"ignored_files,omitempty"`
	// OwnChargesCount counts the statement charges recognised as the
	// person's own (SPEC §5), always given.
	OwnChargesCount int `json:"own_charges"`
	// UnassignedCredits are the Amazon credits that serve no order.
	UnassignedCredits []jsonTxn `json:"unassigned_credits"`
	// Notes say what was left out or inferred, one sentence each.
	Notes []string `json:"notes"`

	// order and unknown, when set, make each of the nOrders orders and
	// nUnknown unknown charges as it is written, in place of Orders and
	// UnknownCharges: the findings of a long report are then not all held
	// at once, in a second form. An order made by order holds until the
	// next is made, no longer: the orders' statement rows share a buffer.
	order             func(i int) jsonOrder
	unknown           func(i int) jsonTxn
	nOrders, nUnknown int
}

type jsonIgnored struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

type jsonInputs struct {
	Disputes      string   `json:"disputes"`
	Confirmations []string `json:"confirmations"`
	Orders        []string `json:"orders"`
	Mine          *string  `json:"mine"` // nil when no mine.csv was read
}

type jsonCoverage struct {
	Account string `json:"account"`
	From    string `json:"from"`
	To      string `json:"to"`
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
	OrderID            string      `json:"order_id"`
	Verdict            string      `json:"verdict"`
	Severity           string      `json:"severity"`
	OrderDate          civil.Date  `json:"order_date"`
	Amount             jsonAmount  `json:"amount"`
	Currency           string      `json:"currency"`
	Card               string      `json:"card"`
	ConfirmedOn        *civil.Date `json:"confirmed_on"`
	ConfirmationKind   string      `json:"confirmation_kind"`
	ConfirmationSource string      `json:"confirmation_source"`
	// ConfirmationFile and ConfirmationLine say where the confirmation was
	// read (the line is 0, null in the report, for a mail, which
	// ConfirmationSubject names by its subject).
	ConfirmationFile    string      `json:"confirmation_file"`
	ConfirmationLine    *int        `json:"confirmation_line"`
	ConfirmationSubject string      `json:"confirmation_subject"`
	WatchUntil          *civil.Date `json:"watch_until"`
	Closed              bool        `json:"closed"`
	CoverageTo          *civil.Date `json:"coverage_to"`
	Charged             jsonAmount  `json:"charged"`
	Credited            jsonAmount  `json:"credited"`
	Outstanding         jsonAmount  `json:"outstanding"`
	Charges             []jsonTxn   `json:"charges"`
	Credits             []jsonTxn   `json:"credits"`
	Candidates          []jsonTxn   `json:"candidates"`
	Reason              jsonReason  `json:"reason"`
	Note                string      `json:"note"`
	CardAmount          *jsonAmount `json:"card_amount"`
	// InterchangeableWith and TiedWith name the orders of a tie (SPEC §4).
	InterchangeableWith []string `json:"interchangeable_with"`
	TiedWith            []string `json:"tied_with"`
	// CandidateCharges are the charges an ambiguous order could have.
	CandidateCharges []jsonTxn `json:"candidate_charges"`
	// TieOutstanding is what is missing across an ambiguous tie at alert,
	// on its first order only.
	TieOutstanding *jsonAmount `json:"tie_outstanding,omitempty"`
	// confirmation, set in a report being made, is Amazon's confirmation
	// of the order: the JSON writer writes ConfirmationSource from it.
	confirmation *parser.Confirmation
}

// jsonReason is an order's reason, a string in the report: its sentences
// in loc's language, or text, as a report read back holds it. The JSON
// writer appends English sentences to the report's text as it makes it,
// rather than making a string of them first.
type jsonReason struct {
	text      string
	sentences []*msg.Message
	loc       *i18n.Localizer
}

func (r jsonReason) String() string {
	if r.sentences == nil {
		return r.text
	}
	return r.loc.Sentences(r.sentences)
}

// MarshalJSON quotes the reason as the report's encoder does: without
// escaping <, > and &, which json.Marshal would.
func (r jsonReason) MarshalJSON() ([]byte, error) { return appendJSONString(nil, r.String()), nil }

func (r *jsonReason) UnmarshalJSON(b []byte) error {
	*r = jsonReason{}
	return json.Unmarshal(b, &r.text)
}

type jsonTxn struct {
	Date        civil.Date `json:"date"`
	Amount      jsonAmount `json:"amount"`
	Currency    string     `json:"currency"`
	Description string     `json:"description"`
	Account     string     `json:"account"`
	File        string     `json:"file"`
	Line        int        `json:"line"`
	// OriginalAmount and OriginalCurrency are the foreign amount of a row
	// billed in another currency, where the statement gives it.
	OriginalAmount   string `json:"original_amount,omitempty"`
	OriginalCurrency string `json:"original_currency,omitempty"`
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

// jsonAmount is an amount of the JSON report, written as a string with the
// decimals of its currency and no grouping (FormatAmount). The report's
// dates and amounts are kept as values and written straight into the text:
// made into strings first, they were most of what writing the report
// allocated.
type jsonAmount struct {
	amount   money.Value
	currency string
}

// AppendText appends the amount's text to b, for the report's own writer;
// the error is always nil.
func (a jsonAmount) AppendText(b []byte) ([]byte, error) {
	return money.AppendValue(b, a.amount, a.currency, false), nil
}

// MarshalText is the amount's text, for encoding/json.
func (a jsonAmount) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText reads an amount back, with no currency: it then prints with
// the decimals it was written with, as it was written.
func (a *jsonAmount) UnmarshalText(text []byte) error {
	d, err := decimal.NewFromString(string(text))
	*a = jsonAmount{amount: money.FromDecimal(d)}
	return err
}

// coverageTo is the last day of the statements o was judged on, nil where
// it has none.
func coverageTo(o *matcher.OrderResult) *civil.Date {
	if o.Coverage == nil {
		return nil
	}
	return dateOrNull(&o.Coverage.To)
}

// dateOrNull is d for the report, or nil (null) when d is unknown. It
// points at the finding's own date: the report is written before anything
// changes it.
func dateOrNull(d *civil.Date) *civil.Date {
	if !d.Valid() {
		return nil
	}
	return d
}

func txnsJSON(ts []*parser.Transaction) []jsonTxn {
	out := make([]jsonTxn, len(ts))
	for i, t := range ts {
		out[i] = txnJSON(t)
	}
	return out
}

func txnJSON(t *parser.Transaction) jsonTxn { return txnValueJSON(t, money.FromDecimal(t.Amount)) }

// txnValueJSON is txnJSON of t with the amount amt, t.Amount unread.
func txnValueJSON(t *parser.Transaction, amt money.Value) jsonTxn {
	j := jsonTxn{
		Date: t.Date, Amount: jsonAmount{amt, t.Currency}, Currency: t.Currency,
		Description: t.Description, Account: t.Account, File: t.File, Line: t.Line,
	}
	if t.OrigCurrency != "" && !t.OrigAmount.IsZero() {
		j.OriginalAmount = money.FormatAmount(t.OrigAmount.Abs(), t.OrigCurrency, false)
		j.OriginalCurrency = t.OrigCurrency
	}
	return j
}

// buildJSON makes the JSON report, to be written at once: its orders and
// unknown charges are made as they are written.
func buildJSON(in *input.Inputs, rep *matcher.Report, l *i18n.Localizer) JSONReport {
	rows := &txnBuffer{buf: make([]jsonTxn, 0, 16)}
	out := JSONReport{
		AsOf: rep.AsOf.String(), Grace: rep.Grace, Watch: rep.Watch,
		Statements: []jsonStatement{}, Coverage: []jsonCoverage{}, InvalidRows: []jsonInvalid{},
		order:   func(i int) jsonOrder { return orderJSON(rep.Orders[i], l, rows.reset()) },
		nOrders: len(rep.Orders),
		unknown: func(i int) jsonTxn {
			t, amt := rep.Unknown.Row(i)
			return txnValueJSON(&t, amt)
		},
		nUnknown: rep.Unknown.Len(),
	}
	if rep.Unknown.Len() > 0 {
		out.UnknownReason = l.Sentences(rep.UnknownReason())
	}
	for _, c := range rep.Coverages {
		out.Coverage = append(out.Coverage, jsonCoverage{Account: c.Account, From: c.From.String(), To: c.To.String()})
	}
	for _, s := range in.Statements {
		notes := []string{}
		for _, n := range s.Notes {
			notes = append(notes, n.String())
		}
		skipped := s.Skipped
		if skipped == nil {
			skipped = map[string]int{}
		}
		out.Statements = append(out.Statements, jsonStatement{
			File: mask.PathText(s.File), Format: s.Format, Account: s.Account, Encoding: s.Encoding,
			From: s.From.String(), To: s.To.String(), Rows: s.Rows, Transactions: s.Transactions() + s.Folded,
			Skipped: s.SkippedTotal(), SkippedBy: skipped, Folded: s.Folded, Notes: notes,
		})
		for _, e := range s.Invalid {
			out.InvalidRows = append(out.InvalidRows, jsonInvalid{File: mask.PathText(e.File), Line: e.Line, Error: l.Err(e.Err)})
		}
	}
	out.Inputs = jsonInputs{Disputes: in.Read.Disputes, Confirmations: nonNil(in.Read.Confirmations), Orders: nonNil(in.Read.Orders)}
	if in.Read.Mine != "" {
		out.Inputs.Mine = &in.Read.Mine
	}
	out.AmazonFiles, out.OwnCharges = amazonJSON(in), rep.OwnCharges
	for _, f := range in.Ignored {
		out.IgnoredFiles = append(out.IgnoredFiles, jsonIgnored{File: mask.PathText(f.Path), Reason: l.Err(f.Reason)})
	}
	out.OwnChargesCount = rep.OwnChargesAll
	out.UnassignedCredits = txnsJSON(rep.UnassignedCredits)
	out.Notes = []string{}
	for _, n := range rep.Notes {
		out.Notes = append(out.Notes, l.Msg(n))
	}
	sum := rep.Summary()
	out.Summary = jsonSummary{Alert: sum[matcher.Alert], Review: sum[matcher.Review], Watch: sum[matcher.Watch], OK: sum[matcher.OK]}
	return out
}

// txnBuffer holds the statement rows of the order being written, for one
// order after the other: an order of a report being made is written before
// the next is made, and a list made anew for each order was most of what
// making the orders allocated.
type txnBuffer struct{ buf []jsonTxn }

// reset gives the buffer to the next order.
func (b *txnBuffer) reset() *txnBuffer {
	b.buf = b.buf[:0]
	return b
}

// txns is txnsJSON(ts), made in the buffer: a list of its own that the
// order's other lists do not overlap. It is never nil (the buffer is not),
// so that an empty list is written [], as txnsJSON's is.
func (b *txnBuffer) txns(ts []*parser.Transaction) []jsonTxn {
	start := len(b.buf)
	for _, t := range ts {
		b.buf = append(b.buf, txnJSON(t))
	}
	return b.buf[start:len(b.buf):len(b.buf)]
}

// orderJSON is the report of one order, its statement rows made in rows.
func orderJSON(o *matcher.OrderResult, l *i18n.Localizer, rows *txnBuffer) jsonOrder {
	d := o.Dispute
	cur := o.Currency
	tied := o.Ties()
	j := jsonOrder{
		OrderID: d.OrderID, Verdict: string(o.Verdict), Severity: o.Severity().String(),
		OrderDate: d.OrderDate, Amount: jsonAmount{o.AmountValue(), d.Currency}, Currency: d.Currency, Card: d.Card,
		WatchUntil: dateOrNull(&o.WatchUntil), Closed: o.Closed, CoverageTo: coverageTo(o),
		Charged:     jsonAmount{money.FromDecimal(o.Charged), cur},
		Credited:    jsonAmount{money.FromDecimal(o.Credited), cur},
		Outstanding: jsonAmount{money.FromDecimal(o.Outstanding), cur},
		Charges:     rows.txns(o.Charges), Credits: rows.txns(o.Credits), Candidates: rows.txns(tied.Candidates),
		Reason: jsonReason{sentences: o.Reason, loc: l},
	}
	j.Note = d.Note
	if !d.CardAmount.IsZero() {
		j.CardAmount = &jsonAmount{money.FromDecimal(d.CardAmount), cur}
	}
	j.InterchangeableWith, j.TiedWith = nonNil(tied.InterchangeableWith), nonNil(tied.TiedWith)
	j.CandidateCharges = j.Candidates
	if tied.HasTieOutstanding {
		j.TieOutstanding = &jsonAmount{money.FromDecimal(tied.TieOutstanding), cur}
	}
	if c := o.Confirmation; c != nil {
		j.ConfirmedOn = dateOrNull(&c.ConfirmedOn)
		j.ConfirmationKind = string(c.Kind)
		j.confirmation = c // ConfirmationSource is written from it
		j.ConfirmationFile = c.File
		if c.Line > 0 {
			j.ConfirmationLine = &c.Line
		}
		if c.Source != "" && c.Line == 0 {
			j.ConfirmationSubject = c.Note // a mail's note is its subject
		}
	}
	return j
}

// nonNil is ids, or an empty list for none: the report writes [] rather than null.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func renderJSON(w io.Writer, r *Rendering) error {
	rep := buildJSON(r.in, r.rep, r.loc)
	return rep.write(w)
}

// inputsLine says in one sentence which disputes, confirmations,
// order-history and mine.csv files the report was made from, each with what it holds.
func inputsLine(in *input.Inputs, l *i18n.Localizer) string {
	path := func(p string) string { return mask.Keep(mask.Visible(p)) }
	parts := []string{l.T("%s (disputed orders)", path(in.Read.Disputes))}
	for _, p := range in.Read.Confirmations {
		parts = append(parts, l.T("%s (Amazon's confirmations)", path(p)))
	}
	for _, p := range in.Read.Orders {
		parts = append(parts, l.T("%s (Amazon's order history)", path(p)))
	}
	if in.Read.Mine != "" {
		parts = append(parts, l.T("%s (your own recurring charges)", path(in.Read.Mine)))
	}
	return l.T("Read: %s", strings.Join(parts, l.T(", ")))
}

// renderTable writes the report for people: the statements read, one line
// per order, then per order the reason, the statement rows behind it and,
// for an alert, what to read out to the card issuer; then the unknown Amazon
// charges. Free text (descriptions) stands last on its line.
func renderTable(w io.Writer, r *Rendering) error {
	v, l := r.view(), r.loc
	up := func(h string) string { // English headers are in capitals
		if l.Japanese() {
			return h
		}
		return strings.ToUpper(h)
	}
	tw := mask.NewTerminalWriter(w)
	t := &tableWriter{r: r, l: l, ew: &layout.ErrWriter{W: tw}, up: up}
	t.para("", v.Intro)
	t.para("", inputsLine(r.in, l))
	fmt.Fprintln(t.ew)
	t.statements(v)
	renderAmazonTable(t.ew, r.in, l, up, r.width)
	t.orders(v)
	for _, o := range v.Orders {
		t.order(&o)
	}
	t.unknown(v)
	if len(v.Invalid) > 0 {
		fmt.Fprintf(t.ew, "\n%s\n", l.T("Rows that could not be read (--skip-invalid)"))
		for _, e := range v.Invalid {
			t.para("  ", e)
		}
	}
	fmt.Fprintln(t.ew)
	t.para("", l.T("Summary: %s", v.SummaryText))
	if err := tw.Flush(); err != nil && t.ew.Err == nil {
		return err
	}
	return t.ew.Err
}

// tableWriter writes the sections of the table report: paragraphs wrapped
// to the terminal's width, and columns that fit it. It remembers the first
// write error (ew).
type tableWriter struct {
	r  *Rendering
	l  *i18n.Localizer
	ew *layout.ErrWriter
	up func(string) string // a header as the table writes it
}

func (t *tableWriter) para(indent, text string) { layout.WriteWrapped(t.ew, indent, text, t.r.width) }

// columns are the columns of a section, indented under its title; title
// is how many first cells name a row written as a block.
func (t *tableWriter) columns(title int) *layout.Columns {
	return &layout.Columns{Indent: "  ", Width: t.r.width, Title: title}
}

// statements lists the statements read, then the days each account's
// statements cover and the statements' notes.
func (t *tableWriter) statements(v *report.View) {
	l, up := t.l, t.up
	fmt.Fprintln(t.ew, l.T("Statements"))
	cols := t.columns(2)
	cols.AddHeader(up(l.T("From")), up(l.T("To")), up(l.T("Rows")), up(l.T("Transactions")), up(l.T("Skipped")), up(l.T("Folded")), up(l.T("Format")), up(l.T("File")))
	for _, s := range v.Statements {
		cols.Add(s.From, s.To, strconv.Itoa(s.Rows), strconv.Itoa(s.Txns), strconv.Itoa(s.Skipped), strconv.Itoa(s.Folded), s.Format, s.FileAndAccount)
	}
	cols.Print(t.ew)
	for _, n := range v.Coverage {
		t.para("  ", n)
	}
	for _, n := range v.Notes {
		t.para("  ", n)
	}
}

// orders lists the disputed orders, a row each, the severity coloured.
func (t *tableWriter) orders(v *report.View) {
	l, up := t.l, t.up
	fmt.Fprintf(t.ew, "\n%s\n", l.T("Orders"))
	cols := t.columns(3)
	cols.AddHeader(up(l.T("Severity")), up(l.T("Verdict")), up(l.T("Order")), up(l.T("Ordered")), up(l.T("Amount")), up(l.T("Charged")), up(l.T("Credited")), up(l.T("Outstanding")), up(l.T("Confirmed")), up(l.T("Watch until")))
	for _, o := range v.Orders {
		sev := o.Severity
		if !l.Japanese() {
			sev = strings.ToUpper(sev)
		}
		cols.AddColored(t.r.colorOf(o.Result().Severity()), sev, o.Verdict, o.ID, o.Ordered, o.Amount, o.Charged, o.Credited, o.Outstanding, o.Confirmed, o.WatchUntil)
	}
	cols.Print(t.ew)
}

// order writes what the report says of one order: why, its note, Amazon's
// confirmation, its statement rows, and for an alert what to tell the
// card issuer.
func (t *tableWriter) order(o *report.OrderView) {
	l := t.l
	fmt.Fprintf(t.ew, "\n%s\n", mask.Paint(t.r.colorOf(o.Result().Severity()), l.T("%s  %s (%s)", o.ID, o.Verdict, o.Severity)))
	t.para("  ", o.Reason)
	if o.Note != "" {
		t.para("  ", l.T("note: %s", o.Note))
	}
	if c := o.Result().Confirmation; c != nil {
		t.para("  ", l.T("confirmed: %s %s, from %s", c.ConfirmedOn, mask.Visible(string(c.Kind)), mask.Visible(report.ConfirmationSource(c))))
	}
	cols := t.columns(0)
	txnColumns(cols, o.Rows)
	cols.Print(t.ew)
	if len(o.Evidence) > 0 {
		fmt.Fprintf(t.ew, "  %s\n", l.T("What to tell the card issuer"))
		evidence := &layout.Columns{Indent: "    ", Width: t.r.width}
		for _, e := range o.Evidence {
			evidence.Add(e.Label, e.Value)
		}
		evidence.Print(t.ew)
	}
}

// unknown lists Amazon's charges of no disputed order, saying how many
// more are the person's own, and Amazon's credits of no order.
func (t *tableWriter) unknown(v *report.View) {
	l := t.l
	fmt.Fprintf(t.ew, "\n%s\n", l.T("Amazon charges of no disputed order (%d)", v.Unknown.Len()))
	if t.r.rep.OwnCharges > 0 {
		t.para("  ", l.T("%d more are your own charges (--orders, mine.csv) and are not listed", t.r.rep.OwnCharges))
	}
	if v.Unknown.Len() == 0 {
		t.para("  ", l.T("none"))
	} else {
		t.para("  ", v.UnknownReason)
	}
	cols := t.columns(0)
	cols.AddRows(v.Unknown.Len(), func(i int) []string { return txnCells(v.Unknown.At(i)) })
	cols.Print(t.ew)
	if len(v.Unassigned) > 0 {
		fmt.Fprintf(t.ew, "\n%s\n  %s\n", l.T("Amazon credits of no order (%d)", len(v.Unassigned)), v.UnassignedReason)
		txnColumns(cols, v.Unassigned)
		cols.Print(t.ew)
	}
}

func txnColumns(cols *layout.Columns, rows []report.TxnView) {
	for _, t := range rows {
		cols.Add(txnCells(t)...)
	}
}

// listed gives the rows of a list by their index, as the writers that also
// take the unknown charges (report.UnknownRows.At) ask for rows: mdTxns,
// writeHTMLRows.
func listed(rows []report.TxnView) func(i int) report.TxnView {
	return func(i int) report.TxnView { return rows[i] }
}

// txnCells are the cells of a statement row in the table report.
func txnCells(t report.TxnView) []string {
	return []string{t.Role, t.Date, t.Amount, t.Place, t.Description}
}

// The Amazon part of the JSON report.
type jsonAmazonFile struct {
	File          string         `json:"file"`
	Format        string         `json:"format"`
	Ignored       string         `json:"ignored,omitempty"`
	Orders        int            `json:"orders"`
	Confirmations int            `json:"confirmations"`
	NotDisputed   int            `json:"confirmations_not_disputed"`
	SkippedBy     map[string]int `json:"skipped_by_reason"`
	// MailsLeftOut counts, by reason, the mails that are no confirmation.
	MailsLeftOut map[string]int `json:"mails_left_out,omitempty"`
	Notes        []string       `json:"notes,omitempty"`
}

func amazonJSON(in *input.Inputs) []jsonAmazonFile {
	var out []jsonAmazonFile
	for _, f := range in.Amazon.Files {
		skipped := f.Skipped
		if skipped == nil {
			skipped = map[string]int{}
		}
		var notes []string
		for _, n := range f.Notes {
			notes = append(notes, n.String())
		}
		out = append(out, jsonAmazonFile{
			File: mask.PathText(f.Path), Format: string(f.Format), Ignored: messageText(f.Ignored), Orders: f.Orders,
			Confirmations: f.Confirmations, NotDisputed: f.NotDisputed, SkippedBy: skipped,
			MailsLeftOut: f.LeftOut, Notes: notes,
		})
	}
	return out
}

// renderAmazonTable lists the Amazon exports and mails read, and the files
// of the folders given that were not.
func renderAmazonTable(w io.Writer, in *input.Inputs, l *i18n.Localizer, up func(string) string, width int) {
	if len(in.Amazon.Files) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", l.T("Amazon's records"))
	cols := &layout.Columns{Indent: "  ", Width: width}
	cols.AddHeader(up(l.T("Orders")), up(l.T("Confirmations")), up(l.T("Skipped")), up(l.T("Format")), up(l.T("File")))
	var notes []string
	for _, f := range in.Amazon.Files {
		if f.Ignored != nil {
			notes = append(notes, l.T("ignored: %s: %s", mask.Keep(mask.Visible(f.Path)), mask.Visible(l.Err(f.Ignored))))
			continue
		}
		cols.Add(strconv.Itoa(f.Orders), strconv.Itoa(f.Confirmations), strconv.Itoa(skippedTotal(f.Skipped)), string(f.Format), mask.Keep(mask.Visible(f.Path)))
		if f.NotDisputed > 0 {
			notes = append(notes, l.T("note: %s: confirmations of orders not disputed (your own returns), left out: %d", mask.Keep(mask.Visible(f.Path)), f.NotDisputed))
		}
		for _, reason := range slices.Sorted(maps.Keys(f.Skipped)) {
			notes = append(notes, l.T("note: %s: rows skipped, %s: %d", mask.Keep(mask.Visible(f.Path)), mask.Visible(reason), f.Skipped[reason]))
		}
		for _, reason := range slices.Sorted(maps.Keys(f.LeftOut)) {
			notes = append(notes, l.T("note: %s: mails left out, %s: %d", f.Path, l.Word(reason), f.LeftOut[reason]))
		}
		for _, n := range f.Notes {
			notes = append(notes, l.T("note: %s", l.Msg(n)))
		}
	}
	cols.Print(w)
	for _, n := range notes {
		layout.WriteWrapped(w, "  ", n, width)
	}
}

// messageText is m in English, or "" for none.
func messageText(m *msg.Message) string {
	if m == nil {
		return ""
	}
	return m.String()
}

func skippedTotal(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}
