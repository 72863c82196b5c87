package matcher

import (
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// TestOwnOrderTie checks that a charge a disputed order and one of the
// person's own orders could both claim is a tie naming the own order, where
// the choice changes the disputed order's verdict; and stays the disputed
// order's where it does not.
func TestOwnOrderTie(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	own := []OwnOrder{ownOrder("249-3301845-6627190", "2026-03-03", "12800")}
	tests := []struct {
		name   string
		rows   []string
		confs  []string
		want   string
		reason string
	}{
		{"billed once, confirmed refunded, no credit past grace: whose charge it is changes the verdict",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,1"}, []string{orderA + ",2026-03-10,refund"},
			"ambiguous review 249-3301845-6627190",
			"12,800 JPY on 2026-03-04 could belong to this order or to your own order 249-3301845-6627190 (same amount, at least as near)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: []string{A}, confs: tt.confs}.runWith(t, func(o *Options) { o.Own = own })
			o := rep.Orders[0]
			if got := strings.Join(append([]string{string(o.Verdict), o.Severity().String()}, o.Ties().TiedWith...), " "); got != tt.want || !strings.Contains(o.ReasonText(), tt.reason) {
				t.Errorf("%s: %s\nwant %s saying %q", got, o.ReasonText(), tt.want, tt.reason)
			}
		})
	}
}

func ownOrder(id, date, total string, shipments ...string) OwnOrder {
	o := OwnOrder{ID: id, Date: civil.MustDate(date), Total: decimal.RequireFromString(total), Currency: "JPY"}
	for _, s := range shipments {
		day, amt, _ := strings.Cut(s, "=")
		o.Shipments = append(o.Shipments, parser.Shipment{Date: civil.MustDate(day), Amount: decimal.RequireFromString(amt)})
	}
	return o
}

func TestOwnOrdersAreNotUnknown(t *testing.T) {
	// The disputed order A (12,800 yen, 2026-03-02) is in every case, so that
	// unknown charges are looked for from 2026-02-23 on.
	A := orderA + ",2026-03-02,12800,JPY"
	tests := []struct {
		name    string
		rows    []string
		own     []OwnOrder
		unknown []string // dates of the unknown charges
		own2    int      // charges explained by own orders
	}{
		{"no own orders: every other Amazon charge is unknown",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-11,AMAZON.CO.JP,1280"},
			nil, []string{"2026-03-11"}, 0},
		{"a charge of an own order's total within D-3 ... D+30",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-11,AMAZON.CO.JP,1280"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-10", "1280")}, nil, 1},
		{"D-3 is inside the window, D+31 is not",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-07,AMAZON.CO.JP,1280", "2026-04-10,AMAZON.CO.JP,1280"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-10", "1280")}, []string{"2026-04-10"}, 1},
		{"an own order explains one charge only: a second of the same amount is unknown",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-11,AMAZON.CO.JP,1280", "2026-03-12,AMAZON.CO.JP,1280"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-10", "1280")}, []string{"2026-03-12"}, 1},
		{"split shipments: one charge per shipment amount",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-16,AMAZON.CO.JP,3000", "2026-03-20,AMAZON.CO.JP,1500", "2026-03-21,AMAZON.CO.JP,700"},
			[]OwnOrder{ownOrder("249-7810342-9902156", "2026-03-15", "4500", "2026-03-16=3000", "2026-03-20=1500")}, []string{"2026-03-21"}, 2},
		{"a charge that an own order of the same amount could claim stays with the disputed order as a candidate",
			[]string{"2026-03-04,AMAZON.CO.JP,12800"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-03", "12800")}, nil, 0},
		{"the nearest charge goes to the own order",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-09,AMAZON.CO.JP,990", "2026-03-13,AMAZON.CO.JP,990"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-12", "990")}, []string{"2026-03-09"}, 1},
		{"an own order's charge before the incident is not counted: it would not have been unknown",
			[]string{"2026-01-10,AMAZON.CO.JP,990", "2026-03-04,AMAZON.CO.JP,12800"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-01-09", "990")}, nil, 0},
		{"another currency is not the own order's",
			[]string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-11,AMAZON.COM,12.80 USD"},
			[]OwnOrder{ownOrder("249-3301845-6627190", "2026-03-10", "12.80")}, []string{"2026-03-11"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := story{rows: tt.rows, disputes: []string{A}}
			rep := s.runWith(t, func(o *Options) { o.Own = tt.own })
			var got []string
			for u := range rep.Unknown.All() {
				got = append(got, u.Date.String())
			}
			if !slices.Equal(got, tt.unknown) {
				t.Errorf("unknown charges on %v, want %v", got, tt.unknown)
			}
			if rep.OwnCharges != tt.own2 {
				t.Errorf("own charges %d, want %d", rep.OwnCharges, tt.own2)
			}
			if o := rep.Orders[0]; len(rep.Orders) != 1 || len(o.Charges)+len(o.Ties().Candidates) != 1 {
				t.Errorf("the disputed order lost its charge: %+v", rep.Orders)
			}
		})
	}
}

// FirstDayNeeded reaches back from the first order, or the first shipment,
// by the week unknown charges are looked for in and by an own order's
// charge window, which may claim a charge from that week.
func TestFirstDayNeeded(t *testing.T) {
	dispute := func(date string, shipped ...string) parser.Dispute {
		d := parser.Dispute{OrderDate: civil.MustDate(date)}
		for _, s := range shipped {
			d.Shipments = append(d.Shipments, parser.Shipment{Date: civil.MustDate(s)})
		}
		return d
	}
	tests := []struct {
		disputes []parser.Dispute
		want     string
	}{
		{nil, ""}, // the zero Date: keep every row
		{[]parser.Dispute{dispute("2026-03-10"), dispute("2026-03-02")}, "2026-01-21"}, // 03-02 − 7 − 33
		{[]parser.Dispute{dispute("2026-03-10", "2026-02-20")}, "2026-01-11"},          // 02-20 − 7 − 33
	}
	for _, tt := range tests {
		if got := FirstDayNeeded(tt.disputes); got.String() != tt.want {
			t.Errorf("FirstDayNeeded(%v) = %s, want %s", tt.disputes, got, tt.want)
		}
	}
}

func TestRecognizerExcept(t *testing.T) {
	r, err := NewRecognizer(`MY SHOP`)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Except(`AMAZON WEB SERVICES`, `^AWS`); err != nil {
		t.Fatal(err)
	}
	for desc, want := range map[string]struct{ amazon, excepted bool }{
		"AMAZON.CO.JP": {true, false}, "MY SHOP TOKYO": {true, false}, "AMAZON WEB SERVICES AWS.AMAZON.CO": {false, true},
		"AWS EMEA AMAZON": {false, true}, "LAWSON": {false, false}, "AMZN MKTP US AWS": {true, false},
		"AWS EMEA": {false, false}, // Except's alone: neither Amazon's nor excepted, so not counted
	} {
		if got := r.IsAmazon(desc); got != want.amazon {
			t.Errorf("IsAmazon(%q) = %v, want %v", desc, got, want.amazon)
		}
		if got := r.Excepted(desc); got != want.excepted {
			t.Errorf("Excepted(%q) = %v, want %v", desc, got, want.excepted)
		}
		// Classify answers both at once.
		if is, ex := r.Classify(desc); is != want.amazon || ex != want.excepted {
			t.Errorf("Classify(%q) = %v, %v; want %v, %v", desc, is, ex, want.amazon, want.excepted)
		}
	}
	if err := r.Except(`(`); err == nil {
		t.Error("a bad pattern is accepted")
	}
}

// TestOwnOrderCredits gives a credit equal to one of the person's own
// orders' charges, dated after it, to that own order (rule 3), and leaves
// one equal to an own order charged nowhere in the statements to the rules
// that follow.
func TestOwnOrderCredits(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	conf := []string{orderA + ",2026-03-10,refund"}
	tests := []struct {
		name string
		rows []string
		own  OwnOrder
		want string
	}{
		{"the own order's charge is in the statements: the credit is its",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-05,AMAZON.CO.JP,1000", "2026-03-20,AMAZON.CO.JP,-1000", "2026-04-20,LAWSON,1"},
			ownOrder("249-3301845-6627190", "2026-03-05", "1000"), "still-charged 0"},
		{"the own order was charged before the statements: the credit is a part refund",
			[]string{"2026-02-25,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-1000", "2026-04-20,LAWSON,1"},
			ownOrder("249-3301845-6627190", "2025-01-05", "1000"), "partially-refunded 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: []string{A}, confs: conf}.runWith(t, func(o *Options) { o.Own = []OwnOrder{tt.own} })
			o := rep.Orders[0]
			if got := string(o.Verdict) + " " + o.Credited.String(); got != tt.want {
				t.Errorf("%s, want %s (%s)", got, tt.want, o.ReasonText())
			}
		})
	}
}
