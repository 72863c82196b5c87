package amazon

import (
	"fmt"
	"strings"
	"testing"
)

// A （注文全体） row gives the order's total, 請求額 or else 注文合計, and
// its card; each （クレジットカードへの請求） row is a charge, a shipment of
// the order.
func TestOrderFilterPseudoRows(t *testing.T) {
	in := filterHeader +
		`"2026/4/2","249-7810342-9902156","（注文全体）","3500","3000","","","Visa"` + "\n" +
		`"2026/4/2","249-7810342-9902156","（クレジットカードへの請求）","","","2026/4/3",1000,""` + "\n" +
		`"2026/4/2","249-7810342-9902156","（クレジットカードへの請求）","","","2026/4/5",2000,""` + "\n" +
		`"2026/4/6","250-1122334-5566778","（注文全体）","4200","","","",""` + "\n"
	f, err := Read("f", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range f.Orders {
		line := fmt.Sprintf("%s %s total %s card %q charged %s", o.ID, o.Date, o.Total, o.Card, o.CardCharged)
		for _, s := range o.Shipments {
			line += " " + s.Date.String() + "=" + s.Amount.String()
		}
		got = append(got, line)
	}
	want := []string{
		`249-7810342-9902156 2026-04-02 total 3000 card "Visa" charged 3000 2026-04-03=1000 2026-04-05=2000`,
		`250-1122334-5566778 2026-04-06 total 4200 card "" charged 0`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("orders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
