package matcher

import (
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// How ties that share an order are judged (SPEC §4, "One charge, one
// order"). Each tie is judged on its own first: a tie of charges
// (resolveTie), a rebill (resolveRebills), a credit (giveChosen), the sets
// of split charges of an order (judgeSplitSets). A tie whose orders stand
// in another tie as well is not settled there: judged apart, each would
// take what the other leaves open for settled (a credit's tie, worked out
// before a rebill went to one of its orders, said 5,000 yen was missing
// where the rows showed 8,000 out).
//
// A credit's tie judged alone is judged again here, its own knot: it was
// judged when the credit was given out, before later credits went to its
// orders (a credit tie said 5,000 yen was missing whichever order the
// credit refunded, and a later 2,000 yen credit to one of them left 3,000).
//
// Ties joined through the orders or the rows they share are a knot.
// A knot is judged under every way of choosing at once: an equally good
// assignment of each tie of charges, an order for each rebill and for each
// credit, a set for each order with several, within the bounds of a tie. Where every way leaves an
// order of the knot at alert, money is missing whichever way the rows
// belong: each order of the knot is at alert, and its first order carries
// the least that is missing across them. Otherwise the orders stay
// ambiguous at review, and a total one of the ties worked out alone is
// taken back: some way of reading the rows leaves nothing at alert. A knot
// too large to judge, or whose orders are ambiguous for another reason
// too (a set search cut short, one of the person's own orders), stays as
// its ties left it.

// knot is the ties, left open by judging each alone, that share orders
// or rows.
type knot struct {
	// single is set on the knot of a credit's tie alone: judged again
	// once every other credit has gone out, as one given later to one of
	// its orders changes what is missing.
	single  bool
	orders  []*order // by order date, then order id
	ties    []*tie
	rebills []*rebill
	credits []*creditChoice
	sets    []*order // orders with several sets of split charges
}

// creditChoice is a credit that several orders fit equally, and those orders.
type creditChoice struct {
	t      *parser.Transaction
	orders []*order
}

// Knot kinds, as an order of a knot records them (orderRare.knot): what
// the person is told is missing, at alert, whichever order each of them
// belongs to.
const (
	knotOfCharges           = 1 // charges only
	knotOfChargesAndCredits = 2 // a credit too
)

// judgeKnots finds the knots among the ties left open (charge ties not
// judged, rebills and credits still tied, orders with several sets of split
// charges) and judges each, with the free credits that fit.
func judgeKnots(orders []*order, open []*tie, cr *crediting, j *judging) {
	knots := findKnots(orders, open)
	if len(knots) == 0 {
		return
	}
	free := cr.free()
	var given []*order
	for _, k := range knots {
		k.name()
		given = append(given, k.judge(free, cr, j)...)
	}
	if len(given) > 0 {
		cr.assignCredits(given)
	}
}

// name records on each order of the knot that it is in one, and names
// the orders its rebills could be a billing of as those it ties with.
func (k *knot) name() {
	if k.single {
		return
	}
	for _, o := range k.orders {
		o.more().knot = knotOfCharges
		if len(k.credits) > 0 {
			o.more().knot = knotOfChargesAndCredits
		}
	}
	for _, rb := range k.rebills {
		for _, o := range rb.orders {
			tied := o.res.tied()
			for _, other := range rb.orders {
				if id := other.res.Dispute.OrderID; other != o && !slices.Contains(tied.TiedWith, id) {
					tied.TiedWith = append(tied.TiedWith, id)
				}
			}
		}
	}
}

// findKnots joins the open ties through the orders and rows they share,
// and returns the groups of more than one tie, and each credit's tie alone.
func findKnots(orders []*order, open []*tie) []*knot {
	// Each tie is an item; items that share an order or a row are joined
	// (union-find over the items).
	type item struct {
		orders []*order
		rows   []*parser.Transaction
		t      *tie
		rb     *rebill
		cc     *creditChoice
		set    *order
	}
	var items []item
	for _, t := range open {
		items = append(items, item{orders: tieOrders(t), rows: t.charges, t: t})
	}
	var rebills []*rebill
	credits := map[*parser.Transaction]*creditChoice{}
	var creditList []*creditChoice
	for _, o := range orders {
		r := o.rd()
		for _, rb := range r.rebills {
			if !slices.Contains(rebills, rb) {
				rebills = append(rebills, rb)
			}
		}
		for _, t := range r.creditTie {
			cc := credits[t]
			if cc == nil {
				cc = &creditChoice{t: t}
				credits[t] = cc
				creditList = append(creditList, cc)
			}
			cc.orders = append(cc.orders, o)
		}
		if o.ambiguous && len(r.splitSets) > 1 {
			var rows []*parser.Transaction
			for _, set := range r.splitSets {
				rows = appendNew(rows, set...)
			}
			items = append(items, item{orders: []*order{o}, rows: rows, set: o})
		}
	}
	if len(items) == 0 && len(rebills) == 0 && len(creditList) == 0 {
		return nil
	}
	slices.SortStableFunc(creditList, func(x, y *creditChoice) int { return txnDay(x.t).Sub(txnDay(y.t)) })
	sortRebills(rebills)
	for _, rb := range rebills {
		// A copy, its orders by order date then order id as for a rebill
		// judged alone: the first is the one given it, where that changes
		// nothing.
		c := &rebill{t: rb.t, n: rb.n, orders: slices.Clone(rb.orders)}
		slices.SortStableFunc(c.orders, byOrderDateAndID)
		items = append(items, item{orders: c.orders, rows: []*parser.Transaction{rb.t}, rb: c})
	}
	for _, cc := range creditList {
		slices.SortStableFunc(cc.orders, byOrderDateAndID)
		items = append(items, item{orders: cc.orders, rows: []*parser.Transaction{cc.t}, cc: cc})
	}
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byOrder, byRow := map[*order]int{}, map[*parser.Transaction]int{}
	for i, it := range items {
		for _, o := range it.orders {
			if k, ok := byOrder[o]; ok {
				parent[root(i)] = root(k)
			} else {
				byOrder[o] = i
			}
		}
		for _, t := range it.rows {
			if k, ok := byRow[t]; ok {
				parent[root(i)] = root(k)
			} else {
				byRow[t] = i
			}
		}
	}
	size := map[int]int{}
	for i := range items {
		size[root(i)]++
	}
	of := map[int]*knot{}
	var knots []*knot
	for i, it := range items {
		r := root(i)
		if size[r] < 2 && it.cc == nil {
			continue // a tie alone: judged already
		}
		k := of[r]
		if k == nil {
			k = &knot{single: size[r] == 1}
			of[r] = k
			knots = append(knots, k)
		}
		for _, o := range it.orders {
			if !slices.Contains(k.orders, o) {
				k.orders = append(k.orders, o)
			}
		}
		switch {
		case it.t != nil:
			k.ties = append(k.ties, it.t)
		case it.rb != nil:
			k.rebills = append(k.rebills, it.rb)
		case it.cc != nil:
			k.credits = append(k.credits, it.cc)
		default:
			k.sets = append(k.sets, it.set)
		}
	}
	for _, k := range knots {
		slices.SortStableFunc(k.orders, byOrderDateAndID)
	}
	return knots
}

// knotTie is a tie of charges of a knot, ready to be shared out: its
// demands and charges in the order equallyGood's assignments index.
type knotTie struct {
	demands     []*demand
	charges     []*parser.Transaction
	assignments [][]int
}

// judge judges the knot under every way of choosing at once, and marks its
// orders as the ways say; a knot it cannot judge is left as it was. Where
// every way gives the same verdicts, which row is whose changes nothing:
// each goes the first way (orders by order date, then order id), and the
// orders are interchangeable; those given charges are returned, for the
// credits still free to be shared out to.
func (k *knot) judge(free []*parser.Transaction, cr *crediting, j *judging) []*order {
	ties, ways, ok := k.choices()
	if !ok {
		return nil
	}
	idx := make(map[*order]int, len(k.orders))
	for i, o := range k.orders {
		idx[o] = i
	}
	choice := make([]int, len(ways))
	charges := make([][]*parser.Transaction, len(k.orders))
	credits := make([][]*parser.Transaction, len(k.orders))
	results := make([]*OrderResult, len(k.orders))
	judged, same, allAlert := 0, true, true
	var key string
	var first []int // the first way the rows can be shared out
	missing := decimal.Zero
	for {
		for i, o := range k.orders {
			charges[i] = slices.Clone(o.res.Charges)
			credits[i] = slices.Clone(o.res.Credits)
		}
		if k.apply(choice, ties, idx, charges, credits) && k.creditsOwed(charges, credits) {
			if judged == 0 {
				first = slices.Clone(choice)
			}
			used := map[*parser.Transaction]bool{}
			for i, o := range k.orders {
				sortTxns(charges[i])
				results[i] = o.hypothetical(charges[i], credits[i], free, used, j)
			}
			vs, alert, out := verdictsOf(results)
			if judged == 0 {
				key = vs
			}
			if judged == 0 || out.LessThan(missing) {
				missing = out
			}
			judged++
			same, allAlert = same && vs == key, allAlert && alert
		}
		if !next(choice, ways) {
			break
		}
	}
	switch {
	case judged == 0:
		return nil
	case same:
		return k.give(ties, first, cr)
	}
	k.mark(allAlert, missing)
	return nil
}

// give shares the knot's rows out as choice says; the orders, no longer
// ambiguous, are interchangeable. It returns the orders given charges.
func (k *knot) give(ties []knotTie, choice []int, cr *crediting) []*order {
	ids := make([]string, len(k.orders))
	for i, o := range k.orders {
		ids[i] = o.res.Dispute.OrderID
	}
	var given []*order
	charge := func(o *order, t *parser.Transaction) {
		o.res.Charges = append(o.res.Charges, t)
		sortTxns(o.res.Charges)
		if !slices.Contains(given, o) {
			given = append(given, o)
		}
	}
	n := 0
	for _, kt := range ties {
		for i, c := range kt.assignments[choice[n]] {
			if c < 0 {
				continue
			}
			d := kt.demands[i]
			charge(d.o, kt.charges[c])
			if d.shipment {
				d.o.byShipment = true
				d.o.shipsCharged++
			}
		}
		n++
	}
	for _, rb := range k.rebills {
		charge(rb.orders[choice[n]], rb.t)
		n++
	}
	chosen := make([]*order, len(k.credits))
	for i, cc := range k.credits {
		chosen[i] = cc.orders[choice[n]]
		n++
	}
	for _, o := range k.sets {
		for _, t := range o.rd().splitSets[choice[n]] {
			charge(o, t)
		}
		n++
	}
	for _, o := range k.orders {
		o.ambiguous = false
		if r := o.rare; r != nil {
			r.alsoClaims, r.rebills, r.creditTie, r.creditWith, r.splitSets, r.knot = nil, nil, nil, nil, nil, 0
		}
		tied := o.res.tied()
		tied.Candidates, tied.TiedWith = nil, nil
		tied.TieAlert, tied.TieOutstanding, tied.TieOrders, tied.HasTieOutstanding = false, decimal.Zero, nil, false
		tied.InterchangeableWith = others(ids, o.res.Dispute.OrderID)
	}
	for i, cc := range k.credits {
		o := chosen[i]
		o.owed = o.owedNow()
		cr.give(o, cc.t)
		sortTxns(o.res.Credits)
		also := others(idsOf(cc.orders), o.res.Dispute.OrderID)
		r := o.more()
		r.creditNotes = append(r.creditNotes, msg.Msgf("the credit of %s fits %s as well: whichever of these orders each credit refunds, the verdicts are the same, so it was counted for this order", o.list([]*parser.Transaction{cc.t}), IDList{IDs: also}))
	}
	return given
}

// idsOf are the order ids of orders.
func idsOf(orders []*order) []string {
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.res.Dispute.OrderID
	}
	return ids
}

// creditsOwed reports whether each credit of the knot goes, in the way that
// gave orders charges and credits, to an order that still had that much
// out on its day, as the rules that tied it ask: two credits of one charge
// are no way the rows can be.
func (k *knot) creditsOwed(charges, credits [][]*parser.Transaction) bool {
	if len(k.credits) == 0 {
		return true
	}
	for i, o := range k.orders {
		cs := credits[i]
		if len(cs) == len(o.res.Credits) {
			continue // none of the knot's
		}
		sortTxns(cs)
		for n, t := range cs {
			if !slices.ContainsFunc(k.credits, func(cc *creditChoice) bool { return cc.t == t }) {
				continue
			}
			owed := decimal.Zero
			for _, c := range charges[i] {
				if !txnDay(c).After(txnDay(t)) {
					v, _ := o.value(c)
					owed = owed.Add(v)
				}
			}
			for _, c := range cs[:n] {
				v, _ := o.value(c)
				owed = owed.Sub(v)
			}
			if owed.LessThan(o.creditValue(t, t.Amount.Abs())) {
				return false
			}
		}
	}
	return true
}

// choices lists the knot's ties of charges with their equally good
// assignments, and how many ways each of its choices has: one per tie of
// charges, then per rebill, per credit and per order with sets. ok is
// false where the knot is beyond what is judged: more ways than a tie's
// assignments, or more ways times orders than a tie judges.
func (k *knot) choices() (ties []knotTie, ways []int, ok bool) {
	for _, o := range k.orders {
		if !k.explains(o) {
			return nil, nil, false
		}
	}
	total := 1
	count := func(n int) bool {
		ways = append(ways, n)
		total *= n
		return n > 0 && total <= tieMaxAssignments && total*len(k.orders) <= tieMaxJudged
	}
	for _, t := range k.ties {
		if len(t.demands) > tieMaxDemands {
			return nil, nil, false
		}
		demands, charges := sortedTie(t, tieOrders(t))
		kt := knotTie{demands: demands, charges: charges, assignments: equallyGood(demands, charges)}
		if !count(len(kt.assignments)) {
			return nil, nil, false
		}
		ties = append(ties, kt)
	}
	for _, rb := range k.rebills {
		if rb.n > len(rb.orders) || !count(len(rb.orders)) {
			return nil, nil, false // orders left unnamed, or too many ways
		}
	}
	for _, cc := range k.credits {
		if !count(len(cc.orders)) {
			return nil, nil, false
		}
	}
	for _, o := range k.sets {
		if !count(len(o.rd().splitSets)) {
			return nil, nil, false
		}
	}
	return ties, ways, true
}

// explains reports whether every candidate of order o is a row one of the
// knot's ties holds for o: an order ambiguous for another reason as well
// (a set of split charges that another order's set shares, a search cut
// short, one of the person's own orders) cannot be judged here.
func (k *knot) explains(o *order) bool {
	r := o.rd()
	if o.searchCut || r.ownRival != "" {
		return false
	}
	for _, c := range o.res.Ties().Candidates {
		held := slices.ContainsFunc(k.ties, func(t *tie) bool {
			return slices.Contains(t.charges, c) && slices.ContainsFunc(t.demands, func(d *demand) bool { return d.o == o })
		}) ||
			slices.ContainsFunc(k.rebills, func(rb *rebill) bool { return rb.t == c && slices.Contains(rb.orders, o) }) ||
			slices.ContainsFunc(k.credits, func(cc *creditChoice) bool { return cc.t == c && slices.Contains(cc.orders, o) }) ||
			slices.Contains(k.sets, o) && slices.ContainsFunc(r.splitSets, func(set []*parser.Transaction) bool { return slices.Contains(set, c) })
		if !held {
			return false
		}
	}
	return true
}

// apply adds to each order's charges and credits what choice gives it. It
// reports false where the choice gives one row to two orders (a charge of
// one order's set that is another's rebill): no way the rows can be.
func (k *knot) apply(choice []int, ties []knotTie, idx map[*order]int, charges, credits [][]*parser.Transaction) bool {
	given := map[*parser.Transaction]bool{}
	add := func(o *order, t *parser.Transaction) bool {
		if given[t] {
			return false
		}
		given[t] = true
		charges[idx[o]] = append(charges[idx[o]], t)
		return true
	}
	n := 0
	for _, kt := range ties {
		for i, c := range kt.assignments[choice[n]] {
			if c >= 0 && !add(kt.demands[i].o, kt.charges[c]) {
				return false
			}
		}
		n++
	}
	for _, rb := range k.rebills {
		if !add(rb.orders[choice[n]], rb.t) {
			return false
		}
		n++
	}
	for _, cc := range k.credits {
		i := idx[cc.orders[choice[n]]]
		credits[i] = append(credits[i], cc.t)
		n++
	}
	for _, o := range k.sets {
		for _, t := range o.rd().splitSets[choice[n]] {
			if !add(o, t) {
				return false
			}
		}
		n++
	}
	return true
}

// next steps choice to the next way, as a counter whose digit i counts up
// to ways[i]; false after the last.
func next(choice, ways []int) bool {
	for i := range choice {
		if choice[i]++; choice[i] < ways[i] {
			return true
		}
		choice[i] = 0
	}
	return false
}

// mark records on the knot's orders what judging it found: at alert, what
// is missing across them all, given on the first; otherwise no total, any
// a tie of it worked out alone taken back.
func (k *knot) mark(allAlert bool, missing decimal.Decimal) {
	ids := make([]string, len(k.orders))
	for i, o := range k.orders {
		ids[i] = o.res.Dispute.OrderID
	}
	for i, o := range k.orders {
		tied := o.res.tied()
		if !allAlert {
			tied.TieAlert, tied.TieOutstanding, tied.TieOrders, tied.HasTieOutstanding = false, decimal.Zero, nil, false
			continue
		}
		tied.TieAlert, tied.TieOutstanding, tied.TieOrders = true, missing, others(ids, ids[i])
		tied.HasTieOutstanding = i == 0
	}
}
