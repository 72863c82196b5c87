package parser

import (
	"strings"
	"testing"
)

// TestTypedDisputes reads the forms a person types into disputes.csv in
// Excel, Japanese and English: every cell through NFKC, dash-like
// characters in order ids, Amazon's own date forms, amounts with currency
// signs, decimal commas and thousands dots.
func TestTypedDisputes(t *testing.T) {
	in := "order_id,order_date,amount,currency,card,reported_on,note\n" +
		"250ー1234567ー1234567,2026年3月2日,￥１２，８００,,１２３４,２０２６／３／３,ギフト券\n" +
		"111‐2345678‐3456789,\"March 2, 2026\",$89.99,,,,\n" +
		"202−3456789−4567890,2 March 2026,£1.299,,,\"Mar 3, 2026\",\n" +
		"305–4567890–5678901,2026-03-02,\"89,99 €\",eur,,,\n" +
		"306-5678901-6789012,2026-03-02,\"1.299,00\",ＥＵＲ,,,\n" +
		"307ｰ6789012ｰ7890123,2026-03-02,\"1,299\",USD,,,\n" +
		"308-7890123-8901234,2026-03-02,12.800.000,JPY,,,\n"
	ds, err := ReadDisputes("disputes.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"250-1234567-1234567 2026-03-02 12800 JPY card:1234 reported:2026-03-03 ギフト券",
		"111-2345678-3456789 2026-03-02 89.99 USD card: reported: ",
		"202-3456789-4567890 2026-03-02 1299 GBP card: reported:2026-03-03 ",
		"305-4567890-5678901 2026-03-02 89.99 EUR card: reported: ",
		"306-5678901-6789012 2026-03-02 1299 EUR card: reported: ",
		"307-6789012-7890123 2026-03-02 1299 USD card: reported: ",
		"308-7890123-8901234 2026-03-02 12800000 JPY card: reported: ",
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d disputes, want %d", len(ds), len(want))
	}
	for i, d := range ds {
		got := d.OrderID + " " + d.OrderDate.String() + " " + d.Amount.String() + " " + d.Currency + " card:" + d.Card +
			" reported:" + d.ReportedOn.String() + " " + d.Note
		if got != want[i] {
			t.Errorf("dispute %d = %q\nwant         %q", i, got, want[i])
		}
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{
		"refund": KindRefund, "REFUNDED": KindRefund, "返金": KindRefund, " 返金済み ": KindRefund, "ｒｅｆｕｎｄ": KindRefund,
		"cancel": KindCancel, "Cancelled": KindCancel, "canceled": KindCancel, "キャンセル": KindCancel, "ｷｬﾝｾﾙ": KindCancel,
		"returned": "", "": "",
	} {
		if got, ok := ParseKind(in); got != want || ok != (want != "") {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestTypedConfirmations(t *testing.T) {
	in := "order_id,confirmed_on,kind,amount\n" +
		"250ー1234567ー1234567,2026年3月10日,返金,\"￥1,280\"\n" +
		"111-2345678-3456789,\"March 11, 2026\",cancelled,\n" +
		"202-3456789-4567890,11 March 2026,キャンセル,\n" +
		"305-4567890-5678901,2026-03-12,refunded,\"89,99\"\n"
	cs, err := ReadConfirmations("c.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"250-1234567-1234567 2026-03-10 refund 1280",
		"111-2345678-3456789 2026-03-11 cancel 0",
		"202-3456789-4567890 2026-03-11 cancel 0",
		"305-4567890-5678901 2026-03-12 refund 89.99",
	}
	if len(cs) != len(want) {
		t.Fatalf("got %d confirmations, want %d", len(cs), len(want))
	}
	for i, c := range cs {
		if got := c.OrderID + " " + c.ConfirmedOn.String() + " " + string(c.Kind) + " " + c.Amount.String(); got != want[i] {
			t.Errorf("confirmation %d = %q, want %q", i, got, want[i])
		}
	}
}
