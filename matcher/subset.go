package matcher

import (
	"cmp"
	"maps"
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// Bounds of the search for split charges.
const (
	subsetMin = 2
	subsetMax = 5
	// subsetBudget caps the nodes one order's search may visit; an order whose
	// search runs out is ambiguous rather than guessed.
	subsetBudget = 200_000
	// splitSetsJudged is how many sets of split charges an order may have
	// for each to be judged (resolveTies): with more, it is ambiguous at
	// review.
	splitSetsJudged = 8
)

// assignSubsets looks, for each order that no exact charge paid, for the one
// set of 2 to 5 unused Amazon charges posted D−3 … D+14 that sums exactly to
// the order's amount. Several sets make the order ambiguous, listing their
// charges as candidates. A unique set is taken unless another order's unique
// set shares a charge with it: then the set with fewer charges, nearer its
// order's date, wins, and equally good ones make both orders ambiguous.
func assignSubsets(orders []*order, charges *chargeList, used map[*parser.Transaction]bool) {
	type claim struct {
		o        *order
		set      []*parser.Transaction
		distance int
	}
	var claims []claim
	maxima := dayMaxima(charges, used)
	for _, o := range orders {
		if o.ambiguous || len(o.res.Charges) > 0 || !o.splitPossible(maxima) {
			continue
		}
		sets, complete := findSubsets(o.subsetPool(charges, used), o.subsetValue, o.a, splitSetsJudged)
		switch {
		case complete && len(sets) == 1:
			claims = append(claims, claim{o: o, set: sets[0], distance: o.distance(sets[0])})
		case len(sets) > 1 || !complete:
			o.ambiguous = true
			o.searchCut = !complete && len(sets) < 2
			for _, set := range sets {
				o.addCandidates(set)
			}
			if complete {
				for _, set := range sets {
					set = slices.Clone(set)
					sortTxns(set)
					r := o.more()
					r.splitSets = append(r.splitSets, set)
				}
			}
		}
	}
	stronger := func(x, y claim) int {
		if d := len(x.set) - len(y.set); d != 0 {
			return d
		}
		return x.distance - y.distance
	}
	slices.SortStableFunc(claims, stronger)
	for i, c := range claims {
		for j, other := range claims {
			if i != j && stronger(c, other) == 0 && overlaps(c.set, other.set) {
				c.o.ambiguous = true
				c.o.addCandidates(c.set)
				c.o.addCandidates(other.set)
				c.o.claimAlso(other.o)
			}
		}
		if c.o.ambiguous || slices.ContainsFunc(c.set, func(t *parser.Transaction) bool { return used[t] }) {
			continue // a tie, or a stronger claim took one of its charges
		}
		c.o.res.Charges = slices.Clone(c.set)
		sortTxns(c.o.res.Charges)
		for _, t := range c.set {
			used[t] = true
		}
	}
}

// dayMax is the largest amount an Amazon charge of one day counts for,
// billed or original.
type dayMax struct {
	day civil.Date
	max decimal.Decimal
}

// dayMaxima lists, for each day with unused Amazon charges (in date order,
// as the charges are), the largest amount one of them counts for.
func dayMaxima(charges *chargeList, used map[*parser.Transaction]bool) []dayMax {
	var out []dayMax
	var day civil.Date
	var top money.Value // of day, kept as a Value: a decimal is made once a day
	closeDay := func() {
		if day.Valid() {
			out = append(out, dayMax{day, top.Decimal()})
		}
	}
	for i := range charges.len() {
		if t := charges.made(i); t != nil && used[t] {
			continue
		}
		v := charges.amount(i) // a charge: positive
		if t := charges.foreign(i); t != nil {
			if orig := money.FromDecimal(t.OrigAmount.Abs()); orig.Cmp(v) > 0 {
				v = orig
			}
		}
		if d := charges.day(i); d != day {
			closeDay()
			day, top = d, v
			continue
		}
		if v.Cmp(top) > 0 {
			top = v
		}
	}
	closeDay()
	return out
}

// splitPossible reports whether subsetMax unused charges of the largest
// amount posted D−3 … D+14 could add up to the order's amount. Where they could
// not, no set of charges can, and the order's search is spared looking at
// each charge: with a decade of Amazon rows, most orders are such.
func (o *order) splitPossible(maxima []dayMax) bool {
	from, to := o.d.AddDays(-daysBeforeOrder), o.d.AddDays(subsetDaysAfter)
	i, _ := slices.BinarySearchFunc(maxima, from, func(m dayMax, d civil.Date) int { return m.day.Sub(d) })
	largest := decimal.Zero
	for ; i < len(maxima) && !maxima[i].day.After(to); i++ {
		largest = decimal.Max(largest, maxima[i].max)
	}
	if largest.Sign() <= 0 { // no charge in the window: most orders, spared the product
		return o.a.Sign() <= 0
	}
	return !largest.Mul(subsetMaxTimes).LessThan(o.a)
}

// subsetMaxTimes is subsetMax as a decimal, made once.
var subsetMaxTimes = decimal.NewFromInt(subsetMax)

// subsetPool is the unused Amazon charges below the order's amount posted
// D−3 … D+14, that can make up the order.
func (o *order) subsetPool(charges *chargeList, used map[*parser.Transaction]bool) []*parser.Transaction {
	var pool []*parser.Transaction
	from, to := o.d.AddDays(-daysBeforeOrder), o.d.AddDays(subsetDaysAfter)
	for i := charges.from(from); i < charges.len() && !charges.day(i).After(to); i++ {
		if t := charges.txn(i); !used[t] && o.fits(t) && o.subsetValue(t).LessThan(o.a) {
			pool = append(pool, t)
		}
	}
	return pool
}

// subsetValue is what charge t counts for towards the order's amount: in
// the order's currency (see value).
func (o *order) subsetValue(t *parser.Transaction) decimal.Decimal {
	v, _ := o.value(t)
	return v
}

// distance adds up how many days each charge of set is from the order date.
func (o *order) distance(set []*parser.Transaction) int {
	n := 0
	for _, t := range set {
		n += absDays(txnDay(t).Sub(o.d))
	}
	return n
}

// addCandidates adds charges that could be the order's; judge puts them in
// date order.
func (o *order) addCandidates(ts []*parser.Transaction) {
	r := o.more()
	if r.candidate == nil {
		r.candidate = map[*parser.Transaction]bool{}
	}
	for _, t := range ts {
		if !r.candidate[t] {
			r.candidate[t] = true
			o.res.tied().Candidates = append(o.res.tied().Candidates, t)
		}
	}
}

// dropCandidates takes the rows drop is true of out of o's candidates,
// and out of the set addCandidates keeps of them, so that one added again
// later (ownTies) is listed again.
func (o *order) dropCandidates(drop func(*parser.Transaction) bool) {
	if o.res.Tied == nil {
		return
	}
	o.res.Tied.Candidates = slices.DeleteFunc(o.res.Tied.Candidates, drop)
	if o.rare != nil {
		maps.DeleteFunc(o.rare.candidate, func(t *parser.Transaction, _ bool) bool { return drop(t) })
	}
}

func overlaps(a, b []*parser.Transaction) bool {
	for _, t := range a {
		if slices.Contains(b, t) {
			return true
		}
	}
	return false
}

// subsetScale is the most decimals an amount may have for the search for
// split charges, which adds amounts as whole numbers of that many decimals.
const subsetScale = 6

// findSubsets returns up to limit sets of 2 to 5 transactions from pool whose
// values sum exactly to target, and whether the search was complete (it
// stops early at limit sets or when its budget runs out). The pool is sorted
// by value, largest first, so that a branch is dropped as soon as the
// largest or smallest values left cannot reach the target. Values are added
// as whole numbers of their smallest unit; a pool whose values do not fit
// in one (more than six decimals) holds no set.
func findSubsets(pool []*parser.Transaction, value func(*parser.Transaction) decimal.Decimal, target decimal.Decimal, limit int) ([][]*parser.Transaction, bool) {
	if len(pool) < subsetMin {
		return nil, true
	}
	// The slices are made here, and filled by the functions below, so
	// that small ones stay on the stack.
	amounts := make([]int64, len(pool))
	want, ok := subsetUnits(pool, value, target, amounts)
	if !ok {
		return nil, true
	}
	sorted := make([]*parser.Transaction, len(pool))
	sortLargestFirst(pool, amounts, sorted)
	s := subsetSearch{sorted: sorted, amounts: amounts, limit: limit, budget: subsetBudget}
	complete := s.walk(0, want)
	return s.sets, complete && s.budget >= 0
}

// subsetUnits puts in amounts the values of the pool as whole numbers of
// their smallest unit, and returns the target in the same unit. It reports
// false when the values do not fit (more than subsetScale decimals, or too
// large), or when the largest few fall short of the target: nothing to
// search.
func subsetUnits(pool []*parser.Transaction, value func(*parser.Transaction) decimal.Decimal, target decimal.Decimal, amounts []int64) (want int64, ok bool) {
	scale := max(0, -target.Exponent())
	values := make([]decimal.Decimal, len(pool))
	for i, t := range pool {
		values[i] = value(t)
		scale = max(scale, -values[i].Exponent())
	}
	if scale > subsetScale {
		return 0, false
	}
	want, ok = units(target, scale)
	if !ok {
		return 0, false
	}
	for i := range pool {
		n, ok := units(values[i], scale)
		if !ok {
			return 0, false
		}
		amounts[i] = n
	}
	// Most pools are many small charges whose largest few fall short of the
	// order's amount: nothing to search.
	if sumLargest(amounts, subsetMax) < want {
		return 0, false
	}
	return want, true
}

// sortLargestFirst puts the pool in sorted, largest amount first (stable),
// and sorts amounts along.
func sortLargestFirst(pool []*parser.Transaction, amounts []int64, sorted []*parser.Transaction) {
	type item struct {
		t *parser.Transaction
		n int64 // its value in units
	}
	items := make([]item, len(pool))
	for i, t := range pool {
		items[i] = item{t, amounts[i]}
	}
	slices.SortStableFunc(items, func(x, y item) int { return cmp.Compare(y.n, x.n) })
	for i, it := range items {
		sorted[i], amounts[i] = it.t, it.n
	}
}

// subsetSearch is the depth-first search of findSubsets over amounts,
// sorted largest first.
type subsetSearch struct {
	sorted  []*parser.Transaction
	amounts []int64
	limit   int
	budget  int
	pick    [subsetMax]int // the indexes of the set being built: the first npick
	npick   int
	sets    [][]*parser.Transaction
}

// walk extends the set being built with amounts from start on, to add up to
// left more. It reports false when the search must stop: limit sets found,
// or budget spent.
func (s *subsetSearch) walk(start int, left int64) bool {
	if s.budget--; s.budget < 0 {
		return false
	}
	if left == 0 && s.npick >= subsetMin {
		set := make([]*parser.Transaction, s.npick)
		for i, p := range s.pick[:s.npick] {
			set[i] = s.sorted[p]
		}
		s.sets = append(s.sets, set)
		return len(s.sets) < s.limit
	}
	slots := subsetMax - s.npick
	if slots == 0 || left <= 0 {
		return true
	}
	amounts := s.amounts
	for i := start; i < len(amounts); i++ {
		// The largest amounts left, taken slots at a time, must reach what is left.
		var top int64
		for j := i; j < i+slots && j < len(amounts); j++ {
			top += amounts[j]
		}
		if top < left {
			break // later starts are smaller still
		}
		if amounts[i] > left {
			continue
		}
		// The smallest amount there is must still fit after this one, unless this one closes the sum.
		if rest := left - amounts[i]; rest != 0 && (slots == 1 || amounts[len(amounts)-1] > rest) {
			continue
		}
		s.pick[s.npick] = i
		s.npick++
		ok := s.walk(i+1, left-amounts[i])
		s.npick--
		if !ok {
			return false
		}
	}
	return true
}

// units is d as a whole number of 10^-scale: the amounts of the search for
// split charges, worked out on int64 where the coefficient fits one. It
// reports false for amounts of 10^15 units or more, or not whole.
func units(d decimal.Decimal, scale int32) (int64, bool) {
	if e := d.Exponent() + scale; e >= 0 && d.NumDigits()+int(e) <= 18 {
		n := d.CoefficientInt64()
		for range e {
			n *= 10
		}
		return n, n < 1e15 && n > -1e15
	}
	n := d.Shift(scale)
	return n.IntPart(), n.IsInteger() && n.Abs().LessThan(decimal.New(1, 15))
}

// sumLargest adds the k largest of ns.
func sumLargest(ns []int64, k int) int64 {
	top := make([]int64, 0, k) // largest first
	for _, v := range ns {
		i, _ := slices.BinarySearchFunc(top, v, func(x, v int64) int { return cmp.Compare(v, x) })
		if i < k {
			if len(top) == k {
				top = top[:k-1]
			}
			top = slices.Insert(top, i, v)
		}
	}
	var sum int64
	for _, v := range top {
		sum += v
	}
	return sum
}
