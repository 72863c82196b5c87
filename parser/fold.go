package parser

import "hash/maphash"

// foldKey identifies rows that are the same transaction when two exports of
// one account both list it: same day, account, sign, and fingerprint of
// amount and normalised description.
type foldKey struct {
	date    Date
	account string
	sign    int
	print   uint64
}

// foldSeed seeds the fingerprints; they are only compared within one run.
var foldSeed = maphash.MakeSeed()

// fingerprint sums up an amount's magnitude, written as decimal.Decimal
// writes it (so that 10.50 and 10.5 agree), and a normalised description.
// Rows are compared by fingerprint only on the same day, account and sign,
// where two different rows sharing one of 2⁶⁴ fingerprints is not a
// practical concern.
func fingerprint(amount value, normalized string) uint64 {
	var buf [128]byte
	b := append(amount.appendAbs(buf[:0]), 0)
	return maphash.Bytes(foldSeed, append(b, normalized...))
}

func txnKey(t *Transaction) foldKey {
	return foldKey{t.Date, t.Account, t.Amount.Sign(), fingerprint(decimalValue(t.Amount), t.Normalized)}
}

func (s *Statement) postingKey(p *posting) foldKey {
	return foldKey{p.date, s.brief.accounts[p.account], int(p.sign), p.print}
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
		if len(group.stmts) > 1 {
			foldGroup(group.stmts)
		}
	}
}

// FoldDays tells, for each statement, the days FoldOverlaps compares its
// rows on: those that another statement of the same account covers too. It
// is nil for a statement that overlaps none. Statements read with
// ReadOptions.Fold set to less than these days must be read again with it
// before FoldOverlaps: rows kept in brief are compared only on the days
// their statement was read for.
func FoldDays(stmts []*Statement) []func(Date) bool {
	out := make([]func(Date) bool, len(stmts))
	for _, group := range byAccount(stmts) {
		for i, s := range group.stmts {
			var others []*Statement
			for j, o := range group.stmts {
				if j != i && !o.To.Before(s.From) && !o.From.After(s.To) {
					others = append(others, o)
				}
			}
			if len(others) > 0 {
				out[group.index[i]] = func(d Date) bool { return coveredBy(others, d) }
			}
		}
	}
	return out
}

// coveredBy reports whether one of stmts covers day d.
func coveredBy(stmts []*Statement, d Date) bool {
	for _, o := range stmts {
		if !d.Before(o.From) && !d.After(o.To) {
			return true
		}
	}
	return false
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

func foldGroup(group []*Statement) {
	inOverlap := func(i int, d Date) bool {
		for j, o := range group {
			if j != i && !d.Before(o.From) && !d.After(o.To) {
				return true
			}
		}
		return false
	}
	// counts[key][i] is how many rows of key statement i has inside an overlap.
	counts := map[foldKey][]int{}
	count := func(i int, k foldKey) {
		if !inOverlap(i, k.date) {
			return
		}
		if counts[k] == nil {
			counts[k] = make([]int, len(group))
		}
		counts[k][i]++
	}
	for i, s := range group {
		for j := range s.Txns {
			count(i, txnKey(&s.Txns[j]))
		}
		for p := range s.brief.postings.all() {
			count(i, s.postingKey(p))
		}
	}
	// The file holding the most copies of a row keeps them; the others drop theirs.
	keeper := make(map[foldKey]int, len(counts))
	for k, c := range counts {
		best := 0
		for i, n := range c {
			if n > c[best] {
				best = i
			}
		}
		keeper[k] = best
	}
	for i, s := range group {
		drop := func(k foldKey) bool {
			best, ok := keeper[k]
			if ok && best != i && inOverlap(i, k.date) {
				s.Folded++
				return true
			}
			return false
		}
		kept := s.Txns[:0]
		for j := range s.Txns {
			if !drop(txnKey(&s.Txns[j])) {
				kept = append(kept, s.Txns[j])
			}
		}
		s.Txns = kept
		s.brief.postings.filter(func(p *posting) bool {
			if drop(s.postingKey(p)) {
				s.brief.count(int(p.sign), -1)
				return false
			}
			return true
		})
	}
}
