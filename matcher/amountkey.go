package matcher

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/shopspring/decimal"
)

// amountKey is what amounts are indexed and looked up by: equal amounts, of
// either sign and however they were written (10.5, 10.50), have equal keys,
// and unequal amounts unequal keys. It is an integer, so that the maps of
// amounts hash it as one: nearly every amount is packed into it, its
// coefficient without trailing zeros in the low 56 bits and its exponent
// above them. An amount whose coefficient does not fit (more than 16
// digits) is numbered the first time it is met (bigKeys). The zero key is
// no amount's: it stands for none (amountKeys).
type amountKey uint64

const (
	keyCoefBits = 56
	keyMinExp   = -64 // packed exponents run from keyMinExp to keyMinExp+127
	// keyBig marks the keys of the amounts numbered in bigKeys: a packed
	// key's exponent, less keyMinExp, is below 128, and leaves it clear.
	keyBig amountKey = 1 << 63
)

// keyOf is d's amountKey.
func keyOf(d decimal.Decimal) amountKey {
	if exp := d.Exponent(); exp >= -18 && exp <= 18 && d.NumDigits() <= 18 {
		return smallKey(d.CoefficientInt64(), exp)
	}
	return stringKey(d.Abs().String())
}

// valueKey is v's amountKey: that of v.Decimal(), made without one where
// v is kept small.
func valueKey(v money.Value) amountKey {
	if coef, exp, ok := v.Small(); ok {
		return smallKey(coef, exp)
	}
	return keyOf(v.Decimal())
}

// smallKey is the amountKey of coef × 10^exp, for a coef of at most 18
// digits: packed, unless what is left of coef without its trailing zeros
// is too large, as it is for few amounts, or its exponent beyond what a
// key holds (no statement's amount).
func smallKey(coef int64, exp int32) amountKey {
	c := uint64(coef)
	if coef < 0 {
		c = -c
	}
	if c == 0 {
		return packKey(0, 0)
	}
	e := exp
	for c%10 == 0 {
		c, e = c/10, e+1
	}
	if c < 1<<keyCoefBits && e >= keyMinExp && e < keyMinExp+128 {
		return packKey(c, e)
	}
	return numberedKey(money.New(coef, exp).AppendAbs(nil))
}

// packKey packs a coefficient without trailing zeros, below 2^56, and an
// exponent of keyMinExp to keyMinExp+127.
func packKey(c uint64, exp int32) amountKey {
	return amountKey(c | uint64(exp-keyMinExp)<<keyCoefBits)
}

// stringKey is the amountKey of the amount s, written as decimal.Decimal's
// String writes an absolute amount (|d|.String()): packed where its
// digits allow, as smallKey packs the same amount written otherwise, or
// else numbered.
func stringKey(s string) amountKey {
	digits, exp := s, int32(0)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits, exp = s[:i]+s[i+1:], -int32(len(s)-i-1)
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return packKey(0, 0)
	}
	for digits[len(digits)-1] == '0' {
		digits, exp = digits[:len(digits)-1], exp+1
	}
	if len(digits) <= 17 && exp >= keyMinExp && exp < keyMinExp+128 {
		if c, err := strconv.ParseUint(digits, 10, 64); err == nil && c < 1<<keyCoefBits {
			return packKey(c, exp)
		}
	}
	return numberedKey([]byte(s))
}

// bigKeys numbers the amounts whose keys do not pack, by the text
// |d|.String() writes of them, for all matchings alike: their keys are
// looked up in the same maps as the others. Few amounts have more than 16
// digits; each one met stays numbered.
var bigKeys struct {
	byText sync.Map // string: amountKey
	text   sync.Map // amountKey: string, for String
	last   atomic.Uint64
}

// numberedKey is the key of the amount written text (|d|.String()),
// numbered the first time it is met.
func numberedKey(text []byte) amountKey {
	if k, ok := bigKeys.byText.Load(string(text)); ok {
		return k.(amountKey)
	}
	s := string(text)
	k, loaded := bigKeys.byText.LoadOrStore(s, keyBig|amountKey(bigKeys.last.Add(1)))
	if !loaded {
		bigKeys.text.Store(k, s)
	}
	return k.(amountKey)
}

// String writes the amount of the key, as |d|.String() does.
func (k amountKey) String() string {
	switch {
	case k == 0:
		return ""
	case k&keyBig != 0:
		s, _ := bigKeys.text.Load(k)
		return s.(string)
	}
	c, exp := uint64(k)&(1<<keyCoefBits-1), int32(k>>keyCoefBits)+keyMinExp
	return string(money.New(int64(c), exp).AppendAbs(nil))
}
