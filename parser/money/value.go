package money

import (
	"cmp"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// Value is an amount as a statement row is read into. A plain number of at
// most 18 digits, which nearly every row holds, is kept as an integer
// coefficient and a decimal exponent (coef × 10^exp); anything else as a
// decimal.Decimal. It computes exactly as a decimal does, but spares the
// rows that are only counted and dated (see ReadOptions.Keep) the
// allocations of one.
type Value struct {
	dec   decimal.Decimal // when !small
	coef  int64
	exp   int32
	small bool
}

// FromDecimal returns d as a Value: as a coefficient and an exponent when
// it is a plain number of at most 18 digits, so that what is computed in
// decimals prints without one.
func FromDecimal(d decimal.Decimal) Value {
	if exp := d.Exponent(); exp <= 0 && exp >= -18 && d.NumDigits() <= 18 {
		return Value{coef: d.CoefficientInt64(), exp: exp, small: true}
	}
	return Value{dec: d}
}

// New returns coef × 10^exp, for a coef of at most 18 digits.
func New(coef int64, exp int32) Value { return Value{coef: coef, exp: exp, small: true} }

// ParsePlain reads the amounts most exports write, such as 1234.56,
// -12 or, with a decimal comma, -62,3: an optional leading minus, digits,
// and a decimal mark followed by digits. Anything else (signs, currency,
// separators, spaces, more than 18 digits) is left to parseAmount, which
// reads these the same.
func ParsePlain(s string, decimalComma bool) (Value, bool) {
	mark := byte('.')
	if decimalComma {
		mark = ','
	}
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var coef int64
	start := i
	for ; i < len(s) && s[i]-'0' <= 9; i++ {
		coef = coef*10 + int64(s[i]-'0') // wraps past 18 digits, refused below
	}
	digits := i - start
	var exp int32
	if i < len(s) {
		if s[i] != mark {
			return Value{}, false
		}
		i++
		frac := i
		for ; i < len(s) && s[i]-'0' <= 9; i++ {
			coef = coef*10 + int64(s[i]-'0')
		}
		if i < len(s) || i == frac {
			return Value{}, false
		}
		exp = int32(frac - i)
		digits += i - frac
	}
	if digits == int(-exp) || digits > 18 { // no digit before the mark, or too many
		return Value{}, false
	}
	if neg {
		coef = -coef
	}
	return Value{coef: coef, exp: exp, small: true}, true
}

// Sign is -1, 0 or +1.
func (v Value) Sign() int {
	if !v.small {
		return v.dec.Sign()
	}
	switch {
	case v.coef < 0:
		return -1
	case v.coef > 0:
		return 1
	}
	return 0
}

// Neg returns -v.
func (v Value) Neg() Value {
	if !v.small {
		return FromDecimal(v.dec.Neg())
	}
	v.coef = -v.coef // |coef| < 10^18: no overflow
	return v
}

// Abs returns |v|.
func (v Value) Abs() Value {
	if v.Sign() < 0 {
		return v.Neg()
	}
	return v
}

// Sub returns v - w.
func (v Value) Sub(w Value) Value {
	switch {
	case w.Sign() == 0:
		return v
	case v.Sign() == 0:
		return w.Neg()
	case v.small && w.small && v.exp == w.exp:
		// Two numbers below 10^18: no overflow. The difference is kept
		// as a coefficient while it has at most 18 digits too, so that
		// differences taken one after another (what an order has out, as
		// credits are given) never overflow.
		if c := v.coef - w.coef; c > -maxSmall && c < maxSmall {
			v.coef = c
			return v
		}
	}
	return FromDecimal(v.Decimal().Sub(w.Decimal()))
}

// maxSmall is 10^18: the coefficient of a Value kept small is below it in
// absolute value (at most 18 digits).
const maxSmall = 1_000_000_000_000_000_000

// Small returns v's coefficient and exponent when v is kept as them (a
// plain number of at most 18 digits).
func (v Value) Small() (coef int64, exp int32, ok bool) { return v.coef, v.exp, v.small }

// Cmp compares v and w: -1, 0 or +1 as v is less than, equal to or more
// than w. Values kept as coefficients compare without a decimal made,
// whatever their exponents, where the one with more digits before the
// point still fits an int64 written with the other's exponent.
func (v Value) Cmp(w Value) int {
	switch {
	case v.small && w.small && v.exp == w.exp:
		return cmp.Compare(v.coef, w.coef)
	case v.small && w.small:
		if c, ok := cmpScaled(v, w); ok {
			return c
		}
	case !v.small && !w.small:
		return v.dec.Cmp(w.dec)
	}
	return v.Decimal().Cmp(w.Decimal())
}

// cmpScaled compares small values v and w of different exponents by
// writing the one with the larger exponent with the other's, where its
// coefficient then fits an int64.
func cmpScaled(v, w Value) (int, bool) {
	if v.exp < w.exp {
		c, ok := cmpScaled(w, v)
		return -c, ok
	}
	d := int64(v.exp) - int64(w.exp)
	if d >= int64(len(pow10)) {
		return 0, false
	}
	p := pow10[d]
	if v.coef > math.MaxInt64/p || v.coef < math.MinInt64/p {
		return 0, false
	}
	return cmp.Compare(v.coef*p, w.coef), true
}

// Decimal returns v as a decimal.Decimal.
func (v Value) Decimal() decimal.Decimal {
	if !v.small {
		return v.dec
	}
	return decimal.New(v.coef, v.exp)
}

// AppendAbs appends |v| as decimal.Decimal's String writes it (no trailing
// zeros after the point, "0" for zero), so that equal amounts read the same
// however they were written or kept.
func (v Value) AppendAbs(b []byte) []byte {
	if !v.small {
		return append(b, v.dec.Abs().String()...)
	}
	c, e := v.coef, v.exp
	if c < 0 {
		c = -c
	}
	if c == 0 {
		return append(b, '0')
	}
	for e < 0 && c%10 == 0 {
		c, e = c/10, e+1
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], c, 10)
	if e >= 0 {
		b = append(b, digits...)
		for ; e > 0; e-- {
			b = append(b, '0')
		}
		return b
	}
	point := len(digits) + int(e)
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

// AbsHash returns a hash of |v| and true when v is kept as a coefficient
// and an exponent: equal amounts so kept, however they were written (10.5,
// 10.50), hash alike. It is false for any other Value, whose hash it cannot
// tell without a decimal: a filter on amounts must let those through.
func (v Value) AbsHash() (uint64, bool) {
	if !v.small {
		return 0, false
	}
	c, e := uint64(v.coef), v.exp
	if v.coef < 0 {
		c = -c // two's complement: right for math.MinInt64 too
	}
	if c == 0 {
		e = 0
	}
	for c != 0 && c%10 == 0 {
		c, e = c/10, e+1
	}
	return (c ^ uint64(uint32(e))<<56) * 0x9e3779b97f4a7c15, true
}
