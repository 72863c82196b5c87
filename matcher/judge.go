package matcher

import (
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// The sentences that take no argument are made once and shared by every
// order that says them, rather than made again for each of thousands of
// orders: a message is never changed once made.
var (
	adviceDisputeTied    = msg.Msgf("call the card issuer and dispute the charges: name every order listed here")
	adviceAddCardAmount  = msg.Msgf("add card_amount to the order's row of disputes.csv: what the card was billed, as on the card statement or Amazon's order details")
	adviceNothingMissing = msg.Msgf("nothing is missing now")
	adviceNothingMore    = msg.Msgf("nothing more to do")
	adviceAwaitWord      = msg.Msgf("no confirmation from Amazon yet: keep checking new statements, and add Amazon's confirmation when it comes, to know until when to watch")
	adviceAskAgain       = msg.Msgf("ask Amazon again, or dispute the charge with the card issuer")
	adviceAddWord        = msg.Msgf("Amazon has not confirmed a refund or cancellation yet: add it to the confirmations when it does")
	sayNoCreditSince     = msg.Msgf("no credit since")
	adviceDisputeCharge  = msg.Msgf("call the card issuer and dispute the charge")
	adviceCallAmazon     = msg.Msgf("call Amazon, then the card issuer")
)

// TxnList is a list of statement rows inside a reason, printed in English as
// "12,800 JPY on 2026-03-04 and 4,800 JPY on 2026-03-06", or, for rows billed
// in another currency than the order's, "12.34 USD (billed as 2,000) on 2026-03-04".
//
// A reason holds its lists as they are, in the sentence's arguments: nearly
// every list is of rows billed in Currency, and holds only the rows and the
// currency (48 bytes where each list of a refunded order's reason was 96).
type TxnList struct {
	Txns     []*parser.Transaction
	Currency string
	// Exchanged says what rows billed in another currency come to in
	// Currency; nil when every row was billed in Currency.
	Exchanged *Exchanged
}

// Exchanged is what the rows of a TxnList billed in another currency come
// to: Values are the rows' amounts in the list's currency, and Foreign tells
// the rows billed in another.
type Exchanged struct {
	Values  []decimal.Decimal
	Foreign []bool
}

// Item returns row i's amount in the list's currency and, for a row billed
// in another currency, what was billed.
func (l TxnList) Item(i int) (amount, billed money.Money, foreign bool) {
	t := l.Txns[i]
	amount = money.Money{Amount: t.Amount.Abs(), Currency: l.Currency}
	if x := l.Exchanged; x != nil {
		amount.Amount = x.Values[i]
		if x.Foreign[i] {
			return amount, money.Money{Amount: t.Amount.Abs(), Currency: t.Currency}, true
		}
	}
	return amount, money.Money{}, false
}

func (l TxnList) String() string {
	b, _ := l.AppendText(nil)
	return string(b)
}

// AppendText appends the list as String says it ("12.99 USD on 2026-03-02,
// … and …"), so that a reason is written without a string for each list.
func (l TxnList) AppendText(b []byte) ([]byte, error) {
	if len(l.Txns) == 0 {
		return append(b, "nothing"...), nil
	}
	for i, t := range l.Txns {
		switch {
		case i == 0:
		case i == len(l.Txns)-1:
			b = append(b, " and "...)
		default:
			b = append(b, ", "...)
		}
		if l.Exchanged == nil {
			// What Item gives, written from a Value: without the
			// decimal of its absolute amount made for a credit.
			b = money.AppendMoney(b, money.FromDecimal(t.Amount).Abs(), l.Currency)
		} else {
			amount, billed, foreign := l.Item(i)
			b, _ = amount.AppendText(b)
			if foreign {
				b, _ = billed.AppendText(append(b, " (billed as "...))
				b = append(b, ')')
			}
		}
		b, _ = txnDay(t).AppendText(append(b, " on "...))
	}
	return b, nil
}

// IDList is a list of order ids inside a reason; More says that there are
// more than the ones named.
type IDList struct {
	IDs  []string
	More bool
}

func (l IDList) String() string {
	s := strings.Join(l.IDs, ", ")
	if l.More {
		s += " and others"
	}
	return s
}

// judge gives order o its verdict, totals and reason, following the table of
// the specification (§4).
func judge(o *order, j *judging) {
	r := o.res
	o.advice = o.adviceRoom[:0]
	if r.Tied != nil {
		sortTxns(r.Tied.Candidates)
	}
	r.Coverage = coverageFor(o, j.covs)
	o.total()
	switch {
	case o.ambiguous:
		o.judgeAmbiguous()
	case len(r.Charges) == 0 && o.billedInOtherCurrency(r.Coverage):
		o.judgeOtherCurrency()
	case len(r.Charges) == 0:
		o.judgeNoCharge(j)
	case r.Outstanding.Sign() <= 0:
		o.judgeRefunded()
	default:
		judgeOutstanding(o, j.opts)
	}
	o.sayNotes()
	if r.Severity() == OK {
		o.adviseOK()
	}
	r.Reason = append(r.Reason, o.advice...)
}

// total works out the currency of an order's totals, what was charged,
// credited and is still out.
func (o *order) total() {
	r := o.res
	if o.cardAmount && o.res.Dispute.CardCurrency == "" {
		r.Currency = o.cardCurrency()
	}
	r.Charged = o.sum(r.Charges)
	r.Credited = o.sum(r.Credits)
	r.Outstanding = r.Charged
	if len(r.Credits) > 0 {
		r.Outstanding = r.Charged.Sub(r.Credited)
	}
}

// judgeAmbiguous: the order's charges or credits could be another order's.
func (o *order) judgeAmbiguous() {
	r := o.res
	r.Verdict = Ambiguous
	if len(r.Charges) > 0 {
		o.say(msg.Msgf("charged %s", o.list(r.Charges)))
	}
	if len(r.Credits) > 0 {
		o.say(msg.Msgf("credited %s", o.list(r.Credits)))
	}
	for _, m := range o.ambiguityReasons() {
		o.advise(m)
	}
	switch {
	case r.Ties().TieAlert && o.rd().knot == knotOfChargesAndCredits:
		r.Grounds = TieOfChargesAndCredits
		o.say(msg.Msgf("%s is missing whichever order each charge and credit listed belongs to", o.money(r.Tied.TieOutstanding)))
		o.advise(adviceDisputeTied)
	case r.Ties().TieAlert && o.rd().knot == knotOfCharges:
		r.Grounds = TieAcrossOrders
		o.say(msg.Msgf("%s is missing whichever order the charges belong to", o.money(r.Tied.TieOutstanding)))
		o.advise(adviceDisputeTied)
	case r.Ties().TieAlert && len(o.rd().splitSets) > 1:
		r.Grounds = TieAcrossSets
		o.say(msg.Msgf("%s is missing whichever set of charges is this order's", o.money(r.Tied.TieOutstanding)))
		o.advise(adviceDisputeTied)
	case r.Ties().TieAlert && len(o.rd().creditTie) > 0:
		r.Grounds = CreditTieAcrossOrders
		o.say(msg.Msgf("%s is missing whichever order the credit refunds", o.money(r.Tied.TieOutstanding)))
		o.advise(adviceDisputeTied)
	case r.Ties().TieAlert:
		r.Grounds = TieAcrossOrders
		o.say(msg.Msgf("%s is missing whichever order the charges belong to", o.money(r.Tied.TieOutstanding)))
		o.advise(adviceDisputeTied)
	}
}

// judgeOtherCurrency: no charge found, and the statements of the card are
// in another currency than the order's. A purchase in another currency is billed in
// the card's: without card_amount no row can be told to be it (SPEC §4).
func (o *order) judgeOtherCurrency() {
	r := o.res
	r.Verdict = NotCovered
	o.say(msg.Msgf("no charge of %s found, but the statements of this card are in %s: an order in another currency is billed in the card's", o.money(o.a), r.Coverage.Currency))
	o.advise(adviceAddCardAmount)
}

// judgeNoCharge: no charge found; not charged if the statements cover the
// order's window, else not covered.
func (o *order) judgeNoCharge(j *judging) {
	r := o.res
	cov := *r.Coverage
	from, to := o.d.AddDays(-daysBeforeOrder), o.d.AddDays(daysAfterOrder)
	// Charges are looked for from D−3, for an order date a day or two
	// off; but Amazon bills no order before it is placed, so statements
	// that start by D show that none came.
	if cov.Covers(o.d, to) {
		r.Verdict = NotCharged
		o.say(msg.Msgf("no charge of %s between %s and %s", o.money(o.a), civil.Max(from, cov.From), to))
		return
	}
	r.Verdict = NotCovered
	o.say(j.noChargeFound(cov))
	for _, gap := range missingDays(cov, o.d, to) {
		if gap[0] == gap[1] {
			o.advise(msg.Msgf("add the statements of %s", gap[0]))
		} else {
			o.advise(msg.Msgf("add the statements from %s to %s", gap[0], gap[1]))
		}
	}
}

// judgeRefunded: all that was charged was credited.
func (o *order) judgeRefunded() {
	r := o.res
	r.Verdict = Refunded
	o.say(msg.Msgf("charged %s, credited %s", o.list(r.Charges), o.list(r.Credits)))
	if r.Outstanding.Sign() < 0 {
		o.say(msg.Msgf("%s more was credited than charged", o.money(r.Outstanding.Neg())))
	}
	o.sayExchange()
	o.sayBilledAfterWord()
}

// sayNotes adds what every verdict is followed by: the orders it is
// interchangeable with, how its credits were shared out, and its shipments.
func (o *order) sayNotes() {
	r := o.res
	if ids := r.Ties().InterchangeableWith; len(ids) > 0 {
		o.say(msg.Msgf("interchangeable with %s: whichever of these orders each charge belongs to, the verdicts are the same, so charges are counted in order of order date, then order id", IDList{IDs: ids}))
	}
	for _, m := range o.rd().creditNotes {
		o.say(m)
	}
	if o.byShipment {
		o.say(msg.Msgf("matched shipment by shipment: %d of %d shipments charged", o.shipsCharged, len(r.Dispute.Shipments)))
	}
}

// adviseOK says, for an order found ok, what is left to do: nothing once
// the watch is over; else to keep checking until its end, or, without
// Amazon's confirmation, until one comes.
func (o *order) adviseOK() {
	r := o.res
	if r.Verdict == Refunded {
		o.advise(adviceNothingMissing)
	}
	switch {
	case r.WatchUntil.Valid() && r.Coverage.Covers(o.coverFrom(), r.WatchUntil):
		r.Closed = true
		o.advise(msg.Msgf("closed: the statements reach %s, the end of the watch", r.WatchUntil))
		o.advise(adviceNothingMore)
	case r.WatchUntil.Valid():
		o.advise(msg.Msgf("keep checking until %s", r.WatchUntil))
	default:
		o.advise(adviceAwaitWord)
	}
}

// sayBilledAfterWord says, of a settled order, which of its charges were
// billed after Amazon said it was handled: they were credited, but are what
// this tool watches for.
func (o *order) sayBilledAfterWord() {
	r := o.res
	var after, afterCancel []*parser.Transaction
	for _, t := range r.Charges {
		switch {
		case o.cancelAt.Valid() && txnDay(t).After(o.cancelAt):
			afterCancel = append(afterCancel, t)
		case o.h.Valid() && txnDay(t).After(o.h):
			after = append(after, t)
		}
	}
	if len(afterCancel) > 0 {
		o.say(msg.Msgf("%s was billed after Amazon confirmed the cancellation on %s, and has been credited since", o.list(afterCancel), o.cancelAt))
	}
	if len(after) > 0 {
		o.say(msg.Msgf("%s was billed after Amazon confirmed the refund on %s, and has been credited since", o.list(after), o.h))
	}
}

// say adds a sentence of what was found; advise one of what to do, which
// comes after all that was found.
func (o *order) say(m *msg.Message)    { o.res.Reason = append(o.res.Reason, m) }
func (o *order) advise(m *msg.Message) { o.advice = append(o.advice, m) }

// judgeOutstanding decides between still-charged, partially-refunded and
// awaiting-refund for an order with money still out.
func judgeOutstanding(o *order, opts Options) {
	r := o.res
	f := outstandingFacts(o, opts)
	r.Verdict = f.verdict(o)
	_, r.ChargedAfter = o.splitAtWord()
	if g, ok := f.grounds(r.Verdict); ok {
		r.Grounds = g
	}
	switch {
	case r.Verdict == Unanswered:
		o.sayUnanswered(f, opts)
	case r.Verdict == AwaitingRefund && !o.h.Valid():
		o.sayAwaitingWord()
	case r.Verdict == AwaitingRefund:
		o.sayAwaitingCredit(f, opts)
	case f.lastAfter.Valid():
		o.sayChargedAfterWord(f)
	default:
		o.sayCreditOverdue(f, opts)
	}
}

// outstanding holds the dates an order with money still out is judged by.
type outstanding struct {
	lastAfter          civil.Date  // the last charge after Amazon's word, if any
	due                civil.Date  // Amazon's word plus the grace days, if it spoke
	overdue            bool        // the statements reach past due
	chargedAfterCancel bool        // a charge came after the cancellation
	asked              civil.Date  // when the user asked Amazon (else the order date)
	unansweredBy       civil.Date  // asked plus the grace days
	kind               parser.Kind // the kind of Amazon's confirmation, if any
}

func outstandingFacts(o *order, opts Options) outstanding {
	r := o.res
	var f outstanding
	if o.h.Valid() {
		for _, t := range r.Charges {
			if txnDay(t).After(o.h) {
				f.lastAfter = txnDay(t)
			}
		}
		f.due = o.h.AddDays(opts.Grace)
	}
	f.overdue = f.due.Valid() && r.Coverage.Covers(o.coverFrom(), f.due)
	f.chargedAfterCancel = o.cancelAt.Valid() && f.lastAfter.Valid() && f.lastAfter.After(o.cancelAt)
	f.asked = r.Dispute.ReportedOn
	if !f.asked.Valid() {
		f.asked = o.d
	}
	f.unansweredBy = f.asked.AddDays(opts.Grace)
	if c := r.Confirmation; c != nil {
		f.kind = c.Kind
	}
	return f
}

// verdict reads the rows of the verdict table for money still out, top
// down: no word from Amazon in time; charged after its word, or overdue,
// with nothing credited; some credited; else awaiting the refund.
func (f outstanding) verdict(o *order) Verdict {
	r := o.res
	switch {
	case !o.h.Valid() && r.Coverage.Covers(o.coverFrom(), f.unansweredBy):
		return Unanswered
	case f.chargedAfterCancel || (f.lastAfter.Valid() || f.overdue) && (!r.Outstanding.LessThan(o.a) || r.Credited.Sign() == 0):
		// Nothing credited is still-charged whatever was charged: an order
		// charged for some of its shipments only has less than its amount
		// out, none of it given back.
		return StillCharged
	case f.lastAfter.Valid() || f.overdue:
		return PartiallyRefunded
	default:
		return AwaitingRefund
	}
}

// grounds names why an order is still charged or partially refunded; ok is
// false for the other verdicts, which leave the grounds as they were.
func (f outstanding) grounds(v Verdict) (g Grounds, ok bool) {
	switch {
	case v == PartiallyRefunded:
		return PartCredited, true
	case v != StillCharged:
		return NoGrounds, false
	case f.chargedAfterCancel:
		return BilledAfterCancel, true
	case f.lastAfter.Valid():
		return BilledAfterWord, true
	default:
		return CreditOverdue, true
	}
}

// sayUnanswered: Amazon never answered, and the statements reach past the
// grace days after the user asked.
func (o *order) sayUnanswered(f outstanding, opts Options) {
	r := o.res
	o.say(msg.Msgf("charged %s", o.list(r.Charges)))
	o.sayPartCredited()
	o.say(msg.Msgf("no word from Amazon of a refund or cancellation by %s (%d days after %s), and the statements reach %s", f.unansweredBy, opts.Grace, f.asked, r.Coverage.To))
	o.advise(adviceAskAgain)
}

// sayAwaitingWord: Amazon has not answered yet, and it is not late.
func (o *order) sayAwaitingWord() {
	o.say(msg.Msgf("charged %s", o.list(o.res.Charges)))
	o.sayPartCredited()
	o.advise(adviceAddWord)
}

// sayAwaitingCredit: Amazon confirmed, and its credit is not due yet (or
// the statements do not reach the day it is due).
func (o *order) sayAwaitingCredit(f outstanding, opts Options) {
	r := o.res
	o.say(msg.Msgf("charged %s", o.list(r.Charges)))
	o.say(msg.Msgf("Amazon confirmed the %s on %s", f.kind, o.h))
	o.sayPartCredited()
	o.say(msg.Msgf("expect a credit by %s", f.due))
	o.advise(msg.Msgf("keep checking until %s", r.WatchUntil))
	if !opts.AsOf.Before(f.due) {
		o.advise(msg.Msgf("the statements reach only %s: add the newer ones", r.Coverage.To))
	}
}

// sayChargedAfterWord: a charge came after Amazon's word.
func (o *order) sayChargedAfterWord(f outstanding) {
	r := o.res
	before, after := o.splitAtWord()
	if len(before) == 0 {
		o.say(msg.Msgf("charged %s, after Amazon confirmed the %s on %s", o.list(after), f.kind, o.h))
	} else {
		o.say(msg.Msgf("charged %s before Amazon confirmed the %s on %s, and %s after it", o.list(before), f.kind, o.h, o.list(after)))
	}
	if len(r.Credits) == 0 {
		o.say(sayNoCreditSince)
	} else {
		o.say(msg.Msgf("credited %s", o.list(r.Credits)))
		o.sayExchange()
		o.say(msg.Msgf("%s still missing", o.money(r.Outstanding)))
	}
	o.advise(adviceDisputeCharge)
}

// sayCreditOverdue: Amazon confirmed, and no full credit came within the
// grace days.
func (o *order) sayCreditOverdue(f outstanding, opts Options) {
	r := o.res
	o.say(msg.Msgf("charged %s", o.list(r.Charges)))
	o.say(msg.Msgf("Amazon confirmed the %s on %s", f.kind, o.h))
	if len(r.Credits) == 0 {
		o.say(msg.Msgf("no credit came by %s (%d days later), and the statements reach %s", f.due, opts.Grace, r.Coverage.To))
	} else {
		o.say(msg.Msgf("credited %s", o.list(r.Credits)))
		o.sayExchange()
		o.say(msg.Msgf("%s still missing on %s (%d days later), and the statements reach %s", o.money(r.Outstanding), f.due, opts.Grace, r.Coverage.To))
	}
	o.advise(adviceCallAmazon)
}

// cardCurrency is the currency of a card_amount written without one: that
// of the rows it matched, else the account's, else the order's.
func (o *order) cardCurrency() string {
	for _, t := range o.res.Charges {
		if t.Currency != "" && !hasOriginal(t) {
			return t.Currency
		}
	}
	if c := o.res.Coverage.Currency; c != "" {
		return c
	}
	return o.res.Dispute.Currency
}

// billedInOtherCurrency reports whether o is an order in another currency
// than the card's rows, given without card_amount.
func (o *order) billedInOtherCurrency(cov *Coverage) bool {
	cur := o.res.Dispute.Currency
	return !o.cardAmount && cur != "" && cov.Currency != "" && cov.Currency != cur
}

// coverFrom is the first day the statements must show for coverage to
// "reach" a later day for o (SPEC §3.1): its order date, or, once it is
// charged, its first charge's posting day if later: the days before the
// charge can hold no credit of it, and a statement that starts with the
// charge shows all that follows.
func (o *order) coverFrom() civil.Date {
	from := o.d
	for i, t := range o.res.Charges {
		if i == 0 || t.Date.Before(from) {
			from = t.Date
		}
	}
	return civil.Max(o.d, from)
}

// splitAtWord parts o's charges into those dated on or before Amazon's
// first confirmation and those after it. Where all of them fall on one
// side, as the one charge of most orders does, that side is the charges
// themselves (capped, so that appending to it copies), not a copy.
func (o *order) splitAtWord() (before, after []*parser.Transaction) {
	cs := o.res.Charges
	n := 0 // after the word
	for _, t := range cs {
		if o.h.Valid() && txnDay(t).After(o.h) {
			n++
		}
	}
	switch {
	case len(cs) == 0:
		return nil, nil
	case n == 0:
		return cs[:len(cs):len(cs)], nil
	case n == len(cs):
		return nil, cs[:len(cs):len(cs)]
	}
	for _, t := range cs {
		if o.h.Valid() && txnDay(t).After(o.h) {
			after = append(after, t)
		} else {
			before = append(before, t)
		}
	}
	return before, after
}

// sayPartCredited says, of an order still waiting for its money, what came
// back so far.
func (o *order) sayPartCredited() {
	r := o.res
	if len(r.Credits) == 0 {
		return
	}
	o.say(msg.Msgf("credited %s", o.list(r.Credits)))
	o.sayExchange()
	o.say(msg.Msgf("%s still missing", o.money(r.Outstanding)))
}

// ambiguityReasons say why the order is ambiguous: charges that fit it and
// other orders equally well, too many or several sets of split charges, or
// a further billing that more than one charged order could have had.
func (o *order) ambiguityReasons() []*msg.Message {
	r := o.res
	var out []*msg.Message
	rebilled := map[*parser.Transaction]bool{}
	var rebills []*parser.Transaction
	for _, rb := range o.rd().rebills {
		rebilled[rb.t] = true
		rebills = append(rebills, rb.t)
	}
	var cands []*parser.Transaction
	for _, t := range r.Ties().Candidates {
		if !rebilled[t] {
			cands = append(cands, t)
		}
	}
	creditTied := map[*parser.Transaction]bool{}
	for _, t := range o.rd().creditTie {
		creditTied[t] = true
	}
	cands = slices.DeleteFunc(cands, func(t *parser.Transaction) bool { return creditTied[t] })
	// Each credit with the orders of its own tie, not those the order may
	// tie with over its charges or another credit as well.
	for i, t := range o.rd().creditTie {
		one, with := o.list([]*parser.Transaction{t}), IDList{IDs: o.rd().creditWith[i]}
		if o.rd().knot != 0 {
			// Judged with the other ties of its knot: whether this
			// credit's choice alone changes a verdict was not asked.
			out = append(out, msg.Msgf("the credit of %s could refund this order or %s (each charged as near before it): ask Amazon which order it refunds", one, with))
		} else {
			out = append(out, msg.Msgf("the credit of %s could refund this order or %s (each charged as near before it), and which changes the verdicts: ask Amazon which order it refunds", one, with))
		}
	}
	switch {
	case len(cands) == 0 && !o.searchCut:
	case o.rd().ownRival != "" && len(o.rd().alsoClaims) > 0:
		out = append(out, msg.Msgf("%s could belong to this order, to %s or to your own order %s (same amount, at least as near): compare the rows with Amazon's order details", o.list(cands), IDList{IDs: o.rd().alsoClaims}, o.rd().ownRival))
	case o.rd().ownRival != "":
		out = append(out, msg.Msgf("%s could belong to this order or to your own order %s (same amount, at least as near): compare the rows with Amazon's order details", o.list(cands), o.rd().ownRival))
	case len(o.rd().alsoClaims) > 0:
		out = append(out, msg.Msgf("%s could belong to this order or to %s (same amount, equally near): compare the rows with Amazon's order details",
			o.list(cands), IDList{IDs: o.rd().alsoClaims}))
	case o.searchCut:
		out = append(out, msg.Msgf("too many Amazon charges near %s to tell which add up to %s: compare the rows with Amazon's order details", o.d, o.money(o.a)))
	case len(cands) > 0:
		out = append(out, msg.Msgf("more than one set of Amazon charges adds up to %s (%s): compare the rows with Amazon's order details",
			o.money(o.a), o.list(cands)))
	}
	if len(rebills) > 0 {
		out = append(out, msg.Msgf("%s could be a second billing of this order or of %s: compare the rows with Amazon's order details",
			o.list(rebills), o.rebillOthers()))
	}
	return out
}

// missingDays are the spans of days from a to b that coverage c does not
// show: what the person is told to add, and nothing more.
func missingDays(c Coverage, a, b civil.Date) [][2]civil.Date {
	var out [][2]civil.Date
	next := a
	for _, s := range c.Spans {
		if s.To.Before(next) {
			continue
		}
		if s.From.After(b) {
			break
		}
		if s.From.After(next) {
			out = append(out, [2]civil.Date{next, s.From.AddDays(-1)})
		}
		next = s.To.AddDays(1)
	}
	if !next.After(b) {
		out = append(out, [2]civil.Date{next, b})
	}
	return out
}

// reasonRoom is how many sentences most reasons have at most.
const reasonRoom = 6

// judging is what judge needs besides the order: the statements' coverages,
// the options, and the sentences orders share.
type judging struct {
	covs []Coverage
	opts Options
	// noCharge are the sentences of an order without a charge whose days
	// the statements do not cover, one for each account's coverage: most
	// orders of a long incident fall outside the statements given, and so
	// share one.
	noCharge map[string]*msg.Message
}

func newJudging(covs []Coverage, opts Options) *judging {
	j := &judging{covs: covs, opts: opts, noCharge: make(map[string]*msg.Message, len(covs)+1)}
	for _, c := range append([]Coverage{{}}, covs...) {
		j.noCharge[c.Account] = noChargeFound(c)
	}
	return j
}

// noChargeFound says that no charge was found in coverage c, which does not
// reach the order.
func (j *judging) noChargeFound(c Coverage) *msg.Message {
	if len(c.Spans) <= 1 && len(c.Lacking) == 0 {
		if m, ok := j.noCharge[c.Account]; ok && sameSpan(c, j.covs) {
			return m // the map is only read while orders are judged
		}
	}
	return noChargeFound(c)
}

// sameSpan reports whether c is one of covs, as the shared sentences were made of.
func sameSpan(c Coverage, covs []Coverage) bool {
	if c.Account == "" && !c.To.Valid() {
		return true
	}
	for _, x := range covs {
		if x.Account == c.Account {
			return x.From == c.From && x.To == c.To && len(x.Spans) == len(c.Spans)
		}
	}
	return false
}

func noChargeFound(c Coverage) *msg.Message {
	return msg.Msgf("no charge found, but %s", coverageWords(c))
}

func coverageWords(c Coverage) *msg.Message {
	switch {
	case len(c.Lacking) > 0:
		return msg.Msgf("the statements of %s do not cover every day of the order's month", IDList{IDs: c.Lacking})
	case !c.To.Valid() && c.Account != "":
		return msg.Msgf("no statement of %s was given", c.Account)
	case !c.To.Valid():
		return msg.Msgf("no statement was given")
	case len(c.Spans) > 1:
		return msg.Msgf("the statements cover only %s to %s, with days missing between", c.From, c.To)
	}
	return msg.Msgf("the statements cover only %s to %s", c.From, c.To)
}

func (o *order) money(d decimal.Decimal) money.Money {
	return money.Money{Amount: d, Currency: o.res.Currency}
}

// list is rows ts for a reason, each in the order's currency and, where it
// was billed in another, with what was billed.
func (o *order) list(ts []*parser.Transaction) TxnList {
	l := TxnList{Txns: ts, Currency: o.res.Currency}
	for i, t := range ts {
		if !o.billedElsewhere(t) && (!t.IsCredit() || !o.foreign()) {
			continue // counted at what was billed (value), as most rows are
		}
		v, estimated := o.value(t)
		if !o.billedElsewhere(t) && !estimated {
			continue
		}
		x := l.Exchanged
		if x == nil {
			x = &Exchanged{Values: make([]decimal.Decimal, len(ts)), Foreign: make([]bool, len(ts))}
			for j, u := range ts {
				x.Values[j] = u.Amount.Abs()
			}
			l.Exchanged = x
		}
		x.Values[i], x.Foreign[i] = v, true
	}
	return l
}

// sayExchange explains the totals of a foreign purchase: which credits had
// no amount in the order's currency, and, for a settled order, that what the
// statement billed and credited differ only by the exchange rate.
func (o *order) sayExchange() {
	r := o.res
	if !o.foreign() {
		return
	}
	for _, t := range r.Credits {
		if v, estimated := o.value(t); estimated {
			o.say(msg.Msgf("%s was credited without its amount in %s; it counts as %s, at the rate of the charges",
				money.Money{Amount: t.Amount.Abs(), Currency: t.Currency}, r.Dispute.Currency, o.money(v)))
		}
	}
	cur, ok := billedCurrency(append(slices.Clone(r.Charges), r.Credits...))
	if !ok || r.Outstanding.Sign() > 0 || len(r.Credits) == 0 {
		return
	}
	if billed, credited := sumAmounts(r.Charges), sumAmounts(r.Credits); !billed.Equal(credited) {
		o.say(msg.Msgf("on the statement %s was billed and %s credited: the difference comes from the exchange rate",
			money.Money{Amount: billed, Currency: cur}, money.Money{Amount: credited, Currency: cur}))
	}
}
