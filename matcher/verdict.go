package matcher

import (
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// Verdict is what refundwatch concludes about one disputed order. The names
// are part of the JSON output and never change.
type Verdict string

// The verdicts of the specification, §4.
const (
	StillCharged      Verdict = "still-charged"
	PartiallyRefunded Verdict = "partially-refunded"
	AwaitingRefund    Verdict = "awaiting-refund"
	Ambiguous         Verdict = "ambiguous"
	NotCovered        Verdict = "not-covered"
	NotCharged        Verdict = "not-charged"
	Refunded          Verdict = "refunded"
	Unanswered        Verdict = "unanswered"
	// UnknownCharge is the kind of finding for an Amazon charge of no known order.
	UnknownCharge Verdict = "unknown-charge"
)

// Severity orders findings by how urgently the person must act.
type Severity int

// Severities, lowest first.
const (
	OK Severity = iota
	Watch
	Review
	Alert
)

var severityNames = [...]string{"ok", "watch", "review", "alert"}

func (s Severity) String() string { return severityNames[s] }

// ParseSeverity reads a severity name (ok, watch, review, alert).
func ParseSeverity(name string) (Severity, bool) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), true
		}
	}
	return 0, false
}

// SeverityOf gives the severity of a verdict.
func SeverityOf(v Verdict) Severity {
	switch v {
	case StillCharged, PartiallyRefunded:
		return Alert
	case Ambiguous, NotCovered, UnknownCharge, Unanswered:
		return Review
	case AwaitingRefund:
		return Watch
	}
	return OK
}

// Options are the knobs of a reconciliation.
type Options struct {
	// AsOf is the day the report is made on; later rows and confirmations are ignored.
	AsOf civil.Date
	// Grace is how many days after Amazon's confirmation a credit may take.
	Grace int
	// Watch is how many days after Amazon's confirmation statements are watched.
	Watch int
	// Amazon recognises Amazon transactions; nil means the default patterns.
	Amazon *Recognizer
	// Own are the person's own orders (from Amazon's order-history exports):
	// the charges they explain are not unknown charges.
	Own []OwnOrder
	// Mine are the person's own recurring charges (mine.csv): the charges
	// they explain are not unknown charges either.
	Mine []parser.MineRow
	// BeforeJudging, when set, is called once by Match, after the orders
	// are given their charges and credits and before they are judged. The
	// working state of that giving is garbage by then, and the reasons
	// judging makes are most of what the report holds beyond it: a caller
	// that tunes the garbage collector can collect there.
	BeforeJudging func()
}

// Coverage is the days the statements of one account show (SPEC §3.1):
// the union of its files' days, gaps of up to a week between files
// bridged. From and To are its first and last days.
type Coverage struct {
	Account  string
	From, To civil.Date
	// Spans are the days covered, in order, apart and not touching.
	Spans []Span
	// Currency is the currency the account's rows name, "" where none does.
	Currency string
	// Lacking names, for the coverage of an order that every account must
	// cover, the accounts lacking days of it.
	Lacking []string
}

// Span is a run of days, From to To included.
type Span struct{ From, To civil.Date }

// Covers reports whether the statements show every day from a to b.
func (c Coverage) Covers(a, b civil.Date) bool {
	for _, s := range c.Spans {
		if !s.From.After(a) && !s.To.Before(b) {
			return true
		}
	}
	return false
}

// Grounds says why an order is an alert, and so what the person asks the
// card issuer for (SPEC §5).
type Grounds int

// The grounds of an alert.
const (
	NoGrounds Grounds = iota
	// BilledAfterWord: a charge came after Amazon said the order was handled.
	BilledAfterWord
	// BilledAfterCancel: a charge came after Amazon confirmed a cancellation.
	BilledAfterCancel
	// CreditOverdue: the charge came before Amazon's word, and no credit came within grace.
	CreditOverdue
	// PartCredited: part of the money came back, the rest did not within grace.
	PartCredited
	// TieAcrossOrders: money is missing whichever of several orders the charges are.
	TieAcrossOrders
	// CreditTieAcrossOrders: money is missing whichever of several orders
	// a credit refunds.
	CreditTieAcrossOrders
	// TieAcrossSets: money is missing whichever of several sets of the
	// charges, each adding up to the order's amount, is the order's.
	TieAcrossSets
	// TieOfChargesAndCredits: money is missing whichever of several
	// orders each of the charges and credits of ties that share orders
	// belongs to.
	TieOfChargesAndCredits
)

// OrderResult is the finding for one disputed order.
type OrderResult struct {
	Dispute *parser.Dispute // the disputed order: one of those given to Match
	Verdict Verdict
	// Confirmation is Amazon's first confirmation, nil when there is none.
	Confirmation *parser.Confirmation
	// Confirmations are all of Amazon's confirmations for the order.
	Confirmations []*parser.Confirmation
	// WatchUntil is the first confirmation plus the watch period (unknown without one).
	WatchUntil civil.Date
	// Closed is true when the verdict is ok and the statements reach WatchUntil.
	Closed bool
	// amountSmall tells that amountCoef × 10^amountExp is the dispute's
	// amount (AmountValue).
	amountSmall bool
	amountExp   int32
	amountCoef  int64
	// Currency is the currency of Charged, Credited and Outstanding: the
	// order's, or, for an order matched on its card_amount, the card's
	// ("" where no row or cell says which).
	Currency string
	// Coverage is the span of the statements the verdict was judged on,
	// shared by the orders judged on the same statements; nil before the
	// order is judged. It is only read.
	Coverage    *Coverage
	Charged     decimal.Decimal
	Credited    decimal.Decimal
	Outstanding decimal.Decimal
	// Charges and Credits are the statement rows matched to the order
	// (their Normalized may be empty: see the package's doc).
	Charges []*parser.Transaction
	Credits []*parser.Transaction
	// Tied is what an order that other orders' charges or credits could be
	// holds (see Tied); nil for any other order, nearly every one. Ties
	// reads it.
	Tied *Tied
	// Grounds says why the order is an alert; NoGrounds for other severities.
	Grounds Grounds
	// ChargedAfter are the charges dated after Amazon's first confirmation.
	ChargedAfter []*parser.Transaction
	// Reason says in words what was found and what to do next: sentences
	// kept apart so that a report can print them in the reader's language.
	Reason []*msg.Message
}

// Tied is the part of an OrderResult of an order in a tie, or with
// candidate charges: kept apart, it leaves the result of every other order
// 80 bytes smaller, which for the tens of thousands of orders of a long
// incident is 6 MB held all through matching and writing.
type Tied struct {
	// Candidates are the charges that could belong to this order, when ambiguous.
	Candidates []*parser.Transaction
	// InterchangeableWith are the orders this one tied with for its charges
	// where which charge is whose changes no verdict (SPEC §4): the charges
	// went out in order of order date, then order id.
	InterchangeableWith []string
	// TiedWith are the orders an ambiguous order ties with.
	TiedWith []string
	// TieAlert is set on the orders of an ambiguous tie that leaves some
	// order at alert whichever way its charges are shared out: money is
	// missing whichever order it belongs to.
	TieAlert bool
	// TieOutstanding is what is missing across such a tie; the report gives
	// it on the tie's first order only (HasTieOutstanding).
	TieOutstanding    decimal.Decimal
	HasTieOutstanding bool
	// TieOrders are the other orders of the tie TieOutstanding is missing
	// across, set with it: TiedWith names the orders this one ties with
	// directly, which a tie of shipments joined through a third order, or
	// an order in a tie over a credit and another over a charge, makes
	// differ.
	TieOrders []string
}

// Ties returns what r holds of ties: the zero Tied for an order in none.
func (r *OrderResult) Ties() Tied {
	if r.Tied == nil {
		return Tied{}
	}
	return *r.Tied
}

// tied returns r's Tied to write, made the first time.
func (r *OrderResult) tied() *Tied {
	if r.Tied == nil {
		r.Tied = &Tied{}
	}
	return r.Tied
}

// AmountValue is the dispute's amount (Dispute.Amount) as a money.Value.
// The amount of nearly every order is kept with the result when the order
// is set up for matching, which reads it anyway, so that a report of tens
// of thousands of orders prints each without reading the dispute's decimal
// again: the disputes stand in the file's order, the results in the
// report's, and most of those reads missed the cache.
func (r *OrderResult) AmountValue() money.Value {
	if r.amountSmall {
		return money.New(r.amountCoef, r.amountExp)
	}
	return money.FromDecimal(r.Dispute.Amount)
}

// keepAmount keeps the dispute's amount with r, where it is small enough
// (AmountValue).
func (r *OrderResult) keepAmount() {
	if coef, exp, ok := money.FromDecimal(r.Dispute.Amount).Small(); ok {
		r.amountCoef, r.amountExp, r.amountSmall = coef, exp, true
	}
}

// ReasonText is the reason in English, its sentences joined by "; ".
func (r *OrderResult) ReasonText() string { return msg.Join(r.Reason) }

// Severity is the severity of the order's verdict.
func (r *OrderResult) Severity() Severity {
	if r.Verdict == Ambiguous && r.Tied != nil && r.Tied.TieAlert {
		return Alert
	}
	return SeverityOf(r.Verdict)
}

// Report is the outcome of a reconciliation.
type Report struct {
	AsOf    civil.Date
	Grace   int
	Watch   int
	Orders  []*OrderResult
	Unknown Rows
	// UnassignedCredits are the Amazon credits that serve no order, dated
	// from 7 days before the earliest disputed order (all of them without
	// disputes): they may belong to one.
	UnassignedCredits []*parser.Transaction
	Coverages         []Coverage
	// OwnCharges counts the Amazon charges that the person's own orders
	// explain, and that are therefore not unknown.
	OwnCharges int
	// OwnChargesAll counts every statement charge the person's own orders
	// explain, before the incident too.
	OwnChargesAll int
	// OwnOrders tells that the person's own orders were given (Options.Own).
	OwnOrders bool
	// Notes say what was left out or inferred, one sentence each.
	Notes []*msg.Message
}

// UnknownReason says what an unknown charge is and what to do about it; it
// is the same for every unknown charge of the report.
func (r *Report) UnknownReason() []*msg.Message {
	if r.OwnOrders {
		return []*msg.Message{
			msg.Msgf("an Amazon charge that belongs to no disputed order and to none of your own orders"),
			msg.Msgf("look for it in your Amazon order history, archived orders too: if you did not place it, add it to disputes.csv and report it to Amazon"),
		}
	}
	return []*msg.Message{
		msg.Msgf("an Amazon charge that belongs to no disputed order"),
		msg.Msgf("look for it in your Amazon order history, archived orders too: if you did not place it, add it to disputes.csv and report it to Amazon"),
		msg.Msgf("if it is one of your own orders, pass Amazon's order history with --orders so that it is recognised"),
	}
}

// Summary counts findings (orders and unknown charges) by severity.
func (r *Report) Summary() map[Severity]int {
	m := map[Severity]int{OK: 0, Watch: 0, Review: 0, Alert: 0}
	for _, o := range r.Orders {
		m[o.Severity()]++
	}
	m[Review] += r.Unknown.Len()
	return m
}
