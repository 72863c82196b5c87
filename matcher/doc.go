// Package matcher reconciles statement transactions against disputed Amazon
// orders and Amazon's confirmations, and gives each order a verdict.
//
// It is pure: it takes parsed values (see package parser) and returns a
// Report, touching no file and no clock. The rules are those of the
// product specification, §4:
//
//   - An Amazon transaction is one whose normalised description matches an
//     Amazon pattern (AMAZON, AMZN, AUDIBLE, KINDLE, PRIME VIDEO …).
//   - An order with date D, amount A and first confirmation H is charged by
//     Amazon charges of exactly A posted from D−3 to the later of D+30 and
//     H+watch; failing that, shipment by shipment where Amazon's exports give
//     the shipments, or by the only set of 2 to 5 Amazon charges posted
//     D−3 … D+14 that sum to A. A charge serves one order, and each order
//     takes one charge, the nearest, before any takes a second: a further
//     charge of A is an order's own only when no other charged order could
//     have had it (see assign.go). Where charges fit several orders equally
//     well, those orders are ambiguous.
//   - Credits are Amazon credits posted on or after the order's first charge;
//     credits equal to a charge (or to A) are assigned first, then smaller
//     ones count towards a partial refund when only one order can take them,
//     and a credit larger than any order still has out goes to the order
//     whose charge it follows (see credits.go).
//   - Outstanding is charged minus credited, and the verdict follows the
//     table of the specification (still-charged, partially-refunded,
//     awaiting-refund, ambiguous, not-covered, not-charged, refunded).
//   - Amazon charges from 7 days before the earliest order to the end of the
//     statements that belong to no disputed order are unknown charges.
//
// Everything after the as-of date is out of sight: statement rows and
// confirmations dated later are ignored, as if the report were made that day.
package matcher
