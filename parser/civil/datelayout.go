package civil

import (
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// A layoutToken is one piece of a strftime-like date layout: literal text
// that must stand in the date exactly as written, or a field.
type layoutToken struct {
	literal string
	field   layoutField
}

type layoutField int

const (
	noField        layoutField = iota
	fieldYear4                 // %Y: four digits
	fieldYear2                 // %y: two digits, 69–99 in the 1900s as Go reads them
	fieldMonth2                // %m: two digits
	fieldMonth                 // %-m: one or two digits
	fieldDay2                  // %d: two digits
	fieldDay                   // %-d: one or two digits
	fieldDaySpace              // %e: one or two digits, padded with a space
	fieldMonthAbbr             // %b: Jan … Dec
	fieldMonthName             // %B: January … December
)

// strftimeFields are the directives a date layout may use.
var strftimeFields = []struct {
	code  string
	field layoutField
}{
	{"%Y", fieldYear4}, {"%y", fieldYear2},
	{"%m", fieldMonth2}, {"%-m", fieldMonth},
	{"%d", fieldDay2}, {"%-d", fieldDay}, {"%e", fieldDaySpace},
	{"%b", fieldMonthAbbr}, {"%B", fieldMonthName},
}

// LayoutDateParser returns a reader of dates written in layout: a
// strftime-like layout ("%d.%m.%Y", "%b %-d, %Y", "%Y/%-m/%-d 1:00") or Go's
// reference-time layout ("02.01.2006"). The layout must name a year, a
// month and a day. In a strftime-like layout every character that is not a
// directive is literal text that the date must hold as written: the "1" of
// "1:00" is a one, never a month.
func LayoutDateParser(layout string) (func(string) (Date, bool), error) {
	if !strings.Contains(layout, "%") {
		return goLayoutParser(layout)
	}
	tokens, err := compileLayout(layout)
	if err != nil {
		return nil, err
	}
	return func(text string) (Date, bool) {
		var ymd [3]int
		if !matchLayout(tokens, strings.TrimSpace(text), &ymd) {
			return Date{}, false
		}
		return NewDate(ymd[0], ymd[1], ymd[2])
	}, nil
}

// compileLayout splits a strftime-like layout into literal text and fields,
// and makes sure it names one year, one month and one day.
func compileLayout(layout string) ([]layoutToken, error) {
	var tokens []layoutToken
	var lit strings.Builder
	var named [3]int // years, months, days
scan:
	for rest := layout; rest != ""; {
		if rest[0] != '%' {
			lit.WriteByte(rest[0])
			rest = rest[1:]
			continue
		}
		if strings.HasPrefix(rest, "%%") {
			lit.WriteByte('%')
			rest = rest[2:]
			continue
		}
		for _, f := range strftimeFields {
			if strings.HasPrefix(rest, f.code) {
				if lit.Len() > 0 {
					tokens = append(tokens, layoutToken{literal: lit.String()})
					lit.Reset()
				}
				tokens = append(tokens, layoutToken{field: f.field})
				named[f.field.part()]++
				rest = rest[len(f.code):]
				continue scan
			}
		}
		return nil, msg.Msgf("date layout %q: %q is not one of %%Y %%y %%m %%-m %%d %%-d %%e %%b %%B %%%%", layout, rest[:min(len(rest), 2)])
	}
	if lit.Len() > 0 {
		tokens = append(tokens, layoutToken{literal: lit.String()})
	}
	if named != [3]int{1, 1, 1} {
		return nil, msg.Msgf("date layout %q does not name a year, a month and a day", layout)
	}
	return tokens, nil
}

// part says which of year (0), month (1) and day (2) a field gives.
func (f layoutField) part() int {
	switch f {
	case fieldYear4, fieldYear2:
		return 0
	case fieldMonth2, fieldMonth, fieldMonthAbbr, fieldMonthName:
		return 1
	}
	return 2
}

// matchLayout matches the whole of text against tokens, filling ymd. A
// field of one or two digits tries two first and backs off to one, so that
// "%-m%-d" still reads "111" one way or the other rather than not at all.
func matchLayout(tokens []layoutToken, text string, ymd *[3]int) bool {
	if len(tokens) == 0 {
		return text == ""
	}
	t := tokens[0]
	if t.field == noField {
		rest, ok := strings.CutPrefix(text, t.literal)
		return ok && matchLayout(tokens[1:], rest, ymd)
	}
	for _, c := range t.field.candidates(text) {
		if !t.field.inRange(c.value) {
			continue
		}
		ymd[t.field.part()] = c.value
		if matchLayout(tokens[1:], text[c.width:], ymd) {
			return true
		}
	}
	return false
}

// inRange says whether v can be the field's part of a date: a month of
// 1–12, a day of 1–31.
func (f layoutField) inRange(v int) bool {
	switch f.part() {
	case 1:
		return v >= 1 && v <= 12
	case 2:
		return v >= 1 && v <= 31
	}
	return true
}

type fieldCandidate struct{ value, width int }

// candidates lists the readings of a field at the start of text, longest
// first.
func (f layoutField) candidates(text string) []fieldCandidate {
	switch f {
	case fieldYear4:
		return digitsAt(text, 4, 4)
	case fieldYear2:
		cs := digitsAt(text, 2, 2)
		for i := range cs {
			if cs[i].value >= 69 {
				cs[i].value += 1900
			} else {
				cs[i].value += 2000
			}
		}
		return cs
	case fieldMonth2, fieldDay2:
		return digitsAt(text, 2, 2)
	case fieldMonth, fieldDay:
		return digitsAt(text, 1, 2)
	case fieldDaySpace:
		if rest, ok := strings.CutPrefix(text, " "); ok {
			cs := digitsAt(rest, 1, 1)
			for i := range cs {
				cs[i].width++
			}
			return cs
		}
		return digitsAt(text, 1, 2)
	case fieldMonthAbbr, fieldMonthName:
		for m := time.January; m <= time.December; m++ {
			name := m.String()
			if f == fieldMonthAbbr {
				name = name[:3]
			}
			if len(text) >= len(name) && strings.EqualFold(text[:len(name)], name) {
				return []fieldCandidate{{int(m), len(name)}}
			}
		}
	}
	return nil
}

// digitsAt reads least to most ASCII digits at the start of text, giving
// the longest reading first.
func digitsAt(text string, least, most int) []fieldCandidate {
	n := 0
	for n < most && n < len(text) && text[n] >= '0' && text[n] <= '9' {
		n++
	}
	var cs []fieldCandidate
	for w := n; w >= least; w-- {
		v := 0
		for _, c := range text[:w] {
			v = v*10 + int(c-'0')
		}
		cs = append(cs, fieldCandidate{v, w})
	}
	return cs
}

// goLayoutParser reads dates in Go's reference-time layout, which must
// carry a whole date there and back.
func goLayoutParser(layout string) (func(string) (Date, bool), error) {
	ref := time.Date(2026, time.November, 28, 0, 0, 0, 0, time.UTC)
	back, err := time.Parse(layout, ref.Format(layout))
	if err != nil || !back.Equal(ref) {
		return nil, msg.Msgf("date layout %q does not name a year, a month and a day", layout)
	}
	return func(text string) (Date, bool) {
		t, err := time.Parse(layout, strings.TrimSpace(text))
		if err != nil {
			return Date{}, false
		}
		return NewDate(t.Year(), int(t.Month()), t.Day())
	}, nil
}
