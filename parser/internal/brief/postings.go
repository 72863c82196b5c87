// Package brief keeps what a statement holds of the rows it only counts
// (parser.ReadOptions.Keep): how many of each sign, on which days of which
// account, and a small posting for each row that folding must compare. The
// statement readers of parser's sub-packages fill it; nothing outside the
// parser needs to know its shape.
package brief

import (
	"iter"

	"github.com/refundwatch/refundwatch/parser/civil"
)

// Posting is what FoldOverlaps compares of a transaction kept in brief,
// on the days ReadOptions.Fold asks for: 16 bytes without pointers, nothing
// for the garbage collector to scan.
type Posting struct {
	Print   uint64 // fingerprint of amount and description, see fingerprint
	Date    civil.Date
	Account uint16 // index in briefRows.accounts
	Sign    int8   // of the amount
}

// MaxAccounts is how many accounts one file's postings can name; the
// rows of any further account are kept in full.
const MaxAccounts = 1 << 16

// Rows is what a statement keeps of the transactions ReadOptions.Keep did
// not choose: how many there are, of which sign, and on which days of which
// account; and a posting for each of those FoldOverlaps must compare
// (ReadOptions.Fold). Without postings, a file of any length takes a few
// hundred bytes here.
type Rows struct {
	N, Charges, Credits int
	Accounts            []string       // the accounts the rows name, by posting.account
	Days                []civil.DaySet // the days of each account's rows, by the same index
	Postings            Postings
}

// Count adds n rows of the given sign (n is -1 for a row taken back).
func (b *Rows) Count(sign, n int) {
	b.N += n
	switch {
	case sign > 0:
		b.Charges += n
	case sign < 0:
		b.Credits += n
	}
}

// Postings is a list of Postings kept in blocks of a fixed size: past its
// first block it grows without copying what it holds, and it holds no more
// than it needs.
type Postings struct {
	blocks [][]Posting
	n      int
}

const PostingBlock = 1 << 12

// FirstPostingBlock is the room the first block starts with.
const FirstPostingBlock = 16

func (l *Postings) Len() int { return l.n }

// Room is how many postings l holds room for, kept or not.
func (l *Postings) Room() int {
	n := 0
	for _, b := range l.blocks {
		n += cap(b)
	}
	return n
}

func (l *Postings) Add(p Posting) {
	if l.n%PostingBlock == 0 {
		// The first block starts small and grows as it fills: a short
		// export among thousands keeps a few postings, not a block each.
		size := PostingBlock
		if len(l.blocks) == 0 {
			size = FirstPostingBlock
		}
		l.blocks = append(l.blocks, make([]Posting, 0, size))
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, p)
	l.n++
}

func (l *Postings) At(i int) *Posting { return &l.blocks[i/PostingBlock][i%PostingBlock] }

// All yields the postings in order, to read or change.
func (l *Postings) All() iter.Seq[*Posting] {
	return func(yield func(*Posting) bool) {
		for _, b := range l.blocks {
			for i := range b {
				if !yield(&b[i]) {
					return
				}
			}
		}
	}
}

// Filter keeps, in order, the postings keep reports true for.
func (l *Postings) Filter(keep func(*Posting) bool) {
	n := 0
	for p := range l.All() {
		if keep(p) {
			*l.At(n) = *p // n is never past p
			n++
		}
	}
	blocks := (n + PostingBlock - 1) / PostingBlock
	clear(l.blocks[blocks:])
	l.blocks = l.blocks[:blocks]
	if blocks > 0 {
		l.blocks[blocks-1] = l.blocks[blocks-1][:n-(blocks-1)*PostingBlock]
	}
	l.n = n
}
