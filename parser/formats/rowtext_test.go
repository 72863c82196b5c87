package formats

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// TestRowTextKeptPastItsRow reads files longer than the row reader's
// buffer, which is read over as the file goes on, in which the reader
// keeps texts of a row past the next one: the status that skips a row,
// counted by its text; a description's continuation, read before the row
// it continues is kept; the date that tells the day order; the cell an
// invalid row's message quotes; the account a preamble line names. Each
// must come out as the file wrote it. In a build with the tag rowpoison,
// every row's text is also written over as soon as the next is read.
func TestRowTextKeptPastItsRow(t *testing.T) {
	t.Run("generic", func(t *testing.T) {
		var in strings.Builder
		in.WriteString("Date,Description,Amount,Status\n")
		line := 1
		var want []string
		skipped := map[string]int{"header": 1}
		var invalid []string
		lastTold, lastToldLine := "", 0
		for i := range 6000 {
			day, month := 1+i%28, 1+i/28%12
			date := fmt.Sprintf("%02d/%02d/%d", day, month, 2020+i/336)
			status, amount := "booked", fmt.Sprintf("%d.%02d", 10+i%90, i%100)
			switch {
			case i%40 == 7:
				status = "pending"
			case i%500 == 250:
				amount = "1O.00" // a letter O
			}
			line++
			fmt.Fprintf(&in, "%s,SHOP %04d,%s,%s\n", date, i, amount, status)
			desc := fmt.Sprintf("SHOP %04d", i)
			if i%30 == 0 && status == "booked" {
				line++
				fmt.Fprintf(&in, "CITY%04d\n", i) // one field, one word: no separator, no space
				desc += fmt.Sprintf(" / CITY%04d", i)
				skipped["continuation"]++
			}
			switch {
			case status == "pending":
				skipped["pending"]++
				continue
			case amount == "1O.00":
				skipped["invalid"]++
				invalid = append(invalid, fmt.Sprintf(`statement.csv:%d: amount: "1O.00" is not an amount`, line-boolInt(i%30 == 0)))
				continue
			}
			if day > 12 {
				lastTold, lastToldLine = date, line-boolInt(i%30 == 0)
			}
			want = append(want, fmt.Sprintf("%d: %04d-%02d-%02d %s  [%s]", line-boolInt(i%30 == 0), 2020+i/336, month, day, strings.TrimRight(strings.TrimRight(amount, "0"), "."), desc))
		}
		text := in.String()
		if len(text) < 3*(64<<10) {
			t.Fatalf("the file is %d bytes: too short to read the buffer over", len(text))
		}
		st, err := ReadStatement("statement.csv", strings.NewReader(text), parser.ReadOptions{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range st.Txns.All() {
			got = append(got, fmt.Sprintf("%d: %s %s %s [%s]", x.Line, x.Date, x.Amount, x.Currency, x.Description))
		}
		if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
			t.Errorf("transactions differ; first difference:\n%s", firstDifference(got, want))
		}
		if !maps.Equal(st.Skipped, skipped) {
			t.Errorf("skipped %v, want %v", st.Skipped, skipped)
		}
		var gotInvalid []string
		for _, e := range st.Invalid {
			gotInvalid = append(gotInvalid, e.Error())
		}
		if g, w := strings.Join(gotInvalid, "\n"), strings.Join(invalid, "\n"); g != w {
			t.Errorf("invalid rows\n%s\nwant\n%s", g, w)
		}
		told := fmt.Sprintf("day order day/month/year, told by %q on line %d", lastTold, lastToldLine)
		if !containsMessage(st.Reading, told) {
			t.Errorf("reading %q, want %q", st.Reading, told)
		}
	})
	t.Run("account of a preamble line", func(t *testing.T) {
		var in strings.Builder
		in.WriteString("お客さま口座情報\r\n現在高：140004円\r\nお客さま口座番号：10180-24681357\r\n照会対象：期間指定\r\n" +
			"取引日,入出金明細ＩＤ,受入金額（円）,払出金額（円）,詳細１,詳細２,現在（貸付）高,\r\n")
		for i := range 3000 {
			fmt.Fprintf(&in, "2026%02d%02d,2026%04d0000001,,%d,デビット,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,%d,\r\n", 1+i/250, 1+i%28, i, 100+i, 1000000-i)
		}
		st, err := readSJIS(t, "yucho.csv", in.String())
		if err != nil {
			t.Fatal(err)
		}
		if st.Format != "yucho-bank" || st.Txns.Len() != 3000 {
			t.Fatalf("read as %s with %d transactions, want yucho-bank with 3000", st.Format, st.Txns.Len())
		}
		if st.Account != "10180-24681357" {
			t.Errorf("account %q, want 10180-24681357", st.Account)
		}
	})
}

// boolInt is 1 for true, 0 for false.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		g, w := "(none)", "(none)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("got  %s\nwant %s", g, w)
		}
	}
	return ""
}
