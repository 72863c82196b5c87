package amazon

import (
	"strings"
	"testing"
)

// TestExportColumns reads rows of exports that renamed a column, or that
// name or pad a column in ways an export may: each order read, and every
// problem, naming the column the file has.
func TestExportColumns(t *testing.T) {
	tests := []struct {
		name   string
		read   func(*File, []byte) error
		in     string
		orders []string
		err    string
	}{
		{"2025 layout: Total Amount and Payment Method Type", readRetailOrders,
			"Order ID,Order Date,Currency,Payment Method Type,Total Amount,Website\n" +
				"250-1111111-2222222,2026-03-01T16:20:00Z,JPY,Visa - 1234,\"1,280\",Amazon.co.jp\n",
			[]string{`250-1111111-2222222 2026-03-02 1280 JPY "Visa - 1234" [] digital=false line=2`}, ""},
		{"2025 layout: a bad Total Amount is told by that name", readRetailOrders,
			"Order ID,Order Date,Currency,Total Amount,Website\n" +
				"250-1111111-2222222,2026-03-01T16:20:00Z,JPY,12x,Amazon.co.jp\n",
			nil, `x.csv:2: Total Amount: "12x" is not an amount`},
		// 05:10 UTC is the evening before in Los Angeles, where USD orders
		// without a Website are dated.
		{"both names: Total Owed read", readRetailOrders,
			"Order ID,Order Date,Currency,Total Amount,Total Owed,Payment Instrument Type,Payment Method Type\n" +
				"113-1111111-2222222,2026-03-03T05:10:00Z,USD,1.00,2.50,Visa - 1234,Amex - 9999\n",
			[]string{`113-1111111-2222222 2026-03-02 2.5 USD "Visa - 1234" [] digital=false line=2`}, ""},
		{"a column twice: the first read; cells trimmed", readRetailOrders,
			"Order ID,Order Date,Currency,Total Owed,Total Owed\n" +
				" 113-1111111-2222222 , 2026-03-03T05:10:00Z ,usd , 3.25 ,9.99\n",
			[]string{`113-1111111-2222222 2026-03-02 3.25 USD "" [] digital=false line=2`}, ""},
		{"orders report: Total Charged", readOrderReport,
			"Order Date,Order ID,Payment Instrument Type,Total Charged\n" +
				"03/02/26,112-1111111-2222222,Visa - 1234,$12.04\n",
			[]string{`112-1111111-2222222 2026-03-02 12.04 USD "Visa - 1234" [] digital=false line=2`}, ""},
		{"orders report: a bad Total Charged is told by that name", readOrderReport,
			"Order Date,Order ID,Total Charged\n" +
				"03/02/26,112-1111111-2222222,12x\n",
			nil, `x.csv:2: Total Charged: "12x" is not an amount`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &File{Name: "x.csv"}
			err := tt.read(f, []byte(tt.in))
			var orders []string
			for _, o := range f.Orders {
				orders = append(orders, orderLine(o))
			}
			if strings.Join(orders, "\n") != strings.Join(tt.orders, "\n") {
				t.Errorf("orders:\n%s\nwant:\n%s", strings.Join(orders, "\n"), strings.Join(tt.orders, "\n"))
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("err = %q, want %q", got, tt.err)
			}
		})
	}
}
