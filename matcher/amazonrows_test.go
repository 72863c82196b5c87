package matcher

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/workload"
	"github.com/shopspring/decimal"
)

// TestAmazonRowsAsksWhatNoOneAsked checks which kept rows amazonRows asks
// the recognizer about: not a row the reader kept because the same
// recognizer chose it (check reads its statements so), but any other: a
// row kept for another reason, one chosen by another recognizer, and
// every row of a statement read without naming what chose its rows. A
// row of a shop that was taken as chosen shows that it was not asked.
func TestAmazonRowsAsksWhatNoOneAsked(t *testing.T) {
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	day := civil.MustDate("2026-03-02")
	read := func(keptBy any, chosen ...bool) *parser.Statement {
		st := &parser.Statement{File: "statement.csv", KeptBy: keptBy}
		for i, desc := range []string{"AMAZON.CO.JP", "LAWSON TOKYO 123"} {
			st.Txns.Add(&parser.Transaction{Date: day, Amount: decimal.NewFromInt(1200), Currency: "JPY", Description: desc, Normalized: desc, Line: i + 2})
			if chosen[i] {
				st.Txns.SetChosen(i)
			}
		}
		return st
	}
	for _, tc := range []struct {
		name string
		st   *parser.Statement
		want int // charges
	}{
		{"both chosen by the recognizer", read(amazon, true, true), 2},
		{"the shop kept for another reason", read(amazon, true, false), 1},
		{"both chosen by another recognizer", read(other, true, true), 1},
		{"read without naming what chose", read(nil, true, true), 1},
	} {
		charges, _, _ := amazonRows([]*parser.Statement{tc.st}, day, amazon)
		if got := charges.len(); got != tc.want {
			t.Errorf("%s: %d charges, want %d", tc.name, got, tc.want)
		}
	}
}

// TestAmazonRowsTheSameUnasked reads every statement fixture, and a
// workload, as check does (Keep asks the recognizer, KeepBy names it), and
// checks that gathering the Amazon rows gives the same charges and credits
// whether it trusts the rows the recognizer chose or asks again of each:
// so that a reader that changed a row's text after Keep saw it would show.
func TestAmazonRowsTheSameUnasked(t *testing.T) {
	amazon, err := NewRecognizer(`LAWSON`)
	if err != nil {
		t.Fatal(err)
	}
	if err := amazon.Except(`AMAZON WEB SERVICES`); err != nil {
		t.Fatal(err)
	}
	keep := func(normalized string) bool {
		is, _ := amazon.Classify(normalized)
		return is
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "formats", "*"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"workload.csv": workload.Generate(20_000, 200, 1).Statement}
	for _, path := range files {
		if !strings.HasSuffix(path, ".want") {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			inputs[filepath.Base(path)] = data
		}
	}
	asOf := civil.MustDate("2030-01-01")
	rows := func(st *parser.Statement) string {
		charges, credits, _ := amazonRows([]*parser.Statement{st}, asOf, amazon)
		var b strings.Builder
		for i := range charges.len() {
			fmt.Fprintf(&b, "charge %d %s\n", charges.refs[i].row, charges.day(i))
		}
		for _, c := range credits {
			fmt.Fprintf(&b, "credit %d %s %s\n", c.Line, c.Date, c.Amount)
		}
		return b.String()
	}
	amazonRowsSeen := 0
	for name, data := range inputs {
		st, err := formats.ReadStatement(name, bytes.NewReader(data), parser.ReadOptions{Keep: keep, KeepBy: amazon, SkipInvalid: true})
		if err != nil {
			continue // a fixture of a file refused; its errors are other tests'
		}
		if st.KeptBy != any(amazon) {
			t.Fatalf("%s: kept by %v, want the recognizer", name, st.KeptBy)
		}
		trusted := rows(st)
		st.KeptBy = nil
		if asked := rows(st); trusted != asked {
			t.Errorf("%s: trusting the rows chosen\n%s\nasking each\n%s", name, trusted, asked)
		}
		amazonRowsSeen += strings.Count(trusted, "\n")
	}
	if amazonRowsSeen < 1000 {
		t.Errorf("%d Amazon rows in all: too few to tell", amazonRowsSeen)
	}
}
