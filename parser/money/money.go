package money

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// currencySigns maps the signs and words that may stand around an amount to
// the ISO code they mean. The backslash is how CP932 shows the yen sign.
var currencySigns = []struct{ sign, code string }{
	{"JPY", "JPY"}, {"USD", "USD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"CHF", "CHF"}, {"CZK", "CZK"}, {"PLN", "PLN"},
	{"SGD", "SGD"}, {"CAD", "CAD"}, {"AUD", "AUD"}, {"SEK", "SEK"}, {"NOK", "NOK"}, {"DKK", "DKK"}, {"HUF", "HUF"},
	{"US$", "USD"}, {"S$", "SGD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"Kč", "CZK"}, {"zł", "PLN"},
	{"¥", "JPY"}, {"\\", "JPY"}, {"円", "JPY"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"},
}

// CurrencyOfSign returns the currency code a sign or word written beside an
// amount stands for (¥ and 円 JPY, $ USD, € EUR, £ GBP), and whether it is
// one.
func CurrencyOfSign(sign string) (string, bool) {
	for _, s := range currencySigns {
		if sign == s.sign {
			return s.code, true
		}
	}
	return "", false
}

// ParseAmount reads a money amount as people and exports write it: with or
// without a currency sign or code (¥ ￥ $ € £ 円 JPY …), thousands separators,
// full-width digits, a leading or trailing minus, ▲ or parentheses for a
// negative amount, and a decimal comma. A comma followed by exactly two final
// digits ("89,99", "1.299,00") is a decimal comma; any other comma separates
// thousands. It returns the amount and the currency the text named, if any.
// Text that is not exactly one amount is an error: nothing is guessed.
func ParseAmount(text string) (decimal.Decimal, string, error) {
	return parseAmount(text, false)
}

// ParseDecimalComma reads an amount whose decimal mark is always a comma and
// whose thousands separator is a dot ("-62,3", "1.234,5", "200"), as German
// banks write them.
func ParseDecimalComma(text string) (decimal.Decimal, string, error) {
	return parseAmount(text, true)
}

func parseAmount(text string, decimalComma bool) (decimal.Decimal, string, error) {
	s := textenc.Fold(text)
	s = strings.Trim(s, " '\"")
	if s == "" {
		return decimal.Decimal{}, "", msg.Msgf("amount is empty")
	}
	neg, signs := false, 0
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, signs, s = true, 1, strings.TrimSpace(s[1:len(s)-1])
	}
	currency := ""
	for changed := true; changed; {
		changed = false
		for _, c := range currencySigns {
			if rest, ok := strings.CutPrefix(s, c.sign); ok {
				s, currency, changed = strings.TrimSpace(rest), c.code, true
			}
			if rest, ok := strings.CutSuffix(s, c.sign); ok {
				s, currency, changed = strings.TrimSpace(rest), c.code, true
			}
		}
		for _, m := range []string{"-", "▲", "△"} {
			if rest, ok := strings.CutPrefix(s, m); ok {
				s, neg, signs, changed = strings.TrimSpace(rest), true, signs+1, true
			}
		}
		if rest, ok := strings.CutSuffix(s, "-"); ok {
			s, neg, signs, changed = strings.TrimSpace(rest), true, signs+1, true
		}
		if rest, ok := strings.CutPrefix(s, "+"); ok {
			s, signs, changed = strings.TrimSpace(rest), signs+1, true
		}
	}
	s, spacesOK := dropSpaceGroups(s)
	if strings.ContainsAny(s, "'’") {
		// 5'200.00, as Swiss banks group thousands.
		s = strings.ReplaceAll(s, "’", "'")
		if !apostropheGroups.MatchString(s) {
			return decimal.Decimal{}, "", msg.Msgf("%q is not an amount", strings.TrimSpace(text))
		}
		s = strings.ReplaceAll(s, "'", "")
	}
	plain, ok := plainNumber(s, decimalComma)
	if !ok || !spacesOK || signs > 1 {
		return decimal.Decimal{}, "", msg.Msgf("%q is not an amount", strings.TrimSpace(text))
	}
	d, err := decimal.NewFromString(plain)
	if err != nil {
		return decimal.Decimal{}, "", msg.Msgf("%q is not an amount", strings.TrimSpace(text))
	}
	if neg {
		d = d.Neg()
	}
	return d, currency, nil
}

// apostropheGroups is an amount grouped by apostrophes: 5'200.00, 1'234'567.
var apostropheGroups = regexp.MustCompile(`^[0-9]{1,3}('[0-9]{3})+([.,][0-9]+)?$`)

// ParseMarked reads an amount that may end in a CR or DR mark
// ("45.00 CR", "12.50DR"), as card and bank statements write credits and
// debits. mark is -1 for CR (a credit), 1 for DR (a debit), 0 for none; the
// amount is returned as written, without the mark.
func ParseMarked(text string, decimalComma bool) (d decimal.Decimal, currency string, mark int, err error) {
	s := strings.TrimSpace(text)
	if n := len(s); n > 2 {
		switch strings.ToUpper(s[n-2:]) {
		case "CR":
			mark = -1
		case "DR":
			mark = 1
		}
		if mark != 0 {
			if c := s[n-3]; c != ' ' && c != '.' && (c < '0' || c > '9') {
				mark = 0 // a word that ends so, not a mark
			} else {
				s = s[:n-2]
			}
		}
	}
	d, currency, err = parseAmount(s, decimalComma)
	return d, currency, mark, err
}

// dropSpaceGroups removes spaces used as thousands separators ("1 234,56"),
// reporting false when spaces stand anywhere else ("12 34").
func dropSpaceGroups(s string) (string, bool) {
	if !strings.Contains(s, " ") {
		return s, true
	}
	parts := strings.Split(s, " ")
	if len(parts[0]) == 0 || len(parts[0]) > 3 || !textenc.AllDigits(parts[0]) {
		return s, false
	}
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if len(p) < 3 || !textenc.AllDigits(p[:3]) || (!last && len(p) != 3) {
			return s, false
		}
		if last && len(p) > 3 && p[3] != ',' && p[3] != '.' {
			return s, false
		}
	}
	return strings.Join(parts, ""), true
}

// plainNumber turns "1,234.56", "1.234,56", "1234" or "12,5" style digits into
// "1234.56"-style text, checking that separators stand where they can.
func plainNumber(s string, commaMark bool) (string, bool) {
	if s == "" {
		return "", false
	}
	lastComma := strings.LastIndexByte(s, ',')
	decimalComma := lastComma >= 0 && strings.IndexByte(s[lastComma+1:], '.') < 0 && (commaMark || len(s)-lastComma == 3)
	if commaMark && lastComma < 0 {
		intPart, ok := Ungroup(s, '.')
		return intPart, ok
	}
	var intPart, frac string
	var group byte
	if decimalComma {
		intPart, frac, group = s[:lastComma], s[lastComma+1:], '.'
	} else {
		intPart, frac, _ = strings.Cut(s, ".")
		if strings.Contains(s, ".") && frac == "" {
			return "", false
		}
		group = ','
	}
	if !textenc.AllDigits(frac) || (decimalComma && frac == "") {
		return "", false
	}
	digits, ok := Ungroup(intPart, group)
	if !ok {
		return "", false
	}
	switch {
	case frac == "":
		return digits, true
	case !decimalComma && digits == intPart:
		return s, true // written so already: not made again
	}
	return digits + "." + frac, true
}

// Ungroup removes thousands separators from the integer part, accepting only
// groups of three digits after the first.
func Ungroup(s string, sep byte) (string, bool) {
	if strings.IndexByte(s, sep) < 0 {
		return s, textenc.AllDigits(s) && s != ""
	}
	parts := strings.Split(s, string(sep))
	if len(parts[0]) == 0 || len(parts[0]) > 3 || !textenc.AllDigits(parts[0]) {
		return "", false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !textenc.AllDigits(p) {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

// minorDigits is how many decimals each currency it knows prints with
// (JPY has none), and whether it knows currency. A switch rather than a
// map: it is asked for every amount a report prints, most often for ""
// (a statement row's), and hashing the name cost more than printing.
func minorDigits(currency string) (int32, bool) {
	switch currency {
	case "JPY", "KRW":
		return 0, true
	case "USD", "EUR", "GBP", "CAD", "AUD", "CHF":
		return 2, true
	}
	return 0, false
}

// MinorDigits is how many decimals amounts in currency have: 0 for JPY, 2
// for USD, EUR, GBP …, and 2 for a currency it does not know.
func MinorDigits(currency string) int32 {
	if n, ok := minorDigits(currency); ok {
		return n
	}
	return 2
}

// FormatAmount prints an amount exactly, with the fixed number of decimals
// of its currency (none for JPY, two for USD, EUR, GBP …) and, when grouped,
// thousands commas. Digits beyond the currency's scale are never dropped; an
// unknown currency prints as many decimals as the amount was written with.
func FormatAmount(d decimal.Decimal, currency string, grouped bool) string {
	var b [48]byte
	return string(AppendAmount(b[:0], d, currency, grouped))
}

// AppendAmount appends the text FormatAmount prints to b: a report writes
// amounts by the ten thousand, and appending them saves a string for each.
func AppendAmount(b []byte, d decimal.Decimal, currency string, grouped bool) []byte {
	start := len(b)
	b, ok := appendSmall(b, d, currency)
	if !ok {
		scale, ok := minorDigits(currency)
		if !ok || !d.Round(scale).Equal(d) {
			scale = max(0, -d.Exponent())
		}
		b = append(b, d.StringFixed(scale)...)
	}
	if !grouped {
		return b
	}
	return groupThousands(b, start)
}

// groupThousands puts a comma between each three digits, from the right, of
// the integer part of the amount b[start:] (-1234567.89 becomes
// -1,234,567.89), moving the digits up in place.
func groupThousands(b []byte, start int) []byte {
	if start < len(b) && b[start] == '-' {
		start++
	}
	intEnd := len(b)
	if i := bytes.IndexByte(b[start:], '.'); i >= 0 {
		intEnd = start + i
	}
	commas := (intEnd - start - 1) / 3
	if commas <= 0 {
		return b
	}
	end := len(b)
	b = append(b, make([]byte, commas)...)
	copy(b[intEnd+commas:], b[intEnd:end]) // the decimals
	w := intEnd + commas                   // b[w:] is written
	for r, n := intEnd, 0; r > start; n++ {
		if n > 0 && n%3 == 0 {
			w--
			b[w] = ','
		}
		r--
		w--
		b[w] = b[r]
	}
	return b
}

// appendSmall appends FormatAmount's ungrouped text to b for the amounts
// statements hold, a coefficient of at most 18 digits and no positive
// exponent, worked out on an int64 rather than through big-integer rounding
// and printing: a report prints every Amazon row of ten years. It reports
// false, and appends nothing, for other amounts.
func appendSmall(b []byte, d decimal.Decimal, currency string) ([]byte, bool) {
	exp := d.Exponent()
	if exp > 0 || exp < -18 || d.NumDigits() > 18 {
		return b, false
	}
	return appendCoef(b, d.CoefficientInt64(), exp, currency)
}

// AppendValue appends the text FormatAmount prints for v to b, making no
// decimal for a plain value of at most 18 digits.
func AppendValue(b []byte, v Value, currency string, grouped bool) []byte {
	if !v.small || v.exp > 0 || v.exp < -18 || v.coef <= -maxSmall || v.coef >= maxSmall {
		return AppendAmount(b, v.Decimal(), currency, grouped)
	}
	start := len(b)
	b, ok := appendCoef(b, v.coef, v.exp, currency)
	if !ok {
		return AppendAmount(b, v.Decimal(), currency, grouped)
	}
	if !grouped {
		return b
	}
	return groupThousands(b, start)
}

// appendCoef is appendSmall for the amount coef × 10^exp, coef of at most
// 18 digits and exp from -18 to 0. It tells whether the amount has more
// than 18 digits once given the currency's decimals by comparing coef
// with a power of ten, not by counting its digits: a report prints tens
// of thousands of amounts.
func appendCoef(b []byte, coef int64, exp int32, currency string) ([]byte, bool) {
	frac := -int(exp) // the amount is coef / 10^frac
	scale, known := minorDigits(currency)
	switch {
	case !known:
		scale = int32(frac)
	case frac > int(scale):
		// Decimals beyond the currency's are kept unless they are zeros.
		if drop := pow10[frac-int(scale)]; coef%drop == 0 {
			coef, frac = coef/drop, int(scale)
		} else {
			scale = int32(frac)
		}
	}
	if up := int(scale) - frac; up > 0 && (coef <= -pow10[18-up] || coef >= pow10[18-up]) {
		return b, false // more than 18 digits with the currency's decimals
	}
	coef *= pow10[int(scale)-frac] // now coef / 10^scale
	u := uint64(coef)
	if coef < 0 {
		u = -u
	}
	// The digits are written from the last: the scale decimals, zeros
	// included, the point, then the whole part (0 below one).
	var text [40]byte
	i := len(text)
	for range scale {
		i--
		text[i] = byte('0' + u%10)
		u /= 10
	}
	if scale > 0 {
		i--
		text[i] = '.'
	}
	for {
		i--
		text[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if coef < 0 {
		i--
		text[i] = '-'
	}
	return append(b, text[i:]...), true
}

// pow10 are the powers of ten an int64 holds.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Money is an amount in a currency, for messages: it prints exactly, grouped,
// with the currency's fixed decimals, followed by its code when known.
type Money struct {
	Amount   decimal.Decimal
	Currency string
}

func (m Money) String() string {
	var b [48]byte
	out, _ := m.AppendText(b[:0])
	return string(out)
}

// AppendMoney appends what Money{v's amount, currency}.String prints to b,
// making no decimal for a plain value of at most 18 digits.
func AppendMoney(b []byte, v Value, currency string) []byte {
	b = AppendValue(b, v, currency, true)
	if currency != "" {
		b = append(append(b, ' '), currency...)
	}
	return b
}

// AppendText appends what String prints to b (encoding.TextAppender).
func (m Money) AppendText(b []byte) ([]byte, error) {
	b = AppendAmount(b, m.Amount, m.Currency, true)
	if m.Currency != "" {
		b = append(append(b, ' '), m.Currency...)
	}
	return b, nil
}
