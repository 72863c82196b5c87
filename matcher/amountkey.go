package matcher

import (
	"strconv"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
)

// appendAmountKey appends amountKey(d) to b: |d| as decimal.Decimal's
// String writes it, with no trailing zeros after the point. It works on an
// int64 where the coefficient fits one, as money.AmountKey does (a test
// holds the two equal), so that the keys of every Amazon charge can be made
// into one string instead of a string each.
func appendAmountKey(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if exp < -18 || exp > 18 || d.NumDigits() > 18 {
		return append(b, amountKey(d)...)
	}
	c := d.CoefficientInt64()
	if c < 0 {
		c = -c
	}
	if c == 0 {
		return append(b, '0')
	}
	for exp < 0 && c%10 == 0 {
		c, exp = c/10, exp+1
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], c, 10)
	if exp >= 0 {
		b = append(b, digits...)
		for ; exp > 0; exp-- {
			b = append(b, '0')
		}
		return b
	}
	point := len(digits) + int(exp)
	if point <= 0 {
		b = append(b, '0', '.')
		for ; point < 0; point++ {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	b = append(append(b, digits[:point]...), '.')
	return append(b, digits[point:]...)
}

// chargeKeys returns amountKeys of each charge. The keys of 256 charges at
// a time are cut from one string: a string for each charge's key was as
// many allocations as there are Amazon charges.
func chargeKeys(charges []*parser.Transaction) [][2]string {
	keys := make([][2]string, len(charges))
	// Where each charge's keys end in text: its amount's, then its foreign
	// amount's (none where it is the same). Each begins where the last ends.
	var ends [256][2]int32
	text := make([]byte, 0, 12*len(ends)) // used again by each part; most keys are a few digits
	for start := 0; start < len(charges); start += len(ends) {
		part := charges[start:min(start+len(ends), len(charges))]
		text = text[:0]
		for i, t := range part {
			from := len(text)
			text = appendAmountKey(text, t.Amount)
			amount := len(text)
			if t.OrigCurrency != "" && !t.OrigAmount.IsZero() {
				text = appendAmountKey(text, t.OrigAmount)
				if string(text[amount:]) == string(text[from:amount]) {
					text = text[:amount]
				}
			}
			ends[i] = [2]int32{int32(amount), int32(len(text))}
		}
		all := string(text)
		from := int32(0)
		for i := range part {
			keys[start+i] = [2]string{all[from:ends[i][0]], all[ends[i][0]:ends[i][1]]}
			from = ends[i][1]
		}
	}
	return keys
}
