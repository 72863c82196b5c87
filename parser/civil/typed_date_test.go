package civil

import "testing"

func TestParseTypedDate(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"2026-03-02", "2026-03-02", ""},
		{"２０２６／０３／０２", "2026-03-02", ""},
		{"2026年3月2日", "2026-03-02", ""},
		{"March 2, 2026", "2026-03-02", ""},
		{"Mar. 2 2026", "2026-03-02", ""},
		{"2 March 2026", "2026-03-02", ""},
		{"2. März 2026", "2026-03-02", ""}, // as Amazon.de writes it
		{"2. Mätz 2026", "", `"2. Mätz 2026" is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026`},
		{"February 30, 2026", "", `"February 30, 2026" is not a day of the calendar`},
		{"02/10/2026", "", `"02/10/2026" could be day/month/year or month/day/year: write the year first, as 2026-10-02 or 2026-02-10 (--date-order is for statements only)`},
		{"25/10/2026", "", `"25/10/2026" is day/month/year: write the year first, as 2026-10-25`},
		{"10/25/2026", "", `"10/25/2026" is month/day/year: write the year first, as 2026-10-25`},
		{"02.10.2026", "", `"02.10.2026" is day/month/year: write the year first, as 2026-10-02`},
		{"03/03/2026", "", `"03/03/2026" has the year last: write the year first, as 2026-03-03`},
		{"1989-12-31", "", `"1989-12-31" is outside the years 1990 to 2100`},
		{"2101-01-01", "", `"2101-01-01" is outside the years 1990 to 2100`},
	}
	for _, tt := range tests {
		d, err := ParseTypedDate(tt.in)
		got, gotErr := d.String(), ""
		if err != nil {
			got, gotErr = "", err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("ParseTypedDate(%q) = %q, %q; want %q, %q", tt.in, got, gotErr, tt.want, tt.err)
		}
	}
}
