package amazon

import (
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
func readRefundPayments(f *File, data []byte) error {
	return readRefunds(f, data, paymentsColumns, "Retail.OrdersReturned.Payments")
}

// readRefundDetails reads Refund Details.csv.
func readRefundDetails(f *File, data []byte) error {
	return readRefunds(f, data, detailsColumns, "Refund Details")
}

// readRefunds turns each completed refund row into a refund confirmation
// dated on the refund day, in the marketplace's local time. Rows without a
// refund date, or whose status is not Completed, are skipped and counted.
func readRefunds(f *File, data []byte, cols refundColumns, export string) error {
	p := parser.NewProblems(f.Name)
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord) {
		if rec.Has(cols.status) && !strings.EqualFold(rec.Get(cols.status), "Completed") {
			f.skip(skipNotCompleted)
			return
		}
		if notGiven(rec.Get(cols.date)) {
			f.skip(skipNoRefundDate)
			return
		}
		before := p.Count()
		id, err := parser.ParseOrderID(rec.Get(cols.id))
		if err != nil {
			p.Add(rec.Line, "%s: %v", cols.id, err)
		}
		currency := strings.ToUpper(rec.Get(cols.currency))
		day, err := localDate(rec.Get(cols.date), zoneOrUTC(rec.Get(cols.site), currency))
		if err != nil {
			p.Add(rec.Line, "%s: %v", cols.date, err)
		}
		var refunded decimal.Decimal
		if cell := rec.Get(cols.amount); !notGiven(cell) {
			if refunded, err = amount(cell); err != nil {
				p.Add(rec.Line, "%s: %v", cols.amount, err)
			}
		}
		if p.Count() > before {
			return
		}
		f.Confirmations = append(f.Confirmations, parser.Confirmation{
			OrderID: id, ConfirmedOn: day, Kind: parser.KindRefund, Amount: refunded.Abs(),
			Note: "refund completed, in Amazon's " + export + " export",
			File: f.Name, Line: rec.Line, Attributes: true,
		})
	})
	f.Rows = rows
	return firstErr(err, p.Err())
}
