package matcher

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// The assignment under settle: a largest matching of demands (left) to
// charges (right), and the demands and charges some largest matching
// leaves contested.
func TestLargestMatchingAndContested(t *testing.T) {
	tests := []struct {
		name     string
		adj      [][]int
		nRight   int
		matchL   []int
		matchR   []int
		inL, inR []bool
	}{
		{"two orders one charge", [][]int{{0}, {0}}, 1,
			[]int{0, -1}, []int{0}, []bool{true, true}, []bool{true}},
		{"two charges a day apart, each in one window", [][]int{{0}, {1}}, 2,
			[]int{0, 1}, []int{0, 1}, []bool{false, false}, []bool{false, false}},
		{"two charges both windows reach", [][]int{{0, 1}, {0, 1}}, 2,
			[]int{1, 0}, []int{1, 0}, []bool{false, false}, []bool{false, false}},
		{"three orders two charges", [][]int{{0, 1}, {0, 1}, {0, 1}}, 2,
			[]int{1, 0, -1}, []int{1, 0}, []bool{true, true, true}, []bool{true, true}},
		{"the second moves over to free the first", [][]int{{0}, {0, 1}}, 2,
			[]int{0, 1}, []int{0, 1}, []bool{false, false}, []bool{false, false}},
		{"a demand that reaches nothing is not contested", [][]int{{}, {0}}, 1,
			[]int{-1, 0}, []int{1}, []bool{false, false}, []bool{false}},
		{"only the demands that could swap are contested", [][]int{{0}, {0}, {1}}, 2,
			[]int{0, -1, 1}, []int{0, 2}, []bool{true, true, false}, []bool{true, false}},
		{"no charge", [][]int{{}, {}}, 0,
			[]int{-1, -1}, []int{}, []bool{false, false}, []bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			matchL, matchR := make([]int, len(tt.adj)), make([]int, tt.nRight)
			largestMatching(tt.adj, matchL, matchR)
			if !slices.Equal(matchL, tt.matchL) || !slices.Equal(matchR, tt.matchR) {
				t.Fatalf("largestMatching = %v, %v; want %v, %v", matchL, matchR, tt.matchL, tt.matchR)
			}
			inL, inR := make([]bool, len(tt.adj)), make([]bool, tt.nRight)
			contested(tt.adj, matchL, matchR, inL, inR)
			if !slices.Equal(inL, tt.inL) || !slices.Equal(inR, tt.inR) {
				t.Errorf("contested = %v, %v; want %v, %v", inL, inR, tt.inL, tt.inR)
			}
		})
	}
}

// TestSettleOneDemandAsTheMatching holds settle's path for a block with one
// demand still looking, most blocks, to the largest matching it stands in
// for: on random blocks of charges that fit or not (amount, currency, card,
// window, taken already), with the demand on its own or hungry in a tie,
// the same charge goes to the same place and the same charges are used.
func TestSettleOneDemandAsTheMatching(t *testing.T) {
	day := civil.MustDate("2026-03-02")
	amounts := []string{"12.30", "45.00", "12.3"}
	for round := range 2000 {
		type world struct {
			d     *demand
			cs    []*parser.Transaction
			used  map[*parser.Transaction]bool
			other *tie
		}
		newWorld := func() world {
			rr := rand.New(rand.NewPCG(uint64(round), 7))
			a := decimal.RequireFromString("12.30")
			o := &order{res: &OrderResult{Dispute: &parser.Dispute{OrderDate: day, Currency: "EUR"}}, d: day, a: a, key: keyOf(a),
				currency: "EUR", windowEnd: day.AddDays(30)}
			if rr.IntN(3) == 0 {
				o.card = "1234"
			}
			w := world{d: &demand{o: o, date: day, amount: a, key: o.key, from: day.AddDays(-3), to: day.AddDays(30)}, used: map[*parser.Transaction]bool{}}
			if rr.IntN(3) == 0 {
				w.other = &tie{}
				w.d.tie, w.d.hungry = w.other, true
			}
			for range 1 + rr.IntN(5) {
				t := &parser.Transaction{Date: day.AddDays(rr.IntN(40) - 5), Amount: decimal.RequireFromString(amounts[rr.IntN(len(amounts))]),
					Currency: []string{"EUR", "USD", ""}[rr.IntN(3)], Account: []string{"", "VISA ****1234", "VISA ****9999"}[rr.IntN(3)]}
				if rr.IntN(5) == 0 {
					w.used[t] = true
				}
				w.cs = append(w.cs, t)
			}
			return w
		}
		fast, slow := newWorld(), newWorld()
		var free []*parser.Transaction
		for _, t := range slow.cs {
			if !slow.used[t] {
				free = append(free, t)
			}
		}
		fastTies := settle([]*demand{fast.d}, fast.cs, fast.used, nil)
		var slowTies []*tie
		if len(free) > 0 {
			slowTies = settleMatching([]*demand{slow.d}, free, slow.used, nil)
		}
		index := func(w world, t *parser.Transaction) int { return slices.Index(w.cs, t) }
		if index(fast, fast.d.charge) != index(slow, slow.d.charge) || len(fastTies) != len(slowTies) {
			t.Fatalf("round %d: charge %d and %d ties, the matching's %d and %d", round, index(fast, fast.d.charge), len(fastTies), index(slow, slow.d.charge), len(slowTies))
		}
		if fast.other != nil {
			var f, s []int
			for _, c := range fast.other.charges {
				f = append(f, index(fast, c))
			}
			for _, c := range slow.other.charges {
				s = append(s, index(slow, c))
			}
			if !slices.Equal(f, s) || fast.d.hungry != slow.d.hungry {
				t.Fatalf("round %d: tie charges %v (hungry %v), the matching's %v (%v)", round, f, fast.d.hungry, s, slow.d.hungry)
			}
		}
		for i := range fast.cs {
			if fast.used[fast.cs[i]] != slow.used[slow.cs[i]] {
				t.Fatalf("round %d: charge %d used %v, by the matching %v", round, i, fast.used[fast.cs[i]], slow.used[slow.cs[i]])
			}
		}
	}
}
