package report

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
)

// View is a report with every text already in the reader's language:
// what the table, markdown, CSV and HTML renderers print. Building it once
// keeps the wording the same in every format.
type View struct {
	Lang       string
	Title      string
	Intro      string
	Statements []StatementView
	// Coverage says, per account, the days the statements show.
	Coverage []string
	Notes    []string
	Orders   []OrderView
	// Unknown are the unknown charges, each written when asked for: a
	// decade's are hundreds of thousands of rows.
	Unknown UnknownRows
	// UnknownReason says what the unknown charges are and what to do about them.
	UnknownReason string
	// Unassigned are the Amazon credits that serve no order, and
	// UnassignedReason says what to do about them.
	Unassigned       []TxnView
	UnassignedReason string
	Invalid          []string
	Summary          []CountView
	// SummaryText is the summary as one line: 1 alert, 1 review, 1 watch, 2 ok.
	SummaryText string
	// Alerts counts the orders whose severity is alert.
	Alerts int
}

type StatementView struct {
	From, To                     string
	Rows, Txns, Skipped, Folded  int
	Format, File, FileAndAccount string
}

type OrderView struct {
	res          *matcher.OrderResult
	ID           string
	VerdictName  string // as in JSON: still-charged
	Verdict      string // in the reader's language
	SeverityName string // as in JSON: alert
	Severity     string // in the reader's language
	Ordered      string
	Amount       string
	Charged      string
	Credited     string
	Outstanding  string
	Confirmed    string
	WatchUntil   string
	Reason       string
	Note         string
	Rows         []TxnView
	// Evidence is what to read out to the card issuer; empty unless the order is an alert.
	Evidence []EvidenceLine
}

// Result is the matcher's finding the order's view is written from.
func (o *OrderView) Result() *matcher.OrderResult { return o.res }

type TxnView struct {
	Role        string // charge, credit, candidate, unknown: in the reader's language
	RoleName    string // the same in English, for CSV
	Date        string
	Amount      string
	Place       string // file:line
	Description string
}

type EvidenceLine struct{ Label, Value string }

type CountView struct {
	Name  string // as in JSON: alert
	Label string
	Count int
}

// severityOrder lists severities as the summary names them, most urgent first.
var severityOrder = []matcher.Severity{matcher.Alert, matcher.Review, matcher.Watch, matcher.OK}

// Build is the report with its texts in the reader's language, ready to be
// laid out: every text from an input escaped (mask.Visible), once, before
// any renderer lays it out, and the paths of its files marked for the
// masking to keep whole (keepPaths).
func Build(in *input.Inputs, rep *matcher.Report, l *i18n.Localizer) *View {
	v := buildView(in, rep, l)
	mask.VisibleStrings(reflect.ValueOf(v))
	keepPaths(v, in, rep)
	return v
}

// buildView writes every text of the report in the reader's language.
func buildView(in *input.Inputs, rep *matcher.Report, l *i18n.Localizer) *View {
	v := &View{
		Lang:  l.Lang(),
		Title: l.T("refundwatch report, as of %s", rep.AsOf),
		Intro: l.T("refundwatch check, as of %s (credit expected within %d days of Amazon's confirmation, watched for %d days)", rep.AsOf, rep.Grace, rep.Watch),
	}
	for _, s := range in.Statements {
		v.Statements = append(v.Statements, StatementView{
			From: l.Date(s.From), To: l.Date(s.To), Rows: s.Rows, Txns: s.Transactions() + s.Folded,
			Skipped: s.SkippedTotal(), Folded: s.Folded, Format: s.Format, File: s.File,
			FileAndAccount: s.File + accountSuffix(s.Account),
		})
		for _, n := range s.Notes {
			v.Notes = append(v.Notes, l.T("note: %s: %s", s.File, n))
		}
		for _, e := range s.Invalid {
			v.Invalid = append(v.Invalid, l.Err(e))
		}
	}
	for _, f := range in.Ignored {
		v.Notes = append(v.Notes, l.T("ignored: %s: %s", f.Path, l.Msg(f.Reason)))
	}
	for _, n := range rep.Notes {
		v.Notes = append(v.Notes, l.T("note: %s", l.Msg(n)))
	}
	for _, c := range rep.Coverages {
		acct := c.Account
		if acct == "" {
			acct = l.T("files that name no account")
		}
		// One line per run of days: a missing export shows as a gap.
		for _, sp := range c.Spans {
			v.Coverage = append(v.Coverage, l.T("coverage of %s: %s to %s", acct, sp.From, sp.To))
		}
	}
	for _, o := range rep.Orders {
		v.Orders = append(v.Orders, orderViewOf(o, rep, l))
		if o.Severity() == matcher.Alert {
			v.Alerts++
		}
	}
	v.Unknown = unknownRows(l, rep)
	v.Unassigned = txnViews(l, "credit", rep.UnassignedCredits, "")
	if len(rep.UnassignedCredits) > 0 {
		v.UnassignedReason = UnassignedReason(l)
	}
	if rep.Unknown.Len() > 0 {
		v.UnknownReason = l.Sentences(rep.UnknownReason())
	}
	sum := rep.Summary()
	for _, s := range severityOrder {
		v.Summary = append(v.Summary, CountView{Name: s.String(), Label: l.Severity(s), Count: sum[s]})
	}
	v.SummaryText = l.T("%d alert, %d review, %d watch, %d ok", sum[matcher.Alert], sum[matcher.Review], sum[matcher.Watch], sum[matcher.OK])
	return v
}

func orderViewOf(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) OrderView {
	d := o.Dispute
	ov := OrderView{
		res: o, ID: d.OrderID,
		VerdictName: string(o.Verdict), Verdict: l.Verdict(o.Verdict),
		SeverityName: o.Severity().String(), Severity: l.Severity(o.Severity()),
		Ordered: l.Date(d.OrderDate), Amount: l.Amount(d.Amount, d.Currency),
		Charged: l.Amount(o.Charged, o.Currency), Credited: l.Amount(o.Credited, o.Currency),
		Outstanding: l.Amount(o.Outstanding, o.Currency),
		Confirmed:   "-", WatchUntil: "-",
		Reason: l.Sentences(o.Reason), Note: d.Note,
	}
	if c := o.Confirmation; c != nil {
		ov.Confirmed = l.T("%s %s", c.ConfirmedOn, c.Kind)
	}
	if o.WatchUntil.Valid() {
		ov.WatchUntil = l.Date(o.WatchUntil)
		if o.Closed {
			ov.WatchUntil = l.T("%s (closed)", o.WatchUntil)
		}
	}
	ov.Rows = append(ov.Rows, txnViews(l, "charge", o.Charges, d.Currency)...)
	ov.Rows = append(ov.Rows, txnViews(l, "credit", o.Credits, d.Currency)...)
	ov.Rows = append(ov.Rows, txnViews(l, "candidate", o.Ties().Candidates, d.Currency)...)
	if o.Severity() == matcher.Alert {
		ov.Evidence = evidence(o, rep, l)
	}
	return ov
}

// DrawTimeline draws the order's timeline, its texts escaped as Build
// escapes the view's. Only the HTML page shows timelines, and draws each
// as it writes it: a view holds none, as a timeline takes some 3 KB.
func (o *OrderView) DrawTimeline(rep *matcher.Report, l *i18n.Localizer) *Timeline {
	tl := newTimeline(o.res, rep, l)
	mask.VisibleStrings(reflect.ValueOf(tl))
	return tl
}

// UnassignedReason says what the Amazon credits that serve no order are,
// and what to do about them.
func UnassignedReason(l *i18n.Localizer) string {
	return l.T("Amazon credits that no order could be given: one may be the refund of a disputed order or of one of your own; compare them with Amazon's refund details")
}

// txnViews writes statement rows, each amount as billed, with the original
// foreign amount after it where the statement gives one.
func txnViews(l *i18n.Localizer, role string, ts []*parser.Transaction, orderCurrency string) []TxnView {
	out := make([]TxnView, len(ts))
	roleText := l.Role(role)
	for i, t := range ts {
		out[i] = txnView(l, role, roleText, t, orderCurrency)
	}
	return out
}

// txnView writes one statement row, its role named role, roleText in the
// reader's language.
func txnView(l *i18n.Localizer, role, roleText string, t *parser.Transaction, orderCurrency string) TxnView {
	return TxnView{
		Role: roleText, RoleName: role, Date: l.Date(t.Date),
		Amount: l.Amount(t.Amount, rowCurrency(t, orderCurrency)) + original(l, t),
		Place:  t.File + ":" + strconv.Itoa(t.Line), Description: t.Description,
	}
}

// keepPlace marks the file of a row's file:line place for the masking to
// keep whole.
func keepPlace(t *TxnView) {
	if i := strings.LastIndexByte(t.Place, ':'); i > 0 {
		t.Place = mask.Keep(t.Place[:i]) + t.Place[i:]
	}
}

// UnknownRows are the unknown charges of a view. Each is written when
// asked for (At), escaped and its place marked as Build does the view's
// other rows: a table writes them twice (measuring, then laying out)
// rather than hold a decade's texts.
type UnknownRows struct {
	rows         matcher.Rows
	l            *i18n.Localizer
	role         string            // the role's name in the reader's language
	fileCurrency map[string]string // the currency of each file's rows that name none
}

// Len is how many unknown charges there are.
func (u UnknownRows) Len() int { return u.rows.Len() }

// At writes unknown charge i.
func (u UnknownRows) At(i int) TxnView {
	t, amount := u.rows.Row(i)
	t.Amount = amount.Decimal()
	v := txnView(u.l, "unknown", u.role, &t, u.fileCurrency[t.File])
	// As mask.VisibleStrings escapes a view's rows, without its reflection.
	v.Role, v.RoleName, v.Date = mask.Visible(v.Role), mask.Visible(v.RoleName), mask.Visible(v.Date)
	v.Amount, v.Place, v.Description = mask.Visible(v.Amount), mask.Visible(v.Place), mask.Visible(v.Description)
	keepPlace(&v)
	return v
}

// unknownRows lists the unknown charges. A row whose file names no
// currency is in the currency of the disputed orders charged from the same
// file, when they all have one: the file is in the currency they were billed in.
func unknownRows(l *i18n.Localizer, rep *matcher.Report) UnknownRows {
	fileCurrency := map[string]string{}
	for _, o := range rep.Orders {
		for _, t := range o.Charges {
			cur := rowCurrency(t, o.Dispute.Currency)
			if was, seen := fileCurrency[t.File]; seen && was != cur {
				cur = ""
			}
			fileCurrency[t.File] = cur
		}
	}
	return UnknownRows{rows: rep.Unknown, l: l, role: l.Role("unknown"), fileCurrency: fileCurrency}
}

// rowCurrency is the currency row t was billed in, as far as is known: the
// one it names, else, for a row of an order, the order's, unless the row is
// a foreign purchase (its original amount is in the order's currency).
func rowCurrency(t *parser.Transaction, orderCurrency string) string {
	if t.Currency != "" || matcher.BilledElsewhere(t, orderCurrency) {
		return t.Currency
	}
	return orderCurrency
}

// original is " (12.34 USD)" for a row that gives its original foreign
// amount, and "" for others.
func original(l *i18n.Localizer, t *parser.Transaction) string {
	if t.OrigCurrency == "" || t.OrigAmount.IsZero() {
		return ""
	}
	return " (" + l.Money(t.OrigAmount.Abs(), t.OrigCurrency) + ")"
}

// evidence is what the person reads out to the card issuer for an alert:
// the order, what Amazon said and when, every statement row with its place,
// how long ago Amazon said it, and what to ask for.
func evidence(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) []EvidenceLine {
	d := o.Dispute
	cur := o.Currency
	lines := []EvidenceLine{
		{l.T("Order"), l.T("%s (ordered on %s, %s)", d.OrderID, d.OrderDate, money.Money{Amount: d.Amount, Currency: d.Currency})},
	}
	c := o.Confirmation
	if c != nil {
		lines = append(lines, EvidenceLine{l.T("Amazon's confirmation"), l.T("%s on %s (%s)", c.Kind, c.ConfirmedOn, ConfirmationSource(c))})
	} else {
		lines = append(lines, EvidenceLine{l.T("Amazon's confirmation"), l.T("none yet")})
	}
	for _, t := range o.Charges {
		lines = append(lines, EvidenceLine{l.T("Charge"), evidenceRow(l, t, cur)})
	}
	for _, t := range o.Ties().Candidates {
		// A credit is a candidate of the orders it could refund: read out
		// as a credit, not as a charge.
		label := l.T("Candidate charge")
		if t.IsCredit() {
			label = l.T("Candidate credit")
		}
		lines = append(lines, EvidenceLine{label, evidenceRow(l, t, cur)})
	}
	for _, t := range o.Credits {
		lines = append(lines, EvidenceLine{l.T("Credit"), evidenceRow(l, t, cur)})
	}
	if len(o.Credits) == 0 {
		lines = append(lines, EvidenceLine{l.T("Credit"), l.T("none")})
	}
	switch o.Grounds {
	case matcher.TieAcrossOrders, matcher.CreditTieAcrossOrders, matcher.TieOfChargesAndCredits:
		lines = append(lines, EvidenceLine{l.T("Still missing"), l.T("%s across the orders %s", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur}, matcher.IDList{IDs: append([]string{d.OrderID}, o.Ties().TieOrders...)})})
	case matcher.TieAcrossSets:
		// The order holds none of the candidates as its own charges, so
		// its own outstanding is nothing: what is missing is the tie's.
		lines = append(lines, EvidenceLine{l.T("Still missing"), l.T("%s, whichever set of the charges listed is this order's", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur})})
	default:
		lines = append(lines, EvidenceLine{l.T("Still missing"), l.Money(o.Outstanding, cur)})
	}
	if c != nil {
		lines = append(lines, EvidenceLine{l.T("Days elapsed"), l.T("%d days since Amazon's confirmation, as of %s", rep.AsOf.Sub(c.ConfirmedOn), rep.AsOf)})
	}
	lines = append(lines,
		EvidenceLine{l.T("Ask for"), askFor(o, rep, l)},
		EvidenceLine{"", l.T("a new card number, if other merchants also charged the card without you")},
	)
	return lines
}

// askFor is what the person asks the card issuer for: it follows why the
// order is an alert, so that it is true of the rows read out with it.
func askFor(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) string {
	cur := o.Currency
	c := o.Confirmation
	after := matcher.TxnList{Txns: o.ChargedAfter, Currency: cur}
	some := len(o.ChargedAfter) > 0 && len(o.ChargedAfter) < len(o.Charges)
	switch o.Grounds {
	case matcher.BilledAfterCancel:
		if some {
			return l.T("a dispute of the charge of %s: you did not make it, and it was billed after Amazon confirmed the order was cancelled", after)
		}
		return l.T("a dispute of the charge: you did not make it, and it was billed after Amazon confirmed the order was cancelled")
	case matcher.BilledAfterWord:
		if some {
			return l.T("a dispute of the charge of %s: you did not make it, and it was billed after Amazon said the order was handled", after)
		}
	case matcher.CreditOverdue:
		return l.T("a dispute of the charge: you did not make it, and the credit Amazon confirmed on %s did not come within %d days", c.ConfirmedOn, rep.Grace)
	case matcher.PartCredited:
		return l.T("a dispute of what is still missing, %s: you did not make the charge, and it was credited only in part", money.Money{Amount: o.Outstanding, Currency: cur})
	case matcher.TieAcrossOrders:
		return l.T("a dispute of the charges listed: you placed none of these orders, and %s is missing whichever order each charge belongs to", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur})
	case matcher.CreditTieAcrossOrders:
		return l.T("a dispute of the charges listed: you placed none of these orders, and %s is missing whichever order the credit refunds", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur})
	case matcher.TieOfChargesAndCredits:
		return l.T("a dispute of the charges listed: you placed none of these orders, and %s is missing whichever order each charge and credit belongs to", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur})
	case matcher.TieAcrossSets:
		return l.T("a dispute of the charges listed: you did not make them, and %s is missing whichever set of them is this order's", money.Money{Amount: o.Ties().TieOutstanding, Currency: cur})
	}
	return l.T("a dispute of the charge: you did not make it, and it was billed after Amazon said the order was handled")
}

func evidenceRow(l *i18n.Localizer, t *parser.Transaction, cur string) string {
	return l.T("%s, %s, %s (%s:%d)", t.Date, money.Money{Amount: t.Amount.Abs(), Currency: rowCurrency(t, cur)}, t.Description, t.File, t.Line) + original(l, t)
}

// keepPaths marks the paths of a report view's files as the masking's to
// keep whole (mask.Keep): the file of each statement and of each row's
// file:line, of the statements' notes and unreadable rows; and shows the
// accounts of the statements and of the coverage lines as mask.AccountShown
// does. A file's name is no card number: 2026-03-01-2026-03-31.csv is
// read out as it is.
func keepPaths(v *View, in *input.Inputs, rep *matcher.Report) {
	for i := range v.Statements {
		s := &v.Statements[i]
		if rest, ok := strings.CutPrefix(s.FileAndAccount, s.File); ok {
			s.FileAndAccount = mask.Keep(s.File) + mask.AccountShown(rest)
		}
		s.File = mask.Keep(s.File)
	}
	for i, c := range rep.Coverages {
		if a := mask.Visible(c.Account); i < len(v.Coverage) && a != "" {
			if j := strings.Index(v.Coverage[i], a); j >= 0 {
				v.Coverage[i] = v.Coverage[i][:j] + mask.AccountShown(a) + v.Coverage[i][j+len(a):]
			}
		}
	}
	for i := range v.Orders {
		for j := range v.Orders[i].Rows {
			keepPlace(&v.Orders[i].Rows[j])
		}
	}
	// What to tell the card issuer names each row's file in brackets.
	for i := range min(len(v.Orders), len(rep.Orders)) {
		o := rep.Orders[i]
		for _, ts := range [][]*parser.Transaction{o.Charges, o.Ties().Candidates, o.Credits} {
			for _, t := range ts {
				for j := range v.Orders[i].Evidence {
					e := &v.Orders[i].Evidence[j]
					e.Value = mask.KeepBracketed(e.Value, mask.Visible(t.File))
				}
			}
		}
	}
	// The notes and unreadable rows of each statement, in the order the
	// view lists them, name its file.
	notes, invalid := 0, 0
	for _, s := range in.Statements {
		file := mask.Visible(s.File)
		for range s.Notes {
			if notes < len(v.Notes) {
				v.Notes[notes] = mask.KeepFirst(v.Notes[notes], file)
			}
			notes++
		}
		for range s.Invalid {
			if invalid < len(v.Invalid) {
				v.Invalid[invalid] = mask.KeepFirst(v.Invalid[invalid], file)
			}
			invalid++
		}
	}
}

// ConfirmationSource says where a confirmation came from, for the report.
func ConfirmationSource(c *parser.Confirmation) string {
	if c.Source != "" {
		return c.Source
	}
	return string(AppendConfirmationSource(nil, c))
}

// AppendConfirmationSource appends ConfirmationSource(c) to b: the JSON
// report writes it for each order, and makes no string of it.
func AppendConfirmationSource(b []byte, c *parser.Confirmation) []byte {
	if c.Source != "" {
		return append(b, c.Source...)
	}
	return strconv.AppendInt(append(append(b, c.File...), ':'), int64(c.Line), 10)
}

func accountSuffix(a string) string {
	if a == "" {
		return ""
	}
	return " (" + a + ")"
}
