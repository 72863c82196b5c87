package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// TestScanDateForms reads the date forms statements write, month names
// and times of day included.
func TestScanDateForms(t *testing.T) {
	tests := []struct {
		text  string
		order civil.DayOrder
		want  string
	}{
		{"28-Mar-2020", civil.OrderUnknown, "2020-03-28"},
		{"28 Mar 2020", civil.OrderUnknown, "2020-03-28"},
		{"28 Mar 20", civil.OrderUnknown, "2020-03-28"},
		{"Mar 28, 2020", civil.OrderUnknown, "2020-03-28"},
		{"March 28 2020", civil.OrderUnknown, "2020-03-28"},
		{"Sat 28 Mar 2020", civil.OrderUnknown, "2020-03-28"},
		{"Mar 28, 2020 10:42 AM", civil.OrderUnknown, "2020-03-28"},
		{"2020-Mar-28", civil.OrderUnknown, "2020-03-28"},
		{"28. März 2020", civil.OrderUnknown, "2020-03-28"},
		{"28 mrt 2020", civil.OrderUnknown, "2020-03-28"},
		{"5 févr. 2021", civil.OrderUnknown, "2021-02-05"},
		{"07 dic 2021", civil.OrderUnknown, "2021-12-07"},
		{"28.03.2020", civil.OrderUnknown, "2020-03-28"},
		{"2020-03-28T10:00:00", civil.OrderUnknown, "2020-03-28"},
		{"2020-03-28 10:00:00 +0000", civil.OrderUnknown, "2020-03-28"},
		{"03/28/2020", civil.OrderMDY, "2020-03-28"},
		{"28/03/2020", civil.OrderDMY, "2020-03-28"},
		{"20/03/28", civil.OrderYMD, "2020-03-28"},
		{"2026年3月2日", civil.OrderUnknown, "2026-03-02"},
	}
	for _, tt := range tests {
		p, ok := civil.ScanDate(tt.text)
		if !ok {
			t.Errorf("scanDate(%q) failed", tt.text)
			continue
		}
		d, ok := p.Date(tt.order)
		if !ok || d.String() != tt.want {
			t.Errorf("scanDate(%q) = %s, want %s", tt.text, d, tt.want)
		}
	}
	for _, bad := range []string{"Mar 2020", "28 Foo 2020", "soon", "28-Mar-20201", "Mar Apr 2020"} {
		if p, ok := civil.ScanDate(bad); ok {
			t.Errorf("scanDate(%q) = %+v, want refused", bad, p)
		}
	}
}

// A file whose dates have no day above 12 takes its day order from
// another file of the run, else from --date-order, else is refused
// naming --date-order.
func TestDayOrderSettling(t *testing.T) {
	const uk = "Date,Description,Debit,Credit\n02/03/2026,AMAZON.CO.UK*AB12CD34E,12.99,\n"
	tests := []struct {
		name string
		in   string
		opts parser.ReadOptions
		want string // first transaction's date, or the error
		read string // how the order was settled
	}{
		{"own dates", uk + "14/03/2026,TESCO STORES 2231,4.10,\n", parser.ReadOptions{}, "2026-03-02", `day order day/month/year, told by "14/03/2026" on line 3`},
		{"own dates win over the flag", uk + "14/03/2026,TESCO STORES 2231,4.10,\n", parser.ReadOptions{DateOrder: "mdy"}, "2026-03-02", `day order day/month/year, told by "14/03/2026" on line 3`},
		{"flag", uk, parser.ReadOptions{DateOrder: "mdy"}, "2026-02-03", "day order month/day/year, from --date-order: no date here has a day above 12"},
		{"another file first", uk, parser.ReadOptions{DateOrder: "mdy", RunDateOrder: "dmy", RunDateOrderFrom: "march.csv"}, "2026-03-02", "day order day/month/year, as in march.csv: no date here has a day above 12"},
		{"refused", uk, parser.ReadOptions{}, `s.csv:2: "02/03/2026" could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := ReadStatement("s.csv", strings.NewReader(tt.in), tt.opts)
			if err != nil {
				if err.Error() != tt.want {
					t.Errorf("error %v, want %s", err, tt.want)
				}
				return
			}
			if got := st.Txns.At(0).Date.String(); got != tt.want {
				t.Errorf("date %s, want %s", got, tt.want)
			}
			if !containsMessage(st.Reading, tt.read) {
				t.Errorf("reading %q, want %q", st.Reading, tt.read)
			}
		})
	}
}

// SettleDayOrder takes the order of a file of the same shape, or naming
// the same account, that its own dates tell; never one of files that
// disagree.
func TestSettleDayOrder(t *testing.T) {
	const head = "Date,Description,Debit,Credit\n"
	read := func(name, in string) (*parser.Statement, error) {
		return ReadStatement(name, strings.NewReader(in), parser.ReadOptions{})
	}
	_, unsettled := read("april.csv", head+"02/04/2026,AMAZON.CO.UK,12.99,\n")
	march, err := read("march.csv", head+"02/03/2026,AMAZON.CO.UK,12.99,\n14/03/2026,TESCO,1.00,\n")
	if err != nil {
		t.Fatal(err)
	}
	us, err := read("us.csv", head+"03/14/2026,AMAZON.COM,12.99,\n")
	if err != nil {
		t.Fatal(err)
	}
	other, err := read("other.csv", "Date,Description,Amount,Type\n03/14/2026,AMAZON.COM,12.99,DEBIT\n")
	if err != nil {
		t.Fatal(err)
	}
	if order, from, ok := parser.SettleDayOrder(unsettled, []*parser.Statement{nil, march, other}); !ok || order != "dmy" || from != "march.csv" {
		t.Errorf("SettleDayOrder = %q %q %v, want dmy from march.csv", order, from, ok)
	}
	if _, _, ok := parser.SettleDayOrder(unsettled, []*parser.Statement{march, us}); ok {
		t.Error("files that disagree settled the order")
	}
	if _, _, ok := parser.SettleDayOrder(unsettled, []*parser.Statement{other}); ok {
		t.Error("a file of another shape settled the order")
	}
}

func containsMessage(ms []*msg.Message, want string) bool {
	for _, m := range ms {
		if m.String() == want {
			return true
		}
	}
	return want == ""
}
