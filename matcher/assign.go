package matcher

import (
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// How charges are shared out among disputed orders (SPEC §4): a charge serves
// one order, and an order of amount A takes one charge of exactly A before
// any order takes a second one. The evidence is taken strongest first: one
// exact charge per order, then shipment by shipment, then sets of charges
// that add up to an order, and last the further charges of exactly A that
// only one charged order can claim (a billing again, after a credit or after
// Amazon's word). Within each kind, nearer dates come first; where charges
// fit several orders equally well, those orders are ambiguous.

// demand is one thing an order can be charged for: its whole amount (a
// charge of exactly A posted D−3 … the end of its window) or one of its
// shipments (a charge of exactly the shipment's amount, ship−2 … ship+7).
type demand struct {
	o        *order
	date     civil.Date // the order's or the shipment's date
	amount   decimal.Decimal
	key      amountKey  // keyOf(amount), made once
	num      int32      // key's number in the chargeIndex, 0 where not known
	from, to civil.Date // the days its charge may post on
	charge   *parser.Transaction
	tie      *tie
	// shipment is set on a demand of one of an order's shipments
	// (assignShipments), clear on an order's own.
	shipment bool
	// hungry is set on a demand of a tie that no charge has been counted for
	// yet: it goes on looking, farther away, for the tie's candidates.
	hungry bool
}

// tie is a set of demands, of more than one order, that the same charges fit
// equally well: which charge is whose cannot be told, so the orders are
// ambiguous and the charges are candidates of each.
type tie struct {
	demands []*demand
	charges []*parser.Transaction
}

// amountSet is the amounts a charge can be looked up by (wantedAmounts),
// each with a number, from 1.
type amountSet struct {
	num  map[amountKey]int32 // an amount key's number
	keys []amountKey         // keys[n-1] is the key numbered n
	// hashes are those of the amounts of keys (money.Value.AbsHash), when
	// each has one; nil when one has none, or a key was added without its
	// amount (add).
	hashes   []uint64
	unhashed bool
}

// add puts key in the set.
func (s *amountSet) add(key amountKey) {
	if _, ok := s.num[key]; !ok {
		s.keys = append(s.keys, key)
		s.num[key] = int32(len(s.keys))
		s.unhashed = true
	}
}

// amountHash is an amount's money.Value.AbsHash, where it has one (ok).
type amountHash struct {
	h  uint64
	ok bool
}

// hashOf is amt's amountHash.
func hashOf(amt decimal.Decimal) amountHash {
	h, ok := money.FromDecimal(amt).AbsHash()
	return amountHash{h, ok}
}

// addAmount puts an amount in the set by its key and its hash, and
// returns its number.
func (s *amountSet) addAmount(key amountKey, h amountHash) int32 {
	if n, ok := s.num[key]; ok {
		return n
	}
	s.keys = append(s.keys, key)
	n := int32(len(s.keys))
	s.num[key] = n
	if h.ok {
		s.hashes = append(s.hashes, h.h)
	} else {
		s.unhashed = true
	}
	return n
}

// amountFilter tells, from a charge's amount alone, most charges of an
// amount not in an amountSet: a bit for each hash of the set's amounts, in
// a table some sixteen times as large as the set (small enough to stay in
// the processor's cache), so that one charge in sixteen of another amount
// goes on to be looked up by its key. A nil filter tells none.
type amountFilter struct {
	bits  []uint64
	shift uint // a hash's top bits are its bit's number
}

// filter returns the set's amountFilter; nil where an amount of the set
// has no hash.
func (s *amountSet) filter() *amountFilter {
	if s.unhashed || len(s.hashes) == 0 {
		return nil
	}
	log := uint(12)
	for log < 24 && 1<<log < 16*len(s.hashes) {
		log++
	}
	f := &amountFilter{bits: make([]uint64, 1<<(log-6)), shift: 64 - log}
	for _, h := range s.hashes {
		n := h >> f.shift
		f.bits[n>>6] |= 1 << (n & 63)
	}
	return f
}

// excludes reports whether v is surely no amount of the filter's set.
func (f *amountFilter) excludes(v money.Value) bool {
	if f == nil {
		return false
	}
	h, ok := v.AbsHash()
	if !ok {
		return false
	}
	n := h >> f.shift
	return f.bits[n>>6]&(1<<(n&63)) == 0
}

// keyedCharge is a charge of an amount in an amountSet: nums are the
// numbers of its amount's key and of its foreign amount's (0 for a key not
// in the set, or none).
type keyedCharge struct {
	t    *parser.Transaction
	nums [2]int32
}

// wantedCharges returns the charges whose amount or foreign amount is in
// set, in the order of charges, with the numbers of those keys (as
// amountKeys makes them: a foreign amount equal to the billed one has no
// key of its own). A charge of any other amount, nearly all of them, costs
// its amount hashed and, one in sixteen, its keys made and looked up, no
// more.
func wantedCharges(charges *chargeList, set amountSet) []keyedCharge {
	var out []keyedCharge
	f := set.filter()
	for i := range charges.len() {
		if f.excludes(charges.amount(i)) && charges.foreign(i) == nil {
			continue
		}
		var kc keyedCharge
		key := charges.key(i)
		kc.nums[0] = set.num[key]
		if t := charges.foreign(i); t != nil {
			if orig := keyOf(t.OrigAmount); orig != key {
				kc.nums[1] = set.num[orig]
			}
		}
		if kc.nums != [2]int32{} {
			kc.t = charges.txn(i)
			out = append(out, kc)
		}
	}
	return out
}

// chargeIndex is the Amazon charges of the amounts looked for, under each
// amount they can pay: the billed amount and the original foreign amount,
// each list in date order. The lists are by the amounts' numbers in the
// set (amountSet), so that an order or a shipment, which knows its
// amount's number, finds its charges without a map.
type chargeIndex struct {
	num   map[amountKey]int32     // the set's numbers of amounts
	lists [][]*parser.Transaction // lists[n-1] are the charges of the amount numbered n
}

// of returns the charges of the amount of key, nil for an amount not looked for.
func (x *chargeIndex) of(key amountKey) []*parser.Transaction { return x.numbered(x.num[key]) }

// numbered returns the charges of the amount numbered n, nil for 0.
func (x *chargeIndex) numbered(n int32) []*parser.Transaction {
	if n == 0 {
		return nil
	}
	return x.lists[n-1]
}

// list returns the charges of the amount of key, numbered n where n is
// known (not 0).
func (x *chargeIndex) list(key amountKey, n int32) []*parser.Transaction {
	if n == 0 {
		return x.of(key)
	}
	return x.lists[n-1]
}

// indexCharges lists the Amazon charges of wanted (wantedCharges) under
// each amount of set they can pay. The lists are cut from one slice, each
// as long as its amount's charges and no longer (so that an append to one
// could never write over the next): a list grown by appending for each of
// tens of thousands of amounts was as many allocations.
func indexCharges(wanted []keyedCharge, set amountSet) *chargeIndex {
	// First each amount's charges are counted, then each is given its
	// place in all, empty, and filled.
	counts := make([]int32, len(set.keys))
	n := 0
	for _, kc := range wanted {
		for _, k := range kc.nums {
			if k > 0 {
				counts[k-1]++
				n++
			}
		}
	}
	all := make([]*parser.Transaction, n)
	lists := make([][]*parser.Transaction, len(set.keys))
	at := 0
	for i, c := range counts {
		if c > 0 {
			lists[i] = all[at : at : at+int(c)]
			at += int(c)
		}
	}
	for _, kc := range wanted {
		for _, k := range kc.nums {
			if k > 0 {
				lists[k-1] = append(lists[k-1], kc.t)
			}
		}
	}
	return &chargeIndex{num: set.num, lists: lists}
}

// wantedAmounts is the amount keys a charge can be looked up by: the
// orders', their shipments', and those of the user's own orders and their
// shipments.
func wantedAmounts(orders []*order, own []OwnOrder) amountSet {
	set := amountSet{num: make(map[amountKey]int32, len(orders))}
	add := func(amt decimal.Decimal) { set.addAmount(keyOf(amt), hashOf(amt)) }
	for _, o := range orders {
		// The order's key and hash were made as it was set up: its amount,
		// a decimal of its own, is not read again here, order after order.
		// Its number is kept, for the rules that group orders by amount.
		// Nor is its dispute read where it lists no shipment: the orders
		// are in date order, the disputes in the file's, so that each
		// dispute read was most often one the cache did not hold.
		o.num = set.addAmount(o.key, o.hash)
		if !o.shipments {
			continue
		}
		for _, sh := range o.res.Dispute.Shipments {
			add(sh.Amount)
		}
	}
	for _, o := range own {
		add(o.Total)
		for _, sh := range o.Shipments {
			add(sh.Amount)
		}
	}
	return set
}

// rank orders the distance of a charge posted on c from a demand dated d:
// nearer first, and at the same distance a charge on or after the date
// before one before it (Amazon bills when it ships, after the order).
func rank(d, c civil.Date) int {
	n := c.Sub(d)
	if n < 0 {
		return -2*n + 1
	}
	return 2 * n
}

// assignNearest gives charges to demands one to one, nearest first. Demands
// of one amount and date make a bucket, and each bucket meets the charges of
// its amount one posting day at a time, in the order of rank; the charges of
// one day are shared out among the bucket's demands that are still looking
// (settle). It looks only at charges of the demands' amounts inside their
// windows, so the work grows with the rows, not with rows times orders.
func assignNearest(demands []*demand, idx *chargeIndex, used map[*parser.Transaction]bool) []*tie {
	var ties []*tie
	for _, bl := range chargeBlocks(demandBuckets(demands), idx) {
		ties = settle(bl.b.demands, bl.charges, used, ties)
	}
	reach(demands, idx, used)
	live := ties[:0]
	for _, t := range ties {
		if len(t.demands) > 0 {
			live = append(live, t)
		}
	}
	return live
}

// demandBucket is the demands of one amount (key) and date, with the
// window of posting days that covers all of theirs.
type demandBucket struct {
	key      amountKey
	num      int32 // its demands' num
	date     civil.Date
	demands  []*demand
	from, to civil.Date
}

// demandBuckets puts demands of one amount and date in one bucket, the
// buckets in the order of their first demand: they are settled together,
// as none of them is nearer to a charge than another.
func demandBuckets(demands []*demand) []*demandBucket {
	type bucketKey struct {
		amount amountKey
		date   civil.Date
	}
	// There are at most as many buckets as demands, and nearly as many:
	// amounts and days repeat little.
	byKey := make(map[bucketKey]*demandBucket, len(demands))
	buckets := make([]*demandBucket, 0, len(demands))
	room := make([]demandBucket, 0, len(demands)) // never grows: its elements stay where they are
	// Each bucket's first demand is held in one slice for all, each bucket
	// given room for one only, so that a second demand moves its bucket's
	// list out rather than write over the next bucket's.
	firsts := make([]*demand, len(demands))
	for _, d := range demands {
		key := d.key
		k := bucketKey{key, d.date}
		b := byKey[k]
		if b == nil {
			n := len(room)
			firsts[n] = d
			room = append(room, demandBucket{key: key, num: d.num, date: d.date, demands: firsts[n : n+1 : n+1], from: d.from, to: d.to})
			b = &room[n]
			byKey[k] = b
			buckets = append(buckets, b)
			continue
		}
		b.demands = append(b.demands, d)
		if d.from.Before(b.from) {
			b.from = d.from
		}
		b.to = civil.Max(b.to, d.to)
	}
	return buckets
}

// chargeBlock is the charges of a bucket's amount posted on one day
// inside its window, ranked by how near that day is to the bucket's date.
type chargeBlock struct {
	rank    int
	at      int // its place before sorting
	b       *demandBucket
	charges []*parser.Transaction
}

// chargeBlocks returns each bucket's charges one posting day at a time,
// nearest first (by rank; in the order of the buckets and the days on a
// tie), so that every demand meets its nearest charges before farther
// ones. Only charges of the bucket's amount inside its window are looked
// at.
func chargeBlocks(buckets []*demandBucket, idx *chargeIndex) []chargeBlock {
	// Most buckets meet their charges on one day or none: room for one
	// block each and an eighth more, rather than a list grown by doubling.
	blocks := make([]chargeBlock, 0, len(buckets)+len(buckets)/8)
	for _, b := range buckets {
		list := idx.list(b.key, b.num)
		i, _ := slices.BinarySearchFunc(list, b.from, func(t *parser.Transaction, d civil.Date) int { return txnDay(t).Sub(d) })
		for i < len(list) && !txnDay(list[i]).After(b.to) {
			j := i + 1
			for j < len(list) && txnDay(list[j]) == txnDay(list[i]) {
				j++
			}
			blocks = append(blocks, chargeBlock{rank: rank(b.date, txnDay(list[i])), at: len(blocks), b: b, charges: list[i:j]})
			i = j
		}
	}
	return byRank(blocks)
}

// byRank sorts blocks by rank, then in the order made. Ranks are small
// numbers, twice the days from a date to the end of its window at most,
// so that the blocks are counted under each rank and each written into its
// place (countedOrder): a comparison sort of eighty thousand blocks was a twentieth of
// matching. Ranks spread much wider than the blocks are many are sorted.
func byRank(blocks []chargeBlock) []chargeBlock {
	top := 0
	for i := range blocks {
		top = max(top, blocks[i].rank)
	}
	if top > 4*len(blocks)+1024 {
		slices.SortFunc(blocks, func(x, y chargeBlock) int {
			if x.rank != y.rank {
				return x.rank - y.rank
			}
			return x.at - y.at
		})
		return blocks
	}
	sorted := make([]chargeBlock, len(blocks))
	for k, i := range countedOrder(len(blocks), top, func(i int) int { return blocks[i].rank }) {
		sorted[k] = blocks[i]
	}
	return sorted
}

// reachSteps bounds the search of reach for one demand.
const reachSteps = 64

// reach serves the demands nearest first left without a charge where
// another demand can move to a charge still free: a shipment on 9 March that
// took a charge of 8 March, when it could as well have the one of 14 March,
// leaves the charge of 8 March to a shipment of 3 March that has no other.
// It follows the shortest such chain of moves, of a bounded length; demands
// in ties and charges of ties or of other kinds of evidence stay as they are.
func reach(demands []*demand, idx *chargeIndex, used map[*parser.Transaction]bool) {
	owner := make(map[*parser.Transaction]*demand, len(demands))
	for _, d := range demands {
		if d.charge != nil {
			owner[d.charge] = d
		}
	}
	type step struct {
		d    *demand
		via  *parser.Transaction // the charge of d that the step before wants
		prev int
	}
	for _, d0 := range demands {
		if d0.charge != nil || d0.tie != nil {
			continue
		}
		steps := []step{{d: d0, prev: -1}}
		seen := map[*demand]bool{d0: true}
	search:
		for i := 0; i < len(steps) && len(steps) < reachSteps; i++ {
			for _, c := range steps[i].d.fitting(idx) {
				if !used[c] {
					take := c
					for cur := i; cur >= 0; cur = steps[cur].prev {
						s := steps[cur]
						s.d.charge, owner[take] = take, s.d
						take = s.via
					}
					used[c] = true
					break search
				}
				if o := owner[c]; o != nil && !seen[o] {
					seen[o] = true
					steps = append(steps, step{d: o, via: c, prev: i})
				}
			}
		}
	}
}

// fitting lists the charges demand d can take, nearest first.
func (d *demand) fitting(idx *chargeIndex) []*parser.Transaction {
	list := idx.list(d.key, d.num)
	i, _ := slices.BinarySearchFunc(list, d.from, func(t *parser.Transaction, day civil.Date) int { return txnDay(t).Sub(day) })
	var out []*parser.Transaction
	for _, t := range list[i:] {
		if txnDay(t).After(d.to) {
			break
		}
		if d.o.fits(t) && d.o.amountMatches(t, d.amount) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(x, y *parser.Transaction) int { return rank(d.date, txnDay(x)) - rank(d.date, txnDay(y)) })
	return out
}

// settle shares out charges of one amount and one posting day among the
// demands of one bucket that still look for one, each fitting the charges
// its order's account, currency and window allow. It finds a largest
// matching; demands that every largest matching serves take their charge.
// Demands that some largest matching leaves out, and those they could swap
// with, form a tie (merged with the ties they were in already) with the
// charges they reach, unless they all belong to one order: then it does not
// matter which of its shipments a charge is counted for.
func settle(all []*demand, charges []*parser.Transaction, used map[*parser.Transaction]bool, ties []*tie) []*tie {
	// The demands that still look for a charge (none yet, outside a tie or
	// in one that still lacks charges), and the charges no order took yet.
	// Gathered here rather than by a function, so that small lists stay on
	// the stack.
	var ds []*demand
	for _, d := range all {
		if d.charge == nil && (d.tie == nil || d.hungry) {
			ds = append(ds, d)
		}
	}
	var cs []*parser.Transaction
	for _, t := range charges {
		if !used[t] {
			cs = append(cs, t)
		}
	}
	if len(ds) == 0 || len(cs) == 0 {
		return ties
	}
	if len(ds) == 1 {
		// One demand, as most blocks hold: a largest matching gives it the
		// first charge that fits, and it contends with no other.
		d := ds[0]
		for _, t := range cs {
			if d.reaches(t) {
				take(d, t, used)
				break
			}
		}
		return ties
	}
	return settleMatching(ds, cs, used, ties)
}

// reaches reports whether charge t can be d's: of its order's card and
// currency, of its amount, posted inside its window.
func (d *demand) reaches(t *parser.Transaction) bool {
	return d.o.fits(t) && d.o.amountMatches(t, d.amount) && inRange(txnDay(t), d.from, d.to)
}

// settleMatching is settle of the demands ds still looking and the charges
// cs still free, by a largest matching of the two.
func settleMatching(ds []*demand, cs []*parser.Transaction, used map[*parser.Transaction]bool, ties []*tie) []*tie {
	adj := make([][]int, len(ds))
	for i, d := range ds {
		for j, t := range cs {
			if d.reaches(t) {
				adj[i] = append(adj[i], j)
			}
		}
	}
	matchD, matchC := make([]int, len(ds)), make([]int, len(cs))
	largestMatching(adj, matchD, matchC)
	inR, inRC := make([]bool, len(ds)), make([]bool, len(cs))
	contested(adj, matchD, matchC, inR, inRC)
	if !tiedAcrossOrders(ds, inR) {
		for i, d := range ds {
			if j := matchD[i]; j >= 0 {
				take(d, cs[j], used)
			}
		}
		return ties
	}
	t := &tie{}
	ties = append(ties, t)
	for i, d := range ds {
		switch j := matchD[i]; {
		case inR[i]:
			t.join(d)
			d.hungry = j < 0
		case j >= 0:
			take(d, cs[j], used)
		}
	}
	for j, c := range cs {
		if inRC[j] {
			used[c] = true
			t.charges = append(t.charges, c)
		}
	}
	return ties
}

// largestMatching finds a largest matching of a bipartite graph by
// augmenting paths, tried from each left vertex in order: adj[i] lists the
// right vertices (indexes of matchR) that left vertex i may be matched to,
// in order of preference. It sets each left vertex's partner in matchL and
// each right vertex's in matchR, -1 for none. The caller makes both, so
// that they can stay on its stack.
func largestMatching(adj [][]int, matchL, matchR []int) {
	for i := range matchL {
		matchL[i] = -1
	}
	for j := range matchR {
		matchR[j] = -1
	}
	for i := range adj {
		augment(adj, matchL, matchR, i, make([]bool, len(matchR)))
	}
}

// augment looks for a path from left vertex i, alternating between edges
// outside the matching and edges in it, to a free right vertex not yet seen,
// and flips the matching along it.
func augment(adj [][]int, matchL, matchR []int, i int, seen []bool) bool {
	for _, j := range adj[i] {
		if seen[j] {
			continue
		}
		seen[j] = true
		if matchR[j] < 0 || augment(adj, matchL, matchR, matchR[j], seen) {
			matchL[i], matchR[j] = j, i
			return true
		}
	}
	return false
}

// contested follows the alternating paths from the left vertices a largest
// matching leaves out (and that have an edge): they reach every left vertex
// that some largest matching leaves out, and the right vertices they
// contend for, marked in inL and inR (made by the caller, all false). Left
// vertices outside it are served by every largest matching.
func contested(adj [][]int, matchL, matchR []int, inL, inR []bool) {
	var queue []int
	for i := range adj {
		if matchL[i] < 0 && len(adj[i]) > 0 {
			inL[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, j := range adj[i] {
			if inR[j] {
				continue
			}
			inR[j] = true
			if k := matchR[j]; k >= 0 && !inL[k] {
				inL[k] = true
				queue = append(queue, k)
			}
		}
	}
}

// tiedAcrossOrders reports whether the contested demands make a tie: some
// is in a tie already, or they belong to more than one order.
func tiedAcrossOrders(ds []*demand, inR []bool) bool {
	for i, d := range ds {
		if inR[i] && (d.tie != nil || d.o != ds[firstTrue(inR)].o) {
			return true
		}
	}
	return false
}

// take gives demand d the charge t: as its own, or to the tie it is in.
func take(d *demand, t *parser.Transaction, used map[*parser.Transaction]bool) {
	used[t] = true
	if d.tie != nil {
		d.tie.charges = append(d.tie.charges, t)
		d.hungry = false
		return
	}
	d.charge = t
}

// join puts demand d in tie t; a tie d was in already is merged into t,
// with all its demands and charges.
func (t *tie) join(d *demand) {
	if d.tie == t {
		return
	}
	if old := d.tie; old != nil {
		for _, m := range old.demands {
			m.tie = t
		}
		t.demands = append(t.demands, old.demands...)
		t.charges = append(t.charges, old.charges...)
		old.demands, old.charges = nil, nil
		return
	}
	d.tie = t
	t.demands = append(t.demands, d)
}

// claimAlso names other as an order that o's candidates could belong to.
func (o *order) claimAlso(other *order) {
	if id := other.res.Dispute.OrderID; other != o && !slices.Contains(o.rd().alsoClaims, id) {
		r := o.more()
		r.alsoClaims = append(r.alsoClaims, id)
	}
}

func firstTrue(bs []bool) int {
	for i, b := range bs {
		if b {
			return i
		}
	}
	return -1
}

// markTies makes the orders of each tie ambiguous, with the tie's charges as
// candidates and the other orders named.
func markTies(ties []*tie) {
	for _, t := range ties {
		var owners []*order
		for _, d := range t.demands {
			if !slices.Contains(owners, d.o) {
				owners = append(owners, d.o)
			}
		}
		for _, o := range owners {
			o.ambiguous = true
			o.addCandidates(t.charges)
			for _, other := range owners {
				o.claimAlso(other)
			}
		}
	}
}

// assignExact gives each order at most one Amazon charge of exactly its
// amount inside its window, nearest first, one order to a charge. It
// returns the ties, whose orders it leaves ambiguous until they are judged
// (resolveTies).
func assignExact(orders []*order, idx *chargeIndex, used map[*parser.Transaction]bool) []*tie {
	demands, all := make([]*demand, len(orders)), make([]demand, len(orders)) // made at once, as the orders are
	for i, o := range orders {
		all[i] = demand{o: o, date: o.d, amount: o.a, key: o.key, num: o.num, from: o.d.AddDays(-daysBeforeOrder), to: o.windowEnd}
		demands[i] = &all[i]
	}
	ties := assignNearest(demands, idx, used)
	// Most orders get their one charge here: it is held in one slice for
	// all, each order given room for its one only, so that a charge added
	// later moves the order's list out rather than write over the next.
	firsts := make([]*parser.Transaction, len(demands))
	for i, d := range demands {
		switch {
		case d.charge == nil:
		case len(d.o.res.Charges) == 0:
			firsts[i] = d.charge
			d.o.res.Charges = firsts[i : i+1 : i+1]
		default:
			d.o.res.Charges = append(d.o.res.Charges, d.charge)
		}
	}
	markTies(ties)
	return ties
}

// rebillGroup is the charged orders of one amount, which a further charge
// of that amount could be a billing of.
type rebillGroup struct {
	orders []*order // by order date
	span   int      // the longest window, in days after the order date
}

// rebillGroups groups the orders given a charge or a candidate by amount:
// byAmount[n-1] is the group of the amount numbered n in set (the order's
// num), nil for none, so that orders and charges, numbered by set, find
// their group without a map. Orders' amounts repeat little: the groups,
// and the first order of each, are held in one slice for all, each
// group's orders given room for its first only, so that a second moves
// them out rather than write over the next group's.
func rebillGroups(orders []*order, set amountSet) (byAmount []*rebillGroup) {
	byAmount = make([]*rebillGroup, len(set.keys))
	groups, firsts := make([]rebillGroup, 0, len(orders)), make([]*order, len(orders))
	for _, o := range orders {
		if len(o.res.Charges) == 0 && len(o.res.Ties().Candidates) == 0 {
			continue
		}
		g := byAmount[o.num-1]
		if g == nil {
			n := len(groups)
			firsts[n] = o
			groups = append(groups, rebillGroup{orders: firsts[n : n+1 : n+1], span: max(0, o.windowEnd.Sub(o.d))})
			byAmount[o.num-1] = &groups[n]
			continue
		}
		g.orders = append(g.orders, o)
		g.span = max(g.span, o.windowEnd.Sub(o.d))
	}
	return byAmount
}

// assignRebills gives the Amazon charges still unused, of exactly an order's
// amount inside its window, to the charged order they could be a further
// billing of (billed twice, or again after a credit or after Amazon's word),
// when it is the only one. A charge that several orders could claim makes
// them ambiguous. Orders are looked up by amount and date, so each charge
// meets only the orders whose window can hold it.
func assignRebills(orders []*order, wanted []keyedCharge, set amountSet, used map[*parser.Transaction]bool) {
	byAmount := rebillGroups(orders, set)
	for _, kc := range wanted {
		t := kc.t
		if used[t] {
			continue
		}
		var claim []*order
		for _, k := range kc.nums {
			if k == 0 {
				continue
			}
			g := byAmount[k-1]
			if g == nil {
				continue
			}
			from := txnDay(t).AddDays(-g.span)
			i, _ := slices.BinarySearchFunc(g.orders, from, func(o *order, d civil.Date) int { return o.d.Sub(d) })
			for _, o := range g.orders[i:] {
				if o.d.After(txnDay(t).AddDays(daysBeforeOrder)) {
					break
				}
				if o.fits(t) && o.amountMatches(t, o.a) && inRange(txnDay(t), o.d.AddDays(-daysBeforeOrder), o.windowEnd) && !slices.Contains(claim, o) {
					claim = append(claim, o)
				}
			}
		}
		switch len(claim) {
		case 0:
			continue
		case 1:
			used[t] = true
			claim[0].res.Charges = append(claim[0].res.Charges, t)
			sortTxns(claim[0].res.Charges)
			continue
		}
		used[t] = true
		rb := &rebill{t: t, n: len(claim), orders: claim[:min(len(claim), rebillNamed+1)]}
		for _, o := range claim {
			// t was unused, so it is no candidate of o yet.
			o.ambiguous = true
			o.res.tied().Candidates = append(o.res.tied().Candidates, t)
			r := o.more()
			r.rebills = append(r.rebills, rb)
		}
	}
}

// rebillNamed is how many other orders a reason names at most.
const rebillNamed = 5

// rebill is a charge that several charged orders could have been billed
// again: n of them, the first few of which are kept to be named.
type rebill struct {
	t      *parser.Transaction
	n      int
	orders []*order
}

// rebillOthers names the other orders that o's rebills could belong to, at
// most rebillNamed of them, and whether there are more.
func (o *order) rebillOthers() IDList {
	var l IDList
	for _, rb := range o.rd().rebills {
		if rb.n > len(rb.orders) {
			l.More = true
		}
		for _, other := range rb.orders {
			id := other.res.Dispute.OrderID
			if other == o || slices.Contains(l.IDs, id) {
				continue
			}
			if len(l.IDs) == rebillNamed {
				l.More = true
				break
			}
			l.IDs = append(l.IDs, id)
		}
	}
	return l
}
