package parser

import (
	"cmp"
	"hash/maphash"
	"slices"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// foldKey identifies rows that are the same transaction when two exports of
// one account both list it: same day, account, sign, and fingerprint of
// amount and normalised description.
type foldKey struct {
	date    civil.Date
	account string
	sign    int
	print   uint64
}

// foldSeed seeds the fingerprints; they are only compared within one run.
var foldSeed = maphash.MakeSeed()

// Fingerprint sums up an amount's magnitude, written as decimal.Decimal
// writes it (so that 10.50 and 10.5 agree), and a normalised description.
// Rows are compared by Fingerprint only on the same day, account and sign,
// where two different rows sharing one of 2⁶⁴ fingerprints is not a
// practical concern.
func Fingerprint(amount money.Value, normalized string) uint64 {
	var buf [128]byte
	b := append(amount.AppendAbs(buf[:0]), 0)
	return maphash.Bytes(foldSeed, append(b, normalized...))
}

func txnKey(k *KeptRows, i int) foldKey {
	amt := k.Amount(i)
	var buf [128]byte
	norm := k.AppendNormalized(buf[:0], i)
	return foldKey{k.Date(i), k.Account(i), amt.Sign(), Fingerprint(amt, unsafe.String(unsafe.SliceData(norm), len(norm)))}
}

func (s *Statement) postingKey(p *brief.Posting) foldKey {
	return foldKey{p.Date, s.Brief.Accounts[p.Account], int(p.Sign), p.Print}
}

// FoldOverlaps removes the double counting of overlapping exports of one account
// (monthly downloads that cover the same days, or one file given twice).
// Statements of the same account are compared where their date ranges
// overlap: identical rows (same day, amount and description) count as many
// times as the file that has the most of them. The dropped rows are counted
// in each Statement's Folded; Fold changes the statements in place.
// Files that carry no account identity count as one account.
func FoldOverlaps(stmts []*Statement) {
	for _, group := range byAccount(stmts) {
		switch {
		case len(group.stmts) < 2:
		case group.stmts[0].Account != "":
			foldGroup(group.stmts)
		default:
			for _, same := range sameUnnamedAccount(group.stmts) {
				if len(same) > 1 {
					foldGroup(same)
				}
			}
		}
	}
}

// sameUnnamedAccount splits statements that name no account into those
// that may be exports of one account: two files are when, over the days
// both cover, every row of one appears in the other. Files that overlap
// otherwise are two accounts; the rows of one that look like rows of the
// other are counted in both, and a note of each says so.
func sameUnnamedAccount(stmts []*Statement) [][]*Statement {
	keys := foldRowsByDay(stmts)
	same := newStatementUnion(len(stmts))
	order := make([]int, len(stmts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(stmts[a].From.Number(), stmts[b].From.Number()) })
	var open []int // the statements, in order, that may still overlap the next
	for _, i := range order {
		s := stmts[i]
		open = slices.DeleteFunc(open, func(j int) bool { return stmts[j].To.Before(s.From) })
		for _, j := range open {
			if oneUnnamedAccount(s, stmts[j], keys[i], keys[j]) {
				same.join(i, j)
			}
		}
		open = append(open, i)
	}
	return same.groups(stmts)
}

// foldRowsByDay returns the fold keys of each statement's rows, its
// transactions and the postings kept in brief, sorted by day so that the
// rows of the days two statements both cover are found by binary search.
func foldRowsByDay(stmts []*Statement) [][]foldKey {
	keys := make([][]foldKey, len(stmts))
	for i, s := range stmts {
		for j := range s.Txns.Len() {
			keys[i] = append(keys[i], txnKey(&s.Txns, j))
		}
		for p := range s.Brief.Postings.All() {
			keys[i] = append(keys[i], s.postingKey(p))
		}
		slices.SortFunc(keys[i], func(a, b foldKey) int { return cmp.Compare(a.date.Number(), b.date.Number()) })
	}
	return keys
}

// foldRowsWithin returns the set of the keys, sorted by day, from day
// from to day to included.
func foldRowsWithin(keys []foldKey, from, to civil.Date) map[foldKey]bool {
	byDay := func(k foldKey, d int32) int { return cmp.Compare(k.date.Number(), d) }
	lo, _ := slices.BinarySearchFunc(keys, from.Number(), byDay)
	hi, _ := slices.BinarySearchFunc(keys, to.Number()+1, byDay)
	set := make(map[foldKey]bool, hi-lo)
	for _, k := range keys[lo:hi] {
		set[k] = true
	}
	return set
}

// oneUnnamedAccount reports whether s and o, whose date ranges overlap and
// whose row keys by day are ks and ko, are exports of one account: over
// the days both cover, every row of one appears in the other. When they
// are not, the rows they share are counted in both, and a note on each
// says how many look like rows of the other.
func oneUnnamedAccount(s, o *Statement, ks, ko []foldKey) bool {
	from, to := s.From, s.To
	if o.From.After(from) {
		from = o.From
	}
	if o.To.Before(to) {
		to = o.To
	}
	a, b := foldRowsWithin(ks, from, to), foldRowsWithin(ko, from, to)
	if subset(a, b) || subset(b, a) {
		return true
	}
	if shared := common(a, b); shared > 0 {
		s.Notes = append(s.Notes, lookAlike(shared, o.File))
		o.Notes = append(o.Notes, lookAlike(shared, s.File))
	}
	return false
}

// statementUnion joins statements found to be exports of one account, by
// index (a union-find): one is joined to another through all the others
// it was found the same as.
type statementUnion []int

func newStatementUnion(n int) statementUnion {
	u := make(statementUnion, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// root returns the index that stands for all the statements joined to i.
func (u statementUnion) root(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// join records that statements i and j are of one account.
func (u statementUnion) join(i, j int) { u[u.root(i)] = u.root(j) }

// groups returns stmts in groups of one account each, the groups in the
// order of their first statement and each in the order of stmts.
func (u statementUnion) groups(stmts []*Statement) [][]*Statement {
	at := map[int]int{} // the index in out of each root's statements
	var out [][]*Statement
	for i, s := range stmts {
		r := u.root(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], s)
	}
	return out
}

// lookAlike is the note of a file whose n rows look like rows of the file
// named other, but are counted.
func lookAlike(n int, other string) *msg.Message {
	return msg.Msgf("%d rows look like rows of %s on the same days and are counted in both: neither file names its account, and they differ on the days both cover", n, other)
}

// subset reports whether every key of a is in b.
func subset(a, b map[foldKey]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// common counts the keys of a that are in b.
func common(a, b map[foldKey]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// FoldDays tells, for each statement, the days FoldOverlaps compares its
// rows on: those that another statement of the same account covers too. It
// is nil for a statement that overlaps none. Statements read with
// ReadOptions.Fold set to less than these days must be read again with it
// before FoldOverlaps: rows kept in brief are compared only on the days
// their statement was read for.
func FoldDays(stmts []*Statement) []func(civil.Date) bool {
	out := make([]func(civil.Date) bool, len(stmts))
	for _, group := range byAccount(stmts) {
		if len(group.stmts) < 2 {
			continue
		}
		cover := newCoverCount(group.stmts)
		overlaps := overlapping(group.stmts)
		for i, s := range group.stmts {
			if overlaps[i] {
				out[group.index[i]] = func(d civil.Date) bool { return cover.byOthers(s, d) }
			}
		}
	}
	return out
}

// coverCount counts, for each day, the statements of one account that
// cover it: a step function, kept as the days it changes on. Asking it
// costs a binary search, whatever the number of statements.
type coverCount struct {
	from  []int32 // the first day of each step, in order
	count []int   // how many statements cover the days of each step
}

func newCoverCount(stmts []*Statement) *coverCount {
	type event struct {
		day   int32
		delta int
	}
	events := make([]event, 0, 2*len(stmts))
	for _, s := range stmts {
		if s.From.Valid() && !s.To.Before(s.From) {
			events = append(events, event{s.From.Number(), 1}, event{s.To.Number() + 1, -1})
		}
	}
	slices.SortFunc(events, func(a, b event) int { return cmp.Compare(a.day, b.day) })
	c := &coverCount{}
	n := 0
	for i, e := range events {
		n += e.delta
		if i+1 < len(events) && events[i+1].day == e.day {
			continue
		}
		c.from = append(c.from, e.day)
		c.count = append(c.count, n)
	}
	return c
}

// at is how many statements cover day d.
func (c *coverCount) at(d civil.Date) int {
	i, found := slices.BinarySearch(c.from, d.Number())
	if !found {
		i--
	}
	if i < 0 {
		return 0
	}
	return c.count[i]
}

// byOthers reports whether a statement other than s covers day d.
func (c *coverCount) byOthers(s *Statement, d civil.Date) bool {
	n := c.at(d)
	if !d.Before(s.From) && !d.After(s.To) {
		n--
	}
	return n > 0
}

// overlapping tells, for each statement, whether another one's days meet
// its own: with the statements in order of their first day, the others
// that start before s ends are a prefix of that order, and one of them
// meets s when the latest end among them (but s's own) is not before s
// starts.
func overlapping(stmts []*Statement) []bool {
	order := make([]int, len(stmts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(stmts[a].From.Number(), stmts[b].From.Number()) })
	// best[k] and second[k]: the statements of order[:k+1] that end latest
	// and next latest.
	best, second := make([]int, len(order)), make([]int, len(order))
	for k, i := range order {
		best[k], second[k] = i, -1
		if k > 0 {
			b, s := best[k-1], second[k-1]
			switch {
			case stmts[i].To.Number() > stmts[b].To.Number():
				best[k], second[k] = i, b
			case s < 0 || stmts[i].To.Number() > stmts[s].To.Number():
				best[k], second[k] = b, i
			default:
				best[k], second[k] = b, s
			}
		}
	}
	out := make([]bool, len(stmts))
	for i, s := range stmts {
		// The statements that start on or before s's last day.
		k, _ := slices.BinarySearchFunc(order, s.To.Number()+1, func(j int, day int32) int { return cmp.Compare(stmts[j].From.Number(), day) })
		k--
		if k < 0 {
			continue
		}
		other := best[k]
		if other == i {
			other = second[k]
		}
		out[i] = other >= 0 && !stmts[other].To.Before(s.From)
	}
	return out
}

// accountGroup is the statements of one account, with their indexes in
// the list they came from.
type accountGroup struct {
	stmts []*Statement
	index []int
}

// byAccount groups statements by account, in the order they come.
func byAccount(stmts []*Statement) []*accountGroup {
	groups := map[string]*accountGroup{}
	var out []*accountGroup
	for i, s := range stmts {
		g := groups[s.Account]
		if g == nil {
			g = &accountGroup{}
			groups[s.Account] = g
			out = append(out, g)
		}
		g.stmts = append(g.stmts, s)
		g.index = append(g.index, i)
	}
	return out
}

// foldGroup folds the overlapping rows of the statements of one account:
// on the days another statement covers too, a row is kept by the
// statement holding the most copies of it (foldKeepers) and dropped from
// the others (dropFolded).
func foldGroup(group []*Statement) {
	cover := newCoverCount(group)
	inOverlap := func(i int, d civil.Date) bool { return cover.byOthers(group[i], d) }
	keeper := foldKeepers(group, inOverlap)
	for i, s := range group {
		dropFolded(s, func(k foldKey) bool {
			best, ok := keeper[k]
			return ok && best != i && inOverlap(i, k.date)
		})
	}
}

// foldTally counts the copies of one row: cur is the statement being
// counted and curN its copies, best the statement with the most copies
// so far and bestN its count.
type foldTally struct{ cur, curN, best, bestN int }

// foldKeepers returns, for each row inside an overlap (inOverlap of the
// statement's index and the row's day), the index of the statement that
// keeps it: the one holding the most copies of it (the first one, on a
// tie). Statements are counted one after another, so that a key needs
// only the count of the statement being counted and the best so far:
// memory grows with the rows, not with rows times statements.
func foldKeepers(group []*Statement, inOverlap func(int, civil.Date) bool) map[foldKey]int {
	tallies := map[foldKey]*foldTally{}
	count := func(i int, k foldKey) {
		if !inOverlap(i, k.date) {
			return
		}
		t := tallies[k]
		if t == nil {
			t = &foldTally{cur: i, best: i}
			tallies[k] = t
		}
		if t.cur != i {
			if t.curN > t.bestN {
				t.best, t.bestN = t.cur, t.curN
			}
			t.cur, t.curN = i, 0
		}
		t.curN++
	}
	for i, s := range group {
		for j := range s.Txns.Len() {
			count(i, txnKey(&s.Txns, j))
		}
		for p := range s.Brief.Postings.All() {
			count(i, s.postingKey(p))
		}
	}
	keeper := make(map[foldKey]int, len(tallies))
	for k, t := range tallies {
		if t.curN > t.bestN {
			t.best = t.cur
		}
		keeper[k] = t.best
	}
	return keeper
}

// dropFolded removes from s the transactions and brief postings whose key
// another statement keeps (drop), counting each in s.Folded and taking
// the postings out of the brief's counts, so that no row is dropped
// without a word.
func dropFolded(s *Statement, drop func(foldKey) bool) {
	s.Txns.Filter(func(j int) bool {
		if drop(txnKey(&s.Txns, j)) {
			s.Folded++
			return false
		}
		return true
	})
	s.Brief.Postings.Filter(func(p *brief.Posting) bool {
		if drop(s.postingKey(p)) {
			s.Folded++
			s.Brief.Count(int(p.Sign), -1)
			return false
		}
		return true
	})
}
