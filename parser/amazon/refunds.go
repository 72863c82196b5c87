package amazon

import (
	"io"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// Skip reasons of refund-export rows.
const (
	skipNoRefundDate = "no refund date (Not Applicable, N/A)"
	skipNotCompleted = "refund not completed"
)

// refundColumns names the columns of one refund export.
type refundColumns struct {
	id, date, amount, currency, status, site string
}

var (
	paymentsColumns = refundColumns{id: "OrderID", date: "RefundCompletionDate", amount: "AmountRefunded", currency: "Currency", status: "Status"}
	detailsColumns  = refundColumns{id: "Order ID", date: "Refund Date", amount: "Refund Amount", currency: "Currency", status: "Reversal Status", site: "Website"}
)

// readRefundPayments reads Retail.OrdersReturned.Payments.N.csv.
func readRefundPayments(f *File, r io.Reader) error {
	return readRefunds(f, r, paymentsColumns, "Retail.OrdersReturned.Payments")
}

// readRefundDetails reads Refund Details.csv.
func readRefundDetails(f *File, r io.Reader) error {
	return readRefunds(f, r, detailsColumns, "Refund Details")
}

// readRefunds turns each completed refund row into a refund confirmation
// dated on the refund day, in the marketplace's local time. Rows without a
// refund date, or whose status is not Completed, are skipped and counted.
func readRefunds(f *File, r io.Reader, cols refundColumns, export string) error {
	p := parser.NewProblems(f.Name)
	rows, err := readRecords(f.Name, r, p, func(rec record) {
		if _, has := rec.col[cols.status]; has && !strings.EqualFold(rec.get(cols.status), "Completed") {
			f.skip(skipNotCompleted)
			return
		}
		if notGiven(rec.get(cols.date)) {
			f.skip(skipNoRefundDate)
			return
		}
		before := p.Count()
		id, err := parser.ParseOrderID(rec.get(cols.id))
		if err != nil {
			p.Add(rec.line, "%s: %v", cols.id, err)
		}
		currency := strings.ToUpper(rec.get(cols.currency))
		day, err := localDate(rec.get(cols.date), zoneOrUTC(rec.get(cols.site), currency))
		if err != nil {
			p.Add(rec.line, "%s: %v", cols.date, err)
		}
		var refunded decimal.Decimal
		if cell := rec.get(cols.amount); !notGiven(cell) {
			if refunded, err = amount(cell); err != nil {
				p.Add(rec.line, "%s: %v", cols.amount, err)
			}
		}
		if p.Count() > before {
			return
		}
		f.Confirmations = append(f.Confirmations, parser.Confirmation{
			OrderID: id, ConfirmedOn: day, Kind: parser.KindRefund, Amount: refunded.Abs(),
			Note: "refund completed, in Amazon's " + export + " export",
			File: f.Name, Line: rec.line, Attributes: true,
		})
	})
	f.Rows = rows
	return firstErr(err, p.Err())
}
