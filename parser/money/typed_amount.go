package money

import (
	"strings"

	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// ParseTypedAmount reads an amount a person typed, as ParseAmount does, with
// one more rule: dots that stand only before groups of exactly three final
// digits ("1.299", "12.800.000") separate thousands, as they do in Europe
// and as a decimal point never does in an order total ("0.500" is a
// decimal).
func ParseTypedAmount(text string) (decimal.Decimal, string, error) {
	if v, ok := typedPlain(text); ok {
		return v.Decimal(), "", nil
	}
	return parseTyped(text)
}

// typedPlain reads the amounts most files hold (1234.56, 8480, -12.5) as
// ParseTypedAmount does, without its folding and trimming; false for any
// other text, and for the numbers whose dot may group thousands (1.299),
// left to its rules.
func typedPlain(text string) (Value, bool) {
	v, ok := ParsePlain(text, false)
	if !ok {
		return Value{}, false
	}
	digits := strings.TrimPrefix(text, "-")
	if dot := strings.IndexByte(digits, '.'); dot >= 0 && len(digits)-dot-1 == 3 && digits[0] != '0' {
		return Value{}, false
	}
	return v, true
}

// parseTyped is ParseTypedAmount for any text.
func parseTyped(text string) (decimal.Decimal, string, error) {
	s := textenc.Fold(text)
	if core := strings.Trim(s, " -+()¥$€£円BDEGJPRSUY\\"); strings.Contains(core, ".") && !strings.ContainsAny(core, ", ") && !strings.HasPrefix(core, "0") {
		if digits, ok := Ungroup(core, '.'); ok {
			s = strings.Replace(s, core, digits, 1)
		}
	}
	return ParseAmount(s)
}
