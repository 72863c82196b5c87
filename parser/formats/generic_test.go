package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"golang.org/x/text/encoding/japanese"
)

// txnLine renders a transaction compactly for comparison.
func txnLine(t parser.Transaction) string {
	s := t.Date.String() + " " + t.Amount.String() + " " + t.Description
	if t.UsedOn.Valid() {
		s += " used:" + t.UsedOn.String()
	}
	if t.Currency != "" {
		s += " " + t.Currency
	}
	if t.Account != "" {
		s += " acct:" + t.Account
	}
	if t.OrigCurrency != "" {
		s += " orig:" + t.OrigAmount.String() + t.OrigCurrency
	}
	return s
}

func readString(t *testing.T, name, in string, opts parser.ReadOptions) *parser.Statement {
	t.Helper()
	st, err := ReadStatement(name, strings.NewReader(in), opts)
	if err != nil {
		t.Fatalf("ReadStatement(%s): %v", name, err)
	}
	return st
}

func TestGenericStatements(t *testing.T) {
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(
		"カード名称,楽々カード\r\nお支払日,2026/05/07\r\n\r\n" +
			"利用日,利用店名・商品名,利用金額,支払区分\r\n" +
			"2026/03/18,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,\"30,000\",１回\r\n" +
			"2026/03/20,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,-8480,１回\r\n" +
			"2026/03/21,ローソン,500,１回\r\n" +
			"2026/03/22,ローソン,600,１回\r\n" +
			"2026/03/23,ローソン,700,１回\r\n" +
			",合計,\"21,520\",\r\n")
	tests := []struct {
		name     string
		in       string
		want     []string
		enc      string
		account  string
		skipped  map[string]int
		hasNotes bool
	}{
		{
			// Not the chase-card header (no Type, no Memo): the generic reader infers the signs.
			name: "card export: purchases negative, two dates",
			in: "Transaction Date,Post Date,Description,Category,Amount\n" +
				"04/26/2024,04/28/2024,AMZN Mktp US*1FASU238B,Shopping,-23.45\n" +
				"04/27/2024,04/29/2024,STARBUCKS #1234,Food & Drink,-5.10\n" +
				"05/01/2024,05/01/2024,Payment Thank You-Mobile,,500.00\n" +
				"05/02/2024,05/03/2024,AMZN Mktp US*2B3C4D5E6,Shopping,23.45\n" +
				"05/13/2024,05/14/2024,SHELL OIL 574,Gas,-40.00\n" +
				"05/14/2024,05/15/2024,LYFT RIDE,Travel,-12.00\n",
			want: []string{
				"2024-04-28 23.45 AMZN Mktp US*1FASU238B used:2024-04-26",
				"2024-04-29 5.1 STARBUCKS #1234 used:2024-04-27",
				"2024-05-01 -500 Payment Thank You-Mobile used:2024-05-01",
				"2024-05-03 -23.45 AMZN Mktp US*2B3C4D5E6 used:2024-05-02",
				"2024-05-14 40 SHELL OIL 574 used:2024-05-13",
				"2024-05-15 12 LYFT RIDE used:2024-05-14",
			},
			enc: textenc.EncUTF8, skipped: map[string]int{parser.SkipHeader: 1}, hasNotes: true,
		},
		{
			// Not the capital-one header (no Category).
			name: "debit and credit columns, card number",
			in: "Transaction Date,Posted Date,Card No.,Description,Debit,Credit\n" +
				"2026-03-01,2026-03-02,0420,AMAZON.COM AMZN.COM/BILL WA,89.99,\n" +
				"2026-03-05,2026-03-06,0420,AMAZON.COM AMZN.COM/BILL WA,,89.99\n" +
				"2026-03-07,2026-03-07,0420,CAPITAL ONE ONLINE PYMT,,-150.00\n",
			want: []string{
				"2026-03-02 89.99 AMAZON.COM AMZN.COM/BILL WA used:2026-03-01 acct:0420",
				"2026-03-06 -89.99 AMAZON.COM AMZN.COM/BILL WA used:2026-03-05 acct:0420",
				"2026-03-07 -150 CAPITAL ONE ONLINE PYMT used:2026-03-07 acct:0420",
			},
			enc: textenc.EncUTF8, account: "0420", skipped: map[string]int{parser.SkipHeader: 1},
		},
		{
			name: "japanese cp932 with preamble, blank line and total",
			in:   sjis,
			want: []string{
				"2026-03-18 30000 ＡＭＡＺＯＮ．ＣＯ．ＪＰ",
				"2026-03-20 -8480 ＡＭＡＺＯＮ．ＣＯ．ＪＰ",
				"2026-03-21 500 ローソン",
				"2026-03-22 600 ローソン",
				"2026-03-23 700 ローソン",
			},
			enc: textenc.EncCP932, skipped: map[string]int{parser.SkipPreamble: 2, parser.SkipHeader: 1, parser.SkipTotal: 1},
		},
		{
			name: "uk day-first dates told by a day above 12",
			in: "Date,Description,Debit,Currency\n" +
				"02/03/2026,AMAZON.CO.UK*AB12CD34E,12.99,GBP\n" +
				"13/03/2026,TESCO STORES 2231,40.10,GBP\n",
			want: []string{
				"2026-03-02 12.99 AMAZON.CO.UK*AB12CD34E GBP",
				"2026-03-13 40.1 TESCO STORES 2231 GBP",
			},
			enc: textenc.EncUTF8, skipped: map[string]int{parser.SkipHeader: 1},
		},
		{
			name: "german semicolons, decimal comma, euro sign",
			in: "Buchungstag;Buchungstext;Betrag\n" +
				"02.03.2026;Amazon.de/AMAZON.DE//LU;-1.234,56 €\n" +
				"03.03.2026;REWE Markt;-12,30 €\n" +
				"04.03.2026;Gehalt;2.500,00 €\n" +
				"05.03.2026;dm-drogerie markt;-7,45 €\n" +
				"06.03.2026;Deutsche Bahn;-39,90 €\n",
			want: []string{
				"2026-03-02 1234.56 Amazon.de/AMAZON.DE//LU EUR",
				"2026-03-03 12.3 REWE Markt EUR",
				"2026-03-04 -2500 Gehalt EUR",
				"2026-03-05 7.45 dm-drogerie markt EUR",
				"2026-03-06 39.9 Deutsche Bahn EUR",
			},
			enc: textenc.EncUTF8, skipped: map[string]int{parser.SkipHeader: 1}, hasNotes: true,
		},
		{
			name: "foreign amount kept",
			in: "Date,Description,Debit,Original amount,Original currency\n" +
				"2026-09-18,AMAZON.COM,2000,12.34,USD\n",
			want: []string{"2026-09-18 2000 AMAZON.COM orig:12.34USD"},
			enc:  textenc.EncUTF8, skipped: map[string]int{parser.SkipHeader: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := readString(t, "s.csv", tt.in, parser.ReadOptions{})
			var got []string
			for _, txn := range st.Txns.All() {
				got = append(got, txnLine(txn))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("transactions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if st.Encoding != tt.enc || st.Account != tt.account || st.Format != parser.FormatGeneric {
				t.Errorf("encoding %q account %q format %q, want %q %q generic", st.Encoding, st.Account, st.Format, tt.enc, tt.account)
			}
			if len(st.Skipped) != len(tt.skipped) {
				t.Errorf("skipped %v, want %v", st.Skipped, tt.skipped)
			}
			for k, n := range tt.skipped {
				if st.Skipped[k] != n {
					t.Errorf("skipped %v, want %v", st.Skipped, tt.skipped)
				}
			}
			if st.Rows != st.Txns.Len()+st.SkippedTotal() {
				t.Errorf("row accounting: %d rows != %d transactions + %d skipped", st.Rows, st.Txns.Len(), st.SkippedTotal())
			}
			if (len(st.Notes) > 0) != tt.hasNotes {
				t.Errorf("notes %q, want some: %v", st.Notes, tt.hasNotes)
			}
			if st.From != st.Txns.At(0).Date || st.To != st.Txns.At(st.Txns.Len()-1).Date {
				t.Errorf("coverage %s..%s does not span the rows", st.From, st.To)
			}
		})
	}
}

// genericErrorCases are statements the generic reader refuses, with the
// exact error; the fuzz targets start from them too.
const genericHead = "Date,Description,Amount\n"

var genericErrorCases = []struct {
	name, in, want string
}{
	{"empty file", "", "s.csv: file is empty"},
	{"only blank lines", "\n\n  \n", "s.csv: file is empty"},
	{"no header", "hello,world\n1,2\n", "s.csv: not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first 30 rows"},
	{"header only", genericHead, "s.csv:1: no transaction follows the header"},
	{"bad amount", genericHead + "2026-03-01,AMAZON.CO.JP,12O0\n", `s.csv:2: amount: "12O0" is not an amount`},
	{"missing amount", genericHead + "2026-03-01,AMAZON.CO.JP,\n", `s.csv:2: row has no amount`},
	{"missing amount, month/day/year date", "Date,Description,Debit\n02/27/2026,X,\n", `s.csv:2: row has no amount`},
	{"missing amount before a dated row", "Date,Description,Debit\n02/27/2026,X,\n03/01/2026,Y,5\n", `s.csv:2: row has no amount`},
	{"bad date", genericHead + "2026-03-01,A,1\n2026-02-30,AMAZON.CO.JP,5\n", `s.csv:3: "2026-02-30" is not a day of the calendar`},
	{"not a date", genericHead + "soon,AMAZON.CO.JP,5\n", `s.csv:2: "soon" is not a date (expected 2026-03-02, 2026/03/02 or 03/02/2026)`},
	{"ragged row", genericHead + "2026-03-01,AMAZON.CO.JP\n", "s.csv:2: row has 2 fields, but the header on line 1 needs 3"},
	{"unquoted comma", genericHead + "2026-03-01,GITHUB, INC.,5\n", "s.csv:2: row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)"},
	{"amount without date", genericHead + ",AMAZON.CO.JP,5000\n2026-03-01,A,1\n", "s.csv:2: row has an amount but no date"},
	{"bad quoting", genericHead + "2026-03-01,\"AMAZON\"X,5\n", `s.csv:2:19: a quoted field is not closed as expected; expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`},
	{"quote never closed", genericHead + "2026-03-01,\"AMAZON.CO.JP,1200\n2026-03-02,LAWSON,300\n",
		`s.csv:2: a quoted field of the row starting here is not closed as expected (read on to line 3, column 23); expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`},
	{"bare quote", genericHead + "2026-03-01,12\" DISPLAY,5\n", `s.csv:2:14: a " stands inside a field that does not start with one; expected the whole field in quotes, with the " written twice ("")`},
	{"every quoting problem", genericHead + "2026-03-01,12\" DISPLAY,5\n2026-03-02,LAWSON,x\n2026-03-03,\"A\"B,5\n",
		"s.csv:2:14: a \" stands inside a field that does not start with one; expected the whole field in quotes, with the \" written twice (\"\")\n" +
			"s.csv:3: amount: \"x\" is not an amount\n" +
			"s.csv:4:14: a quoted field is not closed as expected; expected a closing \" followed by the delimiter or the end of the line, and \"\" for a quote inside the field"},
	{"row too long", genericHead + "2026-03-01,LAWSON,1\n2026-03-02," + strings.Repeat("A", 2<<20) + ",5\n",
		"s.csv:3: row is longer than 1 MiB; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed"},
	{"quote left open over many lines", genericHead + "2026-03-01,LAWSON,1\n\"2026-03-02," + strings.Repeat("AMAZON\n", 200000) + ",5\n",
		"s.csv:3: row is longer than 1 MiB; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed"},
	{"ambiguous day order", genericHead + "03/04/2026,AMAZON.COM,5\n05/06/2026,AMAZON.COM,6\n", `s.csv:2: "03/04/2026" could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy`},
	{"contradicting day order", genericHead + "13/04/2026,AMAZON.COM,5\n04/14/2026,AMAZON.COM,6\n", `s.csv:3: "04/14/2026" contradicts the day order of line 2 (day/month/year)`},
	{"several problems", genericHead + "2026-03-01,A,x\n2026-03-02,B,y\n", "s.csv:2: amount: \"x\" is not an amount\ns.csv:3: amount: \"y\" is not an amount"},
}

func TestGenericErrors(t *testing.T) {
	for _, tt := range genericErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadStatement("s.csv", strings.NewReader(tt.in), parser.ReadOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

func TestGenericSkipInvalid(t *testing.T) {
	in := "Date,Description,Debit\n2026-03-01,AMAZON.CO.JP,1000\n2026-03-02,AMAZON.CO.JP,1O00\n2026-03-03,LAWSON,200\n"
	st := readString(t, "s.csv", in, parser.ReadOptions{SkipInvalid: true})
	if st.Txns.Len() != 2 || len(st.Invalid) != 1 || st.Skipped[parser.SkipInvalid] != 1 {
		t.Fatalf("got %d transactions, %d invalid (%v)", st.Txns.Len(), len(st.Invalid), st.Skipped)
	}
	if got := st.Invalid[0].Error(); got != `s.csv:3: debit: "1O00" is not an amount` {
		t.Errorf("invalid row = %s", got)
	}
	if st.Rows != st.Txns.Len()+st.SkippedTotal() {
		t.Errorf("row accounting: %d rows != %d + %d", st.Rows, st.Txns.Len(), st.SkippedTotal())
	}
}

// A row left out for its amount must not take the year-last date of the
// next row, nor leave its own to be settled.
func TestGenericSkipInvalidYearLastDates(t *testing.T) {
	in := "Date,Description,Debit\n02/27/2026,X,\n03/01/2026,Y,5\n03/15/2026,Z,\n03/20/2026,W,7\n"
	st := readString(t, "s.csv", in, parser.ReadOptions{SkipInvalid: true})
	var got []string
	for _, x := range st.Txns.All() {
		got = append(got, txnLine(x))
	}
	want := []string{"2026-03-01 5 Y", "2026-03-20 7 W"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(st.Invalid) != 2 {
		t.Errorf("transactions %q, %d invalid; want %q, 2 invalid", got, len(st.Invalid), want)
	}
}

func TestGenericLineNumbersSurviveMultilineFields(t *testing.T) {
	in := "Date,Description,Debit\n2026-03-01,\"AMAZON\nMARKETPLACE\",1000\n2026-03-02,AMAZON.CO.JP,20\n"
	st := readString(t, "s.csv", in, parser.ReadOptions{})
	if st.Txns.At(0).Line != 2 || st.Txns.At(1).Line != 4 {
		t.Errorf("lines %d and %d, want 2 and 4", st.Txns.At(0).Line, st.Txns.At(1).Line)
	}
}
