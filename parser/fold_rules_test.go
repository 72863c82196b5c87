package parser

import (
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// The statement holding the most copies of a row keeps it, the first one
// on a tie; rows outside the overlap have no keeper.
func TestFoldKeepersMostCopiesFirstOnTie(t *testing.T) {
	const head = "Date,Description,Debit\n"
	group := []*Statement{
		csvStatement(t, "a.csv", head+"2026-03-01,LAWSON,100\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,3000\n", ReadOptions{}),
		csvStatement(t, "b.csv", head+"2026-03-01,LAWSON,100\n2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n", ReadOptions{}),
		csvStatement(t, "c.csv", head+"2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,3000\n", ReadOptions{}),
	}
	first := civil.MustDate("2026-03-01")
	keeper := foldKeepers(group, func(_ int, d civil.Date) bool { return d != first })
	want := map[string]int{"STARBUCKS": 1, "AMAZON.CO.JP": 0}
	if len(keeper) != len(want) {
		t.Errorf("%d rows have a keeper, want %d: %v", len(keeper), len(want), keeper)
	}
	for _, s := range group {
		for j := range s.Txns.Len() {
			tx := s.Txns.At(j)
			got, ok := keeper[txnKey(&s.Txns, j)]
			if w, has := want[tx.Description]; ok != has || got != w {
				t.Errorf("%s %s: keeper %d (%v), want %d (%v)", s.File, tx.Description, got, ok, w, has)
			}
		}
	}
}

// Statements joined directly or through another come out in one group,
// groups in the order of their first statement.
func TestStatementUnionGroups(t *testing.T) {
	stmts := []*Statement{{File: "a"}, {File: "b"}, {File: "c"}, {File: "d"}, {File: "e"}}
	u := newStatementUnion(len(stmts))
	u.join(3, 1)
	u.join(2, 0)
	u.join(4, 2)
	var got [][]string
	for _, g := range u.groups(stmts) {
		var names []string
		for _, s := range g {
			names = append(names, s.File)
		}
		got = append(got, names)
	}
	want := [][]string{{"a", "c", "e"}, {"b", "d"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %v, want %v", got, want)
	}
}

// csvStatement builds the statement a file of Date,Description,Debit rows
// reads as, each row kept in full, without the formats (which stand above
// this package).
func csvStatement(t *testing.T, file, text string, _ ReadOptions) *Statement {
	t.Helper()
	st := &Statement{File: file, Format: "test"}
	for i, line := range strings.Split(strings.TrimSpace(text), "\n")[1:] {
		f := strings.Split(line, ",")
		d := civil.MustDate(f[0])
		st.Txns.Add(&Transaction{Date: d, UsedOn: d, Description: f[1], Normalized: textenc.Normalize(f[1]),
			Amount: decimal.RequireFromString(f[2]), File: file, Line: i + 2})
		st.Rows++
		st.Cover(d)
	}
	return st
}
