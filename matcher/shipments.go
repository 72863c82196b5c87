package matcher

import (
	"github.com/refundwatch/refundwatch/parser"
)

// Days around a shipment's date in which its charge posts.
const (
	daysBeforeShipment = 2
	daysAfterShipment  = 7
)

// assignShipments matches, for each order whose shipments Amazon's
// order-history exports give (and that no exact charge paid), each shipment
// on its own: an unused Amazon charge of exactly the shipment's amount posted
// from 2 days before to 7 days after it shipped. The shipments of all orders
// are matched together, nearest first and one charge to a shipment, so that
// of two orders wanting one charge the nearer shipment takes it, and two
// equally near make both orders ambiguous. Shipments without a date are left
// to the search for split charges.
func assignShipments(orders []*order, idx *chargeIndex, used map[*parser.Transaction]bool) []*tie {
	var demands []*demand
	for _, o := range orders {
		if !o.shipments || o.ambiguous || len(o.res.Charges) > 0 {
			continue // most orders: the dispute lists no shipments
		}
		ships := o.res.Dispute.Shipments
		if len(ships) < 2 {
			continue
		}
		for _, sh := range ships {
			if !sh.Date.Valid() || sh.Amount.Sign() <= 0 {
				continue
			}
			key := keyOf(sh.Amount)
			demands = append(demands, &demand{o: o, date: sh.Date, amount: sh.Amount, key: key, num: idx.num[key],
				from: sh.Date.AddDays(-daysBeforeShipment), to: sh.Date.AddDays(daysAfterShipment), shipment: true})
		}
	}
	ties := assignNearest(demands, idx, used)
	for _, d := range demands {
		if d.charge != nil {
			d.o.res.Charges = append(d.o.res.Charges, d.charge)
			d.o.byShipment = true
			d.o.shipsCharged++
		}
	}
	for _, o := range orders {
		if o.byShipment {
			sortTxns(o.res.Charges)
		}
	}
	markTies(ties)
	return ties
}
