package table

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// TestPlainRowsReadAsEveryRow reads generic files whose rows are most
// often plain, with the records around them that are not (blank lines,
// cells with spaces about them, records too wide or too narrow, section
// markers and pending sections, repeated headers, dateless totals and
// notes, dates that do not start with a digit, lines that continue the
// row above, status columns), each once with its plain rows taken
// straight to transaction and once through genericRow and row: the
// statements, and the problems, must be the same.
func TestPlainRowsReadAsEveryRow(t *testing.T) {
	rnd := rand.New(rand.NewPCG(81, 82))
	headers := []string{"Date,Description,Amount", "Date,Description,Amount,Status", "Posted Date,Payee,Memo,Amount",
		"Date,Description,Debit,Credit", "Date,Amount,Description"}
	descs := []string{"AMAZON.CO.JP", "AMZN Mktp US*2K4RT5Q31", "SEVEN-ELEVEN 00989", " STARBUCKS #6657 ", "Amazon Refund", ""}
	// Charges most often, so that the signs can be told.
	amounts := []string{"12.30", "1234.56", "7", "-5.00", " 8.60", "-0.99", "", "1,234.56", "abc"}
	row := func(header string, day int, bad bool) string {
		date := fmt.Sprintf("2026-03-%02d", day)
		desc, amt := descs[rnd.IntN(2)], amounts[rnd.IntN(3)] // most rows plain
		if rnd.IntN(4) == 0 {
			desc, amt = descs[rnd.IntN(len(descs))], amounts[rnd.IntN(6)]
		}
		if bad && rnd.IntN(20) == 0 {
			amt = amounts[6+rnd.IntN(3)]
		}
		switch header {
		case "Date,Description,Amount,Status":
			return date + "," + desc + "," + amt + "," + []string{"Posted", "Pending", ""}[rnd.IntN(3)]
		case "Posted Date,Payee,Memo,Amount":
			return date + "," + desc + ",memo " + desc + "," + amt
		case "Date,Description,Debit,Credit":
			if strings.HasPrefix(amt, "-") {
				return date + "," + desc + ",," + amt[1:]
			}
			return date + "," + desc + "," + amt + ","
		case "Date,Amount,Description":
			return date + "," + amt + "," + desc
		}
		return date + "," + desc + "," + amt
	}
	// Records that are no plain row, and (bad) those that make a file
	// refused.
	odd := func(header string, day int) string {
		width := strings.Count(header, ",") + 1
		switch rnd.IntN(9) {
		case 0:
			return ""
		case 1:
			return strings.Repeat(",", width-1)
		case 2:
			return "Pending Transactions"
		case 3:
			return "Posted Transactions"
		case 4:
			return header // repeated
		case 5:
			return " " + row(header, day, false)
		case 6:
			return row(header, day, false) + ","
		case 7:
			if header == headers[0] {
				return ",AMAZON MARKETPLACE," // goes on from the row above
			}
			return row(header, day, false)
		}
		if header == headers[0] {
			return fmt.Sprintf(`2026-03-%02d,"AMAZON, INC",3.00`, day)
		}
		return row(header, day, false)
	}
	bad := []string{"Total,,99.99", "Mar 02 2026,AMAZON,1.00", "2026-03-02,AMAZON,1.00,x", "2026-03-02,AMAZON", "2026-13-45,AMAZON,1.00"}
	files := 0
	for range 400 {
		header := headers[rnd.IntN(len(headers))]
		refused := rnd.IntN(4) == 0
		lines := []string{header}
		for i := range 30 + rnd.IntN(40) {
			switch {
			case rnd.IntN(10) == 0:
				lines = append(lines, odd(header, 1+i/3))
			case refused && rnd.IntN(30) == 0:
				lines = append(lines, bad[rnd.IntN(len(bad))])
			default:
				lines = append(lines, row(header, 1+i/3, refused))
			}
		}
		text := strings.Join(lines, "\n") + "\n"
		got, gotErr, want, wantErr := readBothWays(text, parser.ReadOptions{}, &plainRows)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s\nread with plain rows: %+v %v\nthrough genericRow: %+v %v", text, got, gotErr, want, wantErr)
		}
		if got != nil {
			files++
		}
	}
	if files < 200 {
		t.Fatalf("only %d files of 400 were read: the test tests too little", files)
	}
}

// readBothWays reads text with the generic reader as opts says, once as
// it reads files (with the step *way lets it take) and once with *way
// cleared, and returns each way's statement, or its problems (""
// where it has none).
func readBothWays(text string, opts parser.ReadOptions, way *bool) (got *parser.Statement, gotErr string, want *parser.Statement, wantErr string) {
	read := func(on bool) (*parser.Statement, string) {
		*way = on
		defer func() { *way = true }()
		st, err := Generic.Read("statement.csv", strings.NewReader(text), "utf-8", opts)
		if err != nil {
			return nil, err.Error()
		}
		return st, ""
	}
	got, gotErr = read(true)
	want, wantErr = read(false)
	return got, gotErr, want, wantErr
}
