package matcher

import (
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// Ties of charges (SPEC §4, "One charge, one order"). Orders that the same
// charges fit equally well tie. Each way of sharing the tie's charges out
// among its orders at the least total distance between charge and order
// dates is an equally good assignment (equallyGood). A tie is judged under
// each, alone or with the other ties it shares orders or rows with, its
// credits shared out again by their rules each way (knots.go): where every
// way gives the same multiset of verdicts (identical gift-card orders),
// which charge is whose changes nothing, and the charges go out in order of
// order date, then order id, the orders naming each other as
// interchangeable. Otherwise the orders stay ambiguous, and where every
// way leaves some order at alert, the tie is an alert: money is missing
// whichever order it belongs to.

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

// nameTies records, on each order of a tie, the orders it ties with
// directly, those a tie of its own holds: added to, not replaced, as an
// order may tie with others over a credit, or over another of its
// shipments, as well. It returns the ties merged where they share an
// order (mergeTies), to be judged (judgeKnots).
func nameTies(ties []*tie) []*tie {
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
	return mergeTies(ties)
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
	byAmount := map[string][]OwnOrder{}
	for _, w := range own {
		if w.Total.Sign() > 0 {
			byAmount[amountKey(w.Total)] = append(byAmount[amountKey(w.Total)], w)
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
	for _, o := range orders {
		if o.ambiguous || len(o.res.Charges) != 1 {
			continue
		}
		c := o.res.Charges[0]
		var rival *OwnOrder
		for _, w := range byAmount[amountKey(c.Amount)] {
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
	}
}
