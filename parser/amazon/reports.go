package amazon

import (
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// The columns of Amazon.com's older "Order History Reports"
// (amazon.com/gp/b2b/reports, retired about 2023) that refundwatch reads.
// The items report has a row per item ("Item Total", tax included); the
// orders-and-shipments report a row per shipment ("Total Charged").
var reportColumns = struct {
	total []string
	ship  string
}{
	total: []string{"Item Total", "Total Charged"},
	ship:  "Shipment Date",
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
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord) {
		before := p.Count()
		id, err := parser.ParseOrderID(rec.Get("Order ID"))
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order ID", err)
		}
		date, err := reportDate(rec.Get("Order Date"))
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order Date", err)
		}
		col := rec.Which(reportColumns.total...)
		var total decimal.Decimal
		if cell := rec.Get(col); notGiven(cell) {
			p.Add(rec.Line, "%s is empty; expected the amount charged, such as $12.04", col)
		} else if total, err = amount(cell); err != nil {
			p.Add(rec.Line, "%s: %v", col, err)
		}
		var ship civil.Date
		if cell := rec.Get(reportColumns.ship); !notGiven(cell) {
			if ship, err = reportDate(cell); err != nil {
				p.Add(rec.Line, "%s: %v", reportColumns.ship, err)
			}
		}
		if p.Count() > before {
			return
		}
		currency := strings.ToUpper(rec.Get("Currency"))
		if currency == "" {
			currency = "USD" // the reports were Amazon.com's
		}
		o := book.get(id, rec.Line)
		if o.Currency != "" && o.Currency != currency {
			p.Add(rec.Line, "order %s is in %s here and in %s on line %d", id, currency, o.Currency, o.Line)
			return
		}
		o.Date, o.Currency = date, currency
		if card := rec.Get("Payment Instrument Type"); !notGiven(card) && o.Card == "" {
			o.Card = card
		}
		o.Total = o.Total.Add(total)
		if !ship.Valid() {
			return
		}
		key := id + "|" + rec.Get(reportColumns.ship) + "|" + rec.Get("Carrier Name & Tracking Number")
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
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord) {
		if notGiven(rec.Get("Refund Date")) {
			f.skip(skipNoRefundDate)
			return
		}
		before := p.Count()
		id, err := parser.ParseOrderID(rec.Get("Order ID"))
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order ID", err)
		}
		day, err := reportDate(rec.Get("Refund Date"))
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Refund Date", err)
		}
		var refunded decimal.Decimal
		for _, col := range []string{"Refund Amount", "Refund Tax Amount"} {
			if cell := rec.Get(col); !notGiven(cell) {
				a, err := amount(cell)
				if err != nil {
					p.Add(rec.Line, "%s: %v", col, err)
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
