package parser

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

func TestReadDisputesWithOrders(t *testing.T) {
	known := map[string]KnownOrder{
		"503-7720194-5581630": {Date: civil.MustDate("2026-03-03"), Total: decimal.RequireFromString("8480"), Currency: "JPY", Shipments: []Shipment{
			{Date: civil.MustDate("2026-03-04"), Amount: decimal.RequireFromString("5980")},
			{Date: civil.MustDate("2026-03-06"), Amount: decimal.RequireFromString("2500")},
		}},
	}
	lookup := func(id string) (KnownOrder, bool) { o, ok := known[id]; return o, ok }
	tests := []struct{ name, in, want string }{
		{"only the order id", "order_id\n503-7720194-5581630\n",
			"503-7720194-5581630 2026-03-03 8480 JPY shipments:2026-03-04=5980,2026-03-06=2500,"},
		{"the row's date wins", "order_id,order_date,amount\n503-7720194-5581630,2026-03-02,\n",
			"503-7720194-5581630 2026-03-02 8480 JPY shipments:2026-03-04=5980,2026-03-06=2500,"},
		{"another amount than the export's: no shipments", "order_id,order_date,amount\n503-7720194-5581630,,5980\n",
			"503-7720194-5581630 2026-03-03 5980  shipments:"},
		{"the same amount: shipments and currency", "order_id,order_date,amount\n503-7720194-5581630,,\"8,480\"\n",
			"503-7720194-5581630 2026-03-03 8480 JPY shipments:2026-03-04=5980,2026-03-06=2500,"},
		{"an order the export does not know", "order_id,order_date,amount\n250-1111111-2222222,2026-03-02,100\n",
			"250-1111111-2222222 2026-03-02 100  shipments:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := ReadDisputesWith("d.csv", strings.NewReader(tt.in), lookup)
			if err != nil {
				t.Fatal(err)
			}
			d := ds[0]
			got := d.OrderID + " " + d.OrderDate.String() + " " + d.Amount.String() + " " + d.Currency + " shipments:"
			for _, s := range d.Shipments {
				got += s.Date.String() + "=" + s.Amount.String() + ","
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadDisputesWithOrdersErrors(t *testing.T) {
	none := func(string) (KnownOrder, bool) { return KnownOrder{}, false }
	tests := []struct{ name, in, want string }{
		{"no order_id column", "order_date,amount\n2026-03-02,5\n", "d.csv:1: missing column order_id; the header needs order_id"},
		{"unknown order without date and amount", "order_id\n250-1111111-2222222\n",
			"d.csv:2: order_date is empty, and the order-history exports do not list order 250-1111111-2222222\n" +
				"d.csv:2: amount is empty, and the order-history exports do not list order 250-1111111-2222222; give the order total as on Amazon"},
		{"unknown order with a bad date", "order_id,order_date,amount\n250-1111111-2222222,2026-02-30,5\n",
			`d.csv:2: order_date: "2026-02-30" is not a day of the calendar`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadDisputesWith("d.csv", strings.NewReader(tt.in), none)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}
