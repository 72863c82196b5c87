package formats

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
)

func TestFoldOverlaps(t *testing.T) {
	const head = "Date,Description,Debit\n"
	// March export, and a later export that starts mid-March and repeats
	// its rows, including two identical coffees on one day.
	march := head + "2026-03-01,LAWSON,200\n2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,30000\n"
	later := head + "2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,30000\n2026-04-02,AMAZON.CO.JP,30000\n"
	a := readString(t, "march.csv", march, parser.ReadOptions{})
	b := readString(t, "later.csv", later, parser.ReadOptions{})
	parser.FoldOverlaps([]*parser.Statement{a, b})
	total := a.Txns.Len() + b.Txns.Len()
	if total != 5 {
		t.Errorf("kept %d transactions, want 5 (LAWSON, 2×STARBUCKS, AMAZON 03-18, AMAZON 04-02)", total)
	}
	if a.Folded+b.Folded != 3 {
		t.Errorf("folded %d + %d, want 3 in all", a.Folded, b.Folded)
	}
}

func TestFoldSameFileTwice(t *testing.T) {
	in := "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-20,LAWSON,100\n"
	a := readString(t, "a.csv", in, parser.ReadOptions{})
	b := readString(t, "copy-of-a.csv", in, parser.ReadOptions{})
	parser.FoldOverlaps([]*parser.Statement{a, b})
	if a.Txns.Len() != 3 || b.Txns.Len() != 0 || b.Folded != 3 {
		t.Errorf("kept %d + %d (folded %d); want the first file whole and the copy folded", a.Txns.Len(), b.Txns.Len(), b.Folded)
	}
}

func TestFoldKeepsOtherAccountsApart(t *testing.T) {
	mk := func(name, card string) *parser.Statement {
		return readString(t, name, "Date,Card No.,Description,Debit\n2026-03-18,"+card+",AMAZON.CO.JP,30000\n", parser.ReadOptions{})
	}
	a, b := mk("a.csv", "1111"), mk("b.csv", "2222")
	parser.FoldOverlaps([]*parser.Statement{a, b})
	if a.Folded+b.Folded != 0 {
		t.Error("the same charge on two cards is two charges")
	}
}

// Many small exports of one account, each covering three days and
// overlapping the next by two, as a daily download would: every row is
// kept once, and folding costs memory in proportion to the rows, not to
// rows times files (20,000 such exports once took gigabytes).
func TestFoldManyExportsGrowsWithRows(t *testing.T) {
	start := civil.MustDate("2020-01-01")
	exports := func(n int) []*parser.Statement {
		stmts := make([]*parser.Statement, n)
		for k := range stmts {
			var b strings.Builder
			b.WriteString("Date,Description,Debit\n")
			for d := range 3 {
				fmt.Fprintf(&b, "%s,AMAZON.CO.JP,%d\n", start.AddDays(k+d), 100+(k+d)%7)
			}
			stmts[k] = readString(t, fmt.Sprintf("day-%d.csv", k), b.String(), parser.ReadOptions{})
		}
		return stmts
	}
	fold := func(n int) (allocated uint64) {
		stmts := exports(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		days := parser.FoldDays(stmts)
		parser.FoldOverlaps(stmts)
		runtime.ReadMemStats(&after)
		kept := 0
		for k, s := range stmts {
			kept += s.Txns.Len()
			if days[k] == nil {
				t.Errorf("export %d overlaps others, but FoldDays names no day", k)
			}
		}
		if kept != n+2 {
			t.Errorf("%d exports: kept %d rows, want %d", n, kept, n+2)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := fold(1500), fold(3000)
	if large > 3*small {
		t.Errorf("folding 3000 exports allocated %d bytes, 1500 exports %d: more than in proportion", large, small)
	}
}

// Files that name no account fold only when, over the days both cover,
// the rows of one all appear in the other: two cards' exports with the
// same Amazon charge on the same day are two charges.
func TestFoldUnnamedOnlyWhenOneHoldsTheOther(t *testing.T) {
	const head = "Date,Description,Debit\n"
	tests := []struct {
		name   string
		a, b   string
		kept   int
		notedA string
	}{
		{"a later export repeats the overlap", head + "2026-03-01,LAWSON,200\n2026-03-18,AMAZON.CO.JP,3000\n",
			head + "2026-03-18,AMAZON.CO.JP,3000\n2026-04-02,LAWSON,100\n", 3, ""},
		{"two cards: the overlap differs", head + "2026-03-01,LAWSON,200\n2026-03-18,AMAZON.CO.JP,3000\n2026-03-20,SEVEN,300\n",
			head + "2026-03-18,AMAZON.CO.JP,3000\n2026-03-19,FAMIMA,400\n2026-04-02,LAWSON,100\n", 6,
			"1 rows look like rows of b.csv on the same days and are counted in both: neither file names its account, and they differ on the days both cover"},
	}
	for _, tt := range tests {
		a := readString(t, "a.csv", tt.a, parser.ReadOptions{})
		b := readString(t, "b.csv", tt.b, parser.ReadOptions{})
		parser.FoldOverlaps([]*parser.Statement{a, b})
		if kept := a.Txns.Len() + b.Txns.Len(); kept != tt.kept {
			t.Errorf("%s: kept %d rows, want %d", tt.name, kept, tt.kept)
		}
		var notes []string
		for _, n := range a.Notes {
			notes = append(notes, n.String())
		}
		if got := strings.Join(notes, "\n"); got != tt.notedA {
			t.Errorf("%s: notes %q, want %q", tt.name, got, tt.notedA)
		}
	}
}

// A short export kept in brief for folding holds room for its few
// postings, not a block of thousands: 20,000 of them once held 1.25 GB.
func TestShortExportKeepsLittleRoom(t *testing.T) {
	s := readString(t, "day.csv", "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-02,LAWSON,2\n2026-03-03,LAWSON,3\n",
		parser.ReadOptions{Keep: func(string) bool { return false }, Fold: func(civil.Date) bool { return true }})
	if n := s.Brief.Postings.Len(); n != 3 {
		t.Fatalf("%d postings kept, want 3", n)
	}
	if c := s.Brief.Postings.Room(); c > brief.FirstPostingBlock {
		t.Errorf("room for %d postings kept for 3", c)
	}
}
