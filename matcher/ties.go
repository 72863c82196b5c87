package matcher

import (
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// How ties are settled (SPEC §4, "One charge, one order"). Orders that the
// same charges fit equally well tie. Each way of sharing the tie's charges
// out among its orders at the least total distance between charge and
// order dates is an equally good assignment; the orders are judged under
// each. Where every one gives the same multiset of verdicts (identical
// gift-card orders), which charge is whose changes nothing: the charges go
// out in order of order date, then order id, and the orders name each other
// as interchangeable. Otherwise the orders stay ambiguous, and where every
// assignment leaves some order of the tie at alert, the tie is an alert:
// money is missing whichever order it belongs to.

// Bounds of the assignments a tie is judged under: beyond them its orders
// stay ambiguous at review, as they were before ties were judged.
// tieMaxOrders bounds the orders of a tie over one charge or credit; a tie
// of shipments, merged through the orders it shares (a chain of orders
// each sharing a shipment's charge with the next), may have up to
// tieMaxDemands demands, and is judged where its assignments times its
// orders are at most tieMaxJudged.
const (
	tieMaxOrders      = 8
	tieMaxAssignments = 5000
	tieMaxDemands     = 64
	tieMaxJudged      = tieMaxAssignments * tieMaxOrders
)

// resolveTies judges the ties of exact charges and of shipments, and the
// orders with several sets of split charges, under each of their equally
// good assignments.
// free are the Amazon credits no order has taken yet, in date order: the
// orders of a tie are judged with those that fit them. It returns the
// orders that were given charges, for the credits to be shared out to,
// and the ties of charges left open, whose orders stand in another tie as
// well (or are too many), for judgeKnots.
func resolveTies(ties []*tie, orders []*order, free []*parser.Transaction, claimed map[*parser.Transaction]bool, j *judging) (charged []*order, open []*tie) {
	// Each order names the orders it ties with directly, those a tie of
	// its own holds: added to, not replaced, as an order may tie with
	// others over a credit, or over another of its shipments, as well.
	for _, t := range ties {
		owners := tieOrders(t)
		for _, o := range owners {
			tied := o.res.tied()
			for _, other := range owners {
				if id := other.res.Dispute.OrderID; other != o && !slices.Contains(tied.TiedWith, id) {
					tied.TiedWith = append(tied.TiedWith, id)
				}
			}
		}
	}
	for _, t := range mergeTies(ties) {
		given, judged := resolveTie(t, free, claimed, j)
		charged = append(charged, given...)
		if !judged {
			open = append(open, t)
		}
	}
	for _, o := range orders {
		if o.ambiguous && len(o.rd().splitSets) > 1 {
			judgeSplitSets(o, free, j)
		}
	}
	return charged, open
}

// mergeTies joins the ties that share an order into one: an order whose
// two shipments each tie with another order's is judged with both, each
// way of giving out all their charges, as one tie. Judged one at a time,
// each tie would take the other's charges for settled. A tie of exact
// charges has one demand of each of its orders, which no other tie has.
func mergeTies(ties []*tie) []*tie {
	var out []*tie
	of := map[*order]*tie{} // the merged tie an order stands in
	for _, t := range ties {
		// The merged ties t reaches: the largest takes the others, so
		// that an order is moved from tie to tie a few times at most.
		var reached []*tie
		for _, d := range t.demands {
			if m := of[d.o]; m != nil && !slices.Contains(reached, m) {
				reached = append(reached, m)
			}
		}
		var into *tie
		for _, m := range reached {
			if into == nil || len(m.demands) > len(into.demands) {
				into = m
			}
		}
		if into == nil {
			into = &tie{}
			out = append(out, into)
		}
		for _, m := range reached {
			if m == into {
				continue
			}
			into.demands = append(into.demands, m.demands...)
			into.charges = appendNew(into.charges, m.charges...)
			for _, e := range m.demands {
				of[e.o] = into
			}
			m.demands, m.charges = nil, nil
		}
		into.demands = append(into.demands, t.demands...)
		into.charges = appendNew(into.charges, t.charges...)
		for _, d := range t.demands {
			of[d.o] = into
		}
	}
	return slices.DeleteFunc(out, func(t *tie) bool { return len(t.demands) == 0 })
}

// appendNew appends to ts those of more it does not hold yet.
func appendNew(ts []*parser.Transaction, more ...*parser.Transaction) []*parser.Transaction {
	for _, t := range more {
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// inAnotherTie reports whether order o, of tie t, stands in another tie
// as well: it has rebills, a credit it shares with other orders, sets of
// split charges, or candidates that are not t's. Judged apart, each tie
// would take the other's charges or credits for settled, and an order
// found interchangeable in one would lose the other: such an order, and
// its tie, stay ambiguous at review.
func inAnotherTie(o *order, t *tie) bool {
	r := o.rd()
	if len(r.rebills) > 0 || len(r.creditTie) > 0 || len(r.splitSets) > 0 {
		return true
	}
	return slices.ContainsFunc(o.res.Ties().Candidates, func(c *parser.Transaction) bool { return !slices.Contains(t.charges, c) })
}

// tieOrders are the orders of tie t, by order date then order id.
func tieOrders(t *tie) []*order {
	var owners []*order
	for _, d := range t.demands {
		if !slices.Contains(owners, d.o) {
			owners = append(owners, d.o)
		}
	}
	slices.SortStableFunc(owners, byOrderDateAndID)
	return owners
}

func byOrderDateAndID(x, y *order) int {
	if c := x.d.Sub(y.d); c != 0 {
		return c
	}
	return strings.Compare(x.res.Dispute.OrderID, y.res.Dispute.OrderID)
}

// resolveTie judges tie t; it returns its orders when they turned out
// interchangeable and were given their charges, and whether it was judged.
// The orders of a tie of shipments may hold charges, and credits, of their
// other shipments already: each way is judged with them.
func resolveTie(t *tie, free []*parser.Transaction, claimed map[*parser.Transaction]bool, j *judging) (given []*order, judged bool) {
	if len(t.demands) > tieMaxDemands {
		return nil, false
	}
	owners := tieOrders(t)
	if slices.ContainsFunc(owners, func(o *order) bool { return inAnotherTie(o, t) }) {
		return nil, false
	}
	ids := make([]string, len(owners))
	for i, o := range owners {
		ids[i] = o.res.Dispute.OrderID
	}
	demands, charges := sortedTie(t, owners)
	assignments := equallyGood(demands, charges)
	if len(assignments) == 0 || len(assignments)*len(owners) > tieMaxJudged {
		return nil, false
	}
	same, allAlert := true, true
	var key string
	missing := decimal.Zero
	for i, a := range assignments {
		results := judgeAssignment(owners, demands, charges, a, free, j)
		k, alert, out := verdictsOf(results)
		if i == 0 {
			key, missing = k, out
		}
		same = same && k == key
		allAlert = allAlert && alert
		if out.LessThan(missing) {
			missing = out
		}
	}
	if same {
		for _, o := range owners {
			o.ambiguous = false
			if o.rare != nil {
				o.rare.alsoClaims = nil
			}
			tied := o.res.tied()
			tied.TiedWith = nil
			tied.InterchangeableWith = others(ids, o.res.Dispute.OrderID)
			o.dropCandidates(func(c *parser.Transaction) bool { return slices.Contains(charges, c) })
		}
		for _, c := range charges {
			if !slices.Contains(assignments[0], slices.Index(charges, c)) {
				delete(claimed, c) // more charges than demands: no order's
			}
		}
		for i, c := range assignments[0] {
			if c < 0 {
				continue
			}
			d := demands[i]
			d.o.res.Charges = append(d.o.res.Charges, charges[c])
			sortTxns(d.o.res.Charges)
			if d.shipment {
				d.o.byShipment = true
				d.o.shipsCharged++
			}
		}
		return owners, true
	}
	if allAlert {
		for _, o := range owners {
			tied := o.res.tied()
			tied.TieAlert, tied.TieOutstanding, tied.TieOrders = true, missing, others(ids, o.res.Dispute.OrderID)
		}
		owners[0].res.tied().HasTieOutstanding = true
	}
	return nil, true
}

// sortedTie returns the demands of tie t, its orders' in the order of
// owners (one each in a tie of exact charges; in a tie of shipments, one
// for each shipment, by ship date), and its charges in date order: as
// equallyGood's assignments index them. A demand's amount, window and
// date are the order's, or the shipment's.
func sortedTie(t *tie, owners []*order) (demands []*demand, charges []*parser.Transaction) {
	demands = slices.Clone(t.demands)
	slices.SortStableFunc(demands, func(x, y *demand) int {
		if c := slices.Index(owners, x.o) - slices.Index(owners, y.o); c != 0 {
			return c
		}
		return x.date.Sub(y.date)
	})
	charges = slices.Clone(t.charges)
	sortTxns(charges)
	return demands, charges
}

// others are ids but id.
func others(ids []string, id string) []string {
	var out []string
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// equallyGood lists the assignments of charges to the demands of a tie's
// orders, one demand an order (for each the index of its charge, or −1),
// that give out as many charges as can be and are of least total distance
// from the demands' dates. The first is the one that gives charges out in
// order of order date, then order id: demands are tried in that order,
// each with the charges in date order.
func equallyGood(demands []*demand, charges []*parser.Transaction) [][]int {
	fit := make([][]bool, len(demands))
	for i, d := range demands {
		fit[i] = make([]bool, len(charges))
		for c, t := range charges {
			fit[i][c] = d.o.fits(t) && d.o.amountMatches(t, d.amount) && inRange(txnDay(t), d.from, d.to)
		}
	}
	var best [][]int
	bestN, bestCost, steps := -1, 0, 0
	cur := make([]int, len(demands))
	taken := make([]bool, len(charges))
	var walk func(i, n, cost int) bool
	walk = func(i, n, cost int) bool {
		if steps++; steps > tieMaxAssignments*len(demands) {
			return false
		}
		if left := n + len(demands) - i; bestN >= 0 && (left < bestN || left == bestN && cost > bestCost) {
			return true // cannot give out as many charges, or as near, as the best found
		}
		if i == len(demands) {
			switch {
			case n > bestN || (n == bestN && cost < bestCost):
				best, bestN, bestCost = [][]int{slices.Clone(cur)}, n, cost
			case n == bestN && cost == bestCost:
				best = append(best, slices.Clone(cur))
			}
			return len(best) <= tieMaxAssignments
		}
		for c := range charges {
			if taken[c] || !fit[i][c] {
				continue
			}
			taken[c], cur[i] = true, c
			ok := walk(i+1, n+1, cost+rank(demands[i].date, txnDay(charges[c])))
			taken[c] = false
			if !ok {
				return false
			}
		}
		cur[i] = -1
		return walk(i+1, n, cost)
	}
	if !walk(0, 0, 0) {
		return nil
	}
	return best
}

// judgeAssignment judges the orders of a tie charged as assignment a (of
// the tie's demands) says, on top of the charges and credits they hold
// already (an order in a tie of shipments may have its other shipments'
// charges), each credited with the free credits that fit it.
func judgeAssignment(owners []*order, demands []*demand, charges []*parser.Transaction, a []int, free []*parser.Transaction, j *judging) []*OrderResult {
	used := map[*parser.Transaction]bool{}
	out := make([]*OrderResult, len(owners))
	for i, o := range owners {
		cs := slices.Clone(o.res.Charges)
		for k, d := range demands {
			if d.o == o && a[k] >= 0 {
				cs = append(cs, charges[a[k]])
			}
		}
		sortTxns(cs)
		out[i] = o.hypothetical(cs, o.res.Credits, free, used, j)
	}
	return out
}

// judgeSplitSets judges an order with several sets of split charges as if
// each set were its charges, with the credits it holds already (one that
// Amazon's refund export gives it): where every set leaves it at alert, it
// is an ambiguous order at alert.
func judgeSplitSets(o *order, free []*parser.Transaction, j *judging) {
	missing := decimal.Zero
	for i, set := range o.rd().splitSets {
		r := o.hypothetical(set, o.res.Credits, free, map[*parser.Transaction]bool{}, j)
		if r.Severity() != Alert {
			return
		}
		if i == 0 || r.Outstanding.LessThan(missing) {
			missing = r.Outstanding
		}
	}
	tied := o.res.tied()
	tied.TieAlert = true
	tied.TieOutstanding, tied.HasTieOutstanding = missing, true
}

// verdictsOf is the multiset of the verdicts of results, as a key; whether
// one of them is an alert; and what the orders at alert have outstanding
// in all: what is missing. An order still within its grace days, or
// without Amazon's word, has money out that is not missing yet, and a
// person who reads the total out to the card issuer asks for no more than
// what is.
func verdictsOf(results []*OrderResult) (key string, alert bool, outstanding decimal.Decimal) {
	vs := make([]string, len(results))
	outstanding = decimal.Zero
	for i, r := range results {
		vs[i] = string(r.Verdict)
		if r.Severity() == Alert {
			alert = true
			if r.Outstanding.Sign() > 0 {
				outstanding = outstanding.Add(r.Outstanding)
			}
		}
	}
	slices.Sort(vs)
	return strings.Join(vs, " "), alert, outstanding
}

// hypothetical judges o as if it were charged charges (in date order) and
// credited with credits, and with the credits of free that fit what is
// still owed (and that used does not hold yet), and returns the result,
// leaving o as it was.
func (o *order) hypothetical(charges, credits, free []*parser.Transaction, used map[*parser.Transaction]bool, j *judging) *OrderResult {
	credits = slices.Clone(credits)
	if len(charges) > 0 {
		owed := o.sum(charges)
		if len(credits) > 0 {
			owed = owed.Sub(o.sum(credits))
		}
		for _, t := range free {
			if used[t] || txnDay(t).Before(txnDay(charges[0])) || !o.fits(t) {
				continue
			}
			if v, _ := o.value(t); !v.GreaterThan(owed) {
				used[t] = true
				credits = append(credits, t)
				owed = owed.Sub(v)
			}
		}
	}
	return o.judgedWith(charges, credits, j)
}

// judgedWith judges o as if it were charged charges and credited credits,
// and returns the result, leaving o as it was.
func (o *order) judgedWith(charges, credits []*parser.Transaction, j *judging) *OrderResult {
	c := o.sandbox(charges, credits)
	judge(c, j)
	return c.res
}

// sandbox is a copy of o charged charges and credited credits, to be
// credited and judged as if it were o, leaving o as it was.
func (o *order) sandbox(charges, credits []*parser.Transaction) *order {
	c := *o
	res := *o.res
	c.res = &res
	c.ambiguous, c.byShipment, c.creditRound = false, false, 0
	if o.rare != nil {
		// c's own rare part, without what the tie gave o: splitSets and
		// candidate are kept, as they were.
		c.rare = &orderRare{splitSets: o.rare.splitSets, candidate: o.rare.candidate}
	}
	res.Charges, res.Credits, res.Reason = charges, credits, nil
	if o.res.Tied != nil {
		// Of what ties gave o, only what is missing across a tie stays.
		res.Tied = &Tied{TieOutstanding: o.res.Tied.TieOutstanding, HasTieOutstanding: o.res.Tied.HasTieOutstanding, TieOrders: o.res.Tied.TieOrders}
	}
	return &c
}

// resolveRebills judges each further charge that several charged orders
// could have been billed again (a rebill) under each choice of order: where
// every choice gives the same verdicts, it goes to the first by order date,
// then order id, and the orders are interchangeable; otherwise they stay
// ambiguous, at alert where every choice leaves one of them at alert. It
// returns the orders given a rebill, for the credits left to be shared out.
func resolveRebills(orders []*order, j *judging) (given []*order) {
	// The rebills of the orders once each, in the order of their charges:
	// gathered here, so that a short list stays on the stack.
	var rebills []*rebill
	for _, o := range orders {
		for _, rb := range o.rd().rebills {
			if !slices.Contains(rebills, rb) {
				rebills = append(rebills, rb)
			}
		}
	}
	sortRebills(rebills)
	// Rows of the sets of split charges: a rebill's row may be one of
	// them, the set's charge and no second billing (judgeKnots).
	var inSets map[*parser.Transaction]bool
	for _, o := range orders {
		for _, set := range o.rd().splitSets {
			for _, t := range set {
				if inSets == nil {
					inSets = map[*parser.Transaction]bool{}
				}
				inSets[t] = true
			}
		}
	}
	for _, rb := range rebills {
		if inSets[rb.t] {
			continue
		}
		// The orders that could have been billed rb again, by order date
		// then order id. They stay ambiguous where the choices are too
		// many to judge, or where one of them is in another tie too.
		if rb.n > len(rb.orders) || len(rb.orders) > tieMaxOrders {
			continue
		}
		claim := slices.Clone(rb.orders)
		slices.SortStableFunc(claim, byOrderDateAndID)
		if slices.ContainsFunc(claim, inOtherTie) {
			continue
		}
		same, allAlert, missing := judgeRebillChoices(claim, rb, j)
		ids := make([]string, len(claim))
		for i, o := range claim {
			ids[i] = o.res.Dispute.OrderID
		}
		if !same {
			tieRebill(claim, ids, allAlert, missing)
			continue
		}
		given = giveRebill(claim, ids, rb, given)
	}
	return given
}

// inOtherTie reports whether order o is in a tie other than that of one
// rebill: several rebills, charges another order claims, a credit it shares
// with other orders, or sets of split charges.
func inOtherTie(o *order) bool {
	r := o.rd()
	return len(r.rebills) > 1 || len(r.alsoClaims) > 0 || len(r.creditTie) > 0 || len(r.splitSets) > 0
}

// judgeRebillChoices judges the orders under each choice of the order that
// was billed rb again. It reports whether every choice gives the same
// verdicts, whether every choice leaves one at alert, and the least that
// is missing under any choice.
func judgeRebillChoices(claim []*order, rb *rebill, j *judging) (same, allAlert bool, missing decimal.Decimal) {
	return judgeChoices(claim, func(i, k int) *OrderResult {
		o := claim[k]
		charges := slices.Clone(o.res.Charges)
		if k == i {
			charges = append(charges, rb.t)
			sortTxns(charges)
		}
		return o.judgedWith(charges, o.res.Credits, j)
	})
}

// judgeChoices judges orders under each choice of the one a row of a tie
// goes to: judged(i, k) is order k judged when the row is order i's. It
// reports whether every choice gives the same verdicts, whether every one
// leaves an order at alert, and the least that is missing under any.
func judgeChoices(orders []*order, judged func(i, k int) *OrderResult) (same, allAlert bool, missing decimal.Decimal) {
	same, allAlert = true, true
	var key string
	missing = decimal.Zero
	results := make([]*OrderResult, len(orders))
	for i := range orders {
		for k := range orders {
			results[k] = judged(i, k)
		}
		k, alert, out := verdictsOf(results)
		if i == 0 {
			key, missing = k, out
		}
		same, allAlert = same && k == key, allAlert && alert
		if out.LessThan(missing) {
			missing = out
		}
	}
	return same, allAlert, missing
}

// tieRebill leaves the orders of a rebill whose choices give different
// verdicts tied with each other, at alert if every choice leaves one at
// alert.
func tieRebill(claim []*order, ids []string, allAlert bool, missing decimal.Decimal) {
	for _, o := range claim {
		tied := o.res.tied()
		tied.TiedWith = others(ids, o.res.Dispute.OrderID)
		if allAlert {
			tied.TieAlert, tied.TieOutstanding, tied.TieOrders = true, missing, tied.TiedWith
		}
	}
	claim[0].res.tied().HasTieOutstanding = allAlert
}

// giveRebill gives rebill rb to the first of its orders, the others being
// interchangeable with it, and appends that order to given.
func giveRebill(claim []*order, ids []string, rb *rebill, given []*order) []*order {
	for i, o := range claim {
		if o.rare != nil {
			o.rare.rebills = nil
		}
		o.dropCandidates(func(c *parser.Transaction) bool { return c == rb.t })
		tied := o.res.tied()
		o.ambiguous = len(tied.Candidates) > 0
		tied.InterchangeableWith = others(ids, o.res.Dispute.OrderID)
		if i == 0 {
			o.res.Charges = append(o.res.Charges, rb.t)
			sortTxns(o.res.Charges)
			given = append(given, o)
		}
	}
	return given
}

// sortRebills puts rebills in the order of their charges.
func sortRebills(rbs []*rebill) {
	slices.SortStableFunc(rbs, func(x, y *rebill) int { return txnDay(x.t).Sub(txnDay(y.t)) })
}

// ownTies looks, for each disputed order's charge, for one of the person's
// own orders (--orders) of that amount that found no charge of its own and
// that the charge fits as near: the charge could be either's (SPEC §4).
// Where the disputed order's verdict is the same with the charge and
// without, it keeps it; otherwise it is ambiguous, naming the own order,
// with the charge as a candidate and its credits given back to be listed.
func ownTies(orders []*order, own []OwnOrder, ownTaken map[*parser.Transaction]bool, cr *crediting, j *judging) {
	if len(own) == 0 {
		return
	}
	byAmount := map[amountKey][]OwnOrder{}
	for _, w := range own {
		if w.Total.Sign() > 0 {
			byAmount[keyOf(w.Total)] = append(byAmount[keyOf(w.Total)], w)
		}
	}
	found := func(w OwnOrder) bool {
		for t := range ownTaken {
			if exactAmount(t, w.Total, w.Currency) && inRange(txnDay(t), w.Date.AddDays(-daysBeforeOrder), w.Date.AddDays(daysAfterOrder)) {
				return true
			}
		}
		return false
	}
	var byID map[string]*order // made when an interchangeable order is put in doubt
	for _, o := range orders {
		if o.ambiguous || len(o.res.Charges) != 1 {
			continue
		}
		c := o.res.Charges[0]
		var rival *OwnOrder
		for _, w := range byAmount[keyOf(c.Amount)] {
			if exactAmount(c, w.Total, w.Currency) && inRange(txnDay(c), w.Date.AddDays(-daysBeforeOrder), w.Date.AddDays(daysAfterOrder)) &&
				rank(w.Date, txnDay(c)) <= rank(o.d, txnDay(c)) && !found(w) {
				rival = &w
				break
			}
		}
		if rival == nil {
			continue
		}
		with := o.judgedWith(o.res.Charges, o.res.Credits, j)
		without := o.judgedWith(nil, nil, j)
		if with.Verdict == without.Verdict {
			continue
		}
		for _, t := range o.res.Credits {
			delete(cr.taken, t)
		}
		o.res.Charges, o.res.Credits = nil, nil
		o.ambiguous = true
		o.more().ownRival = rival.ID
		o.addCandidates([]*parser.Transaction{c})
		o.res.tied().TiedWith = append(o.res.tied().TiedWith, rival.ID)
		// The orders it was found interchangeable with could have the
		// charge as well: which was whose was settled with the charge held
		// to be one of theirs, which the own order now puts in doubt.
		if partners := o.res.tied().InterchangeableWith; len(partners) > 0 {
			if byID == nil {
				byID = make(map[string]*order, len(orders))
				for _, x := range orders {
					byID[x.res.Dispute.OrderID] = x
				}
			}
			for _, id := range partners {
				if p := byID[id]; p != nil {
					p.ambiguous = true
					p.more().ownRival = rival.ID
					p.claimAlso(o)
					o.claimAlso(p)
					p.addCandidates([]*parser.Transaction{c})
					tied := p.res.tied()
					tied.InterchangeableWith = nil
					tied.TiedWith = appendIDs(tied.TiedWith, o.res.Dispute.OrderID, rival.ID)
				}
			}
			o.res.tied().TiedWith = appendIDs(o.res.tied().TiedWith, partners...)
			o.res.tied().InterchangeableWith = nil
		}
	}
}

// appendIDs appends to ids those of more it does not hold yet.
func appendIDs(ids []string, more ...string) []string {
	for _, id := range more {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}
