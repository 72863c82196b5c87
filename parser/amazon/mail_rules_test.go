package amazon

import (
	"strings"
	"testing"
)

// A refund mail's stated amount is kept only when it names one order:
// with several, no amount says which order it is for.
func TestMailAmountOnlyForOneOrder(t *testing.T) {
	const head = "Date: Fri, 13 Mar 2026 10:00:00 +0900\r\nFrom: return@amazon.co.jp\r\nSubject: Refund\r\n\r\n"
	tests := []struct{ name, body, want string }{
		{"one order", "Order 503-7720194-5581630\r\nRefund total: ¥8,480\r\n",
			"503-7720194-5581630 8480 f (Refund)"},
		{"two orders", "Orders 503-7720194-5581630 and 249-1056673-9038214\r\nRefund total: ¥8,480\r\n",
			"503-7720194-5581630 0 f (Refund); 249-1056673-9038214 0 f (Refund)"},
	}
	for _, tt := range tests {
		f := &File{Name: "f", Format: Mail}
		if err := readMail(f, []byte(head+tt.body)); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, c := range f.Confirmations {
			got = append(got, c.OrderID+" "+c.Amount.String()+" "+c.Source)
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, strings.Join(got, "; "), tt.want)
		}
	}
}
