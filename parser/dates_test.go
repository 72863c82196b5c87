package parser

import "testing"

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
