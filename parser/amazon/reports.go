package amazon

import (
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// reportRow is a row of Amazon.com's older "Order History Reports"
// (amazon.com/gp/b2b/reports, retired about 2023) as text, with the columns
// refundwatch reads. The items report has a row per item ("Item Total",
// tax included); the orders-and-shipments report a row per shipment
// ("Total Charged"): a field for each, the header telling which to read
// (reportTotal).
type reportRow struct {
	OrderID      string `csv:"Order ID"`
	OrderDate    string `csv:"Order Date"`
	ItemTotal    string `csv:"Item Total"`
	TotalCharged string `csv:"Total Charged"`
	ShipDate     string `csv:"Shipment Date"`
	Carrier      string `csv:"Carrier Name & Tracking Number"`
	Currency     string `csv:"Currency"`
	Card         string `csv:"Payment Instrument Type"`
}

// reportTotal returns the name of the column that gives the row's amount
// in its report ("Item Total", else "Total Charged"), and its cell.
func reportTotal(rec parser.CSVRecord[reportRow]) (string, string) {
	if col := rec.Which("Item Total", "Total Charged"); col == "Total Charged" {
		return col, rec.Row.TotalCharged
	}
	return "Item Total", rec.Row.ItemTotal
}

// refundReportRow is a row of the refunds report of the same Order
// History Reports as text.
type refundReportRow struct {
	OrderID   string `csv:"Order ID"`
	Date      string `csv:"Refund Date"`
	Amount    string `csv:"Refund Amount"`
	TaxAmount string `csv:"Refund Tax Amount"`
}

// reportDate reads the month-first dates of those reports: 03/02/26, as
// they write them, or 03/02/2026.
func reportDate(text string) (civil.Date, error) {
	s := strings.TrimSpace(text)
	for _, layout := range []string{"01/02/06", "1/2/06", "01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if d := civil.DateOf(t); d.Valid() {
				return d, nil
			}
		}
	}
	return civil.Date{}, msg.Msgf("%q is not a date like 03/02/26 (month/day/year)", s)
}

// readOrderReport reads the items report and the orders-and-shipments
// report: an order's total is the sum of its rows, and its rows with one
// shipment day and carrier make one shipment.
func readOrderReport(f *File, data []byte) error {
	p := parser.NewProblems(f.Name)
	book := &orderBook{file: f.Name}
	shipIndex := map[string]int{}
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[reportRow]) {
		row := &rec.Row
		before := p.Count()
		id, err := parser.ParseOrderID(row.OrderID)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order ID", err)
		}
		date, err := reportDate(row.OrderDate)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order Date", err)
		}
		col, cell := reportTotal(rec)
		var total decimal.Decimal
		if notGiven(cell) {
			p.Add(rec.Line, "%s is empty; expected the amount charged, such as $12.04", col)
		} else if total, err = amount(cell); err != nil {
			p.Add(rec.Line, "%s: %v", col, err)
		}
		var ship civil.Date
		if !notGiven(row.ShipDate) {
			if ship, err = reportDate(row.ShipDate); err != nil {
				p.Add(rec.Line, "%s: %v", "Shipment Date", err)
			}
		}
		if p.Count() > before {
			return
		}
		currency := strings.ToUpper(row.Currency)
		if currency == "" {
			currency = "USD" // the reports were Amazon.com's
		}
		o := book.get(id, rec.Line)
		if o.Currency != "" && o.Currency != currency {
			p.Add(rec.Line, "order %s is in %s here and in %s on line %d", id, currency, o.Currency, o.Line)
			return
		}
		o.Date, o.Currency = date, currency
		if card := row.Card; !notGiven(card) && o.Card == "" {
			o.Card = card
		}
		o.Total = o.Total.Add(total)
		if !ship.Valid() {
			return
		}
		key := id + "|" + row.ShipDate + "|" + row.Carrier
		addToShipment(o, shipIndex, key, ship, total)
	})
	f.Rows = rows
	f.Orders = book.list()
	return firstErr(err, p.Err())
}

// readRefundReport reads the refunds report of the same Order History
// Reports: a row per refunded item, its Refund Date (month first) and its
// Refund Amount, to which Refund Tax Amount adds the tax (the report keeps
// them apart, jprouty/mint-amazon-tagger notes). Each row is a refund
// confirmation on its refund day.
func readRefundReport(f *File, data []byte) error {
	p := parser.NewProblems(f.Name)
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[refundReportRow]) {
		row := &rec.Row
		if notGiven(row.Date) {
			f.skip(skipNoRefundDate)
			return
		}
		before := p.Count()
		id, err := parser.ParseOrderID(row.OrderID)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order ID", err)
		}
		day, err := reportDate(row.Date)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Refund Date", err)
		}
		var refunded decimal.Decimal
		for _, c := range []struct{ col, cell string }{{"Refund Amount", row.Amount}, {"Refund Tax Amount", row.TaxAmount}} {
			if !notGiven(c.cell) {
				a, err := amount(c.cell)
				if err != nil {
					p.Add(rec.Line, "%s: %v", c.col, err)
				}
				refunded = refunded.Add(a.Abs())
			}
		}
		if p.Count() > before {
			return
		}
		f.Confirmations = append(f.Confirmations, parser.Confirmation{
			OrderID: id, ConfirmedOn: day, Kind: parser.KindRefund, Amount: refunded,
			Note: "refund, in Amazon.com's Refunds report",
			File: f.Name, Line: rec.Line,
		})
	})
	f.Rows = rows
	return firstErr(err, p.Err())
}
