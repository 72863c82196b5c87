package formats

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/table"
)

func readRules(t *testing.T, text string) []*parser.Format {
	t.Helper()
	fs, err := ReadFormatsFile("my.rules", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestUserFormatReadsUnknownExport reads a bank export no built-in format
// knows, with the formats file written for it.
func TestUserFormatReadsUnknownExport(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "userformat")
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	// The generic reader reads this export too (its header words say it
	// all); the format a user describes comes before it.
	formats, err := ReadFormatsFile("hanse.rules", open("hanse.rules"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewRegistry(formats...).Read("hanse-giro.csv", open("hanse-giro.csv"), nil, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `format: hanse-giro
encoding: cp1252
account: Girokonto
range: 2026-03-02..2026-03-20
rows: 9 transactions: 5 skipped: header=1 preamble=3
5: 2026-03-02 64 EUR [Stadtwerke Lübeck / Abschlag März]
6: 2026-03-04 89.99 EUR [AMAZON EU S.A R.L. / AMZN Mktp DE 305-1234567-1234567]
7: 2026-03-09 4.35 EUR [Bäckerei Görtz / Kartenzahlung]
8: 2026-03-16 -89.99 EUR [AMAZON EU S.A R.L. / Erstattung 305-1234567-1234567]
9: 2026-03-20 1249 EUR [AMAZON EU S.A R.L. / AMZN Mktp DE 305-7654321-7654321]
`
	if got := describe(st); got != want {
		t.Errorf("read as:\n%s\nwant:\n%s", got, want)
	}
}

// TestUserFormatHeaderless reads a file without header by a data-row
// pattern, with columns by position, a Go date layout and charges written
// negative.
func TestUserFormatHeaderless(t *testing.T) {
	formats := readRules(t, `
format tiny-bank   
no-header
match ^\d\d/\d\d/\d{4}\|
delimiter |
skip 1
date 1
description 3
amount 2
signs charges-negative
date-format 02/01/2006
currency GBP
`)
	src := "TINY BANK EXPORT\n18/03/2026|-12.00|AMAZON.CO.UK\n19/03/2026|250.00|SALARY\n"
	st, err := NewRegistry(formats...).Read("t.txt", strings.NewReader(src), nil, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != "tiny-bank" || st.Txns.Len() != 2 {
		t.Fatalf("read as %s with %d transactions", st.Format, st.Txns.Len())
	}
	a, b := st.Txns.At(0), st.Txns.At(1)
	if a.Date.String() != "2026-03-18" || a.Amount.String() != "12" || a.Currency != "GBP" || a.Line != 2 || b.Amount.String() != "-250" {
		t.Errorf("read %s %s %s at line %d, then %s", a.Date, a.Amount, a.Currency, a.Line, b.Amount)
	}
}

// TestUserFormatDateLayoutLiterals reads dates whose layout holds literal
// digits: a bank that stamps every booking "1:00" must not have that 1 read
// as the month, and a row with another time is invalid, not misread.
func TestUserFormatDateLayoutLiterals(t *testing.T) {
	formats := readRules(t, `
format stamped
header Booked,Text,Amount
date Booked
description Text
amount Amount
date-format %Y/%-m/%-d 1:00
signs charges-positive
currency JPY
`)
	src := "Booked,Text,Amount\n2026/3/15 1:00,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3000\n2026/12/1 1:00,ローソン,540\n"
	st, err := NewRegistry(formats...).Read("s.csv", strings.NewReader(src), nil, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Txns.Len() != 2 || st.Txns.At(0).Date.String() != "2026-03-15" || st.Txns.At(1).Date.String() != "2026-12-01" {
		t.Fatalf("read %s", describe(st))
	}
	bad := "Booked,Text,Amount\n2026/3/15 2:00,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3000\n"
	_, err = NewRegistry(formats...).Read("s.csv", strings.NewReader(bad), nil, parser.ReadOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "s.csv:2: ") {
		t.Errorf("a date off the layout gives %v; want an error at s.csv:2", err)
	}
}

// TestUserFormatsFile checks what each directive sets.
func TestUserFormatsFile(t *testing.T) {
	formats := readRules(t, `# two formats in one file
format first
issuer First Bank
header Date,Details,Money Out,Money In,Status,Card
posting-date Date
description Details
debit Money Out
credit 4
only-when Status Booked, Settled
account Card
currency USD
date-format mdy

format second
header Datum,Text,Betrag,Währung
date Datum
description Text
amount Betrag
currency Währung
signs charges-positive
date-format ymd
`)
	if len(formats) != 2 {
		t.Fatalf("%d formats, want 2", len(formats))
	}
	f, g := formats[0].Table.(*table.TableSpec), formats[1].Table.(*table.TableSpec)
	if formats[0].Name != "first" || formats[0].Issuer != "First Bank" || formats[0].Example != "Date,Details,Money Out,Money In,Status,Card" {
		t.Errorf("first: %+v", formats[0])
	}
	if strings.Join(f.Header, "|") != "date|details|money out|money in|status|card" {
		t.Errorf("header %q", f.Header)
	}
	if f.Columns[table.ColPostDate][0] != "date" || f.Columns[table.ColDebit][0] != "money out" || f.Positions[table.ColCredit] != 4 ||
		f.Columns[table.ColStatus][0] != "status" || f.Columns[table.ColAccount][0] != "card" || f.Currency != "USD" || f.DateOrder != civil.OrderMDY {
		t.Errorf("first spec %+v", f)
	}
	if strings.Join(f.Booked, "|") != "booked|settled" {
		t.Errorf("booked %q", f.Booked)
	}
	if g.Columns[table.ColCurrency][0] != "währung" || g.Currency != "" || g.Signs != table.ChargesPositive || g.ParseDate == nil {
		t.Errorf("second spec %+v", g)
	}
	if _, ok := g.ParseDate("03/04/2026"); ok {
		t.Error("date-format ymd reads a year-last date")
	}
}

// TestUserFormatsFileErrors lists every problem with its line.
func TestUserFormatsFileErrors(t *testing.T) {
	const ok = "header Date,Text,Amount\ndate Date\ndescription Text\namount Amount\nsigns charges-positive\n"
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "# nothing\n", []string{`my.rules: no format in the file: each starts with a line "format NAME"`}},
		{"before format", "issuer X\n", []string{`my.rules:1: "issuer" before any "format NAME" line`}},
		{"unknown directive", "format a\nfoo bar\n" + ok, []string{`my.rules:2: unknown directive "foo" (known: account, amount, country, credit, credit-when, currency, date, date-format, debit, decimal-mark, delimiter, description, encoding, format, header, issuer, match, no-header, only-when, posting-date, signs, skip)`}},
		{"no name", "format\n" + ok, []string{`my.rules:1: format needs a name without spaces, such as "format my-bank"`}},
		{"same name", "format a\n" + ok + "format a\n" + ok, []string{`my.rules:7: format a is already described on line 1`}},
		{"built-in name", "format generic\n" + ok, []string{`my.rules:1: format generic is a built-in format: choose another name`}},
		{"twice", "format a\nissuer X\nissuer Y\n" + ok, []string{`my.rules:3: issuer is given twice in format a (also on line 2)`}},
		{"no value", "format a\nissuer\n" + ok, []string{`my.rules:2: issuer needs a value: issuer TEXT`}},
		{"encoding", "format a\nencoding latin9\n" + ok, []string{`my.rules:2: unknown encoding "latin9" (known: utf-8, cp932, cp1252, cp1250, iso-8859-1)`}},
		{"delimiter", "format a\ndelimiter :\n" + ok, []string{`my.rules:2: delimiter ":": expected , or ; or | or tab`}},
		{"skip", "format a\nskip -1\n" + ok, []string{`my.rules:2: skip "-1": expected a number of rows, 0 or more`}},
		{"bad regex", "format a\nno-header\nmatch ^(\\d+\ndate 1\ndescription 2\namount 3\nsigns charges-positive\n", []string{
			"my.rules:3: match: not a regular expression: missing closing ): `^(\\d+`"}},
		{"missing", "format a\nissuer X\n", []string{
			`my.rules:1: format a: needs header CELL,CELL,… (the header line's cells that identify the file) or no-header with match REGEX`,
			`my.rules:1: format a: needs date COLUMN (or posting-date COLUMN)`,
			`my.rules:1: format a: needs description COLUMN`,
			`my.rules:1: format a: needs amount COLUMN, or debit COLUMN and credit COLUMN`}},
		{"no signs", "format a\nheader Date,Text,Amount\ndate Date\ndescription Text\namount Amount\n", []string{
			`my.rules:1: format a: needs signs charges-positive or signs charges-negative (how the amount column writes a charge), or credit-when COLUMN VALUE,…`}},
		{"column not in header", "format a\n" + strings.Replace(ok, "amount Amount", "amount Betrag", 1), []string{
			`my.rules:5: column "Betrag" is not a cell of the header line (line 2): name it there, or give its position`}},
		{"named column without header", "format a\nno-header\nmatch ^x\ndate Date\ndescription 2\namount 3\nsigns charges-positive\n", []string{
			`my.rules:4: column "Date": a file without header names its columns by position (1, 2, …)`}},
		{"position 0", "format a\n" + strings.Replace(ok, "amount Amount", "amount 0", 1), []string{`my.rules:5: column 0: positions start at 1`}},
		{"both amounts", "format a\n" + ok + "debit Amount\ncredit Amount\n", []string{
			`my.rules:5: amount and debit/credit both given: a file has one amount column or a debit and a credit column`}},
		{"signs with debit", "format a\nheader D,T,O,I\ndate D\ndescription T\ndebit O\ncredit I\nsigns charges-negative\n", []string{
			`my.rules:7: signs is for an amount column; with debit and credit columns, debits are charges`}},
		{"signs value", "format a\n" + strings.Replace(ok, "charges-positive", "positive", 1), []string{
			`my.rules:6: signs "positive": expected charges-positive or charges-negative`}},
		{"date format", "format a\ndate-format %d.%m\n" + ok, []string{
			`my.rules:2: date-format: date layout "%d.%m" does not name a year, a month and a day (or ymd, dmy, mdy)`}},
		{"decimal mark", "format a\ndecimal-mark ;\n" + ok, []string{`my.rules:2: decimal-mark ";": expected . or ,`}},
		{"currency", "format a\ncurrency euro\n" + ok, []string{`my.rules:2: currency "euro" is neither a column of the header nor a currency code such as EUR`}},
		{"three columns", "format a\n" + strings.Replace(ok, "description Text", "description A+B+C", 1), []string{`my.rules:4: description joins at most two columns (COLUMN+COLUMN)`}},
		{"credit-when values", "format a\ncredit-when Type\n" + ok, []string{`my.rules:2: credit-when needs a column and the values: credit-when COLUMN VALUE,…`}},
		{"header and no-header", "format a\nno-header\n" + ok, []string{`my.rules:2: no-header and header both given: a file has a header line or not`}},
		{"match with header", "format a\nmatch ^x\n" + ok, []string{`my.rules:2: match is for files without header (no-header); header identifies this one`}},
		{"empty header cell", "format a\n" + strings.Replace(ok, "Text,", "Text,,", 1), []string{`my.rules:2: header has an empty cell: list the header's cells separated by commas`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFormatsFile("my.rules", strings.NewReader(tt.text))
			l, isList := parser.AsList(err)
			if !isList {
				t.Fatalf("got %v, want *Errors", err)
			}
			var got []string
			for _, e := range l {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var e *parser.Error
			if !errors.As(err, &e) {
				t.Error("not an *Error")
			}
		})
	}
}
