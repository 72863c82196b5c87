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

// refundColumns names the columns of one refund export, as its messages
// name them.
type refundColumns struct {
	id, date, amount, currency, status string
}

var (
	paymentsColumns = refundColumns{id: "OrderID", date: "RefundCompletionDate", amount: "AmountRefunded", currency: "Currency", status: "Status"}
	detailsColumns  = refundColumns{id: "Order ID", date: "Refund Date", amount: "Refund Amount", currency: "Currency", status: "Reversal Status"}
)

// refundCells are the cells of a refund export's row that refundwatch
// reads, whichever export it is; site is "" where the export has no
// marketplace column.
type refundCells struct {
	id, date, amount, currency, status, site string
}

// paymentsRow is a row of Retail.OrdersReturned.Payments.N.csv as text.
type paymentsRow struct {
	OrderID  string `csv:"OrderID"`
	Date     string `csv:"RefundCompletionDate"`
	Amount   string `csv:"AmountRefunded"`
	Currency string `csv:"Currency"`
	Status   string `csv:"Status"`
}

func (r paymentsRow) cells() refundCells {
	return refundCells{id: r.OrderID, date: r.Date, amount: r.Amount, currency: r.Currency, status: r.Status}
}

// detailsRow is a row of Refund Details.csv as text.
type detailsRow struct {
	OrderID  string `csv:"Order ID"`
	Date     string `csv:"Refund Date"`
	Amount   string `csv:"Refund Amount"`
	Currency string `csv:"Currency"`
	Status   string `csv:"Reversal Status"`
	Website  string `csv:"Website"`
}

func (r detailsRow) cells() refundCells {
	return refundCells{id: r.OrderID, date: r.Date, amount: r.Amount, currency: r.Currency, status: r.Status, site: r.Website}
}

// readRefundPayments reads Retail.OrdersReturned.Payments.N.csv.
func readRefundPayments(f *File, data []byte) error {
	return readRefunds[paymentsRow](f, data, paymentsColumns, "Retail.OrdersReturned.Payments")
}

// readRefundDetails reads Refund Details.csv.
func readRefundDetails(f *File, data []byte) error {
	return readRefunds[detailsRow](f, data, detailsColumns, "Refund Details")
}

// readRefunds turns each completed refund row into a refund confirmation
// dated on the refund day, in the marketplace's local time. Rows without a
// refund date, or whose status is not Completed, are skipped and counted.
func readRefunds[R interface{ cells() refundCells }](f *File, data []byte, cols refundColumns, export string) error {
	p := parser.NewProblems(f.Name)
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[R]) {
		row := rec.Row.cells()
		if rec.Has(cols.status) && !strings.EqualFold(row.status, "Completed") {
			f.skip(skipNotCompleted)
			return
		}
		if notGiven(row.date) {
			f.skip(skipNoRefundDate)
			return
		}
		before := p.Count()
		id, err := parser.ParseOrderID(row.id)
		if err != nil {
			p.Add(rec.Line, "%s: %v", cols.id, err)
		}
		currency := strings.ToUpper(row.currency)
		day, err := localDate(row.date, zoneOrUTC(row.site, currency))
		if err != nil {
			p.Add(rec.Line, "%s: %v", cols.date, err)
		}
		var refunded decimal.Decimal
		if cell := row.amount; !notGiven(cell) {
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
