package matcher

import (
	"slices"

	"github.com/google/btree"

	"github.com/refundwatch/refundwatch/parser"
)

// followSteps bounds how far back overCredits looks, past rows of other
// accounts, for the charge a credit follows.
const followSteps = 50

// assignCredits gives Amazon credits to charged orders, each credit to one
// order, posted on or after the order's first charge:
//
//  1. a credit equal to one of an order's charges or to its amount (one per
//     charge), to the order whose first charge is nearest before it;
//  2. a smaller credit, to the only order that still has that much out;
//  3. a credit larger than what any order still has out (an over-credit), to
//     the order whose charge it follows: the nearest Amazon charge before it
//     on its account is that order's, and no other's is on that day.
//
// Credits that refund the person's own orders (ownCredits) are left to them,
// unless a disputed order's exact claim comes first. Orders are looked up by
// amount for the first kind, and by outstanding amount for the second, so
// that the work grows with the rows rather than with credits times orders.
func assignCredits(orders []*order, charges, credits []*parser.Transaction, ownCredits map[*parser.Transaction]bool) {
	var charged []*order
	for _, o := range orders {
		if len(o.res.Charges) > 0 {
			charged = append(charged, o)
		}
	}
	if len(charged) == 0 {
		return
	}
	first := func(o *order) parser.Date { return o.res.Charges[0].Date }
	byAmount := map[string][]*order{}
	for _, o := range charged {
		keys := []string{amountKey(o.a)}
		for _, c := range o.res.Charges {
			keys = append(keys, amountKey(c.Amount))
		}
		for i, k := range keys {
			if !slices.Contains(keys[:i], k) {
				byAmount[k] = append(byAmount[k], o)
			}
		}
	}
	// Each amount's orders by their first charge, so that a credit looks
	// back from its day at the nearest ones only: an amount that many
	// orders share would otherwise have each of its credits look at all
	// of them.
	for _, list := range byAmount {
		slices.SortStableFunc(list, func(x, y *order) int { return first(x).Sub(first(y)) })
	}
	taken := map[*parser.Transaction]bool{}
	give := func(o *order, t *parser.Transaction) {
		o.res.Credits = append(o.res.Credits, t)
		taken[t] = true
	}
	for _, t := range credits {
		var best *order
		bestDist, tie := -1, false
		for _, key := range amountKeys(t) {
			if key == "" {
				continue
			}
			list := byAmount[key]
			// The orders charged by t's day, nearest first; none further
			// back than the nearest that can take it can be as near.
			i, _ := slices.BinarySearchFunc(list, t.Date.AddDays(1), func(o *order, d parser.Date) int { return first(o).Sub(d) })
			for i--; i >= 0; i-- {
				o := list[i]
				dist := t.Date.Sub(first(o))
				if bestDist >= 0 && dist > bestDist {
					break
				}
				if !o.fits(t) || len(o.res.Credits) >= len(o.res.Charges) || !o.creditIsExact(t) {
					continue
				}
				switch {
				case o == best:
				case bestDist < 0 || dist < bestDist:
					best, bestDist, tie = o, dist, false
				case dist == bestDist:
					tie = true
				}
			}
		}
		if best != nil && !tie {
			give(best, t)
		}
	}

	// Then smaller credits, in date order, to the only order charged by then
	// that still has that much out; the rest are over-credits.
	open := newOpenOrders()
	slices.SortStableFunc(charged, func(x, y *order) int { return first(x).Sub(first(y)) })
	next := 0
	var over []*parser.Transaction
	for _, t := range credits {
		if taken[t] || ownCredits[t] {
			continue
		}
		for ; next < len(charged) && !first(charged[next]).After(t.Date); next++ {
			open.add(charged[next])
		}
		switch only, n := open.takers(t); n {
		case 1:
			give(only, t)
			open.update(only)
		case 0:
			over = append(over, t)
		}
	}
	owner := map[*parser.Transaction]*order{}
	for _, o := range charged {
		for _, c := range o.res.Charges {
			owner[c] = o
		}
	}
	for _, t := range over {
		if o := followed(t, charges, owner); o != nil && o.fits(t) && o.owed.Sign() > 0 {
			give(o, t)
			o.owed = o.sum(o.res.Charges).Sub(o.sum(o.res.Credits))
		}
	}
	for _, o := range charged {
		sortTxns(o.res.Credits)
	}
}

// openOrders are the charged orders a credit may go to, by what they still
// have out (largest first) within each currency, in a B-tree each, so that
// putting an order in and taking it out costs the logarithm of how many
// there are, not their number; foreign purchases apart, since a credit
// without its original amount counts at each one's own rate.
type openOrders struct {
	byCurrency map[string]*btree.BTreeG[*order]
	rated      []*order
	added      int // orders put in so far: each one's openSeq
}

func newOpenOrders() *openOrders {
	return &openOrders{byCurrency: map[string]*btree.BTreeG[*order]{}}
}

// owesMore orders the open orders by what they have out, largest first, then
// by when they were put in.
func owesMore(x, y *order) bool {
	if c := x.owed.Cmp(y.owed); c != 0 {
		return c > 0
	}
	return x.openSeq < y.openSeq
}

func (s *openOrders) add(o *order) {
	o.owed = o.sum(o.res.Charges).Sub(o.sum(o.res.Credits))
	if o.foreign() {
		s.rated = append(s.rated, o)
		return
	}
	cur := o.res.Dispute.Currency
	tree := s.byCurrency[cur]
	if tree == nil {
		tree = btree.NewG(16, owesMore)
		s.byCurrency[cur] = tree
	}
	o.openSeq, s.added = s.added, s.added+1
	tree.ReplaceOrInsert(o)
}

// update puts o back in its place after a credit lowered what it has out.
func (s *openOrders) update(o *order) {
	if o.foreign() {
		o.owed = o.sum(o.res.Charges).Sub(o.sum(o.res.Credits))
		return
	}
	s.byCurrency[o.res.Dispute.Currency].Delete(o) // found by what it had out when put in
	s.add(o)
}

// takers counts the orders that credit t fits and that still have at least
// its amount out, up to two, and returns the one when there is one.
func (s *openOrders) takers(t *parser.Transaction) (*order, int) {
	var only *order
	n := 0
	count := func(o *order) bool {
		if o.fits(t) {
			only, n = o, n+1
		}
		return n > 1
	}
	for cur, tree := range s.byCurrency {
		if !currencyMatches(cur, t) {
			continue
		}
		v := t.Amount.Abs()
		if BilledElsewhere(t, cur) {
			v = t.OrigAmount.Abs()
		}
		enough := false
		tree.Ascend(func(o *order) bool {
			if o.owed.LessThan(v) {
				return false
			}
			enough = count(o)
			return !enough
		})
		if enough {
			return nil, n
		}
	}
	for _, o := range s.rated {
		if v, _ := o.value(t); !o.owed.LessThan(v) && count(o) {
			return nil, n
		}
	}
	return only, n
}

// followed returns the order whose charge credit t follows: the order of the
// nearest Amazon charge posted on or before t on t's account, when every
// charge of that day on the account is that order's; nil otherwise.
func followed(t *parser.Transaction, charges []*parser.Transaction, owner map[*parser.Transaction]*order) *order {
	i, found := slices.BinarySearchFunc(charges, t.Date, func(c *parser.Transaction, d parser.Date) int { return c.Date.Sub(d) })
	for found && i < len(charges) && charges[i].Date == t.Date {
		i++
	}
	same := func(c *parser.Transaction) bool { return c.Account == t.Account || c.Account == "" || t.Account == "" }
	var o *order
	day := parser.Date{}
	for steps := 0; i > 0 && steps < followSteps; steps++ {
		i--
		c := charges[i]
		if day.Valid() && c.Date != day {
			break
		}
		if !same(c) {
			continue
		}
		switch {
		case owner[c] == nil || (o != nil && owner[c] != o):
			return nil
		case !day.Valid():
			o, day = owner[c], c.Date
		}
	}
	return o
}
