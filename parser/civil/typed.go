package civil

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// This file reads the cells a person types into disputes.csv,
// confirmations.csv and mine.csv, as Excel and Amazon's own pages write them:
// every cell but the free-text note goes through NFKC first (Fold).

// namedMonthDate is a date with the month's English name, as Amazon's pages
// write it: "March 2, 2026" (Amazon.com) or "2 March 2026" (Amazon.co.uk).
var (
	monthFirstDate = regexp.MustCompile(`^([A-Za-z]+)\.? +([0-9]{1,2}),? +([0-9]{4})$`)
	dayFirstDate   = regexp.MustCompile(`^([0-9]{1,2})\.? +([A-Za-z]+)\.?,? +([0-9]{4})$`)
)

// monthNumber reads a month's name or abbreviation, as monthNames lists
// them ("March", "Mar", "Sept"); 0 when it is none.
func monthNumber(name string) int {
	return MonthNames[strings.ToLower(name)]
}

// The years a person's dates may fall in; others are mistyped.
const (
	firstYear = 1990
	lastYear  = 2100
)

// ParseTypedDate reads a date a person typed: year first (2026-03-02,
// 2026/3/2, 2026年3月2日) or with the month's English name (March 2, 2026;
// 2 March 2026). A day/month date (02/10/2026) is refused with the ISO
// forms it could mean: the order of its day and month cannot be told.
func ParseTypedDate(text string) (Date, error) {
	// Most dates typed are 2026-03-02, which the rules below read as
	// written, after folding it and scanning it twice: a date of the
	// calendar within the years is read here at once, anything else by
	// them.
	if p, ok := scanYearFirst(text); ok {
		if d, ok := p.Date(OrderUnknown); ok && firstYear <= p.Y && p.Y <= lastYear {
			return d, nil
		}
	}
	s := textenc.Fold(text)
	if mayBeMonthFirst(s) {
		if m := monthFirstDate.FindStringSubmatch(s); m != nil {
			return namedDate(text, m[3], m[1], m[2])
		}
	}
	if mayBeDayFirst(s) {
		if m := dayFirstDate.FindStringSubmatch(s); m != nil {
			return namedDate(text, m[3], m[2], m[1])
		}
	}
	p, ok := ScanDate(s)
	if ok && !p.YearFirst {
		return Date{}, yearLastDate(text, p)
	}
	d, err := ParseDate(s)
	if err != nil && ok {
		return Date{}, err
	}
	if err != nil {
		return Date{}, msg.Msgf("%q is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026", strings.TrimSpace(text))
	}
	return inYears(text, d)
}

// mayBeMonthFirst and mayBeDayFirst tell, from its first bytes, whether s
// can match monthFirstDate or dayFirstDate: a letter first, or a space
// after a day's one or two digits and a point. Most dates typed are
// 2026-03-02, which they pass without running either expression.
func mayBeMonthFirst(s string) bool {
	return s != "" && (s[0]|0x20)-'a' < 26
}

func mayBeDayFirst(s string) bool {
	return s != "" && s[0]-'0' < 10 && strings.IndexByte(s[:min(len(s), 4)], ' ') > 0
}

func namedDate(text, year, month, day string) (Date, error) {
	y, _ := strconv.Atoi(year)
	dd, _ := strconv.Atoi(day)
	m := monthNumber(month)
	if m == 0 {
		return Date{}, msg.Msgf("%q is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026", strings.TrimSpace(text))
	}
	d, ok := NewDate(y, m, dd)
	if !ok {
		return Date{}, msg.Msgf("%q is not a day of the calendar", strings.TrimSpace(text))
	}
	return inYears(text, d)
}

// yearLastDate is the error for 02/10/2026: it names the ISO forms the date
// can be, so that the person writes the one they mean.
func yearLastDate(text string, p DateParts) error {
	text = strings.TrimSpace(text)
	dmy, dmyOK := p.Date(OrderDMY)
	mdy, mdyOK := NewDate(p.Y, p.A, p.B)
	switch {
	case p.Dots || (dmyOK && !mdyOK):
		if dmyOK {
			return msg.Msgf("%q is day/month/year: write the year first, as %s", text, dmy.String())
		}
	case mdyOK && !dmyOK:
		return msg.Msgf("%q is month/day/year: write the year first, as %s", text, mdy.String())
	case dmyOK && dmy == mdy:
		return msg.Msgf("%q has the year last: write the year first, as %s", text, dmy.String())
	case dmyOK:
		return msg.Msgf("%q could be day/month/year or month/day/year: write the year first, as %s or %s (--date-order is for statements only)", text, dmy.String(), mdy.String())
	}
	return msg.Msgf("%q is not a day of the calendar", text)
}

func inYears(text string, d Date) (Date, error) {
	if y := d.Time().Year(); y < firstYear || y > lastYear {
		return Date{}, msg.Msgf("%q is outside the years %d to %d", strings.TrimSpace(text), firstYear, lastYear)
	}
	return d, nil
}
