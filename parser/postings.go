package parser

import (
	"iter"

	"github.com/refundwatch/refundwatch/parser/civil"
)

// posting is what FoldOverlaps compares of a transaction kept in brief,
// on the days ReadOptions.Fold asks for: 16 bytes without pointers, nothing
// for the garbage collector to scan.
type posting struct {
	print   uint64 // fingerprint of amount and description, see fingerprint
	date    civil.Date
	account uint16 // index in briefRows.accounts
	sign    int8   // of the amount
}

// maxBriefAccounts is how many accounts one file's postings can name; the
// rows of any further account are kept in full.
const maxBriefAccounts = 1 << 16

// briefRows is what a statement keeps of the transactions ReadOptions.Keep did
// not choose: how many there are, of which sign, and on which days of which
// account; and a posting for each of those FoldOverlaps must compare
// (ReadOptions.Fold). Without postings, a file of any length takes a few
// hundred bytes here.
type briefRows struct {
	n, charges, credits int
	accounts            []string       // the accounts the rows name, by posting.account
	days                []civil.DaySet // the days of each account's rows, by the same index
	postings            postings
}

// count adds n rows of the given sign (n is -1 for a row taken back).
func (b *briefRows) count(sign, n int) {
	b.n += n
	switch {
	case sign > 0:
		b.charges += n
	case sign < 0:
		b.credits += n
	}
}

// postings is a list of postings kept in blocks of a fixed size: past its
// first block it grows without copying what it holds, and it holds no more
// than it needs.
type postings struct {
	blocks [][]posting
	n      int
}

const postingBlock = 1 << 12

// firstPostingBlock is the room the first block starts with.
const firstPostingBlock = 16

func (l *postings) len() int { return l.n }

func (l *postings) add(p posting) {
	if l.n%postingBlock == 0 {
		// The first block starts small and grows as it fills: a short
		// export among thousands keeps a few postings, not a block each.
		size := postingBlock
		if len(l.blocks) == 0 {
			size = firstPostingBlock
		}
		l.blocks = append(l.blocks, make([]posting, 0, size))
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, p)
	l.n++
}

func (l *postings) at(i int) *posting { return &l.blocks[i/postingBlock][i%postingBlock] }

// all yields the postings in order, to read or change.
func (l *postings) all() iter.Seq[*posting] {
	return func(yield func(*posting) bool) {
		for _, b := range l.blocks {
			for i := range b {
				if !yield(&b[i]) {
					return
				}
			}
		}
	}
}

// filter keeps, in order, the postings keep reports true for.
func (l *postings) filter(keep func(*posting) bool) {
	n := 0
	for p := range l.all() {
		if keep(p) {
			*l.at(n) = *p // n is never past p
			n++
		}
	}
	blocks := (n + postingBlock - 1) / postingBlock
	clear(l.blocks[blocks:])
	l.blocks = l.blocks[:blocks]
	if blocks > 0 {
		l.blocks[blocks-1] = l.blocks[blocks-1][:n-(blocks-1)*postingBlock]
	}
	l.n = n
}
