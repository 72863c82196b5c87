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
// from 2 days before to 7 days after it shipped, the nearest one where there
// are several. Orders are taken earliest first, so a charge serves one order.
// Shipments without a date are left to the search for split charges.
func assignShipments(orders []*order, charges []*parser.Transaction, used map[*parser.Transaction]bool) {
	for _, o := range orders {
		ships := o.res.Dispute.Shipments
		if o.ambiguous || len(o.res.Charges) > 0 || len(ships) < 2 {
			continue
		}
		var found []*parser.Transaction
		for _, sh := range ships {
			if !sh.Date.Valid() || sh.Amount.Sign() <= 0 {
				continue
			}
			var best *parser.Transaction
			for _, t := range charges {
				if used[t] || !o.fits(t) || !o.amountMatches(t, sh.Amount) ||
					!inRange(t.Date, sh.Date.AddDays(-daysBeforeShipment), sh.Date.AddDays(daysAfterShipment)) {
					continue
				}
				if best == nil || absDays(t.Date.Sub(sh.Date)) < absDays(best.Date.Sub(sh.Date)) {
					best = t
				}
			}
			if best != nil {
				used[best] = true
				found = append(found, best)
			}
		}
		if len(found) > 0 {
			o.res.Charges = found
			o.byShipment = true
			sortTxns(o.res.Charges)
		}
	}
}
