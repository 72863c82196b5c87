package parser

import (
	"strconv"
	"strings"
)

// dayOrder says how a date written with the year last orders day and month.
type dayOrder int

const (
	orderUnknown dayOrder = iota
	orderDMY              // 02/03/2026 is 2 March (UK, EU, and any date with dots)
	orderMDY              // 03/02/2026 is 2 March (US)
)

// dateParts is a date as written, before knowing whether a year-last date is
// day-first or month-first.
type dateParts struct {
	y, a, b   int
	yearFirst bool // a is the month and b the day
	dots      bool // written with dots: day first everywhere
}

// scanDate splits a date as statements write it: 2026-03-02, 2026/3/2,
// 2026.03.02, 20260302, 2026年3月2日, 02/03/2026, 02.03.26, optionally
// followed by a time of day, which is ignored.
func scanDate(text string) (dateParts, bool) {
	s := Fold(text)
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	if strings.Contains(s, "年") {
		s = strings.NewReplacer("年", "/", "月", "/", "日", "", " ", "").Replace(s)
	}
	if len(s) == 8 && allDigits(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		return dateParts{y: y, a: m, b: d, yearFirst: true}, true
	}
	sep := strings.IndexAny(s, "-/.")
	if sep < 0 {
		return dateParts{}, false
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return dateParts{}, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || !allDigits(p) {
			return dateParts{}, false
		}
		n[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		return dateParts{y: n[0], a: n[1], b: n[2], yearFirst: true}, true
	case len(parts[0]) <= 2 && len(parts[1]) <= 2 && (len(parts[2]) == 4 || len(parts[2]) == 2):
		y := n[2]
		if len(parts[2]) == 2 {
			y += 2000
		}
		return dateParts{y: y, a: n[0], b: n[1], dots: s[sep] == '.'}, true
	}
	return dateParts{}, false
}

// date returns the day p names, reading a year-last date in the given order.
func (p dateParts) date(order dayOrder) (Date, bool) {
	switch {
	case p.yearFirst:
		return NewDate(p.y, p.a, p.b)
	case p.dots || order == orderDMY:
		return NewDate(p.y, p.b, p.a)
	case order == orderMDY:
		return NewDate(p.y, p.a, p.b)
	}
	return Date{}, false
}

// needsOrder reports whether p is year-last with slashes or dashes, so that
// the file's other dates must tell day-first from month-first.
func (p dateParts) needsOrder() bool { return !p.yearFirst && !p.dots }

// evidence returns the order p proves (a part above 12 can only be a day),
// or orderUnknown when both readings are possible.
func (p dateParts) evidence() dayOrder {
	switch {
	case p.a > 12 && p.b <= 12:
		return orderDMY
	case p.b > 12 && p.a <= 12:
		return orderMDY
	}
	return orderUnknown
}

// ParseDate reads a date whose year comes first (2026-03-02, 2026/3/2,
// 2026.03.02, 20260302, 2026年3月2日): the forms that need no guessing.
func ParseDate(text string) (Date, error) {
	p, ok := scanDate(text)
	if !ok || !p.yearFirst {
		return Date{}, Msgf("%q is not a date like 2026-03-02 or 2026/03/02", strings.TrimSpace(text))
	}
	d, ok := p.date(orderUnknown)
	if !ok {
		return Date{}, Msgf("%q is not a day of the calendar", strings.TrimSpace(text))
	}
	return d, nil
}
