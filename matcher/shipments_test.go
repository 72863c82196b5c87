package matcher

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

func shipment(date, amount string) parser.Shipment {
	return parser.Shipment{Date: civil.MustDate(date), Amount: decimal.RequireFromString(amount)}
}

// withShipments runs a story whose first disputed order has the given shipments.
func (s story) withShipments(t *testing.T, ships ...parser.Shipment) *Report {
	t.Helper()
	s.shipments = ships
	return s.run(t)
}

func TestShipments(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	// One shipment charged and nothing credited is still-charged, not
	// partially-refunded: less than the order's amount is out, but none of
	// it came back.
	tests := []struct {
		name    string
		rows    []string
		ships   []parser.Shipment
		want    Verdict
		charged string
		unknown int
	}{
		{"each shipment charged near its ship date",
			[]string{"2026-02-20,LAWSON,1", "2026-03-05,AMAZON.CO.JP,8000", "2026-03-20,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-04", "8000"), shipment("2026-03-18", "4800")}, StillCharged, "12800", 0},
		{"seven days after shipping is the last day",
			[]string{"2026-02-20,LAWSON,1", "2026-03-05,AMAZON.CO.JP,8000", "2026-03-25,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-04", "8000"), shipment("2026-03-18", "4800")}, StillCharged, "12800", 0},
		{"eight days after shipping is too late",
			[]string{"2026-02-20,LAWSON,1", "2026-03-05,AMAZON.CO.JP,8000", "2026-03-26,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-04", "8000"), shipment("2026-03-18", "4800")}, StillCharged, "8000", 1},
		{"two days before shipping counts, three do not",
			[]string{"2026-02-20,LAWSON,1", "2026-03-02,AMAZON.CO.JP,8000", "2026-03-15,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-04", "8000"), shipment("2026-03-18", "4800")}, StillCharged, "8000", 1},
		{"a shipment found beyond the two weeks split charges are searched in",
			[]string{"2026-02-20,LAWSON,1", "2026-03-03,AMAZON.CO.JP,8000", "2026-03-28,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-03", "8000"), shipment("2026-03-27", "4800")}, StillCharged, "12800", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := story{rows: tt.rows, disputes: []string{A}, confs: []string{orderA + ",2026-03-10,refund"}}.withShipments(t, tt.ships...)
			o := rep.Orders[0]
			if o.Verdict != tt.want || o.Charged.String() != tt.charged || rep.Unknown.Len() != tt.unknown {
				t.Errorf("verdict %s charged %s unknown %d, want %s %s %d (%s)", o.Verdict, o.Charged, rep.Unknown.Len(), tt.want, tt.charged, tt.unknown, o.ReasonText())
			}
		})
	}
}

func TestOwnRefundIsNotADisputedOrdersCredit(t *testing.T) {
	// The disputed order is still charged; a refund of the person's own
	// 1,280-yen book must not count as a partial refund of it.
	s := story{
		rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-11,AMAZON.CO.JP,1280", "2026-03-20,AMAZON.CO.JP,-1280", "2026-04-20,LAWSON,1"},
		disputes: []string{orderA + ",2026-03-02,12800,JPY"},
		confs:    []string{orderA + ",2026-03-10,refund"},
	}
	rep := s.runWith(t, func(o *Options) { o.Own = []OwnOrder{ownOrder("249-3301845-6627190", "2026-03-10", "1280")} })
	o := rep.Orders[0]
	if o.Verdict != StillCharged || !o.Credited.IsZero() {
		t.Errorf("verdict %s, credited %s; want still-charged with nothing credited (%s)", o.Verdict, o.Credited, o.ReasonText())
	}
	// Without the export, the same credit is the only open order's partial refund.
	rep = s.run(t)
	if o := rep.Orders[0]; !o.Credited.Equal(decimal.NewFromInt(1280)) {
		t.Errorf("without own orders, credited %s; want 1280", o.Credited)
	}
}

// TestShipmentsAcrossOrders matches the shipments of several orders together:
// nearer dates first whichever order is older, one charge to a shipment.
// Equally near shipments of two orders tie, and the tie is judged as a tie
// of orders is, each order with the charges and credits its other
// shipments have: interchangeable where the verdicts are the same either
// way, else both ambiguous, at alert where each way leaves one at alert.
func TestShipmentsAcrossOrders(t *testing.T) {
	X := orderA + ",2026-03-01,12800,JPY"
	Y := orderB + ",2026-03-02,11000,JPY"
	xShips := []parser.Shipment{shipment("2026-03-09", "8000"), shipment("2026-03-12", "4800")}
	yShips := []parser.Shipment{shipment("2026-03-06", "8000"), shipment("2026-03-04", "3000")}
	tests := []struct {
		name         string
		rows         []string
		yShips       []parser.Shipment
		confs        []string
		wantX, wantY string // verdict and charged
	}{
		{"the shipment nearer the charge takes it, though its order is the later one",
			[]string{"2026-02-20,LAWSON,1", "2026-03-07,AMAZON.CO.JP,8000", "2026-03-13,AMAZON.CO.JP,4800", "2026-03-05,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			yShips, nil, "unanswered 4800", "unanswered 11000"},
		{"a shipment moves to its other charge so that another order's shipment has one",
			[]string{"2026-02-20,LAWSON,1", "2026-03-08,AMAZON.CO.JP,8000", "2026-03-14,AMAZON.CO.JP,8000", "2026-03-13,AMAZON.CO.JP,4800", "2026-03-05,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-03", "8000"), shipment("2026-03-04", "3000")}, nil, "unanswered 12800", "unanswered 11000"},
		{"two orders' shipments equally near one charge, the same verdicts either way: interchangeable, the charge to the earlier order",
			[]string{"2026-02-20,LAWSON,1", "2026-03-10,AMAZON.CO.JP,8000", "2026-03-13,AMAZON.CO.JP,4800", "2026-03-05,AMAZON.CO.JP,3000", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-09", "8000"), shipment("2026-03-04", "3000")}, nil, "unanswered 12800", "unanswered 3000"},
		// X's 4,800 was credited before the tie is judged: with the tied
		// 8,000 it is partially refunded, without it refunded, while Y is
		// still charged either way.
		{"two orders' shipments equally near one charge, verdicts that differ: both ambiguous, at alert",
			[]string{"2026-02-20,LAWSON,1", "2026-03-10,AMAZON.CO.JP,8000", "2026-03-13,AMAZON.CO.JP,4800", "2026-03-05,AMAZON.CO.JP,3000", "2026-03-25,AMAZON.CO.JP,-4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-09", "8000"), shipment("2026-03-04", "3000")}, []string{orderA + ",2026-03-10,refund", orderB + ",2026-03-10,refund"},
			"ambiguous 4800", "ambiguous 3000"},
		// The 8,000 credit of 11 March comes after the tied charge and
		// before X's 4,800: it counts for X only in the way X takes the
		// tied charge, judged with its charges in date order. Either way
		// one order is partially refunded and the other still charged.
		{"a credit between the tied charge and an order's other charge counts for it in the way it takes the tied charge",
			[]string{"2026-02-20,LAWSON,1", "2026-03-05,AMAZON.CO.JP,3000", "2026-03-10,AMAZON.CO.JP,8000", "2026-03-11,AMAZON.CO.JP,-8000", "2026-03-13,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			[]parser.Shipment{shipment("2026-03-09", "8000"), shipment("2026-03-04", "3000")}, []string{orderA + ",2026-03-10,refund", orderB + ",2026-03-10,refund"},
			"partially-refunded 12800", "still-charged 3000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := story{rows: tt.rows, disputes: []string{X, Y}, confs: tt.confs}
			rep := s.withShipments2(t, xShips, tt.yShips)
			for id, want := range map[string]string{orderA: tt.wantX, orderB: tt.wantY} {
				o := orderByID(t, rep, id)
				if got := string(o.Verdict) + " " + o.Charged.String(); got != want {
					t.Errorf("%s: %s, want %s (%s)", id, got, want, o.ReasonText())
				}
				// Ambiguous here only with money missing whichever order
				// the charge is: 11,000 yen either way, on the first order.
				if o.Verdict == Ambiguous && (o.Severity() != Alert || !strings.Contains(o.ReasonText(), "11,000 JPY is missing whichever order the charges belong to")) {
					t.Errorf("%s: %s, want an alert with 11,000 JPY missing whichever order (%s)", id, o.Severity(), o.ReasonText())
				}
			}
			if x := orderByID(t, rep, orderA); x.Verdict == Ambiguous && (!x.Ties().HasTieOutstanding || x.Ties().TieOutstanding.String() != "11000") {
				t.Errorf("the first order of the tie holds %v %s missing, want 11000", x.Ties().HasTieOutstanding, x.Ties().TieOutstanding)
			}
			if rep.Unknown.Len() != 0 {
				t.Errorf("unknown charges %d, want none", rep.Unknown.Len())
			}
		})
	}
}

// withShipments2 runs a story whose first two disputed orders have the given shipments.
func (s story) withShipments2(t *testing.T, first, second []parser.Shipment) *Report {
	t.Helper()
	s.shipments, s.shipments2 = first, second
	return s.run(t)
}
