package civil

import (
	"fmt"
	"time"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// Date is a calendar day with no time of day and no zone: the day a statement,
// an order or a confirmation names. It is a count of days, so that
// comparisons and day arithmetic are plain integer operations. The zero Date is
// "unknown"; Valid tells them apart.
type Date struct {
	days int32 // days since 0000-03-01 (1970-01-01 is unixDay); 0 means unknown
}

// NewDate returns the Date for a year, month and day. It reports false when the
// day does not exist (2026-02-30).
func NewDate(year, month, day int) (Date, bool) {
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || year < 1900 || year > 2200 {
		return Date{}, false
	}
	return Date{days: int32(daysFromCivil(year, month, day) + unixDay)}, true
}

// unixDay is the count of 1970-01-01 in Date.days. Days are counted from
// 0000-03-01, so that no day a statement can hold counts as zero, which
// means unknown (counted from 1970, 1969-12-31 did).
const unixDay = 719468

// daysIn is the number of days of a month.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil counts the days from 1970-01-01 to a day of the proleptic
// Gregorian calendar (Howard Hinnant's days_from_civil), without going
// through time.Time: statements have millions of dates to read.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400 // years are 1900 or later: no negative division
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// MustDate is NewDate for literals in tests and examples; it panics on a day that does not exist.
func MustDate(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	d, _ := NewDate(t.Year(), int(t.Month()), t.Day())
	return d
}

// ParseISODate reads a date written 2026-03-02.
func ParseISODate(s string) (Date, error) {
	var y, m, d int
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, msg.Msgf("%q is not a date like 2026-03-02", s)
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil {
		return Date{}, msg.Msgf("%q is not a date like 2026-03-02", s)
	}
	date, ok := NewDate(y, m, d)
	if !ok {
		return Date{}, msg.Msgf("%q is not a day of the calendar", s)
	}
	return date, nil
}

// Valid reports whether d is a known day.
func (d Date) Valid() bool { return d.days != 0 }

// Number is the day's place in the count of days Date keeps (0 for the zero
// Date): one more each day, for keys and sets of days.
func (d Date) Number() int32 { return d.days }

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	if !d.Valid() {
		return d
	}
	return Date{days: d.days + int32(n)}
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.days < e.days }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.days > e.days }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d.days - e.days) }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Unix(int64(d.days-unixDay)*86400, 0).UTC() }

// String writes d as 2026-03-02, or the empty string when d is unknown.
func (d Date) String() string {
	var b [10]byte
	text, _ := d.AppendText(b[:0])
	return string(text)
}

// AppendText appends d as String writes it to b: a report writes dates by
// the hundred thousand, and appending them saves a string for each. The
// error is always nil.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if !d.Valid() {
		return b, nil
	}
	y, m, day := civilFromDays(int(d.days) - unixDay)
	if y < 1000 || y > 9999 {
		return d.Time().AppendFormat(b, "2006-01-02"), nil
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10)), nil
}

// civilFromDays is the inverse of daysFromCivil: the year, month and day
// of a count of days from 1970-01-01.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// MarshalText writes d as 2026-03-02, or nothing when d is unknown.
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText reads a date as MarshalText writes it: empty text is the
// unknown date.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	day, err := ParseISODate(string(text))
	if err != nil {
		return err
	}
	*d = day
	return nil
}

// Max returns the later of two dates; an unknown date loses to a known one.
func Max(a, b Date) Date {
	if a.days >= b.days {
		return a
	}
	return b
}

// Min returns the earlier of two known dates.
func Min(a, b Date) Date {
	if a.days <= b.days {
		return a
	}
	return b
}
