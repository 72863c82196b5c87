package matcher

import (
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// TestUnknownChargesFromTheIncident checks that the unknown charges are the
// unclaimed ones from a week before the first disputed order on (every one
// without disputes), in date order, and no list at all when there is none.
func TestUnknownChargesFromTheIncident(t *testing.T) {
	day := civil.MustDate("2026-03-10")
	var charges []*parser.Transaction
	for _, n := range []int{-30, -8, -7, -7, -1, 0, 4, 20} {
		charges = append(charges, &parser.Transaction{Date: day.AddDays(n)})
	}
	disputes := []parser.Dispute{{OrderID: "250-1234567-7654321", OrderDate: day.AddDays(2)}, {OrderID: "250-7654321-1234567", OrderDate: day}}
	claimed := map[*parser.Transaction]bool{charges[3]: true, charges[5]: true, charges[0]: true}
	tests := []struct {
		name     string
		charges  []*parser.Transaction
		claimed  map[*parser.Transaction]bool
		disputes []parser.Dispute
		want     []*parser.Transaction
	}{
		{"from a week before the first order", charges, claimed, disputes, []*parser.Transaction{charges[2], charges[4], charges[6], charges[7]}},
		{"without disputes, every unclaimed charge", charges, claimed, nil, []*parser.Transaction{charges[1], charges[2], charges[4], charges[6], charges[7]}},
		{"all claimed", charges[5:6], claimed, disputes, nil},
		{"all before the incident", charges[:2], nil, disputes, nil},
		{"no charge", nil, nil, disputes, nil},
	}
	for _, tt := range tests {
		from, inIncident := unknownFrom(tt.disputes)
		got := slices.Collect(unknownCharges(newChargeList(tt.charges), tt.claimed, from, inIncident).All())
		if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("%s: unknown %v (nil %t), want %v (nil %t)", tt.name, got, got == nil, tt.want, tt.want == nil)
		}
	}
}
