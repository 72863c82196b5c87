package parser

// foldKey identifies rows that are the same transaction when two exports of
// one account both list it.
type foldKey struct {
	date    Date
	amount  string
	desc    string
	account string
}

// FoldOverlaps removes the double counting of overlapping exports of one account
// (monthly downloads that cover the same days, or one file given twice).
// Statements of the same account are compared where their date ranges
// overlap: identical rows (same day, amount and description) count as many
// times as the file that has the most of them. The dropped rows are counted
// in each Statement's Folded; Fold changes the statements in place.
// Files that carry no account identity count as one account.
func FoldOverlaps(stmts []*Statement) {
	byAccount := map[string][]*Statement{}
	for _, s := range stmts {
		byAccount[s.Account] = append(byAccount[s.Account], s)
	}
	for _, group := range byAccount {
		if len(group) > 1 {
			foldGroup(group)
		}
	}
}

func foldGroup(group []*Statement) {
	// counts[key][i] is how many rows of key statement i has inside an overlap.
	counts := map[foldKey][]int{}
	inOverlap := func(i int, d Date) bool {
		for j, o := range group {
			if j != i && !d.Before(o.From) && !d.After(o.To) {
				return true
			}
		}
		return false
	}
	for i, s := range group {
		for _, t := range s.Txns {
			if !inOverlap(i, t.Date) {
				continue
			}
			k := foldKey{t.Date, t.Amount.String(), t.Normalized, t.Account}
			if counts[k] == nil {
				counts[k] = make([]int, len(group))
			}
			counts[k][i]++
		}
	}
	// The file holding the most copies of a row keeps them; the others drop theirs.
	keeper := map[foldKey]int{}
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
		kept := s.Txns[:0]
		for _, t := range s.Txns {
			k := foldKey{t.Date, t.Amount.String(), t.Normalized, t.Account}
			if best, ok := keeper[k]; ok && best != i && inOverlap(i, t.Date) {
				s.Folded++
				continue
			}
			kept = append(kept, t)
		}
		s.Txns = kept
	}
}
