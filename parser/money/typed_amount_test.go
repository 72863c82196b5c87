package money

import "testing"

func TestParseTypedAmount(t *testing.T) {
	tests := []struct{ in, want, currency string }{
		{"1.299", "1299", ""}, {"£1.299", "1299", "GBP"}, {"12.800.000", "12800000", ""}, {"1,299", "1299", ""},
		{"89,99", "89.99", ""}, {"1.299,00", "1299", ""}, {"12.99", "12.99", ""}, {"0.500", "0.5", ""},
		{"１２，８００円", "12800", "JPY"}, {"$1,299.50", "1299.5", "USD"}, {"1.2345", "1.2345", ""},
	}
	for _, tt := range tests {
		d, cur, err := ParseTypedAmount(tt.in)
		if err != nil || d.String() != tt.want || cur != tt.currency {
			t.Errorf("ParseTypedAmount(%q) = %s, %q, %v; want %s, %q", tt.in, d, cur, err, tt.want, tt.currency)
		}
	}
}
