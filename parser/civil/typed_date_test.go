package civil

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/textenc"
)

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

// The quick looks before the two expressions of ParseTypedDate never skip
// one that would match: on the forms people type, and on random mixes of
// their pieces.
func TestTypedDateGuardsSkipNoMatch(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"2", "02", "2026", "March", "Mar", ".", " ", "  ", ",", "-", "/", "x", "年", "３", "\t", "Sept."}
	samples := []string{"March 2, 2026", "Mar. 2 2026", "2 March 2026", "02. März 2026", "2. Mar. 2026", "12 March 2026", "2026-03-02", " 2 March 2026", ""}
	pick := func(choices ...string) string { return choices[rnd.IntN(len(choices))] }
	for range 100000 {
		var b strings.Builder
		if rnd.IntN(2) == 0 {
			for range rnd.IntN(7) {
				b.WriteString(pieces[rnd.IntN(len(pieces))])
			}
		} else { // the shapes of both expressions, each part perhaps wrong
			day, month := pick("2", "02", "123", "x", ""), pick("March", "Mar", "3", "")
			dot, sp := pick("", ".", ". ", ".."), pick(" ", "  ", "", "\t", "-")
			if rnd.IntN(2) == 0 {
				b.WriteString(pick("", " ") + day + dot + sp + month + pick("", ".", ",") + sp + pick("2026", "26"))
			} else {
				b.WriteString(pick("", " ") + month + dot + sp + day + pick("", ",", ".") + sp + pick("2026", "26"))
			}
		}
		samples = append(samples, b.String())
	}
	matched := 0
	for _, s := range samples {
		s = textenc.Fold(s)
		if monthFirstDate.MatchString(s) {
			matched++
			if !mayBeMonthFirst(s) {
				t.Fatalf("%q matches monthFirstDate, but mayBeMonthFirst says no", s)
			}
		}
		if dayFirstDate.MatchString(s) {
			matched++
			if !mayBeDayFirst(s) {
				t.Fatalf("%q matches dayFirstDate, but mayBeDayFirst says no", s)
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d texts matched; the test says little", matched)
	}
	if mayBeMonthFirst("2026-03-02") || mayBeDayFirst("2026-03-02") {
		t.Error("an ISO date runs the expressions")
	}
}
