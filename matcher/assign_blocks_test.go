package matcher

import (
	"fmt"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// Demands of one amount and date share a bucket whose window covers all
// of theirs; the bucket meets its charges one posting day at a time,
// nearest first, a day after the date before the day before it, and
// never a charge outside its window.
func TestChargeBlocksNearestDayFirst(t *testing.T) {
	day := civil.MustDate
	dem := func(amount, date, from, to string) *demand {
		a := decimal.RequireFromString(amount)
		return &demand{date: day(date), amount: a, key: keyOf(a), from: day(from), to: day(to)}
	}
	demands := []*demand{
		dem("30", "2026-03-10", "2026-03-07", "2026-03-12"),
		dem("30.00", "2026-03-10", "2026-03-08", "2026-03-14"),
		dem("30", "2026-03-20", "2026-03-17", "2026-03-22"),
		dem("45", "2026-03-10", "2026-03-07", "2026-03-12"),
	}
	buckets := demandBuckets(demands)
	var got []string
	for _, b := range buckets {
		got = append(got, fmt.Sprintf("%s %s %d %s..%s", b.key, b.date, len(b.demands), b.from, b.to))
	}
	want := "30 2026-03-10 2 2026-03-07..2026-03-14; 30 2026-03-20 1 2026-03-17..2026-03-22; 45 2026-03-10 1 2026-03-07..2026-03-12"
	if strings.Join(got, "; ") != want {
		t.Fatalf("buckets %q, want %q", strings.Join(got, "; "), want)
	}
	charge := func(date string) *parser.Transaction { return &parser.Transaction{Date: day(date)} }
	idx := map[amountKey][]*parser.Transaction{
		keyOf(decimal.New(30, 0)): {charge("2026-03-06"), charge("2026-03-09"), charge("2026-03-11"), charge("2026-03-11"), charge("2026-03-15"), charge("2026-03-21")},
	}
	got = got[:0]
	for _, bl := range chargeBlocks(buckets, indexOf(idx)) {
		got = append(got, fmt.Sprintf("%d:%s %s×%d", bl.rank, bl.b.date, bl.charges[0].Date, len(bl.charges)))
	}
	want = "2:2026-03-10 2026-03-11×2; 2:2026-03-20 2026-03-21×1; 3:2026-03-10 2026-03-09×1"
	if strings.Join(got, "; ") != want {
		t.Errorf("blocks %q, want %q", strings.Join(got, "; "), want)
	}
}

// TestChargeBlocksStableByRank checks that the blocks of many buckets,
// most sharing a rank, come out by rank and, at one rank, in the order
// they were made (bucket by bucket, day by day), as a stable sort leaves
// them: the order the demands meet their charges in must not depend on
// the sort.
func TestChargeBlocksStableByRank(t *testing.T) {
	start := civil.MustDate("2026-03-01")
	var demands []*demand
	idx := map[amountKey][]*parser.Transaction{}
	for i := range 300 {
		a := decimal.New(int64(100+i%7), 0)
		d := start.AddDays(i % 40)
		demands = append(demands, &demand{date: d, amount: a, key: keyOf(a), from: d.AddDays(-3), to: d.AddDays(6)})
	}
	for i := range 7 {
		key := keyOf(decimal.New(int64(100+i), 0))
		for day := range 50 {
			idx[key] = append(idx[key], &parser.Transaction{Date: start.AddDays(day)})
		}
	}
	blocks := chargeBlocks(demandBuckets(demands), indexOf(idx))
	if len(blocks) < 500 {
		t.Fatalf("only %d blocks: the test needs more", len(blocks))
	}
	seen := make([]bool, len(blocks))
	for i, bl := range blocks {
		if bl.at < 0 || bl.at >= len(blocks) || seen[bl.at] {
			t.Fatalf("block %d has place %d, not one of its own", i, bl.at)
		}
		seen[bl.at] = true
		if i == 0 {
			continue
		}
		prev := blocks[i-1]
		if prev.rank > bl.rank || prev.rank == bl.rank && prev.at > bl.at {
			t.Fatalf("block %d (rank %d, made %d) after block of rank %d made %d", i, bl.rank, bl.at, prev.rank, prev.at)
		}
	}
}

// indexOf is a chargeIndex of the lists of byKey, numbered in no order.
func indexOf(byKey map[amountKey][]*parser.Transaction) *chargeIndex {
	idx := &chargeIndex{num: map[amountKey]int32{}}
	for key, list := range byKey {
		idx.lists = append(idx.lists, list)
		idx.num[key] = int32(len(idx.lists))
	}
	return idx
}
