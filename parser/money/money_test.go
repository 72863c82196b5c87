package money

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		currency string
	}{
		{"12800", "12800", ""},
		{"-7500", "-7500", ""},
		{"1,584", "1584", ""},
		{"1,234,567", "1234567", ""},
		{"１２，８００", "12800", ""},
		{"￥12,800", "12800", "JPY"},
		{"¥5,980", "5980", "JPY"},
		{"\\210", "210", "JPY"},
		{"3,000円", "3000", "JPY"},
		{"$1,811.50", "1811.5", "USD"},
		{"-$16.99", "-16.99", "USD"},
		{"$-16.99", "-16.99", "USD"},
		{"(34.51)", "-34.51", ""},
		{"89,99", "89.99", ""},
		{"1.299,00", "1299", ""},
		{"-1.234,56 €", "-1234.56", "EUR"},
		{"£20.59", "20.59", "GBP"},
		{"12.34 USD", "12.34", "USD"},
		{"EUR 12,34", "12.34", "EUR"},
		{"'-0.68'", "-0.68", ""},
		{"▲500", "-500", ""},
		{"−42.00", "-42", ""},
		{"+15.00", "15", ""},
		{"15.00-", "-15", ""},
		{" 1 234,56 ", "1234.56", ""},
		{"CHF 5'200.00", "5200", "CHF"},
		{"-1'234'567.50", "-1234567.5", ""},
		{"-1 249,00 CZK", "-1249", "CZK"},
		{"S$42.15", "42.15", "SGD"},
		{"C$1,045.20", "1045.2", "CAD"},
		{"12,50 zł", "12.5", "PLN"},
		{"(1,234.50)", "-1234.5", ""},
	}
	for _, tt := range tests {
		got, cur, err := ParseAmount(tt.in)
		if err != nil {
			t.Errorf("ParseAmount(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(decimal.RequireFromString(tt.want)) || cur != tt.currency {
			t.Errorf("ParseAmount(%q) = %s %q, want %s %q", tt.in, got, cur, tt.want, tt.currency)
		}
	}
}

func TestParseAmountRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "amount is empty"},
		{"  ", "amount is empty"},
		{"abc", `"abc" is not an amount`},
		{"12a", `"12a" is not an amount`},
		{"1,23,456", `"1,23,456" is not an amount`},
		{"1.2.3", `"1.2.3" is not an amount`},
		{"12.", `"12." is not an amount`},
		{"--5", `"--5" is not an amount`},
		{"-", `"-" is not an amount`},
		{"$", `"$" is not an amount`},
		{"1,5", `"1,5" is not an amount`},
		{"12 34", `"12 34" is not an amount`},
		{"12'34", `"12'34" is not an amount`},
		{"45.00 CR", `"45.00 CR" is not an amount`},
	}
	for _, tt := range tests {
		_, _, err := ParseAmount(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseAmount(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		amount, currency string
		grouped          bool
		want             string
	}{
		{"12800", "JPY", true, "12,800"},
		{"12800.00", "JPY", false, "12800"},
		{"-8480", "JPY", true, "-8,480"},
		{"16.9", "USD", true, "16.90"},
		{"1234567.5", "EUR", true, "1,234,567.50"},
		{"10000.03", "USD", false, "10000.03"},
		{"0.005", "USD", false, "0.005"}, // never drops digits
		{"12.50", "", false, "12.50"},
		{"999", "", true, "999"},
		{"0", "JPY", false, "0"},
	}
	for _, tt := range tests {
		got := FormatAmount(decimal.RequireFromString(tt.amount), tt.currency, tt.grouped)
		if got != tt.want {
			t.Errorf("FormatAmount(%s, %s, %v) = %q, want %q", tt.amount, tt.currency, tt.grouped, got, tt.want)
		}
	}
}

// FormatAmount works small amounts out on an int64; it must print what the
// decimal arithmetic prints.
func TestFormatAmountSmallAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	currencies := []string{"JPY", "USD", "EUR", "", "XYZ", "KRW"}
	small := 0
	for range 50000 {
		coef := rnd.Int64N(2_000_000_000) - 1_000_000_000
		switch rnd.IntN(4) {
		case 0:
			coef /= 1000
		case 1:
			coef = coef / 1000 * 1000
		}
		exp := int32(-rnd.IntN(8))
		if rnd.IntN(10) == 0 {
			exp = int32(rnd.IntN(3))
		}
		d, cur := decimal.New(coef, exp), currencies[rnd.IntN(len(currencies))]
		scale, ok := minorDigits(cur)
		if !ok || !d.Round(scale).Equal(d) {
			scale = max(0, -d.Exponent())
		}
		want := d.StringFixed(scale)
		b, ok := appendSmall([]byte("x"), d, cur)
		if got := string(b[1:]); ok && got != want || !ok && len(b) != 1 {
			t.Fatalf("appendSmall(%s (%d × 10^%d), %q) = %q, %v; want %q", d, coef, exp, cur, got, ok, want)
		}
		if ok {
			small++
		}
	}
	if small < 40000 {
		t.Errorf("only %d of 50000 amounts took the int64 path", small)
	}
}

// AppendValue writes every value as AppendAmount writes its decimal,
// grouped and not, in every currency, whether the value is kept as an
// integer or as a decimal.
func TestAppendValueAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	currencies := []string{"JPY", "USD", "EUR", "", "XYZ", "KRW"}
	for i := range 50000 {
		coef := rnd.Int64N(2_000_000_000_000) - 1_000_000_000_000
		if rnd.IntN(3) == 0 {
			coef /= 1_000_000
		}
		if i%1000 == 0 {
			coef = 999_999_999_999_999_999 // 18 digits
		}
		exp := int32(-rnd.IntN(8))
		if rnd.IntN(10) == 0 {
			exp = int32(rnd.IntN(3))
		}
		v := New(coef, exp)
		if rnd.IntN(5) == 0 {
			v = Value{dec: v.Decimal()} // a value kept as a decimal
		}
		cur, grouped := currencies[rnd.IntN(len(currencies))], rnd.IntN(2) == 0
		want := string(AppendAmount([]byte("x"), v.Decimal(), cur, grouped))
		if got := string(AppendValue([]byte("x"), v, cur, grouped)); got != want {
			t.Fatalf("AppendValue(%d × 10^%d, %q, %t) = %q, want %q", coef, exp, cur, grouped, got, want)
		}
		// AppendMoney writes a Value as Money writes its decimal.
		if got, want := string(AppendMoney([]byte("x"), v, cur)), "x"+(Money{Amount: v.Decimal(), Currency: cur}).String(); got != want {
			t.Fatalf("AppendMoney(%d × 10^%d, %q) = %q, want %q", coef, exp, cur, got, want)
		}
	}
}

// groupedByRunes is how FormatAmount grouped the thousands of its text
// before it appended in place: a comma before each three digits from the
// right of the integer part.
func groupedByRunes(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// AppendAmount groups the thousands of every amount, short and long, with
// and without decimals, small and past an int64, as FormatAmount always
// did, and leaves what b held before alone.
func TestAppendAmountGroupsInPlace(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		digits := make([]byte, 1+rnd.IntN(25))
		for i := range digits {
			digits[i] = byte('0' + rnd.IntN(10))
		}
		text := strings.TrimLeft(string(digits), "0")
		if text == "" {
			text = "0"
		}
		if rnd.IntN(2) == 0 {
			text = "-" + text
		}
		d := decimal.RequireFromString(text).Shift(-int32(rnd.IntN(6)))
		cur := []string{"JPY", "USD", ""}[rnd.IntN(3)]
		plain := FormatAmount(d, cur, false)
		got := string(AppendAmount([]byte("= "), d, cur, true))
		if want := "= " + groupedByRunes(plain); got != want {
			t.Fatalf("AppendAmount(%s, %q, grouped) = %q, want %q", d, cur, got, want)
		}
	}
}

// TestParseMarkedAmount reads the CR and DR marks statements put after an
// amount; a word that ends so is no mark.
func TestParseMarkedAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string
		mark int
		err  string
	}{
		{"45.00 CR", "45", -1, ""},
		{"45.00CR", "45", -1, ""},
		{"$1,200.00 cr", "1200", -1, ""},
		{"12.50 DR", "12.5", 1, ""},
		{"-12.50DR", "-12.5", 1, ""},
		{"12.50", "12.5", 0, ""},
		{"12 CR", "12", -1, ""},
		{"DR", "", 0, `"DR" is not an amount`},
		{"12 XCR", "", 0, `"12 XCR" is not an amount`},
	}
	for _, tt := range tests {
		d, _, mark, err := ParseMarked(tt.in, false)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("parseMarkedAmount(%q) error %v, want %s", tt.in, err, tt.err)
			}
		case err != nil || !d.Equal(decimal.RequireFromString(tt.want)) || mark != tt.mark:
			t.Errorf("parseMarkedAmount(%q) = %s %d %v, want %s %d", tt.in, d, mark, err, tt.want, tt.mark)
		}
	}
}
