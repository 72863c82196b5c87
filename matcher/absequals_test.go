package matcher

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestAbsEquals checks absEquals against |a| = b computed in decimals:
// both signs, exponents alike and not, coefficients past 18 digits.
func TestAbsEquals(t *testing.T) {
	amounts := []string{"0", "-0", "10.5", "-10.5", "10.50", "-10.50", "10.51", "3", "-3.00", "999999999999999999",
		"-999999999999999999", "1000000000000000000", "-1000000000000000000", "-9223372036854775808", "9223372036854775808",
		"123456789012345678901234567890.12", "-123456789012345678901234567890.12", "0.000000000000000001"}
	for _, x := range amounts {
		for _, y := range amounts {
			a, b := decimal.RequireFromString(x), decimal.RequireFromString(y)
			if got, want := absEquals(a, b), a.Abs().Equal(b); got != want {
				t.Errorf("absEquals(%s, %s) = %v, want %v", x, y, got, want)
			}
		}
	}
}
