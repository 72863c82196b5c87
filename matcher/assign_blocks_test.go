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
		return &demand{date: day(date), amount: decimal.RequireFromString(amount), from: day(from), to: day(to)}
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
	idx := map[string][]*parser.Transaction{
		"30": {charge("2026-03-06"), charge("2026-03-09"), charge("2026-03-11"), charge("2026-03-11"), charge("2026-03-15"), charge("2026-03-21")},
	}
	got = got[:0]
	for _, bl := range chargeBlocks(buckets, idx) {
		got = append(got, fmt.Sprintf("%d:%s %s×%d", bl.rank, bl.b.date, bl.charges[0].Date, len(bl.charges)))
	}
	want = "2:2026-03-10 2026-03-11×2; 2:2026-03-20 2026-03-21×1; 3:2026-03-10 2026-03-09×1"
	if strings.Join(got, "; ") != want {
		t.Errorf("blocks %q, want %q", strings.Join(got, "; "), want)
	}
}
