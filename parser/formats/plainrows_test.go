package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// TestRowStepsTakenInPlace covers the rows whose date, description and
// detail the table reader takes itself where the layout leaves those steps
// nothing but their usual case (a date cell like the row before's, a
// description column alone, no account, currency or foreign amount
// column): the rows where a layout or a row asks more must still get it.
func TestRowStepsTakenInPlace(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // describe's lines of the transactions
	}{{
		// Two purchases posted on one day, made on two: the day of use
		// is read for the second too, though its date cell is the first's.
		"use dates under one posting date",
		"Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n" +
			"03/01/2026,03/03/2026,AMAZON MKTPL*AB1CD2EF3,Shopping,Sale,-23.99,\n" +
			"03/02/2026,03/03/2026,AMZN Mktp US*GH4IJ5KL6,Shopping,Sale,-41.50,\n",
		[]string{"2: 2026-03-03 (used 2026-03-01) 23.99 USD [AMAZON MKTPL*AB1CD2EF3]", "3: 2026-03-03 (used 2026-03-02) 41.5 USD [AMZN Mktp US*GH4IJ5KL6]"},
	}, {
		// A generic file of a date, a description and an amount, whose
		// description goes on under a row.
		"a description continued under its row",
		"Date,Description,Amount\n" +
			"2026-03-02,NETS QR PAYMENT,42.15\n" +
			",AMAZON SG MARKETPLACE,\n" +
			"2026-03-02,KOPITIAM TOA PAYOH,8.60\n" +
			"2026-03-04,NTUC FAIRPRICE,21.90\n" +
			"2026-03-05,DEBIT PURCHASE,12.00\n" +
			"2026-03-06,GRAB SG,7.40\n" +
			"2026-03-06,SALARY,-3200.00\n",
		[]string{"2: 2026-03-02 42.15  [NETS QR PAYMENT / AMAZON SG MARKETPLACE]", "4: 2026-03-02 8.6  [KOPITIAM TOA PAYOH]", "5: 2026-03-04 21.9  [NTUC FAIRPRICE]",
			"6: 2026-03-05 12  [DEBIT PURCHASE]", "7: 2026-03-06 7.4  [GRAB SG]", "8: 2026-03-06 -3200  [SALARY]"},
	}, {
		// An account column, then a currency column: each row's own.
		"account and currency columns",
		"Date,Account,Currency,Description,Amount\n" +
			"2026-03-02,DE89 3704 0044 0532 0130 00,EUR,AMAZON EU SARL,-19.99\n" +
			"2026-03-02,DE02 1203 0000 0000 2020 51,eur,AMAZON EU SARL,-5.00\n" +
			"2026-03-03,DE89 3704 0044 0532 0130 00,USD,AMAZON.COM,-12.00\n" +
			"2026-03-03,DE89 3704 0044 0532 0130 00,EUR,REWE MARKT,-30.10\n" +
			"2026-03-04,DE02 1203 0000 0000 2020 51,EUR,ERSTATTUNG AMAZON EU,19.99\n",
		[]string{"2: 2026-03-02 19.99 EUR [AMAZON EU SARL] account DE89 3704 0044 0532 0130 00", "3: 2026-03-02 5 EUR [AMAZON EU SARL] account DE02 1203 0000 0000 2020 51",
			"4: 2026-03-03 12 USD [AMAZON.COM] account DE89 3704 0044 0532 0130 00", "5: 2026-03-03 30.1 EUR [REWE MARKT] account DE89 3704 0044 0532 0130 00",
			"6: 2026-03-04 -19.99 EUR [ERSTATTUNG AMAZON EU] account DE02 1203 0000 0000 2020 51"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := ReadStatement("statement.csv", strings.NewReader(tc.text), parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(describe(st)), "\n") {
				if l != "" && l[0] >= '0' && l[0] <= '9' {
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("read as\n%s\nwant\n%s\n(all: %s)", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), describe(st))
			}
		})
	}
}

// TestPayerWithoutMemo reads a layout with a payer column and no memo
// column: a credit is described by its payer, as in a layout with both, so
// the layout's description is not the description column alone.
func TestPayerWithoutMemo(t *testing.T) {
	spec := &table.TableSpec{
		Delimiter: ';',
		Header:    []string{"tag", "zahlungspflichtiger", "empfänger", "betrag"},
		Columns: map[table.Column][]string{
			table.ColDate: {"tag"}, table.ColPayer: {"zahlungspflichtiger"}, table.ColDescription: {"empfänger"}, table.ColAmount: {"betrag"},
		},
		DecimalComma: true, Signs: table.ChargesNegative, Currency: "EUR",
	}
	text := "tag;zahlungspflichtiger;empfänger;betrag\n" +
		"02.03.2026;Erika Mustermann;AMAZON EU S.A R.L.;-10,50\n" +
		"03.03.2026;AMAZON PAYMENTS EUROPE;Erika Mustermann;10,50\n"
	st, err := spec.ReadTable("test", "statement.csv", strings.NewReader(text), textenc.EncUTF8, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range st.Txns.All() {
		got = append(got, txnLine(x))
	}
	if want := "2026-03-02 10.5 AMAZON EU S.A R.L. EUR\n2026-03-03 -10.5 AMAZON PAYMENTS EUROPE EUR"; strings.Join(got, "\n") != want {
		t.Errorf("read as\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}
