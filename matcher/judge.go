package matcher

import (
	"fmt"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// judge gives order o its verdict, totals and reason, following the table of
// the specification (§4).
func judge(o *order, covs []Coverage, opts Options) {
	r := o.res
	r.Coverage = coverageFor(o, covs)
	r.Charged = sumAmounts(r.Charges)
	r.Credited = sumAmounts(r.Credits)
	r.Outstanding = r.Charged.Sub(r.Credited)
	cov := r.Coverage

	switch {
	case o.ambiguous:
		r.Verdict = Ambiguous
		r.Reason = o.ambiguityReason()
	case len(r.Charges) == 0:
		from, to := o.d.AddDays(-daysBeforeOrder), o.d.AddDays(daysAfterOrder)
		if cov.Covers(from, to) {
			r.Verdict = NotCharged
			r.Reason = fmt.Sprintf("no charge of %s between %s and %s", o.money(o.a), from, to)
		} else {
			r.Verdict = NotCovered
			r.Reason = fmt.Sprintf("no charge found, but %s; add the statements from %s to %s", o.coverageWords(), from, to)
		}
	case r.Outstanding.Sign() <= 0:
		r.Verdict = Refunded
		r.Reason = fmt.Sprintf("charged %s, credited %s", o.txnWords(r.Charges), o.txnWords(r.Credits))
		if r.Outstanding.Sign() < 0 {
			r.Reason += fmt.Sprintf("; %s more was credited than charged", o.money(r.Outstanding.Neg()))
		}
	default:
		judgeOutstanding(o, opts)
	}
	if r.Severity() == OK && r.WatchUntil.Valid() && cov.Reaches(r.WatchUntil) {
		r.Closed = true
		r.Reason += fmt.Sprintf("; closed: the statements reach %s, the end of the watch", r.WatchUntil)
	} else if r.Severity() == OK && r.WatchUntil.Valid() {
		r.Reason += fmt.Sprintf("; keep checking until %s", r.WatchUntil)
	}
}

// judgeOutstanding decides between still-charged, partially-refunded and
// awaiting-refund for an order with money still out.
func judgeOutstanding(o *order, opts Options) {
	r := o.res
	lastAfter := parser.Date{}
	if o.h.Valid() {
		for _, t := range r.Charges {
			if t.Date.After(o.h) {
				lastAfter = t.Date
			}
		}
	}
	due := parser.Date{}
	if o.h.Valid() {
		due = o.h.AddDays(opts.Grace)
	}
	overdue := due.Valid() && r.Coverage.Reaches(due)
	chargedAfterCancel := o.cancelAt.Valid() && lastAfter.Valid() && lastAfter.After(o.cancelAt)
	credit := "no credit since"
	if len(r.Credits) > 0 {
		credit = fmt.Sprintf("credited %s; %s still missing", o.txnWords(r.Credits), o.money(r.Outstanding))
	}
	confirmed := ""
	if c := r.Confirmation; c != nil {
		confirmed = fmt.Sprintf("Amazon confirmed the %s on %s", c.Kind, o.h)
	}

	switch {
	case chargedAfterCancel || (lastAfter.Valid() || overdue) && !r.Outstanding.LessThan(o.a):
		r.Verdict = StillCharged
	case lastAfter.Valid() || overdue:
		r.Verdict = PartiallyRefunded
	default:
		r.Verdict = AwaitingRefund
	}
	switch {
	case r.Verdict == AwaitingRefund && !o.h.Valid():
		r.Reason = fmt.Sprintf("charged %s; Amazon has not confirmed a refund or cancellation yet: add it to the confirmations when it does", o.txnWords(r.Charges))
	case r.Verdict == AwaitingRefund:
		r.Reason = fmt.Sprintf("charged %s; %s; expect a credit by %s; keep checking until %s", o.txnWords(r.Charges), confirmed, due, r.WatchUntil)
		if !opts.AsOf.Before(due) {
			r.Reason += fmt.Sprintf("; the statements reach only %s: add the newer ones", r.Coverage.To)
		}
	case lastAfter.Valid():
		r.Reason = fmt.Sprintf("charged %s, after %s; %s — call the card issuer and dispute the charge", o.txnWords(r.Charges), confirmed, credit)
	default:
		r.Reason = fmt.Sprintf("charged %s; %s, but by %s (%d days later) %s; the statements reach %s — call Amazon, then the card issuer",
			o.txnWords(r.Charges), confirmed, due, opts.Grace, strings.Replace(credit, "no credit since", "no credit came", 1), r.Coverage.To)
	}
}

func (o *order) ambiguityReason() string {
	r := o.res
	switch {
	case len(o.alsoClaims) > 0:
		return fmt.Sprintf("%s could belong to this order or to %s (same amount, equally near): compare the rows with Amazon's order details",
			o.txnWords(r.Candidates), strings.Join(o.alsoClaims, ", "))
	case o.searchCut:
		return fmt.Sprintf("too many Amazon charges near %s to tell which add up to %s: compare the rows with Amazon's order details", o.d, o.money(o.a))
	}
	return fmt.Sprintf("more than one set of Amazon charges adds up to %s (%s): compare the rows with Amazon's order details",
		o.money(o.a), o.txnWords(r.Candidates))
}

func (o *order) coverageWords() string {
	c := o.res.Coverage
	if !c.To.Valid() {
		if c.Account != "" {
			return "no statement of " + c.Account + " was given"
		}
		return "no statement was given"
	}
	return fmt.Sprintf("the statements cover only %s to %s", c.From, c.To)
}

func (o *order) money(d decimal.Decimal) string {
	s := parser.FormatAmount(d, o.res.Dispute.Currency, true)
	if o.res.Dispute.Currency != "" {
		s += " " + o.res.Dispute.Currency
	}
	return s
}

// txnWords lists transactions as "12,800 JPY on 2026-03-18 and 3,000 JPY on …".
func (o *order) txnWords(ts []*parser.Transaction) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s on %s", o.money(t.Amount.Abs()), t.Date)
	}
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
