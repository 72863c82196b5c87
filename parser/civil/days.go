package civil

import (
	"iter"
	"math"
	"math/bits"
	"slices"
	"sync/atomic"
)

// Cutoff is the first day whose rows a reader must keep in full
// (ReadOptions.KeepFrom). It may be set while statements are being read, by
// another goroutine: check learns it from the disputes, which it reads
// while the statements are. Until it is set, every row is kept.
type Cutoff struct {
	days atomic.Int32
}

// Set makes d the first day to keep rows of.
func (c *Cutoff) Set(d Date) { c.days.Store(d.days) }

// KeepNone makes the cutoff later than any day: no row is kept in full.
func (c *Cutoff) KeepNone() { c.days.Store(math.MaxInt32) }

// Day is the cutoff's day: the zero Date when it is not set.
func (c *Cutoff) Day() Date { return Date{days: c.days.Load()} }

// After reports whether the cutoff is set to a day After d. A nil Cutoff
// is After no day.
func (c *Cutoff) After(d Date) bool { return c != nil && c.days.Load() > d.days }

// DaySet is a set of days, a bit for each day from its first: ten years of
// one account take 460 bytes, however many rows fall on them. It is what a
// statement keeps of the days of the rows it keeps only in brief.
type DaySet struct {
	first int32 // Date.days of bit 0 of bits[0], a multiple of 64
	bits  []uint64
}

func (s *DaySet) Add(d Date) {
	word := d.days &^ 63
	switch {
	case len(s.bits) == 0:
		s.first, s.bits = word, make([]uint64, 1, 8)
	case word < s.first: // rows of a file mostly run one way; this is the rarer one
		grown := make([]uint64, int(s.first-word)/64+len(s.bits))
		copy(grown[int(s.first-word)/64:], s.bits)
		s.first, s.bits = word, grown
	}
	i := uint(d.days - s.first) // from 0, s.first being at most d's word: divided by shifts
	for i/64 >= uint(len(s.bits)) {
		s.bits = append(s.bits, 0)
	}
	s.bits[i/64] |= 1 << (i % 64)
}

// Bounds returns the first and last days of s; ok is false when s is empty.
func (s *DaySet) Bounds() (first, last Date, ok bool) {
	lo := slices.IndexFunc(s.bits, func(w uint64) bool { return w != 0 })
	if lo < 0 {
		return Date{}, Date{}, false
	}
	hi := len(s.bits) - 1
	for s.bits[hi] == 0 {
		hi--
	}
	first = Date{days: s.first + int32(lo*64+bits.TrailingZeros64(s.bits[lo]))}
	last = Date{days: s.first + int32(hi*64+63-bits.LeadingZeros64(s.bits[hi]))}
	return first, last, true
}

// All yields the days of s in order.
func (s *DaySet) All() iter.Seq[Date] {
	return func(yield func(Date) bool) {
		for i, w := range s.bits {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				w &^= 1 << b
				if !yield(Date{days: s.first + int32(i*64+b)}) {
					return
				}
			}
		}
	}
}
