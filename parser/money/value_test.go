package money

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The plain amounts read without a decimal must read as parseAmount reads
// them, and everything else must be left to it.
func TestParsePlainAmountAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789-.,0 $"
	cases := []string{"1234.56", "-12", "0", "-0.00", "007", "10.50", ".5", "5.", "-", "", "1,234.56", "62,3", "-62,3", "1.234,5",
		"123456789012345678", "1234567890123456789", "12.3.4", "--5", "5-", "+5", "¥100"}
	for range 20000 {
		b := make([]byte, 1+rnd.IntN(8))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	plain := regexp.MustCompile(`^-?[0-9]+([.,][0-9]+)?$`)
	for _, s := range cases {
		for _, comma := range []bool{false, true} {
			v, ok := ParsePlain(s, comma)
			digits := len(strings.NewReplacer("-", "", ".", "", ",", "").Replace(s))
			mark := strings.IndexAny(s, ".,")
			want := plain.MatchString(s) && digits <= 18 && (mark < 0 || (s[mark] == ',') == comma)
			if ok != want {
				t.Fatalf("parsePlainAmount(%q, %v) reads it: %v, want %v", s, comma, ok, want)
			}
			if !ok {
				continue
			}
			d, cur, err := parseAmount(s, comma)
			if err != nil || cur != "" || !v.Decimal().Equal(d) {
				t.Fatalf("parsePlainAmount(%q, %v) = %s; parseAmount gives %s, %q, %v", s, comma, v.Decimal(), d, cur, err)
			}
		}
	}
}

// value must compute as decimal.Decimal does, and write amounts as its
// String writes them.
func TestValueAgreesWithDecimal(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	pick := func() Value {
		coef := rnd.Int64N(2_000_000) - 1_000_000
		if rnd.IntN(4) == 0 {
			coef *= 1000 // trailing zeros
		}
		if rnd.IntN(10) == 0 {
			coef = 0
		}
		v := Value{coef: coef, exp: int32(-rnd.IntN(6)), small: true}
		if rnd.IntN(5) == 0 {
			return Value{dec: v.Decimal()} // a value kept as a decimal
		}
		return v
	}
	for range 20000 {
		v, w := pick(), pick()
		dv, dw := v.Decimal(), w.Decimal()
		checks := []struct {
			name string
			got  decimal.Decimal
			want decimal.Decimal
		}{
			{"Neg", v.Neg().Decimal(), dv.Neg()},
			{"Abs", v.Abs().Decimal(), dv.Abs()},
			{"Sub", v.Sub(w).Decimal(), dv.Sub(dw)},
		}
		for _, c := range checks {
			if !c.got.Equal(c.want) {
				t.Fatalf("%s of %s, %s = %s, want %s", c.name, dv, dw, c.got, c.want)
			}
		}
		if v.Sign() != dv.Sign() {
			t.Fatalf("Sign(%s) = %d", dv, v.Sign())
		}
		if got, want := v.Cmp(w), dv.Cmp(dw); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", dv, dw, got, want)
		}
		if got, want := string(v.AppendAbs(nil)), dv.Abs().String(); got != want {
			t.Fatalf("appendAbs(%d × 10^%d) = %q, want %q", v.coef, v.exp, got, want)
		}
	}
	// Values far apart in exponent, or whose coefficient would not fit an
	// int64 once written with the other's exponent, compare all the same.
	edges := []Value{
		New(999_999_999_999_999_999, 0), New(-999_999_999_999_999_999, 0), New(1, -18), New(-1, -18),
		New(999_999_999_999_999_999, -18), New(1, 0), New(10, -1), New(1_000_000_000, -9), New(9, 18), New(-9, 18),
		New(0, -2), New(0, 0), New(12345, -2), New(123450, -3), New(123451, -3), New(999_999_999_999_999_999, -1), New(-999_999_999_999_999_999, -17),
	}
	for _, v := range edges {
		for _, w := range edges {
			if got, want := v.Cmp(w), v.Decimal().Cmp(w.Decimal()); got != want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", v.Decimal(), w.Decimal(), got, want)
			}
		}
	}
	// Differences taken one after another, as what an order has out is
	// when credits are given, past 18 digits and back: each step as a
	// decimal computes it, the coefficient never overflowing.
	for _, start := range []Value{New(100, -2), New(-100, -2), New(999_999_999_999_999_999, -2)} {
		for _, step := range []Value{New(999_999_999_999_999_999, -2), New(-999_999_999_999_999_999, -2), New(500_000_000_000_000_000, -2)} {
			v, dv := start, start.Decimal()
			for i := range 24 {
				w, dw := step, step.Decimal()
				if i >= 12 {
					w, dw = step.Neg(), step.Decimal().Neg() // and back
				}
				v, dv = v.Sub(w), dv.Sub(dw)
				if !v.Decimal().Equal(dv) {
					t.Fatalf("%s less %s %d times is %s, want %s", start.Decimal(), step.Decimal(), i+1, v.Decimal(), dv)
				}
				if coef, _, ok := v.Small(); ok && (coef <= -maxSmall || coef >= maxSmall) {
					t.Fatalf("%s is kept small with %d digits or more", v.Decimal(), 19)
				}
			}
		}
	}
	for _, tt := range []struct {
		v    Value
		want string
	}{
		{Value{coef: 500, exp: 0, small: true}, "500"},
		{Value{coef: 5, exp: 2, small: true}, "500"},
		{Value{coef: -1050, exp: -2, small: true}, "10.5"},
		{Value{coef: 7, exp: -4, small: true}, "0.0007"},
		{Value{coef: 0, exp: -2, small: true}, "0"},
	} {
		if got := string(tt.v.AppendAbs(nil)); got != tt.want || got != tt.v.Decimal().Abs().String() {
			t.Errorf("appendAbs(%d × 10^%d) = %q, want %q", tt.v.coef, tt.v.exp, got, tt.want)
		}
	}
}

// FromDecimal keeps a plain number of at most 18 digits as a coefficient
// and an exponent, and anything else as the decimal it is: either way the
// same amount, printed the same.
func TestFromDecimal(t *testing.T) {
	for _, tt := range []struct {
		in    string
		small bool
	}{
		{"0", true},
		{"12.30", true},
		{"-0.0007", true},
		{"999999999999999999", true},        // 18 digits
		{"-99999999999999999.9", true},      // 18 digits
		{"1000000000000000000", false},      // 19 digits
		{"1234567890123456789012.5", false}, // past an int64
		{"0.0000000000000000001", false},    // an exponent below -18
	} {
		d := decimal.RequireFromString(tt.in)
		v := FromDecimal(d)
		if _, _, small := v.Small(); small != tt.small {
			t.Errorf("FromDecimal(%s) small = %t, want %t", tt.in, small, tt.small)
		}
		if !v.Decimal().Equal(d) || v.Decimal().Exponent() != d.Exponent() {
			t.Errorf("FromDecimal(%s) = %s (exponent %d)", tt.in, v.Decimal(), v.Decimal().Exponent())
		}
		for _, cur := range []string{"", "USD", "JPY"} {
			if got, want := string(AppendValue(nil, v, cur, true)), string(AppendAmount(nil, d, cur, true)); got != want {
				t.Errorf("FromDecimal(%s) prints %q in %q, want %q", tt.in, got, cur, want)
			}
		}
	}
	// An exponent above zero (5E+2) stays a decimal: New takes none.
	if _, _, small := FromDecimal(decimal.New(5, 2)).Small(); small {
		t.Error("FromDecimal(5E+2) is small")
	}
}

// TestAbsHash checks that amounts of equal size hash alike however they are
// written (trailing zeros, sign, MinInt64), that a Value kept as a decimal
// has no hash, and that unequal amounts seldom share one: a hash kept of
// the amounts looked for lets a charge of any other amount pass unlooked.
func TestAbsHash(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	byKey := map[string]uint64{}
	hashes := map[uint64]string{}
	collisions := 0
	for range 20000 {
		coef := r.Int64N(2_000_000_001) - 1_000_000_000
		exp := int32(r.IntN(9) - 6)
		for z := r.IntN(4); z > 0 && exp > -18; z-- { // the same amount with trailing zeros
			coef, exp = coef*10, exp-1
		}
		v := New(coef, exp)
		h, ok := v.AbsHash()
		if !ok {
			t.Fatalf("New(%d, %d) has no hash", coef, exp)
		}
		key := v.Decimal().Abs().String()
		if prev, seen := byKey[key]; seen && prev != h {
			t.Fatalf("%d × 10^%d hashes to %x, another writing of %s to %x", coef, exp, h, key, prev)
		}
		byKey[key] = h
		if other, seen := hashes[h]; seen && other != key {
			collisions++
		}
		hashes[h] = key
		if neg, _ := New(-coef, exp).AbsHash(); neg != h {
			t.Fatalf("-(%d × 10^%d) hashes to %x, not %x", coef, exp, neg, h)
		}
	}
	if collisions > 0 {
		t.Errorf("%d pairs of unequal amounts hash alike", collisions)
	}
	for _, pair := range [][2]Value{
		{New(0, -2), New(0, 3)},
		{New(1500, 0), New(15, 2)},
		{New(-9223372036854775808, 0), New(9223372036854775807, 0)}, // MinInt64 is not MaxInt64
	} {
		a, _ := pair[0].AbsHash()
		b, _ := pair[1].AbsHash()
		if same := pair[0].Decimal().Abs().Equal(pair[1].Decimal().Abs()); (a == b) != same {
			t.Errorf("hashes of %s and %s alike = %t, want %t", pair[0].Decimal(), pair[1].Decimal(), a == b, same)
		}
	}
	if _, ok := FromDecimal(decimal.RequireFromString("1234567890123456789012.5")).AbsHash(); ok {
		t.Error("a Value kept as a decimal has a hash")
	}
}
