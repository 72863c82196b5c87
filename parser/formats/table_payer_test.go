package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"golang.org/x/text/encoding/charmap"
)

// A payer column names the other party of credits; a memo column is joined
// to the description unless it only repeats it; a status decides before the
// date is looked at; a stray quote is text under LazyQuotes; an original
// amount in the billing currency is dropped.
func TestTablePayerMemoStatus(t *testing.T) {
	spec := &table.TableSpec{
		Delimiter: ';',
		Header:    []string{"tag", "payer", "payee", "purpose", "amount", "status"},
		Columns: map[table.Column][]string{
			table.ColDate: {"tag"}, table.ColPayer: {"payer"}, table.ColDescription: {"payee"}, table.ColMemo: {"purpose"},
			table.ColAmount: {"amount"}, table.ColStatus: {"status"}, table.ColOrigAmount: {"amount"},
		},
		Booked:       []string{"booked"},
		DecimalComma: true,
		Signs:        table.ChargesNegative,
		Currency:     "EUR",
		LazyQuotes:   true,
	}
	in := "tag;payer;payee;purpose;amount;status\n" +
		"02.03.2026;Me;Shop;Order 1;-10,5;booked\n" +
		"03.03.2026;Shop;Me;Refund 1;10,5;Booked\n" +
		";Me;Shop;Total order 2;-3;pending\n" +
		"04.03.2026;Me;Shop\";shop\";-1;booked\n"
	st, err := spec.ReadTable("t", "t.csv", strings.NewReader(in), textenc.EncUTF8, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range st.Txns.All() {
		got = append(got, txnLine(x))
	}
	want := []string{
		"2026-03-02 10.5 Shop / Order 1 EUR",
		"2026-03-03 -10.5 Shop / Refund 1 EUR",
		`2026-03-04 1 Shop" EUR`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Skipped["pending"] != 1 {
		t.Errorf("skipped %v, want pending=1", st.Skipped)
	}
	spec.LazyQuotes = false
	if _, err := spec.ReadTable("t", "t.csv", strings.NewReader(in), textenc.EncUTF8, parser.ReadOptions{}); err == nil {
		t.Error("a stray quote without LazyQuotes should fail the file")
	}
}

func TestFoldHeaderKeepsForeignAmount(t *testing.T) {
	for in, want := range map[string]string{
		"Betrag (EUR)":          "betrag",
		"Betrag (Fremdwährung)": "betrag (fremdwährung)",
		"Amount (EUR)":          "amount",
	} {
		if got := table.FoldHeader(in); got != want {
			t.Errorf("foldHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

// A CP1252 file whose Latin letters stand side by side ("Größe") is guessed
// to be CP932; the format that names CP1252 still reads it.
func TestOwnEncodingWinsOverGuess(t *testing.T) {
	text := "Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n" +
		"02.03.2026;02.03.2026;Stadtwerke Größe;Lastschrift;Strom Größe;-1,00;EUR\n"
	raw, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if _, enc, _ := textenc.Decode(strings.NewReader(raw)); enc != textenc.EncCP932 {
		t.Skipf("the guess is %s now; this test needs a file guessed wrong", enc)
	}
	st, err := ReadStatement("i.csv", strings.NewReader(raw), parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != "ing-de" || st.Encoding != textenc.EncCP1252 || st.Txns.At(0).Description != "Stadtwerke Größe / Strom Größe" {
		t.Errorf("read as %s in %s: %q", st.Format, st.Encoding, st.Txns.At(0).Description)
	}
}

func TestBarclaycardDates(t *testing.T) {
	for in, want := range map[string]string{"10 Feb 18": "2018-02-10", "1 Mar 26": "2026-03-01"} {
		d, ok := parseBarclaycardDate(in)
		if !ok || d.String() != want {
			t.Errorf("%q = %s %v, want %s", in, d, ok, want)
		}
	}
	for _, in := range []string{"31 Feb 18", "10 feb 18", "10 Feb 2018", "2018-02-10"} {
		if _, ok := parseBarclaycardDate(in); ok {
			t.Errorf("%q read as a date", in)
		}
	}
}
