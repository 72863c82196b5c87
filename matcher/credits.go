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

// followSteps bounds how far back overCredit looks, past rows of other
// accounts, for the charge a credit follows.
const followSteps = 50

// How Amazon credits are shared out (SPEC §4, "Credits"). Each credit serves
// one order. The rules are passes over all credits, each in date order then
// file:line, each a function below:
//
//  1. attributedCredit: a credit that Amazon's refund export says is an
//     order's, to that order;
//  2. exactCredit: a credit equal to one of an order's charges or to its
//     amount, to the order, among those that still have that much out,
//     charged nearest before it;
//  3. ownCredit: a credit equal to a charge of one of the person's own
//     orders (its total or a shipment) dated on or before it, to that own
//     order;
//  4. smallerCredit: a credit to the order that still has that much out and
//     was charged nearest before it (ties: order date, then order id, said
//     in the reason);
//  5. overCredit: a credit larger than what any order still has out, to the
//     order whose charge it follows: an over-credit.
//
// "Charged before it" includes the same day and is measured from the
// order's latest charge dated on or before the credit. A credit no rule
// gives to an order is left in crediting.free, to be listed.

// crediting shares the Amazon credits out among orders.
type crediting struct {
	charges  *chargeList                  // every Amazon charge, in date order
	credits  []*parser.Transaction        // every Amazon credit, in date order
	ownTaken map[*parser.Transaction]bool // the charges of the person's own orders
	// ownIdx lists the charges of ownTaken by amount key, in date order
	// (ownIndex); ownUsed are those that took a credit (rule 3 gives each
	// one credit, over all the passes' runs).
	ownIdx  map[amountKey][]*parser.Transaction
	ownUsed map[*parser.Transaction]bool
	// parent is, for the crediting of one way of reading a knot, the
	// crediting of the report: its own charges' index, and those used.
	parent  *crediting
	taken   map[*parser.Transaction]bool
	ownTook map[*parser.Transaction]bool
	round   int      // counts the looks back, to tell the orders one has met (order.creditRound)
	found   []*order // room for what a look back finds, used again by the next
	// firsts holds the first credit of each order given one (give).
	firsts []*parser.Transaction
	// j judges orders under each choice of a credit that several fit equally.
	j *judging
	// attributed are the refund-export confirmations whose credit was looked for.
	attributed map[*parser.Confirmation]bool
	// forced are, where the credits are shared out again under one way of
	// reading a knot (knot.reshare), the order each of the knot's credits
	// goes to where it fits several equally that way; chose records where
	// one went so. broken is set where the order forced is not among those
	// it fits: another way covers those. retied is set where a credit fits
	// several orders equally that the knot does not choose among.
	forced map[*parser.Transaction]forcedCredit
	chose  map[*parser.Transaction][]*order // the order first, then the others the credit fitted
	broken bool
	// retied are the credits, other than those forced, that fit several
	// orders equally in that way, each with those orders.
	retied []*creditChoice
}

// forcedCredit is the order a credit of a knot goes to in one way of
// reading it, among the orders the knot chooses from for it.
type forcedCredit struct {
	to    *order
	among []*order
}

func newCrediting(charges *chargeList, credits []*parser.Transaction, own map[*parser.Transaction]bool) *crediting {
	return &crediting{charges: charges, credits: credits, ownTaken: own,
		taken: make(map[*parser.Transaction]bool, len(credits)), ownTook: map[*parser.Transaction]bool{}, ownUsed: map[*parser.Transaction]bool{},
		attributed: map[*parser.Confirmation]bool{}}
}

// assignCredits runs the five rules for orders: the credits given before
// to other orders stay theirs.
func (c *crediting) assignCredits(orders []*order) {
	for _, o := range orders {
		o.owed = o.owedNow()
	}
	c.attributedCredits(orders)
	var charged []*order
	for _, o := range orders {
		if len(o.res.Charges) > 0 {
			charged = append(charged, o)
		}
	}
	if len(charged) > 0 {
		c.exactCredits(charged)
	}
	c.ownCredits()
	if len(charged) > 0 {
		over := c.smallerCredits(charged)
		c.overCredits(charged, over)
	}
	for _, o := range orders {
		sortTxns(o.res.Credits)
	}
}

func (c *crediting) give(o *order, t *parser.Transaction) {
	if len(o.res.Credits) == 0 {
		// Most orders get one credit: it is held in one slice for all, each
		// order given room for its one only, so that a second moves the
		// order's list out rather than write over the next order's.
		if c.firsts == nil {
			c.firsts = make([]*parser.Transaction, 0, len(c.credits))
		}
		c.firsts = append(c.firsts, t)
		n := len(c.firsts)
		o.res.Credits = c.firsts[n-1 : n : n]
	} else {
		o.res.Credits = append(o.res.Credits, t)
	}
	c.taken[t] = true
	o.owed = o.owed.Sub(o.amountValue(t))
}

// creditValue is what credit t, whose absolute amount is abs, counts for
// in o's currency: abs itself unless o is a foreign purchase.
func (o *order) creditValue(t *parser.Transaction, abs money.Value) money.Value {
	if o.billedElsewhere(t) || o.foreign() {
		return o.amountValue(t)
	}
	return abs
}

// free are the credits no order took, in date order.
func (c *crediting) free() []*parser.Transaction {
	var out []*parser.Transaction
	for _, t := range c.credits {
		if !c.taken[t] && !c.ownTook[t] {
			out = append(out, t)
		}
	}
	return out
}

// owed is what order o still has out: charged less credited, in its currency.
func (o *order) owedNow() money.Value {
	if len(o.res.Credits) == 0 { // most orders, before credits are given out: nothing to take off
		return money.FromDecimal(o.sum(o.res.Charges))
	}
	return money.FromDecimal(o.sum(o.res.Charges).Sub(o.sum(o.res.Credits)))
}

// attributedCredits is rule 1: where Amazon's refund export says an amount
// was refunded for an order on a day, the first credit of that amount on or
// after that day is the order's, whether or not its charge was found.
func (c *crediting) attributedCredits(orders []*order) {
	if !slices.ContainsFunc(orders, func(o *order) bool {
		return o.attributes && slices.ContainsFunc(o.res.Confirmations, func(conf *parser.Confirmation) bool { return conf.Attributes && !c.attributed[conf] })
	}) {
		return // most reports: no refund export names an order's credit
	}
	byAmount := map[amountKey][]*parser.Transaction{}
	for _, t := range c.credits {
		k := keyOf(t.Amount)
		byAmount[k] = append(byAmount[k], t)
	}
	for _, o := range orders {
		for _, conf := range o.res.Confirmations {
			if !conf.Attributes || conf.Amount.Sign() <= 0 || c.attributed[conf] {
				continue
			}
			c.attributed[conf] = true
			for _, t := range byAmount[keyOf(conf.Amount)] {
				if !c.taken[t] && !txnDay(t).Before(conf.ConfirmedOn) && o.fits(t) {
					c.give(o, t)
					break
				}
			}
		}
	}
}

// chargeMark is one charge of an order, for a credit to look back from.
type chargeMark struct {
	date civil.Date
	o    *order
}

// markList is the charges of some orders in date order, for credits to
// look back through. Marks of orders with nothing left out are skipped,
// and stay skipped (credits only lower what is out): prev links each mark
// to the nearest earlier one that may still be live, so that a credit does
// not walk again past the orders settled before it.
type markList struct {
	marks []chargeMark
	prev  []int32
}

// marks lists the charges of orders in date order.
func marks(orders []*order) *markList {
	n := chargeCount(orders)
	l := &markList{}
	l.fill(orders, make([]chargeMark, n), make([]int32, n))
	return l
}

// chargeCount counts the charges of orders.
func chargeCount(orders []*order) int {
	n := 0
	for _, o := range orders {
		n += len(o.res.Charges)
	}
	return n
}

// fill lists the charges of orders in l in date order, in the room at the
// start of marks and prev, as much as there are charges and no more (so
// that the lists of many amounts can be cut from one slice, none growing
// into the next), and returns the room left.
func (l *markList) fill(orders []*order, marks []chargeMark, prev []int32) ([]chargeMark, []int32) {
	n := chargeCount(orders)
	l.marks, marks = marks[:0:n], marks[n:]
	for _, o := range orders {
		for _, t := range o.res.Charges {
			l.marks = append(l.marks, chargeMark{txnDay(t), o})
		}
	}
	// In date order, those of one day as they came: counted under each
	// day where the days allow (dayOrder), as a stable sort leaves them.
	if order, ok := dayOrder(len(l.marks), func(i int) civil.Date { return l.marks[i].date }); ok {
		came := slices.Clone(l.marks)
		for k, i := range order {
			l.marks[k] = came[i]
		}
	} else {
		slices.SortStableFunc(l.marks, func(x, y chargeMark) int { return x.date.Sub(y.date) })
	}
	l.prev, prev = prev[:n:n], prev[n:]
	for i := range l.prev {
		l.prev[i] = int32(i)
	}
	return marks, prev
}

// live returns the index of the nearest mark at or before i whose order
// still has something out, or −1.
func (l *markList) live(i int) int {
	j := i
	for j >= 0 {
		if p := int(l.prev[j]); p != j {
			j = p
			continue
		}
		if l.marks[j].o.owed.Sign() > 0 {
			break
		}
		l.prev[j] = int32(j - 1) // settled: skipped from now on
		j--
	}
	for i > j { // shorten the path for the next look back
		p := int(l.prev[i])
		l.prev[i] = int32(j)
		i = p
	}
	return j
}

// nearestBefore looks back from credit t's day through list for the orders
// that take is true of, and returns those whose latest charge on or before
// the credit is nearest, by order date then order id. The first mark of an
// order met is its latest charge before the credit.
func (c *crediting) nearestBefore(list *markList, t *parser.Transaction, take func(*order) bool) []*order {
	if list == nil {
		return nil
	}
	c.round++
	i, _ := slices.BinarySearchFunc(list.marks, txnDay(t).AddDays(1), func(m chargeMark, d civil.Date) int { return m.date.Sub(d) })
	found := c.found[:0]
	defer func() { c.found = found[:0] }()
	day := civil.Date{}
	for i = list.live(i - 1); i >= 0; i = list.live(i - 1) {
		m := list.marks[i]
		if day.Valid() && m.date != day {
			break
		}
		if m.o.creditRound == c.round {
			continue
		}
		m.o.creditRound = c.round
		if take(m.o) {
			found = append(found, m.o)
			day = m.date
		}
	}
	slices.SortStableFunc(found, byOrderDateAndID)
	return found
}

// exactCredits is rule 2.
func (c *crediting) exactCredits(charged []*order) {
	lists := exactMarks(charged)
	for _, t := range c.credits {
		if c.taken[t] {
			continue
		}
		// best is a copy of what nearestBefore found (it reuses its
		// room), made in bestRoom when one order was found, as most often:
		// giveChosen keeps no fit it is given.
		var bestRoom [1]*order
		var best []*order
		abs := money.FromDecimal(t.Amount).Abs()
		for _, key := range amountKeys(t) {
			if key == 0 {
				continue
			}
			found := c.nearestBefore(lists.of(key), t, func(o *order) bool {
				return o.fits(t) && o.creditIsExact(t) && o.owed.Cmp(o.creditValue(t, abs)) >= 0
			})
			if len(found) > 0 && (best == nil || latestChargeBy(found[0], t).After(latestChargeBy(best[0], t))) {
				best = append(bestRoom[:0], found...)
			}
		}
		if len(best) > 0 {
			c.giveChosen(t, best)
		}
	}
}

// amountMarks are the mark lists of exactCredits, one for each amount key.
type amountMarks struct {
	num   map[amountKey]int32 // a key's number, from 1
	lists []markList          // lists[n-1] is the list of the key numbered n
}

// of returns key's list, nil for none.
func (a *amountMarks) of(key amountKey) *markList {
	if n := a.num[key]; n > 0 {
		return &a.lists[n-1]
	}
	return nil
}

// exactMarks lists, under each amount key of a charged order (its amount's
// and each of its charges'), the charges of the orders with that key, in
// date order: the charges a credit of that amount looks back through. The
// marks of all keys are made in one slice and sorted once, by key and
// date, then cut into the lists: a list of its own for each key, grown
// order by order, was an allocation for each of tens of thousands.
func exactMarks(charged []*order) *amountMarks {
	a := &amountMarks{num: make(map[amountKey]int32, len(charged))}
	type keyedMark struct {
		num int32
		m   chargeMark
	}
	marks := make([]keyedMark, 0, chargeCount(charged))
	var room [4]int32 // most orders have a charge or two: their keys stay on the stack
	for _, o := range charged {
		nums := append(room[:0], a.number(o.key))
		for _, t := range o.res.Charges {
			if !t.Amount.Equal(o.a) { // else the order's own key, which is there
				if n := a.number(keyOf(t.Amount)); !slices.Contains(nums, n) {
					nums = append(nums, n)
				}
			}
		}
		for _, n := range nums {
			for _, t := range o.res.Charges {
				marks = append(marks, keyedMark{n, chargeMark{txnDay(t), o}})
			}
		}
	}
	// By key, then date; marks of one key and date stay in the order of
	// the orders, then of their charges.
	slices.SortStableFunc(marks, func(x, y keyedMark) int {
		if x.num != y.num {
			return int(x.num - y.num)
		}
		return x.m.date.Sub(y.m.date)
	})
	all, prev := make([]chargeMark, len(marks)), make([]int32, len(marks))
	a.lists = make([]markList, len(a.num))
	for i := 0; i < len(marks); {
		j := i
		for ; j < len(marks) && marks[j].num == marks[i].num; j++ {
			all[j], prev[j] = marks[j].m, int32(j-i)
		}
		a.lists[marks[i].num-1] = markList{marks: all[i:j:j], prev: prev[i:j:j]}
		i = j
	}
	return a
}

// number returns key's number, giving it the next when new.
func (a *amountMarks) number(key amountKey) int32 {
	n, ok := a.num[key]
	if !ok {
		n = int32(len(a.num) + 1)
		a.num[key] = n
	}
	return n
}

// giveChosen gives credit t to the first of the orders that fit a rule
// equally (by order date, then order id), saying so, where the choice
// changes no verdict; where it does, the orders are ambiguous, with the
// credit as a candidate of each, at alert where every choice leaves one of
// them at alert (SPEC §4). Where one of the orders stands in a tie already
// (its charges or another credit could be another order's), the credit is
// tied with them unjudged: judged alone, it would take the other tie for
// settled, so the two are judged together (judgeKnots).
func (c *crediting) giveChosen(t *parser.Transaction, fit []*order) {
	if f, ok := c.forced[t]; ok && len(fit) > 1 && !slices.ContainsFunc(fit, func(o *order) bool { return !slices.Contains(f.among, o) }) {
		if slices.Contains(fit, f.to) {
			c.give(f.to, t)
			c.chose[t] = append([]*order{f.to}, slices.DeleteFunc(slices.Clone(fit), func(o *order) bool { return o == f.to })...)
		} else {
			c.broken, c.taken[t] = true, true
		}
		return
	}
	if c.forced != nil && len(fit) > 1 {
		// A tie the knot does not choose in yet: it is to be chosen in.
		c.retied = append(c.retied, &creditChoice{t: t, orders: slices.Clone(fit)})
	}
	if len(fit) == 1 {
		c.give(fit[0], t)
		return
	}
	if c.j != nil && len(fit) <= tieMaxOrders {
		if slices.ContainsFunc(fit, func(o *order) bool { return o.ambiguous }) {
			c.tieCredit(t, fit, false, decimal.Zero)
			return
		}
		if same, allAlert, missing := c.judgeCreditChoices(t, fit); !same {
			c.tieCredit(t, fit, allAlert, missing)
			return
		}
	}
	c.give(fit[0], t)
	fit[0].sayCreditChoice(t, fit[1:])
}

// judgeCreditChoices judges the orders under each choice of the order
// that credit t refunds, as judgeRebillChoices does for a rebill.
func (c *crediting) judgeCreditChoices(t *parser.Transaction, fit []*order) (same, allAlert bool, missing decimal.Decimal) {
	return judgeChoices(fit, func(i, k int) *OrderResult {
		o := fit[k]
		credits := o.res.Credits
		if k == i {
			credits = append(slices.Clone(credits), t)
		}
		return o.judgedWith(o.res.Charges, credits, c.j)
	})
}

// tieCredit leaves credit t tied among the orders of fit: each ambiguous,
// with t as a candidate, naming the others, and at alert, with what is
// missing across them, where allAlert.
func (c *crediting) tieCredit(t *parser.Transaction, fit []*order, allAlert bool, missing decimal.Decimal) {
	ids := make([]string, len(fit))
	for i, o := range fit {
		ids[i] = o.res.Dispute.OrderID
	}
	for _, o := range fit {
		o.ambiguous = true
		r := o.more()
		with := others(ids, o.res.Dispute.OrderID)
		r.creditTie, r.creditWith = append(r.creditTie, t), append(r.creditWith, with)
		tied := o.res.tied()
		tied.Candidates = append(tied.Candidates, t)
		for _, id := range with {
			if !slices.Contains(tied.TiedWith, id) {
				tied.TiedWith = append(tied.TiedWith, id)
			}
		}
		if allAlert {
			tied.TieAlert, tied.TieOutstanding, tied.TieOrders = true, missing, others(ids, o.res.Dispute.OrderID)
		}
	}
	fit[0].res.tied().HasTieOutstanding = fit[0].res.tied().HasTieOutstanding || allAlert
	c.taken[t] = true
}

// latestChargeBy is the day of o's latest charge on or before credit t.
func latestChargeBy(o *order, t *parser.Transaction) civil.Date {
	d := civil.Date{}
	for _, c := range o.res.Charges {
		if !txnDay(c).After(txnDay(t)) {
			d = txnDay(c)
		}
	}
	return d
}

// sayCreditChoice records, on the order that was given credit t where other
// orders fitted it as well, which they were and why this one took it.
func (o *order) sayCreditChoice(t *parser.Transaction, also []*order) {
	if len(also) == 0 {
		return
	}
	ids := make([]string, len(also))
	for i, x := range also {
		ids[i] = x.res.Dispute.OrderID
	}
	r := o.more()
	r.creditNotes = append(r.creditNotes, msg.Msgf("the credit of %s fits %s as well: it was counted for this order, the first by order date, then order id",
		o.list([]*parser.Transaction{t}), IDList{IDs: ids}))
}

// ownCredits is rule 3: a credit equal to one of the person's own orders'
// charges (its total or a shipment, as ownCharges found it), dated on or
// after that charge, is that own order's; each own charge takes one credit.
func (c *crediting) ownCredits() {
	idx := c.ownIndex()
	if len(idx) == 0 {
		return
	}
	for _, t := range c.credits {
		if c.taken[t] || c.ownTook[t] {
			continue
		}
		for _, ch := range idx[keyOf(t.Amount)] {
			if !c.ownSpent(ch) && !txnDay(ch).After(txnDay(t)) && (ch.Currency == t.Currency || ch.Currency == "" || t.Currency == "") {
				c.ownTook[t] = true
				c.ownUsed[ch] = true
				break
			}
		}
	}
}

// ownIndex lists the person's own charges by amount key, in date order,
// made once for the report.
func (c *crediting) ownIndex() map[amountKey][]*parser.Transaction {
	if c.parent != nil {
		return c.parent.ownIndex()
	}
	if c.ownIdx == nil && len(c.ownTaken) > 0 {
		c.ownIdx = map[amountKey][]*parser.Transaction{}
		for t := range c.ownTaken {
			k := keyOf(t.Amount)
			c.ownIdx[k] = append(c.ownIdx[k], t)
		}
		for _, list := range c.ownIdx {
			slices.SortStableFunc(list, func(x, y *parser.Transaction) int {
				if d := txnDay(x).Sub(txnDay(y)); d != 0 {
					return d
				}
				return cmpPlace(x, y)
			})
		}
	}
	return c.ownIdx
}

// ownSpent reports whether own charge ch took a credit already.
func (c *crediting) ownSpent(ch *parser.Transaction) bool {
	return c.ownUsed[ch] || c.parent != nil && c.parent.ownSpent(ch)
}

// smallerCredits is rule 4; it returns the credits larger than what any
// order still has out, for rule 5.
//
// A credit larger than what any order has out is taken by none, and is
// not looked back with (mostOwed): looking back, it passed every order
// still owed to the first charge, so that a statement with many credits
// no disputed order explains, read with many orders still owed, took
// time that grew with the credits times the orders.
func (c *crediting) smallerCredits(charged []*order) []*parser.Transaction {
	list := marks(charged)
	most, bounded := mostOwed(charged)
	var over []*parser.Transaction
	for _, t := range c.credits {
		if c.taken[t] || c.ownTook[t] {
			continue
		}
		abs := money.FromDecimal(t.Amount).Abs()
		if bounded && boundSmallerCredits && t.OrigAmount.IsZero() && abs.Cmp(most) > 0 {
			over = append(over, t)
			continue
		}
		found := c.nearestBefore(list, t, func(o *order) bool {
			return o.fits(t) && o.owed.Cmp(o.creditValue(t, abs)) >= 0
		})
		if len(found) == 0 {
			over = append(over, t)
			continue
		}
		c.giveChosen(t, slices.Clone(found))
	}
	return over
}

// boundSmallerCredits lets smallerCredits pass over the credits no order
// can take without looking back: a variable, for a test to give credits
// both ways.
var boundSmallerCredits = true

// mostOwed is the most any of orders has out (zero where none has
// anything out), and whether no order can take a credit larger than it
// that carries no foreign amount: so where no order is a foreign purchase,
// since an order counts a credit at other than its amount (creditValue)
// only where the order is one or the credit was billed in another
// currency than the order's, which a credit with no foreign amount never
// was. What orders have out only falls as credits are given, so that the
// most found before stays at least what any has.
func mostOwed(orders []*order) (money.Value, bool) {
	most := money.New(0, 0)
	for _, o := range orders {
		if o.foreign() {
			return money.New(0, 0), false
		}
		if o.owed.Cmp(most) > 0 {
			most = o.owed
		}
	}
	return most, true
}

// overCredits is rule 5: a credit larger than what any order still has out
// goes to the order whose charge it follows.
func (c *crediting) overCredits(charged []*order, over []*parser.Transaction) {
	if len(over) == 0 {
		return // most runs: the charges' owners need not be listed
	}
	owner := make(map[*parser.Transaction]*order, chargeCount(charged))
	for _, o := range charged {
		for _, ch := range o.res.Charges {
			owner[ch] = o
		}
	}
	for _, t := range over {
		if o := followed(t, c.charges, owner); o != nil && o.fits(t) {
			c.give(o, t)
		}
	}
}

// followed returns the order whose charge credit t follows: the order of the
// nearest Amazon charge posted on or before t on t's account, when every
// charge of that day on the account is that order's; nil otherwise.
func followed(t *parser.Transaction, charges *chargeList, owner map[*parser.Transaction]*order) *order {
	i := charges.from(txnDay(t).AddDays(1)) // past the charges of t's day
	same := func(c *parser.Transaction) bool { return c.Account == t.Account || c.Account == "" || t.Account == "" }
	var o *order
	day := civil.Date{}
	for steps := 0; i > 0 && steps < followSteps; steps++ {
		i--
		if day.Valid() && charges.day(i) != day {
			break
		}
		c := charges.txn(i)
		if !same(c) {
			continue
		}
		switch {
		case owner[c] == nil || (o != nil && owner[c] != o):
			return nil
		case !day.Valid():
			o, day = owner[c], txnDay(c)
		}
	}
	return o
}

// cmpPlace orders two rows of one day by their file, then line: the order
// of a list that map iteration filled is so made the same run to run.
func cmpPlace(x, y *parser.Transaction) int {
	if c := strings.Compare(x.File, y.File); c != 0 {
		return c
	}
	return x.Line - y.Line
}
