package formats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// Every text column naming the counterparty or the purpose is kept: an
// Amazon payee behind a booking text of SEPA-Basislastschrift is seen.
func TestGenericDescriptionKeepsPayeeAndPurpose(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "formats", "de-giro-purpose.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	amazon := func(n string) bool { return strings.Contains(n, "AMAZON") }
	st, err := ReadStatement("de-giro-purpose.csv", f, parser.ReadOptions{Keep: amazon})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range st.Txns.All() {
		got = append(got, x.Normalized)
	}
	want := []string{
		"AMAZON EU S.A R.L., NIEDERLASSUNG DEUTSCHLAND / 302-4417720-9183346 AMZN MKTP DE 5K3LQ81V2X7PT9RA / SEPA-BASISLASTSCHRIFT",
		"AMAZON PAYMENTS EUROPE S.C.A. / 303-8812045-2230919 AMAZON.DE 8UF0W2RT / SEPA-BASISLASTSCHRIFT",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept in full:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGenericTextColumns: which header cells are text columns, and in
// what order they are joined (the counterparty first).
func TestGenericTextColumns(t *testing.T) {
	tests := []struct {
		header string
		want   string // the description of the first row
	}{
		{"Buchungstag;Buchungstext;Beguenstigter/Zahlungspflichtiger;Verwendungszweck;Betrag", "AMAZON EU / 305-1234567 / SEPA-Basislastschrift"},
		{"Date;Booking Text;Merchant Name;Memo;Amount", "AMAZON EU / 305-1234567 / SEPA-Basislastschrift"},
		{"Datum;Omschrijving;Naam tegenpartij;Mededelingen;Bedrag", "AMAZON EU / SEPA-Basislastschrift / 305-1234567"},
		{"Date;desc;Payee;Notes;Amount", "AMAZON EU / SEPA-Basislastschrift / 305-1234567"},
		{"Data operacji;Opis operacji;Nadawca / Odbiorca;Tytułem;Kwota", "AMAZON EU / SEPA-Basislastschrift / 305-1234567"},
		{"Fecha;Concepto;Beneficiario;Causale;Importe", "AMAZON EU / SEPA-Basislastschrift / 305-1234567"},
	}
	row := "02.03.2026;SEPA-Basislastschrift;AMAZON EU;305-1234567;-89,99\n"
	for _, tt := range tests {
		in := tt.header + "\n" + row
		in += strings.Repeat("03.03.2026;Kartenzahlung;REWE;Einkauf;-10,00\n", 4)
		st := readString(t, "s.csv", in, parser.ReadOptions{})
		if got := st.Txns.At(0).Description; got != tt.want {
			t.Errorf("%s: description %q, want %q", tt.header, got, tt.want)
		}
	}
}

// TestGenericContentRefused: where content cannot tell the columns, the
// file is refused naming --formats, never misread.
func TestGenericContentRefused(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"two amount columns, neither a balance",
			"2026-03-02,AMAZON MARKETPLACE,12.50,3.10\n2026-03-03,CORNER SHOP LTD,4.00,9.99\n2026-03-04,RAILWAY TICKETS,7.25,1.00\n",
			"s.csv:1: cannot tell which column is the amount: columns 3, 4 all hold amounts; describe the file with --formats"},
		{"debit and credit columns of as many rows",
			"2026-03-02,AMAZON MARKETPLACE,12.50,\n2026-03-03,EMPLOYER PAYROLL,,900.00\n2026-03-04,RAILWAY TICKETS,7.25,\n2026-03-05,REFUND FROM SHOP,,7.25\n",
			"s.csv:1: cannot tell debits from credits: columns 3 and 4 hold amounts in turn (2 and 2 rows), and no header says which is which; describe the file with --formats"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadStatement("s.csv", strings.NewReader(tt.in), parser.ReadOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant  %s", err, tt.want)
			}
		})
	}
}
