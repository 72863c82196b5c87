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
	s := textenc.Fold(text)
	if core := strings.Trim(s, " -+()¥$€£円BDEGJPRSUY\\"); strings.Contains(core, ".") && !strings.ContainsAny(core, ", ") && !strings.HasPrefix(core, "0") {
		if digits, ok := Ungroup(core, '.'); ok {
			s = strings.Replace(s, core, digits, 1)
		}
	}
	return ParseAmount(s)
}
