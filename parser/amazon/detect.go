package amazon

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"net/textproto"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser/textenc"
)

// Format is a kind of file this package reads.
type Format string

// The formats, by the name reports show.
const (
	Unknown            Format = ""
	OrderHistoryLegacy Format = "amazon-order-history"      // Retail.OrderHistory.N.csv
	OrderHistory2025   Format = "amazon-order-history-2025" // Order History.csv
	DigitalItems       Format = "amazon-digital-items"      // Digital Items.csv
	OrderFilterJP      Format = "amazon-order-filter-jp"    // アマゾン注文履歴フィルタ
	OrderReport        Format = "amazon-order-report"       // Amazon.com's older order and item reports
	RefundPayments     Format = "amazon-refund-payments"    // Retail.OrdersReturned.Payments.N.csv
	RefundDetails      Format = "amazon-refund-details"     // Refund Details.csv
	RefundReport       Format = "amazon-refund-report"      // Amazon.com's older refunds report
	ConfirmationsCSV   Format = "confirmations-csv"         // the person's confirmations.csv
	Mail               Format = "mail"                      // an .eml file, or a mail of a maildir
	Mbox               Format = "mbox"                      // mails one after another, as Gmail's Takeout and Thunderbird write them

	// detectBytes is how much of a file Detect looks at.
	detectBytes = 64 << 10
)

// Orders reports whether files of format f list orders.
func (f Format) Orders() bool {
	return f == OrderHistoryLegacy || f == OrderHistory2025 || f == DigitalItems || f == OrderFilterJP || f == OrderReport
}

// Confirms reports whether files of format f say orders were handled.
func (f Format) Confirms() bool {
	return f == RefundPayments || f == RefundDetails || f == RefundReport || f == ConfirmationsCSV || f == Mail || f == Mbox
}

// signatures are the header cells that identify each CSV format; a header
// holding all of a format's cells is of that format.
var signatures = []struct {
	format Format
	cells  []string
}{
	{OrderHistoryLegacy, []string{"Order ID", "Order Date", "Total Owed", "Shipment Item Subtotal", "Ship Date"}},
	{OrderHistory2025, []string{"Order ID", "Order Date", "Total Amount", "Shipment Item Subtotal", "Ship Date"}},
	{DigitalItems, []string{"OrderId", "OrderDate", "DigitalOrderItemId", "OurPrice"}},
	{OrderFilterJP, []string{"注文日", "注文番号", "商品名", "クレカ請求日", "クレカ請求額"}},
	// Amazon.com's older reports: the items report and the orders and
	// shipments report (jprouty/mint-amazon-tagger mockdata.py).
	{OrderReport, []string{"Order Date", "Order ID", "Title", "Category", "Item Total"}},
	{OrderReport, []string{"Order Date", "Order ID", "Shipment Date", "Total Charged"}},
	{RefundPayments, []string{"OrderID", "RefundCompletionDate", "AmountRefunded"}},
	{RefundDetails, []string{"Order ID", "Refund Date", "Refund Amount", "Reversal Status"}},
	{RefundReport, []string{"Order Date", "Order ID", "Refund Date", "Refund Amount", "Refund Tax Amount"}},
	{ConfirmationsCSV, []string{"order_id", "confirmed_on"}},
	{ConfirmationsCSV, []string{"order_id", "kind"}},
}

// Detect tells the format of a file from its first bytes (up to 64 KiB are
// looked at), or Unknown.
func Detect(head []byte) Format {
	if len(head) > detectBytes {
		head = head[:detectBytes]
	}
	if isMbox(head) {
		return Mbox
	}
	if isMail(head) {
		return Mail
	}
	text, _, err := textenc.Decode(bytes.NewReader(head))
	if err != nil {
		return Unknown
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.Comment = '#' // confirmations.csv as refundwatch init lays it out starts with comments
	header, err := cr.Read()
	if err != nil {
		return Unknown
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	for _, s := range signatures {
		if containsAll(header, s.cells) {
			return s.format
		}
	}
	return Unknown
}

func containsAll(header, cells []string) bool {
	for _, c := range cells {
		if !slices.ContainsFunc(header, func(h string) bool { return strings.EqualFold(h, c) }) {
			return false
		}
	}
	return true
}

// isMail reports whether head starts with an RFC 5322 header block naming
// at least a sender and a date, as every mail does.
func isMail(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	r := textproto.NewReader(bufio.NewReader(io.LimitReader(bytes.NewReader(head), detectBytes)))
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return false
	}
	return h.Get("From") != "" && h.Get("Date") != ""
}
