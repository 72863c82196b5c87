package civil

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-03-02", "2026-03-02"},
		{"2026/03/02", "2026-03-02"},
		{"2026/3/2", "2026-03-02"},
		{" 2018/01/16", "2018-01-16"},
		{"2026.03.02", "2026-03-02"},
		{"20260302", "2026-03-02"},
		{"2026年1月1日", "2026-01-01"},
		{"2025年 1月 6日", "2025-01-06"},
		{"２０２６／０３／０２", "2026-03-02"},
		{"2023-05-31T13:00:59.799Z", "2023-05-31"},
		{"2026-06-06 19:42:42", "2026-06-06"},
		{"2024-02-29", "2024-02-29"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-02-30", `"2026-02-30" is not a day of the calendar`},
		{"2025-02-29", `"2025-02-29" is not a day of the calendar`},
		{"2026-13-01", `"2026-13-01" is not a day of the calendar`},
		{"03/02/2026", `"03/02/2026" is not a date like 2026-03-02 or 2026/03/02`},
		{"yesterday", `"yesterday" is not a date like 2026-03-02 or 2026/03/02`},
		{"", `"" is not a date like 2026-03-02 or 2026/03/02`},
		{"2026-3", `"2026-3" is not a date like 2026-03-02 or 2026/03/02`},
		{"2026-03-02-01", `"2026-03-02-01" is not a date like 2026-03-02 or 2026/03/02`},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate("2026-02-27")
	if got := d.AddDays(2).String(); got != "2026-03-01" {
		t.Errorf("AddDays across February = %s", got)
	}
	if got := MustDate("2026-05-09").Sub(MustDate("2026-03-10")); got != 60 {
		t.Errorf("Sub = %d, want 60", got)
	}
	if (Date{}).Valid() || (Date{}).String() != "" {
		t.Error("the zero Date must be unknown and print empty")
	}
	if !MustDate("1970-01-01").Valid() {
		t.Error("1970-01-01 must be a valid date")
	}
	if Max(Date{}, d) != d || Max(d, d.AddDays(1)) != d.AddDays(1) {
		t.Error("Max must prefer the known, later date")
	}
}

func TestParseEraDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"H30.01.15", "2018-01-15"},
		{"h30.1.15", "2018-01-15"},
		{"H30/1/15", "2018-01-15"},
		{"Ｈ３０．０１．１５", "2018-01-15"},
		{"R6.1.5", "2024-01-05"},
		{"R06.03.02", "2024-03-02"},
		{"R01.05.01", "2019-05-01"},
		{"R元.5.1", "2019-05-01"},
		{"H31.04.30", "2019-04-30"},
		{"H01.01.08", "1989-01-08"},
		{"S64.01.07", "1989-01-07"},
		{"S50-12-31", "1975-12-31"},
		{"T15.12.24", "1926-12-24"},
		{"M40.01.01", "1907-01-01"},
		{"明治45年7月29日", "1912-07-29"},
		{"大正元年7月30日", "1912-07-30"},
		{"平成30年1月15日", "2018-01-15"},
		{"平成 30 年 07 月 22 日", "2018-07-22"},
		{"令和元年5月1日", "2019-05-01"},
		{"令和6年2月29日", "2024-02-29"},
		{"平30.1.15", "2018-01-15"},
		{"㍻30年1月15日", "2018-01-15"},
		{"昭和元年12月25日", "1926-12-25"},
	}
	for _, tt := range tests {
		got, err := ParseEraDate(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("parseEraDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestParseEraDateRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"H31.05.01", `"H31.05.01" is after the 平成 era ended on 2019-04-30`},
		{"平成32年1月1日", `"平成32年1月1日" is after the 平成 era ended on 2019-04-30`},
		{"S64.01.08", `"S64.01.08" is after the 昭和 era ended on 1989-01-07`},
		{"H01.01.07", `"H01.01.07" is before the 平成 era began on 1989-01-08`},
		{"R01.04.30", `"R01.04.30" is before the 令和 era began on 2019-05-01`},
		{"令和元年4月30日", `"令和元年4月30日" is before the 令和 era began on 2019-05-01`},
		{"明治45年7月30日", `"明治45年7月30日" is after the 明治 era ended on 1912-07-29`},
		{"R6.2.30", `"R6.2.30" is not a day of the calendar`},
		{"R5.2.29", `"R5.2.29" is not a day of the calendar`},
		{"H00.01.15", `"H00.01.15" is not a day of the calendar`},
		{"M30.01.01", `"M30.01.01" is not a day of the calendar`}, // 1897: before 1900, as everywhere
		{"2018/01/15", `"2018/01/15" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"X30.01.15", `"X30.01.15" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"H30.01/15", `"H30.01/15" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"H130.01.15", `"H130.01.15" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"平成30年1月", `"平成30年1月" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"平成30月1年15日", `"平成30月1年15日" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"H", `"H" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
		{"", `"" is not a Japanese era date like H30.01.15 or 平成30年1月15日`},
	}
	for _, tt := range tests {
		_, err := ParseEraDate(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("parseEraDate(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestLayoutDateParser(t *testing.T) {
	for _, tt := range []struct{ layout, text, want string }{
		{"%d.%m.%Y", "18.03.2026", "2026-03-18"},
		{"%b %-d, %Y", "Mar 8, 2026", "2026-03-08"},
		{"%B %e %Y", "March  8 2026", "2026-03-08"},
		{"%-m/%-d/%y", "3/8/26", "2026-03-08"},
		{"%Y%m%d", "20260308", "2026-03-08"},
		{"%d%% %m %Y", "08% 03 2026", "2026-03-08"},
		{"02.01.2006", "08.03.2026", "2026-03-08"},
		{"%d.%m.%Y", "31.02.2026", ""},
		{"%d.%m.%Y", "2026-03-08", ""},
		// Literal text is literal: the 1 of 1:00 is never a month, and a
		// date whose time is not the layout's is not the layout's.
		{"%Y/%-m/%-d 1:00", "2026/3/15 1:00", "2026-03-15"},
		{"%Y/%-m/%-d 1:00", "2026/3/15 2:00", ""},
		{"%d.%m.%Y 00:00", "15.03.2026 00:00", "2026-03-15"},
		{"Date: %Y-%m-%d", "Date: 2026-03-15", "2026-03-15"},
		{"%-m/%-d/%Y", "12/1/2026", "2026-12-01"},
		{"%-m%-d%Y", "1112026", "2026-11-01"}, // longest reading first
		{"%-m%-d%Y", "1312026", "2026-01-31"}, // backs off where two digits are no month
		{"%e %b %Y", " 8 MAR 2026", "2026-03-08"},
		{"%y%m%d", "991231", "1999-12-31"},
		{"%Y-%m-%d", "2026-3-08", ""},
		{"%Y-%m-%d", "2026-03-08x", ""},
	} {
		parse, err := LayoutDateParser(tt.layout)
		if err != nil {
			t.Errorf("%q: %v", tt.layout, err)
			continue
		}
		d, ok := parse(tt.text)
		if got := map[bool]string{true: d.String(), false: ""}[ok]; got != tt.want {
			t.Errorf("%q reads %q as %q, want %q", tt.layout, tt.text, got, tt.want)
		}
	}
	for layout, want := range map[string]string{
		"%d.%m":       `date layout "%d.%m" does not name a year, a month and a day`,
		"%d.%q.%Y":    `date layout "%d.%q.%Y": "%q" is not one of %Y %y %m %-m %d %-d %e %b %B %%`,
		"dd.mm.yy":    `date layout "dd.mm.yy" does not name a year, a month and a day`,
		"%Y-%m-%d %Y": `date layout "%Y-%m-%d %Y" does not name a year, a month and a day`,
		"%Y %B":       `date layout "%Y %B" does not name a year, a month and a day`,
	} {
		if _, err := LayoutDateParser(layout); err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", layout, err, want)
		}
	}
}

// NewDate counts days and String writes them without the time package;
// every day from 1900 to 2200 must agree with it, and the days that do not
// exist must be refused.
func TestNewDateAgreesWithTime(t *testing.T) {
	for day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 2200; day = day.AddDate(0, 0, 1) {
		d, ok := NewDate(day.Year(), int(day.Month()), day.Day())
		if !ok || !d.Time().Equal(day) || d.String() != day.Format("2006-01-02") {
			t.Fatalf("NewDate(%s) = %v (%s), %v", day.Format("2006-01-02"), d.Time(), d, ok)
		}
	}
	for _, ymd := range [][3]int{{2026, 2, 29}, {1900, 2, 29}, {2100, 2, 29}, {2026, 4, 31}, {2026, 0, 1}, {2026, 13, 1}, {2026, 1, 0}, {2026, 1, 32}, {1899, 12, 31}, {2201, 1, 1}} {
		if d, ok := NewDate(ymd[0], ymd[1], ymd[2]); ok {
			t.Errorf("NewDate(%v) = %v; want no such day", ymd, d)
		}
	}
	if _, ok := NewDate(2000, 2, 29); !ok {
		t.Error("2000-02-29 was a day")
	}
}

// AppendText appends what String writes, after what b holds, and
// UnmarshalText reads it back to the same day; the unknown date is written
// as nothing and read back from nothing.
func TestDateTextRoundTrip(t *testing.T) {
	for _, d := range []Date{{}, MustDate("1900-01-01"), MustDate("2026-03-02"), MustDate("2200-12-31")} {
		b, err := d.AppendText([]byte("on "))
		if err != nil || string(b) != "on "+d.String() {
			t.Errorf("AppendText of %s gives %q, %v", d, b, err)
		}
		var back Date
		if err := back.UnmarshalText(b[len("on "):]); err != nil || back != d {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b[len("on "):], back, err, d)
		}
	}
	var d Date
	if err := d.UnmarshalText([]byte("2026-02-30")); err == nil {
		t.Errorf("UnmarshalText of a day that does not exist gives %v", d)
	}
}
