package cmd

import "testing"

func TestMaskCardNumbers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4980037939884123", "************4123"},
		{"card 4980 0379 3988 4123 used", "card **** **** **** 4123 used"},
		{"4980-0379-3988-4***", "****-****-*988-4***"},
		{"123456789012", "********9012"},
		{"12345678901", "12345678901"},                             // 11 digits: not a card
		{"12345678901234567890", "12345678901234567890"},           // 20 digits: not a card
		{"order 250-1234567-1234567", "order 250-1234567-1234567"}, // order ids stay
		{"2026-03-18 30000", "2026-03-18 30000"},                   // dates and amounts stay
		{"VISA ****-****-****-1234", "VISA ****-****-****-1234"},   // already masked
		{"a:4111111111111111,b:5500000000000004", "a:************1111,b:************0004"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskCardNumbers(tt.in); got != tt.want {
			t.Errorf("MaskCardNumbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
