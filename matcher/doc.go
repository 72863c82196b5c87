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
//     have had it (see assign.go). Where charges fit several orders, or
//     their shipments, equally well, the orders tie, and are judged under
//     each equally good assignment, with the charges and credits their
//     other shipments have: interchangeable when every one gives the same verdicts,
//     else ambiguous, at alert when every one leaves an order at alert
//     (see ties.go). Ties that share an order or a row (a tie of charges,
//     a rebill, a credit that fits several orders, an order's sets of split
//     charges) are judged together, every way of choosing at once, the
//     credits shared out again by their rules in each way; each credit's
//     tie is judged so again once every other credit has gone out (see
//     knots.go).
//   - Credits are Amazon credits posted on or after the order's first
//     charge, shared out in five passes: attributed by Amazon's refund
//     export, equal to a charge or A, equal to one of the person's own
//     orders, smaller, larger (see credits.go). Credits that serve no order
//     are listed (Report.UnassignedCredits).
//   - Outstanding is charged minus credited, and the verdict follows the
//     table of the specification, read top-down (ambiguous, not-covered,
//     not-charged, refunded, unanswered, still-charged, partially-refunded,
//     awaiting-refund).
//   - Where an export gives the day of use next to the posting day, the day
//     of use decides the windows and whether a charge came after Amazon's
//     word; the posting day decides coverage (see coverage.go).
//   - Amazon charges from 7 days before the earliest order to the end of the
//     statements that belong to no disputed order are unknown charges.
//
// Everything after the as-of date is out of sight: statement rows and
// confirmations dated later are left out, as if the report were made that
// day, and the report's notes say how many.
//
// The statement rows a Report holds (charges, credits, candidates,
// unknown charges, unassigned credits) are Transactions; those made from
// rows the statement kept (parser.KeptRows) leave Normalized empty where
// the KeptRows does not store it, and KeptRows gives it.
package matcher
