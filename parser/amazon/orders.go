package amazon

import (
	"slices"
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// Order is one Amazon order as an order-history export gives it.
type Order struct {
	ID       string
	Date     civil.Date // the order day, in the marketplace's local time
	Total    decimal.Decimal
	Currency string
	// Card is the payment method as the export names it ("Visa - 1234"), or "".
	Card string
	// Shipments are the parts Amazon charges on their own, where the export
	// says: per parcel with its ship day, or per card charge with its day.
	Shipments []Shipment
	// CardCharged is what the card was billed in all, where the export
	// states the card charges (the アマゾン注文履歴フィルタ's
	// （クレジットカードへの請求） rows); zero where it does not.
	CardCharged decimal.Decimal
	Digital     bool
	// File and Line are where the order's first row stands.
	File string
	Line int
}

// Shipment is one part of an order charged on its own.
type Shipment = parser.Shipment

// Known returns what the dispute reader needs of o.
func (o Order) Known() parser.KnownOrder {
	return parser.KnownOrder{Date: o.Date, Total: o.Total, Currency: o.Currency, Shipments: o.Shipments, CardCharged: o.CardCharged}
}

// Skip reasons of order-history rows that carry no money of their own.
const (
	skipNoAmount  = "no amount (Not Available)"
	skipItemRow   = "item row (the order's total is on its （注文全体） row)"
	skipPseudoRow = "pseudo-row without a charge"
	// skipOlderItemRow is an item row of the older アマゾン注文履歴フィルタ
	// layout, which repeats its order's total and charge.
	skipOlderItemRow = "item row (it repeats its order's total)"
)

// orderBook collects orders in the order of their first row.
type orderBook struct {
	file   string
	orders []*Order
	byID   map[string]*Order
}

func (b *orderBook) get(id string, line int) *Order {
	if b.byID == nil {
		b.byID = map[string]*Order{}
	}
	o, ok := b.byID[id]
	if !ok {
		o = &Order{ID: id, File: b.file, Line: line}
		b.byID[id] = o
		b.orders = append(b.orders, o)
	}
	return o
}

func (b *orderBook) list() []Order {
	out := make([]Order, len(b.orders))
	for i, o := range b.orders {
		out[i] = *o
	}
	return out
}

// retailRow is a row of the "Request your data" order history as text.
// Its two layouts name the total and the payment method each their own way:
// a field for each name, and the header tells which to read (retailTotal,
// retailCard). gocsv could fill one field from both names
// (`csv:"Total Owed,Total Amount"`), but from every column of either name,
// the last one winning, and the row's messages must name the column the
// file has.
type retailRow struct {
	OrderID          string `csv:"Order ID"`
	OrderDate        string `csv:"Order Date"`
	Currency         string `csv:"Currency"`
	Website          string `csv:"Website"`
	TotalOwed        string `csv:"Total Owed"`
	TotalAmount      string `csv:"Total Amount"`
	ShipDate         string `csv:"Ship Date"`
	Carrier          string `csv:"Carrier Name & Tracking Number"`
	ShipmentSubtotal string `csv:"Shipment Item Subtotal"`
	InstrumentType   string `csv:"Payment Instrument Type"`
	MethodType       string `csv:"Payment Method Type"`
}

// retailTotal returns the name of the column that gives the row's total in
// its layout ("Total Owed", else "Total Amount"), and its cell.
func retailTotal(rec parser.CSVRecord[retailRow]) (string, string) {
	if col := rec.Which("Total Owed", "Total Amount"); col == "Total Amount" {
		return col, rec.Row.TotalAmount
	}
	return "Total Owed", rec.Row.TotalOwed
}

// retailCard returns the row's payment method, under the name its layout
// gives the column ("Payment Instrument Type", else "Payment Method Type").
func retailCard(rec parser.CSVRecord[retailRow]) string {
	if rec.Which("Payment Instrument Type", "Payment Method Type") == "Payment Method Type" {
		return rec.Row.MethodType
	}
	return rec.Row.InstrumentType
}

// readRetailOrders reads Retail.OrderHistory.N.csv and Order History.csv.
func readRetailOrders(f *File, data []byte) error {
	p := parser.NewProblems(f.Name)
	book := &orderBook{file: f.Name}
	shipIndex := map[string]int{} // order id + shipment key → index in Shipments
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[retailRow]) {
		row := &rec.Row
		// Every problem of the row is reported, not only the first.
		before := p.Count()
		id, err := parser.ParseOrderID(row.OrderID)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order ID", err)
		}
		currency := strings.ToUpper(row.Currency)
		loc := zoneOrUTC(row.Website, currency)
		date, err := localDate(row.OrderDate, loc)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "Order Date", err)
		}
		totalCol, cell := retailTotal(rec)
		if notGiven(cell) {
			if p.Count() == before {
				f.skip(skipNoAmount)
			}
			return
		}
		owed, err := amount(cell)
		if err != nil {
			p.Add(rec.Line, "%s: %v", totalCol, err)
		}
		var ship civil.Date
		if !notGiven(row.ShipDate) {
			if ship, err = localDate(row.ShipDate, loc); err != nil {
				p.Add(rec.Line, "%s: %v", "Ship Date", err)
			}
		}
		if p.Count() > before {
			return
		}
		o := book.get(id, rec.Line)
		if o.Currency != "" && currency != "" && o.Currency != currency {
			p.Add(rec.Line, "order %s is in %s here and in %s on line %d", id, currency, o.Currency, o.Line)
			return
		}
		o.Date, o.Currency = date, currency
		if card := retailCard(rec); !notGiven(card) && o.Card == "" {
			o.Card = card
		}
		o.Total = o.Total.Add(owed)
		if !ship.Valid() {
			return
		}
		key := id + "|" + row.ShipDate + "|" + row.Carrier + "|" + row.ShipmentSubtotal
		addToShipment(o, shipIndex, key, ship, owed)
	})
	f.Rows = rows
	f.Orders = book.list()
	return firstErr(err, p.Err())
}

// digitalRow is a row of Digital Items.csv as text.
type digitalRow struct {
	OrderID          string `csv:"OrderId"`
	OrderDate        string `csv:"OrderDate"`
	Marketplace      string `csv:"Marketplace"`
	OurPrice         string `csv:"OurPrice"`
	OurPriceTax      string `csv:"OurPriceTax"`
	OurPriceCurrency string `csv:"OurPriceCurrencyCode"`
	BaseCurrency     string `csv:"BaseCurrencyCode"`
}

// readDigitalItems reads Digital Items.csv: one row per item of a D01- order.
func readDigitalItems(f *File, data []byte) error {
	p := parser.NewProblems(f.Name)
	book := &orderBook{file: f.Name}
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[digitalRow]) {
		row := &rec.Row
		before := p.Count()
		id, err := parser.ParseOrderID(row.OrderID)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "OrderId", err)
		}
		currency := strings.ToUpper(row.OurPriceCurrency)
		if notGiven(currency) {
			currency = strings.ToUpper(row.BaseCurrency)
		}
		loc := zoneOrUTC(row.Marketplace, currency)
		date, err := localDate(row.OrderDate, loc)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "OrderDate", err)
		}
		if notGiven(row.OurPrice) {
			if p.Count() == before {
				f.skip(skipNoAmount)
			}
			return
		}
		price, err := amount(row.OurPrice)
		if err != nil {
			p.Add(rec.Line, "%s: %v", "OurPrice", err)
		}
		if !notGiven(row.OurPriceTax) {
			t, err := amount(row.OurPriceTax)
			if err != nil {
				p.Add(rec.Line, "%s: %v", "OurPriceTax", err)
			}
			price = price.Add(t)
		}
		if p.Count() > before {
			return
		}
		o := book.get(id, rec.Line)
		o.Date, o.Currency, o.Digital = date, currency, true
		o.Total = o.Total.Add(price)
	})
	f.Rows = rows
	f.Orders = book.list()
	return firstErr(err, p.Err())
}

// The pseudo-rows of the アマゾン注文履歴フィルタ CSV that matter.
const (
	filterWholeOrder = "（注文全体）"
	filterCardCharge = "（クレジットカードへの請求）"
)

// filterRow is a row of the アマゾン注文履歴フィルタ CSV as text.
type filterRow struct {
	OrderID     string `csv:"注文番号"`
	OrderDate   string `csv:"注文日"`
	Item        string `csv:"商品名"`
	Billed      string `csv:"請求額"`
	OrderTotal  string `csv:"注文合計"`
	CardKind    string `csv:"クレカ種類"`
	CardDay     string `csv:"クレカ請求日"`
	CardCharged string `csv:"クレカ請求額"`
}

// total returns the name of the column that gives the order's total on
// the row, 請求額 (what was billed), else 注文合計 when 請求額 is empty, and
// its cell.
func (row *filterRow) total() (string, string) {
	if row.Billed == "" {
		return "注文合計", row.OrderTotal
	}
	return "請求額", row.Billed
}

// readOrderFilter reads the アマゾン注文履歴フィルタ CSV (Amazon.co.jp, yen).
func readOrderFilter(f *File, data []byte) error {
	p := parser.NewProblems(f.Name)
	book := &orderBook{file: f.Name}
	hasTotal := map[string]bool{}
	older := &olderFilterOrders{}
	rows, err := parser.ReadCSV(f.Name, data, exportCSV, p, func(rec parser.CSVRecord[filterRow]) {
		o := filterRowOrder(book, rec, p)
		if o == nil {
			return
		}
		switch item := rec.Row.Item; {
		case item == filterWholeOrder:
			if filterWholeOrderRow(o, rec, p) {
				hasTotal[o.ID] = true
			}
		case item == filterCardCharge:
			filterCardChargeRow(o, rec, p)
		case strings.HasPrefix(item, "（") && strings.HasSuffix(item, "）"):
			f.skip(skipPseudoRow)
		default:
			switch older.item(o, rec, p) {
			case olderNone:
				f.skip(skipItemRow)
			case olderRepeat:
				f.skip(skipOlderItemRow)
			}
		}
	})
	for _, o := range book.orders {
		switch {
		case hasTotal[o.ID]:
		case older.totals[o.ID] != nil:
			o.Total, o.Shipments = older.totals[o.ID].value, older.charges[o.ID]
		default:
			p.Add(o.Line, "order %s has no %s row giving its total", o.ID, filterWholeOrder)
		}
	}
	f.Rows = rows
	f.Orders = book.list()
	return firstErr(err, p.Err())
}

// filterRowOrder returns the order a row of the アマゾン注文履歴フィルタ CSV
// belongs to, dated by its 注文日 and in yen, or nil when its order id or
// date does not read (both problems are added to p, so that a row's
// errors all come at once).
func filterRowOrder(book *orderBook, rec parser.CSVRecord[filterRow], p *parser.Problems) *Order {
	id, err := parser.ParseOrderID(rec.Row.OrderID)
	if err != nil {
		p.Add(rec.Line, "%s: %v", "注文番号", err)
	}
	date, dateErr := civil.ParseDate(rec.Row.OrderDate)
	if dateErr != nil {
		p.Add(rec.Line, "%s: %v", "注文日", dateErr)
	}
	if err != nil || dateErr != nil {
		return nil
	}
	o := book.get(id, rec.Line)
	o.Date, o.Currency = date, "JPY"
	return o
}

// filterWholeOrderRow reads a （注文全体） row into o: its total is 請求額,
// what was billed, else 注文合計 when 請求額 is empty, and its card the
// クレカ種類 given. It reports whether the total read.
func filterWholeOrderRow(o *Order, rec parser.CSVRecord[filterRow], p *parser.Problems) bool {
	col, cell := rec.Row.total()
	total, err := amount(cell)
	if err != nil {
		p.Add(rec.Line, "%s: %v", col, err)
		return false
	}
	o.Total = total
	if card := rec.Row.CardKind; card != "" {
		o.Card = card
	}
	return true
}

// filterCardChargeRow reads a （クレジットカードへの請求） row into o: one
// charge to the card on クレカ請求日 of クレカ請求額, which becomes a shipment
// of the order and adds to what the card was charged.
func filterCardChargeRow(o *Order, rec parser.CSVRecord[filterRow], p *parser.Problems) {
	day, err := civil.ParseDate(rec.Row.CardDay)
	if err != nil {
		p.Add(rec.Line, "%s: %v", "クレカ請求日", err)
		return
	}
	charged, err := amount(rec.Row.CardCharged)
	if err != nil {
		p.Add(rec.Line, "%s: %v", "クレカ請求額", err)
		return
	}
	o.Shipments = append(o.Shipments, Shipment{Date: day, Amount: charged})
	o.CardCharged = o.CardCharged.Add(charged)
}

// olderFilterOrders gathers what the item rows of the older layout of the
// アマゾン注文履歴フィルタ CSV (2018 and before, same header) say of their
// order: that layout has no pseudo-rows, and each item row repeats the
// order's total (請求額, else 注文合計) and its card charge (クレカ請求日,
// クレカ請求額). Those are used for an order without a （注文全体） row.
type olderFilterOrders struct {
	totals  map[string]*olderTotal
	charges map[string][]Shipment
}

type olderTotal struct {
	value decimal.Decimal
	col   string
	line  int
}

// What an item row is to the older layout.
const (
	olderNone   = iota // it carries no total: a row of the current layout
	olderFirst         // the first row of its order: it gives the order
	olderRepeat        // a further row, repeating its order's total
)

// item takes an item row of order o and says what it is.
func (a *olderFilterOrders) item(o *Order, rec parser.CSVRecord[filterRow], p *parser.Problems) int {
	col, cell := rec.Row.total()
	if cell == "" {
		return olderNone
	}
	total, err := amount(cell)
	if err != nil {
		p.Add(rec.Line, "%s: %v", col, err)
		return olderRepeat
	}
	if a.totals == nil {
		a.totals, a.charges = map[string]*olderTotal{}, map[string][]Shipment{}
	}
	kind := olderRepeat
	if prev := a.totals[o.ID]; prev == nil {
		a.totals[o.ID], kind = &olderTotal{total, col, rec.Line}, olderFirst
	} else if !prev.value.Equal(total) {
		p.Add(rec.Line, "order %s totals %s here (%s) and %s on line %d (%s); expected the same total on every row of an order", o.ID, total, col, prev.value, prev.line, prev.col)
		return kind
	}
	if card := rec.Row.CardKind; card != "" && o.Card == "" {
		o.Card = card
	}
	if rec.Row.CardDay == "" && rec.Row.CardCharged == "" {
		return kind
	}
	day, err := civil.ParseDate(rec.Row.CardDay)
	if err != nil {
		p.Add(rec.Line, "%s: %v", "クレカ請求日", err)
		return kind
	}
	charged, err := amount(rec.Row.CardCharged)
	if err != nil {
		p.Add(rec.Line, "%s: %v", "クレカ請求額", err)
		return kind
	}
	s := Shipment{Date: day, Amount: charged}
	// Each item row repeats the order's charges: keep each one once.
	if !slices.ContainsFunc(a.charges[o.ID], func(c Shipment) bool { return c.Date == s.Date && c.Amount.Equal(s.Amount) }) {
		a.charges[o.ID] = append(a.charges[o.ID], s)
	}
	return kind
}

// zoneOrUTC is Zone, falling back to UTC when neither site nor currency is known.
func zoneOrUTC(site, currency string) *time.Location {
	if loc, ok := Zone(site, currency); ok {
		return loc
	}
	return time.UTC
}

// firstErr returns the file-level error when there is one (the file could
// not be read through), else the row problems.
func firstErr(fileErr, rowErrs error) error {
	if fileErr != nil {
		if l, ok := parser.AsList(rowErrs); ok {
			if e, ok := fileErr.(*parser.Error); ok {
				return append(l, e)
			}
		}
		return fileErr
	}
	return rowErrs
}

// addToShipment adds amount to the shipment of o that key names (its ship
// date, carrier and tracking number), starting it on ship when it is new.
// index maps an order id and shipment key to the shipment's place in
// o.Shipments.
func addToShipment(o *Order, index map[string]int, key string, ship civil.Date, amount decimal.Decimal) {
	i, ok := index[key]
	if !ok {
		i = len(o.Shipments)
		index[key] = i
		o.Shipments = append(o.Shipments, Shipment{Date: ship})
	}
	o.Shipments[i].Amount = o.Shipments[i].Amount.Add(amount)
}
