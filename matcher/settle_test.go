package matcher

import (
	"slices"
	"testing"
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
