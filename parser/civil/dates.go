package civil

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// DayOrder says how a date written with the year last orders day and month.
type DayOrder int

const (
	OrderUnknown DayOrder = iota
	OrderDMY              // 02/03/2026 is 2 March (UK, EU, and any date with dots)
	OrderMDY              // 03/02/2026 is 2 March (US)
	OrderYMD              // 26/03/02 is 2 March 2026 (year first, two digits)
)

// DayOrderNames are the names --date-order takes.
var DayOrderNames = map[string]DayOrder{"dmy": OrderDMY, "mdy": OrderMDY, "ymd": OrderYMD}

// ParseDateOrder checks a --date-order value: ymd, dmy or mdy.
func ParseDateOrder(s string) error {
	if _, ok := DayOrderNames[s]; !ok && s != "" {
		return msg.Msgf("--date-order %q: expected ymd, dmy or mdy", s)
	}
	return nil
}

// Name is how --date-order writes o.
func (o DayOrder) Name() string {
	for n, v := range DayOrderNames {
		if v == o {
			return n
		}
	}
	return ""
}

// DateParts is a date as written, before knowing whether a year-last date is
// day-first or month-first.
type DateParts struct {
	Y, A, B   int
	YearFirst bool // a is the month and b the day (year first, or the month a name)
	Dots      bool // written with dots: day first everywhere
	ShortYear bool // year-last with two digits: 26/03/02 may also be year first
}

// ScanDate splits a date as statements write it: 2026-03-02, 2026/3/2,
// 2026.03.02, 20260302, 2026年3月2日, 02/03/2026, 02.03.26, optionally
// followed by a time of day, which is ignored.
func ScanDate(text string) (DateParts, bool) {
	if p, ok := scanYearFirst(text); ok {
		return p, true
	}
	s := textenc.Fold(text)
	if HasLetterBefore(s, ':') {
		if p, ok := scanNamedMonth(s); ok {
			return p, true
		}
	}
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	if strings.Contains(s, "年") {
		s = strings.NewReplacer("年", "/", "月", "/", "日", "", " ", "").Replace(s)
	}
	if len(s) == 8 && textenc.AllDigits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		return DateParts{Y: y, A: m, B: d, YearFirst: true}, true
	}
	sep := strings.IndexAny(s, "-/.")
	if sep < 0 {
		return DateParts{}, false
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return DateParts{}, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || !textenc.AllDigits(p) {
			return DateParts{}, false
		}
		n[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		return DateParts{Y: n[0], A: n[1], B: n[2], YearFirst: true}, true
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 4 || len(parts[2]) == 2):
		y := n[2]
		if len(parts[2]) == 2 {
			y += 2000
		}
		return DateParts{Y: y, A: n[0], B: n[1], Dots: s[sep] == '.', ShortYear: len(parts[2]) == 2}, true
	}
	return DateParts{}, false
}

// MonthNames are the month names and abbreviations dates are written with,
// lower case, in the languages statements come in: 28-Mar-2020, 28. März
// 2020, 28 mrt 2020, 28 févr. 2020, 28 dic 2020.
var MonthNames = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"jan january januar janvier janv januari ene enero gen gennaio jän jänner sty styczeń leden led",
		"feb february februar février févr fevr februari febrero febbraio fév lut luty únor úno",
		"mar march märz mär mrz mars maart mrt marzo mär. bře březen mars",
		"apr april avril avr abril aprile kwi kwiecień duben dub",
		"may mai mei mayo mag maggio maj květen kvě",
		"jun june juni juin junio giu giugno cze czerwiec červen čvn",
		"jul july juli juillet juil julio lug luglio lip lipiec červenec čvc",
		"aug august août aout augustus ago agosto sie sierpień srpen srp",
		"sep sept september septembre septiembre set settembre wrz wrzesień září zář",
		"oct october oktober octobre okt octubre ott ottobre paź październik říjen říj",
		"nov november novembre noviembre lis listopad",
		"dec december dezember dez décembre déc dic diciembre dicembre gru grudzień prosinec pro",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// HasLetterBefore reports whether s holds a letter before the first stop
// byte (a time of day may follow a date: "Mar 28, 2020 10:00 AM").
func HasLetterBefore(s string, stop byte) bool {
	for i := 0; i < len(s) && s[i] != stop; i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// scanNamedMonth reads a date whose month is a name: 28-Mar-2020, 28 Mar
// 20, Mar 28, 2020, March 28 2020, 2020-Mar-28, Sat 28 Mar 2020, optionally
// followed by a time of day. The name settles which number is the day.
func scanNamedMonth(s string) (DateParts, bool) {
	var tokens []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '/' || r == ',' || r == '.'
	}) {
		if strings.Contains(f, ":") {
			break // the time of day, and what follows it
		}
		tokens = append(tokens, f)
	}
	if len(tokens) == 4 && !textenc.AllDigits(tokens[0]) && MonthNames[tokens[0]] == 0 {
		tokens = tokens[1:] // a weekday
	}
	if len(tokens) != 3 {
		return DateParts{}, false
	}
	month, at := 0, -1
	for i, tok := range tokens {
		if m, ok := MonthNames[tok]; ok && month == 0 {
			month, at = m, i
		} else if tok == "" || len(tok) > 4 || !textenc.AllDigits(tok) {
			return DateParts{}, false
		}
	}
	if month == 0 {
		return DateParts{}, false
	}
	var nums []string
	for i, tok := range tokens {
		if i != at {
			nums = append(nums, tok)
		}
	}
	day, year := nums[0], nums[1]
	if len(day) == 4 { // 2020-Mar-28
		day, year = year, day
	}
	if len(day) > 2 || (len(year) != 2 && len(year) != 4) {
		return DateParts{}, false
	}
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	if len(year) == 2 {
		y += 2000
	}
	return DateParts{Y: y, A: month, B: d, YearFirst: true}, true
}

// scanYearFirst reads the form most statements write, 2026-03-02 (or with
// slashes or dots), without the allocations of the general path.
func scanYearFirst(s string) (DateParts, bool) {
	if len(s) != 10 || s[4] != s[7] || (s[4] != '-' && s[4] != '/' && s[4] != '.') {
		return DateParts{}, false
	}
	n := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 0 || d < 0 {
		return DateParts{}, false
	}
	return DateParts{Y: y, A: m, B: d, YearFirst: true}, true
}

// Date returns the day p names, reading a year-last Date in the given order.
func (p DateParts) Date(order DayOrder) (Date, bool) {
	switch {
	case p.YearFirst:
		return NewDate(p.Y, p.A, p.B)
	case order == OrderYMD && p.ShortYear && !p.Dots:
		return NewDate(2000+p.A, p.B, p.Y-2000)
	case p.Dots || order == OrderDMY:
		return NewDate(p.Y, p.B, p.A)
	case order == OrderMDY:
		return NewDate(p.Y, p.A, p.B)
	}
	return Date{}, false
}

// NeedsOrder reports whether p is year-last with slashes or dashes, so that
// the file's other dates must tell day-first from month-first.
func (p DateParts) NeedsOrder() bool { return !p.YearFirst && !p.Dots }

// Evidence returns the order p proves (a part above 12 can only be a day),
// or orderUnknown when both readings are possible.
func (p DateParts) Evidence() DayOrder {
	switch {
	case p.A > 12 && p.B <= 12:
		return OrderDMY
	case p.B > 12 && p.A <= 12:
		return OrderMDY
	}
	return OrderUnknown
}

// ParseDate reads a date whose year comes first (2026-03-02, 2026/3/2,
// 2026.03.02, 20260302, 2026年3月2日): the forms that need no guessing.
func ParseDate(text string) (Date, error) {
	p, ok := ScanDate(text)
	if !ok || !p.YearFirst {
		return Date{}, msg.Msgf("%q is not a date like 2026-03-02 or 2026/03/02", strings.TrimSpace(text))
	}
	d, ok := p.Date(OrderUnknown)
	if !ok {
		return Date{}, msg.Msgf("%q is not a day of the calendar", strings.TrimSpace(text))
	}
	return d, nil
}

// era is a Japanese era (gengō): its names, the Western year of its year 1
// minus one, and its first and last days (as year, month, day).
type era struct {
	name, short, letter string
	offset              int
	first, last         [3]int
}

// eras are the eras a date on a statement can fall in. A date outside its
// era (平成32年, 平成31年5月1日, 昭和64年1月8日, 令和元年4月30日) is refused:
// it names a day the era did not have. Dates before 1900 (early Meiji) are
// refused, as everywhere.
var eras = []era{
	{"明治", "明", "M", 1867, [3]int{1868, 1, 1}, [3]int{1912, 7, 29}},
	{"大正", "大", "T", 1911, [3]int{1912, 7, 30}, [3]int{1926, 12, 24}},
	{"昭和", "昭", "S", 1925, [3]int{1926, 12, 25}, [3]int{1989, 1, 7}},
	{"平成", "平", "H", 1988, [3]int{1989, 1, 8}, [3]int{2019, 4, 30}},
	{"令和", "令", "R", 2018, [3]int{2019, 5, 1}, [3]int{9999, 12, 31}},
}

// ParseEraDate reads a date written with a Japanese era year: H30.01.15,
// R6/1/5, h30-1-15, 平成30年1月15日, 平成 30 年 07 月 22 日, 令和元年5月1日,
// 平30.1.15, ㍻30年1月15日. The year is 1 or 2 digits or 元 (the first year);
// month and day follow 年 and 月 (ending in 日), or one of . / - used twice.
func ParseEraDate(text string) (Date, error) {
	s := strings.ReplaceAll(textenc.Fold(text), " ", "")
	bad := func() (Date, error) {
		return Date{}, msg.Msgf("%q is not a Japanese era date like H30.01.15 or 平成30年1月15日", strings.TrimSpace(text))
	}
	var e *era
	for i := range eras {
		for _, prefix := range []string{eras[i].name, eras[i].short, eras[i].letter, strings.ToLower(eras[i].letter)} {
			if strings.HasPrefix(s, prefix) {
				e, s = &eras[i], s[len(prefix):]
				break
			}
		}
		if e != nil {
			break
		}
	}
	if e == nil {
		return bad()
	}
	var parts []string
	if rest, ok := strings.CutSuffix(s, "日"); ok && strings.Contains(rest, "年") {
		parts = strings.FieldsFunc(rest, func(r rune) bool { return r == '年' || r == '月' })
		if strings.Count(rest, "年") != 1 || strings.Count(rest, "月") != 1 || strings.Index(rest, "年") > strings.Index(rest, "月") {
			return bad()
		}
	} else if i := strings.IndexAny(s, "./-"); i > 0 {
		parts = strings.Split(s, s[i:i+1])
	}
	if len(parts) != 3 {
		return bad()
	}
	if parts[0] == "元" {
		parts[0] = "1"
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 2 || !textenc.AllDigits(p) {
			return bad()
		}
		n[i], _ = strconv.Atoi(p)
	}
	y, m, d := e.offset+n[0], n[1], n[2]
	date, ok := NewDate(y, m, d)
	if !ok || n[0] == 0 {
		return Date{}, msg.Msgf("%q is not a day of the calendar", strings.TrimSpace(text))
	}
	switch ymd := [3]int{y, m, d}; {
	case less(ymd, e.first):
		began, _ := NewDate(e.first[0], e.first[1], e.first[2])
		return Date{}, msg.Msgf("%q is before the %s era began on %s", strings.TrimSpace(text), e.name, began)
	case less(e.last, ymd):
		ended, _ := NewDate(e.last[0], e.last[1], e.last[2])
		return Date{}, msg.Msgf("%q is after the %s era ended on %s", strings.TrimSpace(text), e.name, ended)
	}
	return date, nil
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func (o DayOrder) String() string {
	switch o {
	case OrderDMY:
		return "day/month/year"
	case OrderYMD:
		return "year/month/day"
	}
	return "month/day/year"
}
