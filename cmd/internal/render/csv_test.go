package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+81 3 1234", "'+81 3 1234"},
		{"-AMAZON", "'-AMAZON"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tAMAZON", "'\tAMAZON"},
		{"\rAMAZON", "'\rAMAZON"},
		{"＝1+1", "'＝1+1"},
		{"＋81 3 1234", "'＋81 3 1234"},
		{"－AMAZON", "'－AMAZON"},
		{"＠SUM(1)", "'＠SUM(1)"},
		{"\uFEFF=1+1", "'\uFEFF=1+1"},
		{"\u200B=1+1", "'\u200B=1+1"},
		{"\uFEFF\u200B\u2060+1", "'\uFEFF\u200B\u2060+1"},
		{"\u200BAMAZON", "\u200BAMAZON"},
		{"AMAZON=1", "AMAZON=1"},
		{"AMAZON.CO.JP", "AMAZON.CO.JP"},
		{"ＡＭＡＺＯＮ", "ＡＭＡＺＯＮ"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := text(tt.in); got != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVLinesEachTheirOwn writes an order with two rows, another with
// none, unknown charges and a credit of no order, and reads the lines
// back: each line has every column, and holds its own row's cells and
// its own finding's, not those of the line before, whose cells it is
// made in.
func TestCSVLinesEachTheirOwn(t *testing.T) {
	d := civil.MustDate
	row := func(day, amount, desc string, line int) *parser.Transaction {
		return &parser.Transaction{Date: d(day), Amount: decimal.RequireFromString(amount), Currency: "JPY", Description: desc, File: "vpass.csv", Line: line}
	}
	charged := &matcher.OrderResult{
		Dispute: &parser.Dispute{OrderID: "250-1111111-1111111", OrderDate: d("2026-03-02"), Amount: decimal.RequireFromString("12800"), Currency: "JPY", Note: "first"},
		Charges: []*parser.Transaction{row("2026-03-04", "12800", "AMAZON CHARGE", 7)},
		Credits: []*parser.Transaction{row("2026-03-20", "-12800", "AMAZON REFUND", 9)},
		Verdict: matcher.Refunded, Currency: "JPY",
	}
	none := &matcher.OrderResult{
		Dispute: &parser.Dispute{OrderID: "250-2222222-2222222", OrderDate: d("2026-03-05"), Amount: decimal.RequireFromString("3000"), Currency: "JPY"},
		Verdict: matcher.NotCovered, Currency: "JPY",
	}
	rep := &matcher.Report{AsOf: d("2026-05-01"), Grace: 30, Watch: 60, Orders: []*matcher.OrderResult{charged, none},
		Unknown:           matcher.RowsOf(row("2026-04-01", "980", "AMAZON UNKNOWN 1", 20), row("2026-04-02", "1980", "AMAZON UNKNOWN 2", 21)),
		UnassignedCredits: []*parser.Transaction{row("2026-04-03", "-500", "AMAZON LONE CREDIT", 22)},
	}
	var out bytes.Buffer
	if err := renderCSV(&out, NewRendering(&input.Inputs{}, rep, i18n.New(i18n.English), false, 0)); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range CSVHeader {
		col[name] = i
	}
	want := [][4]string{ // finding, order_id, row, description
		{"order", "250-1111111-1111111", "charge", "AMAZON CHARGE"},
		{"order", "250-1111111-1111111", "credit", "AMAZON REFUND"},
		{"order", "250-2222222-2222222", "", ""},
		{"unknown-charge", "", "unknown", "AMAZON UNKNOWN 1"},
		{"unknown-charge", "", "unknown", "AMAZON UNKNOWN 2"},
		{"unassigned-credit", "", "credit", "AMAZON LONE CREDIT"},
	}
	if len(lines) != len(want)+1 {
		t.Fatalf("%d lines, want a header and %d", len(lines), len(want))
	}
	for i, w := range want {
		l := lines[i+1]
		if len(l) != len(CSVHeader) {
			t.Fatalf("line %d has %d cells, want %d", i+2, len(l), len(CSVHeader))
		}
		if got := [4]string{l[col["finding"]], l[col["order_id"]], l[col["row"]], l[col["description"]]}; got != w {
			t.Errorf("line %d = %q, want %q", i+2, got, w)
		}
		if note := l[col["note"]]; (i < 2) != (note == "first") {
			t.Errorf("line %d has note %q", i+2, note)
		}
		if i >= 3 && (l[col["verdict"]] != "" && w[0] == "unassigned-credit" || l[col["reason"]] == "") {
			t.Errorf("line %d: verdict %q, reason %q", i+2, l[col["verdict"]], l[col["reason"]])
		}
	}
}
