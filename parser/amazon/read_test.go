package amazon

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"golang.org/x/text/encoding/japanese"
)

func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata", "amazon"}, parts...)...)
}

func readFixture(t *testing.T, parts ...string) *File {
	t.Helper()
	path := fixture(parts...)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := Read(path, fh)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// orderLine writes an order for comparison: id date total currency card
// [shipments] digital line.
func orderLine(o Order) string {
	var ships []string
	for _, s := range o.Shipments {
		ships = append(ships, s.Date.String()+"="+s.Amount.String())
	}
	return fmt.Sprintf("%s %s %s %s %q [%s] digital=%v line=%d", o.ID, o.Date, o.Total, o.Currency, o.Card, strings.Join(ships, " "), o.Digital, o.Line)
}

// confirmationLine says where a confirmation came from as a report does:
// its Source where it has one (a mail), else its file and line.
func confirmationLine(c parser.Confirmation) string {
	where := c.Source
	if where == "" {
		where = fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	return fmt.Sprintf("%s %s %s %s %s", c.OrderID, c.ConfirmedOn, c.Kind, c.Amount, where)
}

func skipped(f *File) string {
	var parts []string
	for r, n := range f.Skipped {
		parts = append(parts, fmt.Sprintf("%s: %d", r, n))
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

func TestReadOrderFixtures(t *testing.T) {
	tests := []struct {
		path    []string
		format  Format
		rows    int
		orders  []string
		skipped string
	}{
		{
			[]string{"Retail.OrderHistory.1", "Retail.OrderHistory.1.csv"}, OrderHistoryLegacy, 5,
			[]string{
				// Ordered 2026-03-03 05:10 UTC, the evening before in Los Angeles; two
				// parcels, the second shipped 2026-03-06 02:30 UTC, 5 March there.
				`113-5520917-3384120 2026-03-02 70.18 USD "Visa - 4417" [2026-03-03=21.58 2026-03-05=48.6] digital=false line=2`,
				`114-2209113-7781032 2026-02-20 24.49 USD "Gift Certificate/Card and Visa - 4417" [2026-02-21=24.49] digital=false line=5`,
			},
			"no amount (Not Available): 1",
		},
		{
			[]string{"Your Orders", "Your Amazon Orders", "Order History.csv"}, OrderHistory2025, 6,
			[]string{
				`250-4418372-2290415 2026-03-02 30000 JPY "Visa - 5821" [2026-03-02=30000] digital=false line=2`,
				// Ordered 2026-03-02 16:20 UTC, 3 March in Japan.
				`503-7720194-5581630 2026-03-03 8480 JPY "Visa - 5821" [2026-03-04=5980 2026-03-06=2500] digital=false line=3`,
				`249-3301845-6627190 2026-03-10 1280 JPY "Visa - 5821" [2026-03-10=1280] digital=false line=5`,
				`249-6650123-0038811 2026-03-14 3300 JPY "Visa - 5821" [2026-03-15=3300] digital=false line=6`,
			},
			"",
		},
		{
			[]string{"Digital-Ordering.1", "Digital Items.csv"}, DigitalItems, 3,
			[]string{`D01-4471920-3358102 2026-03-05 1650 JPY "" [] digital=true line=2`},
			"no amount (Not Available): 1",
		},
		{
			[]string{"order-filter", "amazon-order-history-2026.csv"}, OrderFilterJP, 10,
			[]string{
				`249-7810342-9902156 2026-04-02 4500 JPY "Visa（下4けたが5821）" [2026-04-03=3000 2026-04-09=1500] digital=false line=2`,
				`250-6632018-4471509 2026-04-20 5980 JPY "Visa（下4けたが5821）" [2026-04-21=5980] digital=false line=7`,
			},
			"item row (the order's total is on its （注文全体） row): 3; pseudo-row without a charge: 2",
		},
		{
			[]string{"order-filter", "amazon-order-history-2018.csv"}, OrderFilterJP, 3,
			[]string{
				`249-3318820-4410572 2018-10-23 5390 JPY "Visa（下4けたが5821）" [2018-10-23=5390] digital=false line=2`,
				`250-7719034-0025813 2018-11-02 3700 JPY "Visa（下4けたが5821）" [2018-11-03=1200 2018-11-06=2500] digital=false line=3`,
			},
			"item row (it repeats its order's total): 1",
		},
		{
			[]string{"order-report", "01-Jan-2023_to_31-Mar-2023.csv"}, OrderReport, 3,
			[]string{
				`112-4839201-5572043 2023-02-27 41.17 USD "Visa - 4417" [2023-02-28=32.09 2023-03-02=9.08] digital=false line=3`,
				`113-0092817-6641120 2023-03-01 100 USD "Visa - 4417" [2023-03-01=100] digital=false line=5`,
			},
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.path[len(tt.path)-1], func(t *testing.T) {
			f := readFixture(t, tt.path...)
			if f.Format != tt.format || f.Rows != tt.rows {
				t.Errorf("format %s rows %d, want %s %d", f.Format, f.Rows, tt.format, tt.rows)
			}
			var got []string
			for _, o := range f.Orders {
				got = append(got, orderLine(o))
			}
			if !slices.Equal(got, tt.orders) {
				t.Errorf("orders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.orders, "\n"))
			}
			if s := skipped(f); s != tt.skipped {
				t.Errorf("skipped %q, want %q", s, tt.skipped)
			}
		})
	}
}

func TestReadConfirmationFixtures(t *testing.T) {
	tests := []struct {
		path    []string
		format  Format
		want    []string
		skipped string
	}{
		{
			[]string{"Retail.OrdersReturned.Payments.1", "Retail.OrdersReturned.Payments.1.csv"}, RefundPayments,
			// 2026-03-12 06:30 UTC is the evening of 11 March in Los Angeles.
			[]string{"113-5520917-3384120 2026-03-11 refund 48.6 ../../testdata/amazon/Retail.OrdersReturned.Payments.1/Retail.OrdersReturned.Payments.1.csv:2"},
			"no refund date (Not Applicable, N/A): 1; refund not completed: 1",
		},
		{
			[]string{"Your Orders", "Your Returns & Refunds", "Refund Details.csv"}, RefundDetails,
			[]string{
				// 2026-03-12 15:30 UTC is past midnight in Japan.
				"503-7720194-5581630 2026-03-13 refund 8480 ../../testdata/amazon/Your Orders/Your Returns & Refunds/Refund Details.csv:2",
				"249-3301845-6627190 2026-03-20 refund 1280 ../../testdata/amazon/Your Orders/Your Returns & Refunds/Refund Details.csv:4",
			},
			"refund not completed: 1",
		},
		{
			[]string{"order-report", "01-Jan-2023_to_31-Mar-2023_refunds.csv"}, RefundReport,
			// Refund Amount and Refund Tax Amount together.
			[]string{"112-4839201-5572043 2023-03-09 refund 9.08 ../../testdata/amazon/order-report/01-Jan-2023_to_31-Mar-2023_refunds.csv:2"},
			"no refund date (Not Applicable, N/A): 1",
		},
		{
			[]string{"mail", "refund-en.eml"}, Mail,
			// Sent 2026-03-11 05:12 UTC, the evening of 10 March at Amazon.com.
			[]string{"113-5520917-3384120 2026-03-10 refund 48.6 ../../testdata/amazon/mail/refund-en.eml (Your refund for Noise Cancelling Headphones....)"},
			"",
		},
		{
			[]string{"mail", "cancel-ja.eml"}, Mail,
			// Two orders in one mail: no amount is given to either.
			[]string{
				"249-1056673-9038214 2026-03-06 cancel 0 ../../testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
				"250-4418372-2290415 2026-03-06 cancel 0 ../../testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
			},
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.path[len(tt.path)-1], func(t *testing.T) {
			f := readFixture(t, tt.path...)
			if f.Format != tt.format {
				t.Errorf("format %s, want %s", f.Format, tt.format)
			}
			var got []string
			for _, c := range f.Confirmations {
				got = append(got, confirmationLine(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("confirmations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if s := skipped(f); s != tt.skipped {
				t.Errorf("skipped %q, want %q", s, tt.skipped)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"legacy with BOM", "\ufeff\"Website\",\"Order ID\",\"Order Date\",\"Currency\",\"Total Owed\",\"Shipment Item Subtotal\",\"Ship Date\"\n", OrderHistoryLegacy},
		{"2025 layout", "ASIN,Currency,Order Date,Order ID,Ship Date,Shipment Item Subtotal,Total Amount\r\n", OrderHistory2025},
		{"refund payments", "\"OrderID\",\"ReversalID\",\"RefundCompletionDate\",\"Currency\",\"AmountRefunded\",\"Status\",\"DisbursementType\"\n", RefundPayments},
		{"refund details", "Creation Date,Currency,Order ID,Refund Amount,Refund Date,Reversal Status,Website\n", RefundDetails},
		{"confirmations.csv", "order_id,confirmed_on,kind\n", ConfirmationsCSV},
		{"mail", "Received: from mx.example.com\r\nDate: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: a@amazon.co.jp\r\n\r\nbody", Mail},
		{"statement", "Date,Description,Amount\n2026-03-02,AMAZON.CO.JP,12800\n", Unknown},
		{"pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", Unknown},
		{"cart history", "ASIN,Cart Domain,Cart List,Date Added To Cart,Product Name,Quantity,Source\n", Unknown},
		{"mail headers without a date", "From: a@example.com\r\nSubject: hi\r\n\r\n", Unknown},
		{"empty", "", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.head)); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

// The headers of two order-history exports, for inline cases.
const (
	legacyHeader = `"Website","Order ID","Order Date","Currency","Total Owed","Shipment Item Subtotal","Ship Date"` + "\n"
	filterHeader = `"注文日","注文番号","商品名","注文合計","請求額","クレカ請求日","クレカ請求額","クレカ種類"` + "\n"
)

// readErrorCases are files Read refuses, with the exact error; the fuzz
// targets start from them too.
var readErrorCases = []struct{ name, in, want string }{
	{"unrecognised", "Date,Description,Amount\n2026-03-02,AMAZON,5\n", "f: not an Amazon order-history or refund export, an Amazon mail (.eml, .mbox, a maildir), or a confirmations CSV"},
	{"bad order id", legacyHeader + `"Amazon.com","113-552","2026-03-03T05:10:00Z","USD","10.79","19.98","Not Available"` + "\n",
		`f:2: Order ID: "113-552" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567`},
	{"bad order date", legacyHeader + `"Amazon.com","113-5520917-3384120","yesterday","USD","10.79","19.98","Not Available"` + "\n",
		`f:2: Order Date: "yesterday" is not a date or time like 2026-03-02T14:30:00Z`},
	{"bad amount", legacyHeader + `"Amazon.com","113-5520917-3384120","2026-03-03T05:10:00Z","USD","ten","19.98","Not Available"` + "\n",
		`f:2: Total Owed: "ten" is not an amount`},
	{"two currencies", legacyHeader +
		`"Amazon.com","113-5520917-3384120","2026-03-03T05:10:00Z","USD","10.79","19.98","Not Available"` + "\n" +
		`"Amazon.com","113-5520917-3384120","2026-03-03T05:10:00Z","EUR","10.79","19.98","Not Available"` + "\n",
		`f:3: order 113-5520917-3384120 is in EUR here and in USD on line 2`},
	{"filter order without total", filterHeader + `"2026/4/2","249-7810342-9902156","（クレジットカードへの請求）","","","2026/4/3",3000,"Visa"` + "\n",
		"f:2: order 249-7810342-9902156 has no （注文全体） row giving its total"},
	{"filter bad charge date", filterHeader + `"2026/4/2","249-7810342-9902156","（クレジットカードへの請求）","","","4月3日",3000,"Visa"` + "\n",
		`f:2: クレカ請求日: "4月3日" is not a date like 2026-03-02 or 2026/03/02` + "\nf:2: order 249-7810342-9902156 has no （注文全体） row giving its total"},
	{"refund bad date", "Order ID,Refund Date,Refund Amount,Currency,Reversal Status,Website\n503-7720194-5581630,12.03.2026,200,JPY,Completed,Amazon.co.jp\n",
		`f:2: Refund Date: "12.03.2026" is not a date or time like 2026-03-02T14:30:00Z`},
	{"mail without order id", "Date: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: order-update@amazon.co.jp\r\nSubject: Hello\r\n\r\nThanks for shopping.\r\n",
		`f: the mail "Hello" names no Amazon order id`},
	{"mail with a bad date", "Date: someday\r\nFrom: order-update@amazon.co.jp\r\nSubject: Hello\r\n\r\n#249-1056673-9038214\r\n",
		`f: Date header "someday" is not a mail date`},
	{"confirmations.csv", "order_id,confirmed_on,kind\n249-1056673-9038214,2026-03-06,maybe\n", `f:2: kind "maybe" is not refund (返金) or cancel (キャンセル)`},
	{"every problem of a row", legacyHeader + `"Amazon.com","113-552","yesterday","USD","ten","19.98","soon"` + "\n",
		`f:2: Order ID: "113-552" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567` + "\n" +
			`f:2: Order Date: "yesterday" is not a date or time like 2026-03-02T14:30:00Z` + "\n" +
			`f:2: Total Owed: "ten" is not an amount` + "\n" +
			`f:2: Ship Date: "soon" is not a date or time like 2026-03-02T14:30:00Z`},
	{"rows after bad quoting are read", legacyHeader +
		`"Amazon.com","113-5520917-3384120","2026-03-03T05:10:00Z","USD","10"79","19.98","Not Available"` + "\n" +
		`"Amazon.com","113-5520917-3384121","2026-03-03T05:10:00Z","USD","ten","19.98","Not Available"` + "\n",
		`f:2:68: a quoted field is not closed as expected; expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field` + "\n" +
			`f:3: Total Owed: "ten" is not an amount`},
	{"refund row with every field wrong", "Order ID,Refund Date,Refund Amount,Currency,Reversal Status,Website\n503-77,12.03.2026,lots,JPY,Completed,Amazon.co.jp\n",
		`f:2: Order ID: "503-77" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567` + "\n" +
			`f:2: Refund Date: "12.03.2026" is not a date or time like 2026-03-02T14:30:00Z` + "\n" +
			`f:2: Refund Amount: "lots" is not an amount`},
	{"order date in a year no statement has", legacyHeader + `"Amazon.com","113-5520917-3384120","1116-03-03T05:10:00Z","USD","10.79","19.98","Not Available"` + "\n",
		`f:2: Order Date: "1116-03-03T05:10:00Z" is not a day of the calendar`},
	{"refund date in a year no statement has", "Order ID,Refund Date,Refund Amount,Currency,Reversal Status,Website\n503-7720194-5581630,2426-03-12T15:30:06.468Z,200,JPY,Completed,Amazon.co.jp\n",
		`f:2: Refund Date: "2426-03-12T15:30:06.468Z" is not a day of the calendar`},
	{"mail with a bad date and no order id", "Date: someday\r\nFrom: order-update@amazon.co.jp\r\nSubject: Hello\r\n\r\nThanks.\r\n",
		`f: Date header "someday" is not a mail date` + "\n" + `f: the mail "Hello" names no Amazon order id`},
}

func TestReadErrors(t *testing.T) {
	for _, tt := range readErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("f", strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestReadMail(t *testing.T) {
	sjis := func(s string) string { b, _ := japanese.ShiftJIS.NewEncoder().String(s); return b }
	tests := []struct{ name, in, want string }{
		{"shift_jis refund with amount",
			"Date: Fri, 13 Mar 2026 10:00:00 +0900\r\nFrom: Amazon.co.jp <return@amazon.co.jp>\r\nSubject: =?UTF-8?B?" + "44GU6L+U6YeR44Gu44GK55+l44KJ44Gb" + "?=\r\n" +
				"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
				sjis("注文番号：503-7720194-5581630\r\n返金額：￥8,480\r\n商品の価格：￥5,980\r\n"),
			"503-7720194-5581630 2026-03-13 refund 8480 f (ご返金のお知らせ)"},
		{"german refund, base64, amount with decimal comma",
			"Date: Mon, 16 Mar 2026 23:30:00 +0000\r\nFrom: rueckgabe@amazon.de\r\nSubject: Ihre Erstattung\r\n" +
				"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
				"QmVzdGVsbHVuZyAjMzAyLTExMjIzMzQtNTU2Njc3OApFcnN0YXR0dW5nc2JldHJhZzogRVVSIDg5LDk5Cg==\r\n",
			"302-1122334-5566778 2026-03-17 refund 89.99 f (Ihre Erstattung)"},
		{"digital order cancelled, no amount",
			"Date: Sat, 07 Mar 2026 01:00:00 +0000\r\nFrom: digital-no-reply@amazon.com\r\nSubject: Your order has been canceled\r\n\r\n" +
				"Order #D01-4471920-3358102 was canceled. $9.99 and $1.00 will not be charged.\r\n",
			"D01-4471920-3358102 2026-03-06 cancel 0 f (Your order has been canceled)"},
		{"a mail not sent by Amazon is no confirmation",
			"Date: Sat, 07 Mar 2026 23:30:00 -0800\r\nFrom: friend@example.com\r\nSubject: Fwd: order\r\n\r\norder 113-5520917-3384120 cancelled\r\n",
			""},
		{"the person's own request for a refund is no confirmation",
			"Date: Sat, 07 Mar 2026 23:30:00 +0900\r\nFrom: Pat <pat@example.com>\r\nSubject: Please refund order 250-4418372-2290415\r\n\r\nPlease refund it.\r\n",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read("f", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range f.Confirmations {
				got = append(got, confirmationLine(c))
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
