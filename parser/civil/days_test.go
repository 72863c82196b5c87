package civil

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestDaySet(t *testing.T) {
	start := MustDate("2015-01-01")
	rnd := rand.New(rand.NewPCG(1, 2))
	var s DaySet
	want := map[Date]bool{}
	// Days on both sides of the first, across many words, some twice.
	for range 2000 {
		d := start.AddDays(rnd.IntN(4000) - 2000)
		s.Add(d)
		want[d] = true
	}
	var got []Date
	for d := range s.All() {
		got = append(got, d)
	}
	if !slices.IsSortedFunc(got, func(a, b Date) int { return a.Sub(b) }) || len(got) != len(want) {
		t.Fatalf("%d days, sorted %v; want the %d distinct days in order", len(got), slices.IsSortedFunc(got, func(a, b Date) int { return a.Sub(b) }), len(want))
	}
	for _, d := range got {
		if !want[d] {
			t.Fatalf("day %s was never added", d)
		}
	}
	first, last, ok := s.Bounds()
	if !ok || first != got[0] || last != got[len(got)-1] {
		t.Errorf("bounds %s..%s (%v); want %s..%s", first, last, ok, got[0], got[len(got)-1])
	}
	if _, _, ok := new(DaySet).Bounds(); ok {
		t.Error("an empty set has bounds")
	}
}
