package matcher

import (
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
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
// Ties joined through the orders or the rows they share are a knot (a
// rebill's row may be a charge of an order's set of split charges). A knot
// is judged under every way of choosing at once, within the bounds of a
// tie: an equally good assignment of each tie of charges, an order for
// each rebill (or none, where a set may hold its row) and a set for each
// order with several. In each way the credits of the knot's orders, and
// the free credits that fit them, are shared out again by the rules of
// credits.go, with the way's charges: a credit the rules find several of
// its orders fit equally goes to each of them in turn, one more choice,
// and a way that gives a credit to an order with less than that out on
// the credit's day (charged by then, less what came before) is no way the
// rows can be.
//
// Where every way gives the same verdicts, and the first way gives every
// row of the knot's orders to one of them, the rows go that way (the
// first choices first: charges to the first orders by order date, then
// order id), and the orders are interchangeable. A way that leaves a row
// to no order is not given out so: the row would read as no disputed
// order's, as another way does not read it.
// Where every way leaves an order of the knot at alert, money is missing
// whichever way the rows belong: each order of the knot is at alert, and
// its first order carries the least that is missing across them.
// Otherwise the orders stay ambiguous at review, and a total one of the
// ties worked out alone is taken back: some way of reading the rows
// leaves nothing at alert. So too for a knot too large to judge, or whose
// orders are ambiguous for another reason as well (a set search cut
// short, one of the person's own orders).

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
// charges) and judges each, in turn: a free credit one knot gives an order
// is no other's to share out.
func judgeKnots(orders []*order, open []*tie, cr *crediting, j *judging) {
	knots := findKnots(orders, open)
	if len(knots) == 0 {
		return
	}
	p := newPool(cr)
	for _, k := range knots {
		k.name()
		k.judge(p, j)
	}
}

// pool is what the credits of each way of a knot are shared out from:
// the credits no order took, and where each credit stands among all.
type pool struct {
	cr    *crediting
	free  []*parser.Transaction // in date order; taken since by a knot, skipped
	byAbs []pooled              // the same, by amount, smallest first
	pos   map[*parser.Transaction]int
}

// pooled is a free credit with its amount, made positive once.
type pooled struct {
	abs decimal.Decimal
	t   *parser.Transaction
}

// newPool returns the pool of cr's credits as they stand, listed when a
// tie first asks: most reports have no tie, and a long history tens of
// thousands of credits.
func newPool(cr *crediting) *pool { return &pool{cr: cr} }

// list lists the free credits and where each credit stands, once.
func (p *pool) list() {
	if p.pos != nil {
		return
	}
	cr := p.cr
	p.free, p.pos = cr.free(), make(map[*parser.Transaction]int, len(cr.credits))
	for i, t := range cr.credits {
		p.pos[t] = i
	}
	p.byAbs = make([]pooled, len(p.free))
	for i, t := range p.free {
		p.byAbs[i] = pooled{t.Amount.Abs(), t}
	}
	slices.SortFunc(p.byAbs, func(x, y pooled) int { return x.abs.Cmp(y.abs) })
}

// credits are the credits a way of knot k shares out again: those its
// orders hold, its own, and the free credits one of its orders could take
// in some way: that fit one of them, and are of no more than one of them
// could have charged, dated from its first row on, or follow one of its
// rows (an over-credit, rule 5: the nearest Amazon charges on or before
// the credit's day hold it). They are in the order of all credits.
func (p *pool) credits(k *knot) []*parser.Transaction {
	p.list()
	var out []*parser.Transaction
	var days []civil.Date // of the knot's rows
	first, most := civil.Date{}, decimal.Zero
	for _, o := range k.orders {
		out = append(out, o.res.Credits...)
		// What it could have out: its charges, and of its candidates no
		// more than its amount, once and once more for each rebill.
		own, cands := decimal.Zero, decimal.Zero
		for _, t := range o.res.Charges {
			v, _ := o.value(t)
			own = own.Add(v)
			days, first = dayOf(t, days, first)
		}
		for _, t := range o.res.Ties().Candidates {
			if !t.IsCredit() {
				v, _ := o.value(t)
				cands = cands.Add(v)
				days, first = dayOf(t, days, first)
			}
		}
		cands = decimal.Min(cands, o.a.Abs().Mul(decimal.NewFromInt(int64(1+len(o.rd().rebills)))))
		if could := own.Add(cands); could.GreaterThan(most) {
			most = could
		}
	}
	for _, cc := range k.credits {
		out = append(out, cc.t)
	}
	take := func(t *parser.Transaction) {
		if !p.cr.taken[t] && !p.cr.ownTook[t] && slices.ContainsFunc(k.orders, func(o *order) bool { return o.fits(t) }) {
			out = append(out, t)
		}
	}
	n, _ := slices.BinarySearchFunc(p.byAbs, most, func(x pooled, v decimal.Decimal) int {
		if x.abs.GreaterThan(v) {
			return 1
		}
		return -1
	})
	for _, x := range p.byAbs[:n] {
		if !txnDay(x.t).Before(first) {
			take(x.t)
		}
	}
	// The credits an over-credit rule could give the knot: those from the
	// day of one of its rows to the next day Amazon charged.
	charges := p.cr.charges
	for _, d := range days {
		end := civil.Date{}
		if i := charges.from(d.AddDays(1)); i < charges.len() {
			end = charges.day(i)
		}
		i, _ := slices.BinarySearchFunc(p.free, d, func(t *parser.Transaction, d civil.Date) int { return txnDay(t).Sub(d) })
		for _, t := range p.free[i:] {
			if end.Valid() && !txnDay(t).Before(end) {
				break
			}
			take(t)
		}
	}
	slices.SortFunc(out, func(x, y *parser.Transaction) int { return p.pos[x] - p.pos[y] })
	return slices.Compact(out)
}

// dayOf adds the day of row t to days, and returns them with the first.
func dayOf(t *parser.Transaction, days []civil.Date, first civil.Date) ([]civil.Date, civil.Date) {
	if !slices.Contains(days, txnDay(t)) {
		days = append(days, txnDay(t))
	}
	if !first.Valid() || txnDay(t).Before(first) {
		first = txnDay(t)
	}
	return days, first
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
	// A row joins the items that hold it, but for two orders' sets of
	// split charges sharing a row: a knot of them reads each order as
	// charged a set, which the shared rows make no way at all, where
	// each order judged alone is read with one of its sets.
	byOrder := map[*order]int{}
	bySet, byOther := map[*parser.Transaction]int{}, map[*parser.Transaction]int{}
	join := func(i int, at map[*parser.Transaction]int, t *parser.Transaction) {
		if k, ok := at[t]; ok {
			parent[root(i)] = root(k)
		}
	}
	for i, it := range items {
		for _, o := range it.orders {
			if k, ok := byOrder[o]; ok {
				parent[root(i)] = root(k)
			} else {
				byOrder[o] = i
			}
		}
		for _, t := range it.rows {
			join(i, byOther, t)
			at := byOther
			if it.set != nil {
				at = bySet
			} else {
				join(i, bySet, t)
			}
			if _, ok := at[t]; !ok {
				at[t] = i
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
// orders as the ways say. In each way the credits of its orders are shared
// out again by the rules, with the way's charges and its choice of order
// for each of the knot's credits where they fit several equally. Where in
// some way another credit fits several of its orders equally, that credit
// is chosen in too, and the knot judged again. Where every way gives the
// same verdicts, and the first gives every row to an order, which row is
// whose changes nothing: the rows go that way, and the orders are
// interchangeable. A knot beyond the bounds, or
// with no way the rows can be, is left ambiguous at review, any total a
// tie of it worked out alone taken back.
func (k *knot) judge(p *pool, j *judging) {
	var added []*creditChoice // credits chosen in as they tied again
	for range knotRounds {
		ties, ways, ok := k.choices()
		if !ok {
			break
		}
		r := k.readings(ties, ways, p, j)
		if len(r.retied) > 0 {
			added = k.chooseIn(r.retied, added)
			continue
		}
		switch {
		case r.judged == 0:
		case r.same && k.givesAll(r):
			k.give(ties, r, p.cr)
			return
		default:
			k.contest(added, p.cr)
			k.mark(r.allAlert, r.missing)
			return
		}
		break
	}
	k.contest(added, p.cr)
	k.mark(false, decimal.Zero)
}

// knotRounds bounds how many times a knot is judged again with the credits
// that tied again.
const knotRounds = 4

// readings is what the ways of a knot come to.
type readings struct {
	judged         int  // the ways the rows can be
	same, allAlert bool // every way the same verdicts; every way an alert
	missing        decimal.Decimal
	first          []int    // the first way the rows can be
	firstWay       []*order // its orders, charged and credited
	firstChose     map[*parser.Transaction][]*order
	retied         []*creditChoice
}

// readings judges the knot under each way of choosing, ways[i] choices of
// the i-th, in the order choices lists them.
func (k *knot) readings(ties []knotTie, ways []int, p *pool, j *judging) readings {
	idx := make(map[*order]int, len(k.orders))
	for i, o := range k.orders {
		idx[o] = i
	}
	credits := p.credits(k)
	choice := make([]int, len(ways))
	charges := make([][]*parser.Transaction, len(k.orders))
	results := make([]*OrderResult, len(k.orders))
	r := readings{same: true, allAlert: true, missing: decimal.Zero}
	var key string
	for {
		for i, o := range k.orders {
			charges[i] = slices.Clone(o.res.Charges)
		}
		if forced, ok := k.apply(choice, ties, idx, charges); ok {
			way, chose, valid, retied := k.reshare(charges, forced, idx, credits, p.cr)
			r.retied = append(r.retied, retied...)
			if valid && len(retied) == 0 {
				for i, o := range way {
					judge(o, j)
					results[i] = o.res
				}
				vs, alert, out := verdictsOf(results)
				if r.judged == 0 {
					key, r.first, r.firstWay, r.firstChose = vs, slices.Clone(choice), way, chose
				}
				if r.judged == 0 || out.LessThan(r.missing) {
					r.missing = out
				}
				r.judged++
				r.same, r.allAlert = r.same && vs == key, r.allAlert && alert
			}
		}
		if !next(choice, ways) {
			return r
		}
	}
}

// chooseIn adds the credits that tied again to the knot's, each with the
// orders it fits in any way, and returns added with them.
func (k *knot) chooseIn(retied, added []*creditChoice) []*creditChoice {
	for _, rc := range retied {
		i := slices.IndexFunc(k.credits, func(cc *creditChoice) bool { return cc.t == rc.t })
		if i < 0 {
			cc := &creditChoice{t: rc.t}
			k.credits = append(k.credits, cc)
			added = append(added, cc)
			i = len(k.credits) - 1
		}
		cc := k.credits[i]
		for _, o := range rc.orders {
			if !slices.Contains(cc.orders, o) {
				cc.orders = append(cc.orders, o)
			}
		}
		slices.SortStableFunc(cc.orders, byOrderDateAndID)
	}
	k.single = false
	slices.SortStableFunc(k.credits, func(x, y *creditChoice) int { return txnDay(x.t).Sub(txnDay(y.t)) })
	return added
}

// contest makes each credit that tied again, which an order of the knot
// held, a candidate of every order it fits instead, as the knot's other
// credits are: the knot is read with it as any of theirs.
func (k *knot) contest(added []*creditChoice, cr *crediting) {
	for _, cc := range added {
		for _, o := range k.orders {
			if i := slices.Index(o.res.Credits, cc.t); i >= 0 {
				o.res.Credits = slices.Delete(slices.Clone(o.res.Credits), i, i+1)
			}
		}
		cr.taken[cc.t] = true
		ids := idsOf(cc.orders)
		for _, o := range cc.orders {
			o.ambiguous = true
			r := o.more()
			with := others(ids, o.res.Dispute.OrderID)
			r.creditTie, r.creditWith = append(r.creditTie, cc.t), append(r.creditWith, with)
			o.addCandidates([]*parser.Transaction{cc.t})
			tied := o.res.tied()
			for _, id := range with {
				if !slices.Contains(tied.TiedWith, id) {
					tied.TiedWith = append(tied.TiedWith, id)
				}
			}
		}
	}
	if len(added) > 0 {
		for _, o := range k.orders {
			o.more().knot = knotOfChargesAndCredits
		}
	}
}

// reshare shares the credits out again by the rules among copies of the
// knot's orders charged charges: each of the knot's credits, where it fits
// several of its orders equally that way, to the one forced names (by its
// place in k.orders). It returns the copies, the credits so given (chose),
// whether the way can be (the
// order forced is among those the credit fits, and had that much out on
// the credit's day), and the credits that fit several orders equally that
// the knot does not choose among yet, with those orders.
func (k *knot) reshare(charges [][]*parser.Transaction, forced map[*parser.Transaction]int, idx map[*order]int, credits []*parser.Transaction, cr *crediting) (way []*order, chose map[*parser.Transaction][]*order, valid bool, retied []*creditChoice) {
	way = make([]*order, len(k.orders))
	for i, o := range k.orders {
		sortTxns(charges[i])
		way[i] = o.sandbox(charges[i], nil)
	}
	sc := newCrediting(cr.charges, credits, cr.ownTaken)
	sc.parent = cr
	sc.forced = make(map[*parser.Transaction]forcedCredit, len(forced))
	sc.chose = map[*parser.Transaction][]*order{}
	for _, cc := range k.credits {
		among := make([]*order, len(cc.orders))
		for i, o := range cc.orders {
			among[i] = way[idx[o]]
		}
		sc.forced[cc.t] = forcedCredit{to: way[forced[cc.t]], among: among}
	}
	sc.assignCredits(way)
	// The orders a credit tied among, as the knot's orders.
	for _, rc := range sc.retied {
		for i, o := range rc.orders {
			rc.orders[i] = k.orders[slices.Index(way, o)]
		}
	}
	for t, fit := range sc.chose {
		if !owedBy(fit[0], t) {
			return way, nil, false, sc.retied
		}
	}
	return way, sc.chose, !sc.broken, sc.retied
}

// owedBy reports whether order o, as charged and credited, had credit t's
// value still out on t's day: charged by then, less what it was credited
// before t. The rules count what an order has out in all; a credit cannot
// refund a charge billed after it, and a way that reads it so (a rebill
// that came later taken for what an earlier credit refunded) is no way
// the rows can be.
func owedBy(o *order, t *parser.Transaction) bool {
	owed := decimal.Zero
	for _, c := range o.res.Charges {
		if !txnDay(c).After(txnDay(t)) {
			v, _ := o.value(c)
			owed = owed.Add(v)
		}
	}
	for _, c := range o.res.Credits {
		if c == t {
			break
		}
		v, _ := o.value(c)
		owed = owed.Sub(v)
	}
	return money.FromDecimal(owed).Cmp(o.creditValue(t, money.FromDecimal(t.Amount).Abs())) >= 0
}

// givesAll reports whether the first way of r gives every row of the
// knot's orders, charge or credit, candidate or their own, to one of
// them. A way that leaves one to no order reads it as no disputed order's,
// which another way does not: the rows are not given out so.
func (k *knot) givesAll(r readings) bool {
	given := map[*parser.Transaction]bool{}
	for _, o := range r.firstWay {
		for _, t := range o.res.Charges {
			given[t] = true
		}
		for _, t := range o.res.Credits {
			given[t] = true
		}
	}
	for _, o := range k.orders {
		for _, list := range [][]*parser.Transaction{o.res.Charges, o.res.Credits, o.res.Ties().Candidates} {
			if slices.ContainsFunc(list, func(t *parser.Transaction) bool { return !given[t] }) {
				return false
			}
		}
	}
	return true
}

// give shares the knot's rows out the first way of r, with the credits as
// that way shared them (a free credit it gives an order is taken); the
// orders, no longer ambiguous, are interchangeable.
func (k *knot) give(ties []knotTie, r readings, cr *crediting) {
	choice, way := r.first, r.firstWay
	ids := idsOf(k.orders)
	for _, kt := range ties {
		for i, c := range kt.assignments[choice[0]] {
			if d := kt.demands[i]; c >= 0 && d.shipment {
				d.o.byShipment = true
				d.o.shipsCharged++
			}
		}
		choice = choice[1:]
	}
	real := make(map[*order]*order, len(way)) // a way's copy, its order
	for i, o := range k.orders {
		real[way[i]] = o
		o.res.Charges, o.res.Credits = way[i].res.Charges, way[i].res.Credits
		for _, t := range o.res.Credits {
			cr.taken[t] = true
		}
		o.ambiguous = false
		if r := o.rare; r != nil {
			r.alsoClaims, r.rebills, r.creditTie, r.creditWith, r.splitSets, r.knot, r.candidate = nil, nil, nil, nil, nil, 0, nil
		}
		tied := o.res.tied()
		tied.Candidates, tied.TiedWith = nil, nil
		tied.TieAlert, tied.TieOutstanding, tied.TieOrders, tied.HasTieOutstanding = false, decimal.Zero, nil, false
		tied.InterchangeableWith = others(ids, o.res.Dispute.OrderID)
	}
	for _, cc := range k.credits {
		// Said of a credit the way chose an order for, among the several
		// it fitted that way; one the rules gave that way fitted no other.
		fit := r.firstChose[cc.t]
		if len(fit) < 2 {
			continue
		}
		o := real[fit[0]]
		var also []string
		for _, x := range fit[1:] {
			also = append(also, real[x].res.Dispute.OrderID)
		}
		o.more().creditNotes = append(o.more().creditNotes, msg.Msgf("the credit of %s fits %s as well: whichever of these orders each credit refunds, the verdicts are the same, so it was counted for this order", o.list([]*parser.Transaction{cc.t}), IDList{IDs: also}))
	}
}

// idsOf are the order ids of orders.
func idsOf(orders []*order) []string {
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.res.Dispute.OrderID
	}
	return ids
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
		// A rebill's row that one of the knot's sets of split charges
		// holds may be that set's charge, and no order's second billing.
		n := len(rb.orders)
		if slices.ContainsFunc(k.sets, func(o *order) bool {
			return slices.ContainsFunc(o.rd().splitSets, func(set []*parser.Transaction) bool { return slices.Contains(set, rb.t) })
		}) {
			n++
		}
		if rb.n > len(rb.orders) || !count(n) {
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

// apply adds to each order's charges what choice gives it, and returns
// the order (by its place in k.orders) choice gives each of the knot's
// credits. ok is false where the choice gives one row to two orders (a
// charge of one order's set that is another's rebill), or a rebill's row
// to none: no way the rows can be.
func (k *knot) apply(choice []int, ties []knotTie, idx map[*order]int, charges [][]*parser.Transaction) (forced map[*parser.Transaction]int, ok bool) {
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
				return nil, false
			}
		}
		n++
	}
	var unbilled []*parser.Transaction // rebills the way reads as a set's charge
	for _, rb := range k.rebills {
		switch {
		case choice[n] == len(rb.orders):
			unbilled = append(unbilled, rb.t)
		case !add(rb.orders[choice[n]], rb.t):
			return nil, false
		}
		n++
	}
	forced = make(map[*parser.Transaction]int, len(k.credits))
	for _, cc := range k.credits {
		forced[cc.t] = idx[cc.orders[choice[n]]]
		n++
	}
	for _, o := range k.sets {
		for _, t := range o.rd().splitSets[choice[n]] {
			if !add(o, t) {
				return nil, false
			}
		}
		n++
	}
	for _, t := range unbilled {
		if !given[t] {
			return nil, false
		}
	}
	return forced, true
}

// next steps choice to the next way, as a counter whose digit i counts up
// to ways[i], the last digit fastest: the first way that can be gives the
// rows of the first choices (ties of charges, then rebills) to their first
// orders, by order date, then order id. It returns false after the last.
func next(choice, ways []int) bool {
	for i := len(choice) - 1; i >= 0; i-- {
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
