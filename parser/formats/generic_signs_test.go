package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// TestGenericSignsRefused: a file whose direction cannot be told is
// refused, naming --formats, never guessed.
func TestGenericSignsRefused(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"four rows", "Date,Description,Amount\n2026-03-01,AMAZON.COM,5\n2026-03-02,UBER,6\n2026-03-03,LYFT,7\n2026-03-04,SHELL,8\n",
			"s.csv:1: cannot tell charges from credits: 4 rows are positive and 0 negative, and no column or mark says which is which (the majority is taken only with at least 5 rows and twice as many of one sign); describe the file with --formats"},
		{"less than twice as many", "Date,Description,Amount\n2026-03-01,AMAZON.COM,5\n2026-03-02,UBER,6\n2026-03-03,LYFT,7\n2026-03-04,PAYMENT,-8\n2026-03-05,REFUND,-9\n",
			"s.csv:1: cannot tell charges from credits: 3 rows are positive and 2 negative, and no column or mark says which is which (the majority is taken only with at least 5 rows and twice as many of one sign); describe the file with --formats"},
		{"a direction word the column does not know", "Date,Type,Description,Amount\n2026-03-01,DEBIT,AMAZON.COM,-5\n2026-03-02,CREDIT,PAYROLL,600\n" +
			strings.Repeat("2026-03-03,DEBIT,UBER,-6\n", 300) + "2026-03-04,FEE,MONTHLY FEE,-1\n",
			`s.csv:304: "FEE" in the direction column is neither a debit nor a credit word; describe the file with --formats`},
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

// TestGenericSignEvidence: the direction is taken from what the rows say
// before their majority; the basis is reported.
func TestGenericSignEvidence(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the signed amounts
		basis    string
	}{
		{"type column over a majority of credits",
			"Date,Type,Description,Amount\n2026-03-01,CREDIT,PAYROLL,\"$3,000.00\"\n2026-03-02,DEBIT,AMAZON.COM,-$7.50\n2026-03-03,CREDIT,ZELLE,$20.00\n",
			[]string{"-3000", "7.5", "-20"}, "signs from the direction column: debits 1, credits 2"},
		{"Soll and Haben", "Buchungstag;Empfänger;Betrag;S/H\n02.03.2026;AMAZON EU S.A R.L.;89,99;S\n03.03.2026;Arbeitgeber GmbH;2.100,00;H\n",
			[]string{"89.99", "-2100"}, "signs from the direction column: debits 1, credits 1"},
		{"Af and Bij", "Datum;Naam / Omschrijving;Af Bij;Bedrag (EUR)\n20260302;bol.com;Af;12,50\n20260303;Werkgever BV;Bij;1.850,00\n",
			[]string{"12.5", "-1850"}, "signs from the direction column: debits 1, credits 1"},
		{"debit and credit columns", "Date,Description,Debit CHF,Credit CHF\n02.03.2026,Amazon EU,-45.10,\n03.03.2026,Salär,,5200.00\n",
			[]string{"45.1", "-5200"}, "signs from the debit and credit columns"},
		{"DR marks written negative turn the rows without a mark", "Date,Description,Amount\n2026-03-01,AMAZON.COM,-5.00 DR\n2026-03-02,UBER,-6.00\n2026-03-03,PAYMENT,100.00\n",
			[]string{"5", "6", "-100"}, "signs from CR and DR marks; the 2 rows without one are written as the marked debits are, charges negative"},
		{"majority of negatives", "Date,Description,Amount\n2026-03-01,AMAZON.COM,-5\n2026-03-02,UBER,-6\n2026-03-03,LYFT,-7\n2026-03-04,SHELL,-8\n2026-03-05,PAYMENT,100\n",
			[]string{"5", "6", "7", "8", "-100"}, "signs by the majority of rows: 4 of 5 are negative, taken as charges"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, keep := range []func(string) bool{nil, func(string) bool { return false }} {
				st := readString(t, "s.csv", tt.in, parser.ReadOptions{Keep: keep})
				if keep != nil {
					charges, credits := st.ChargesAndCredits()
					wantCharges := 0
					for _, a := range tt.want {
						if !strings.HasPrefix(a, "-") {
							wantCharges++
						}
					}
					if charges != wantCharges || credits != len(tt.want)-wantCharges {
						t.Errorf("in brief: %d charges, %d credits; want %d and %d", charges, credits, wantCharges, len(tt.want)-wantCharges)
					}
					continue
				}
				var got []string
				for _, x := range st.Txns.All() {
					got = append(got, x.Amount.String())
				}
				if strings.Join(got, " ") != strings.Join(tt.want, " ") {
					t.Errorf("amounts %v, want %v", got, tt.want)
				}
				if !containsMessage(st.Reading, tt.basis) {
					t.Errorf("reading %q, want %q", st.Reading, tt.basis)
				}
			}
		})
	}
}

// TestDebitColumnReversals: a debit or credit cell written negative where
// the column's other cells are positive is money going the other way, in
// full and in brief, and a note says how many; a column written negative
// throughout keeps its rows as charges.
func TestDebitColumnReversals(t *testing.T) {
	const head = "Date,Description,Debit,Credit\n"
	tests := []struct {
		name, in string
		want     []string // the signed amounts of the rows kept
		charges  int      // in brief (nothing kept)
		credits  int
		note     string
	}{
		{"a reversal among positive debits",
			head + "2026-03-05,AMAZON.CO.JP,12800,\n2026-03-09,AMAZON.CO.JP,-400,\n2026-03-10,LAWSON,300,\n2026-03-12,SALARY,,5000\n",
			[]string{"12800", "-400", "300", "-5000"}, 2, 2,
			"1 rows written negative in the debit column, whose other amounts are positive, are read as credits (a charge reversed)"},
		{"a credit written negative among positive credits",
			head + "2026-03-05,SALARY,,5000\n2026-03-06,REFUND,,20\n2026-03-09,FEE CORRECTION,,-15\n",
			[]string{"-5000", "-20", "15"}, 1, 2,
			"1 rows written negative in the credit column, whose other amounts are positive, are read as charges (a credit reversed)"},
		{"debits written negative throughout",
			head + "2026-03-05,AMAZON.CO.JP,-12800,\n2026-03-09,LAWSON,-400,\n2026-03-12,SALARY,,5000\n",
			[]string{"12800", "400", "-5000"}, 2, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := ReadStatement("s.csv", strings.NewReader(tt.in), parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range st.Txns.All() {
				got = append(got, x.Amount.String())
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("read %v, want %v", got, tt.want)
			}
			var notes []string
			for _, n := range st.Notes {
				notes = append(notes, n.String())
			}
			if joined := strings.Join(notes, "\n"); !strings.Contains(joined, tt.note) || tt.note == "" && strings.Contains(joined, "reversed") {
				t.Errorf("notes %q, want %q", joined, tt.note)
			}
			brief, err := ReadStatement("s.csv", strings.NewReader(tt.in), parser.ReadOptions{Keep: func(string) bool { return false }})
			if err != nil {
				t.Fatal(err)
			}
			if c, d := brief.ChargesAndCredits(); c != tt.charges || d != tt.credits {
				t.Errorf("in brief %d charges, %d credits; want %d, %d", c, d, tt.charges, tt.credits)
			}
		})
	}
}
