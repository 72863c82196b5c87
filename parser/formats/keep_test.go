package formats

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// keepAmazon keeps what check keeps in full: Amazon's rows (a simpler test
// than the matcher's, which is all these tests need).
func keepAmazon(normalized string) bool {
	return strings.Contains(normalized, "AMAZON") || strings.Contains(normalized, "AMZN")
}

// accounting sums up what a statement says of all its transactions, whether kept
// in full or in brief: what must not change when ReadOptions.Keep is set.
func accounting(st *parser.Statement) string {
	return counts(st) + days(st)
}

// counts is what a statement counts of its rows.
func counts(st *parser.Statement) string {
	charges, credits := st.ChargesAndCredits()
	return fmt.Sprintf("format %s account %q %s..%s rows %d transactions %d (%d charges, %d credits) skipped %v folded %d invalid %d notes %v\n",
		st.Format, st.Account, st.From, st.To, st.Rows, st.Transactions(), charges, credits, st.Skipped, st.Folded, len(st.Invalid), st.Notes)
}

// days lists the days the statements' rows fall on, by account, each once.
func days(stmts ...*parser.Statement) string {
	var days []string
	for _, st := range stmts {
		for d, account := range st.Days() {
			days = append(days, d.String()+" "+account)
		}
	}
	slices.Sort(days)
	return strings.Join(slices.Compact(days), "\n")
}

// kept lists the transactions of st that keepAmazon chooses.
func kept(st *parser.Statement) string {
	var b strings.Builder
	for _, t := range st.Txns.All() {
		if keepAmazon(t.Normalized) {
			fmt.Fprintf(&b, "%d %s %s %s %s %s %s %s\n", t.Line, t.Date, t.UsedOn, t.Amount, t.Currency, t.Description, t.OrigAmount, t.Account)
		}
	}
	return b.String()
}

// Reading with Keep keeps the same transactions in full, and accounts for
// all the others as before: every format's fixture, read both ways.
func TestKeepLeavesTheRestInBrief(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", "*"))
	if err != nil {
		t.Fatal(err)
	}
	w := workload.Generate(5000, 50, 1)
	inputs := map[string][]byte{"workload.csv": w.Statement}
	for _, path := range files {
		if !strings.HasSuffix(path, ".want") {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			inputs[filepath.Base(path)] = data
		}
	}
	for name, data := range inputs {
		for _, skipInvalid := range []bool{false, true} {
			all, errAll := ReadStatement(name, bytes.NewReader(data), parser.ReadOptions{SkipInvalid: skipInvalid})
			some, errSome := ReadStatement(name, bytes.NewReader(data), parser.ReadOptions{SkipInvalid: skipInvalid, Keep: keepAmazon, KeepBy: "keepAmazon"})
			if fmt.Sprint(errAll) != fmt.Sprint(errSome) {
				t.Errorf("%s: error %v with Keep, %v without", name, errSome, errAll)
				continue
			}
			if errAll != nil {
				continue
			}
			if got, want := accounting(some), accounting(all); got != want {
				t.Errorf("%s: with Keep\n%s\nwithout\n%s", name, got, want)
			}
			if got, want := kept(some), kept(all); got != want {
				t.Errorf("%s: kept in full with Keep\n%s\nwithout\n%s", name, got, want)
			}
			if all.KeptBy != nil || some.KeptBy != "keepAmazon" {
				t.Errorf("%s: kept by %v without Keep, %v with it; want none, then keepAmazon", name, all.KeptBy, some.KeptBy)
			}
			// Every row kept with Keep was chosen by it; none without.
			for i := range some.Txns.Len() {
				if !some.Txns.Chosen(i) || !keepAmazon(some.Txns.Normalized(i)) {
					t.Errorf("%s: row %d kept with Keep, chosen %t, %q", name, i, some.Txns.Chosen(i), some.Txns.Normalized(i))
				}
			}
			for i := range all.Txns.Len() {
				if all.Txns.Chosen(i) {
					t.Errorf("%s: row %d read without Keep is chosen", name, i)
				}
			}
		}
	}
}

// Rows kept in brief settle their year-last dates and their signs with
// the rest of the file.
func TestKeepYearLastDatesAndSigns(t *testing.T) {
	in := "Date,Description,Amount\n03/02/2026,LAWSON,-200\n03/15/2026,AMAZON.CO.JP,-3000\n03/20/2026,STARBUCKS,-500\n03/21/2026,AMAZON REFUND,3000\n03/22/2026,LAWSON,-100\n"
	st := readString(t, "s.csv", in, parser.ReadOptions{Keep: keepAmazon})
	if got, want := accounting(st), accounting(readString(t, "s.csv", in, parser.ReadOptions{})); got != want {
		t.Errorf("with Keep\n%s\nwithout\n%s", got, want)
	}
	if charges, credits := st.ChargesAndCredits(); charges != 4 || credits != 1 || st.From.String() != "2026-03-02" || st.Txns.Len() != 2 {
		t.Errorf("%d charges, %d credits from %s, %d kept; want 4 charges, 1 credit from 2026-03-02 (month/day), 2 kept", charges, credits, st.From, st.Txns.Len())
	}
}

// Folding counts rows kept in brief as it counts rows kept in full.
func TestFoldWithKeep(t *testing.T) {
	const head = "Date,Description,Debit\n"
	march := head + "2026-03-01,LAWSON,200\n2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500.00\n2026-03-18,AMAZON.CO.JP,30000\n"
	later := head + "2026-03-15,Starbucks,500\n2026-03-15,STARBUCKS,500\n2026-03-16,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,30000\n2026-04-02,AMAZON.CO.JP,30000\n"
	fold := func(opts parser.ReadOptions) string {
		a, b := readString(t, "march.csv", march, opts), readString(t, "later.csv", later, opts)
		parser.FoldOverlaps([]*parser.Statement{a, b})
		// A day whose rows are all folded away is still a day of the
		// account's: the file that keeps them has it.
		return counts(a) + counts(b) + days(a, b)
	}
	got, want := fold(parser.ReadOptions{Keep: keepAmazon}), fold(parser.ReadOptions{})
	if got != want {
		t.Errorf("with Keep\n%s\nwithout\n%s", got, want)
	}
	if !strings.Contains(want, "folded 3") {
		t.Errorf("folded:\n%s\nwant 3 rows folded in the later file (2×STARBUCKS, AMAZON 03-18)", want)
	}
}

// An Amazon row in mixed case, whose normal form a kept row does not keep
// but makes again (parser.KeptRows), folds against the same row written in
// capitals in another file, kept in full there too or kept in brief
// (before that file's KeepFrom day).
func TestFoldMadeNormalForm(t *testing.T) {
	const head = "Date,Description,Debit\n"
	march := head + "2026-03-01,LAWSON,200\n2026-03-18,AMAZON.COM*AB12 CD,45.00\n"
	later := head + "2026-03-18,Amazon.com*AB12  cd,45\n2026-04-02,AMAZON.CO.JP,30000\n"
	brief := new(civil.Cutoff)
	brief.Set(civil.MustDate("2026-04-01"))
	for _, marchOpts := range []parser.ReadOptions{{Keep: keepAmazon}, {Keep: keepAmazon, KeepFrom: brief}} {
		a, b := readString(t, "march.csv", march, marchOpts), readString(t, "later.csv", later, parser.ReadOptions{Keep: keepAmazon})
		parser.FoldOverlaps([]*parser.Statement{a, b})
		if a.Folded+b.Folded != 1 {
			t.Errorf("KeepFrom %v: %d rows folded, want 1 (the Amazon row of 2026-03-18)", marchOpts.KeepFrom != nil, a.Folded+b.Folded)
		}
	}
}

// A file naming more accounts than a posting can index keeps the rows of
// the further accounts in full.
func TestKeepManyAccounts(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date,Card No.,Description,Amount\n")
	const rows = brief.MaxAccounts + 100
	for i := range rows {
		fmt.Fprintf(&b, "2026-03-%02d,%d,SHOP,1\n", 1+i%28, 1000000+i)
	}
	st := readString(t, "cards.csv", b.String(), parser.ReadOptions{Keep: func(string) bool { return false }})
	if st.Transactions() != rows || st.Txns.Len() != 100 {
		t.Fatalf("%d transactions, %d in full; want %d, the last 100 in full", st.Transactions(), st.Txns.Len(), rows)
	}
	for i := range st.Txns.Len() {
		if st.Txns.Chosen(i) {
			t.Fatalf("row %d, kept in full for its account, is taken as chosen by Keep", i)
		}
	}
	seen := map[string]bool{}
	for _, account := range st.Days() {
		seen[account] = true
	}
	if len(seen) != rows {
		t.Errorf("%d accounts among the days; want %d", len(seen), rows)
	}
}

func TestPostingsFilter(t *testing.T) {
	var l brief.Postings
	const n = 3*brief.PostingBlock + 17
	for i := range n {
		l.Add(brief.Posting{Print: uint64(i)})
	}
	l.Filter(func(p *brief.Posting) bool { return p.Print%3 != 0 })
	var got []uint64
	for p := range l.All() {
		got = append(got, p.Print)
	}
	if l.Len() != len(got) || len(got) != n-(n+2)/3 {
		t.Fatalf("len %d, %d yielded; want %d", l.Len(), len(got), n-(n+2)/3)
	}
	for i, v := range got {
		if v%3 == 0 || i > 0 && v <= got[i-1] || *l.At(i) != (brief.Posting{Print: v}) {
			t.Fatalf("posting %d is %d after filtering", i, v)
		}
	}
	l.Add(brief.Posting{Print: 1 << 40})
	if l.At(l.Len()-1).Print != 1<<40 {
		t.Error("adding after filtering lost the posting")
	}
}

// A row kept in full keeps its own normalised description, though the
// reader normalises each row's into one buffer: what later rows write
// there must not show in it.
func TestKeptNormalizedIsItsOwn(t *testing.T) {
	csv := "Date,Description,Amount\n" +
		"2026-03-02,Amazon.com*Gift Card,50.00\n" +
		"2026-03-02,corner grocery 12,4.20\n" +
		"2026-03-03,AMZN Mktp US*1X2Y3Z,12.99\n" +
		"2026-03-04,Bakery on the  square,3.10\n" +
		"2026-03-05,amazon.de  marketplace,8.00\n"
	st, err := ReadStatement("s.csv", strings.NewReader(csv), parser.ReadOptions{Keep: keepAmazon})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range st.Txns.All() {
		got = append(got, x.Normalized)
	}
	want := []string{"AMAZON.COM*GIFT CARD", "AMZN MKTP US*1X2Y3Z", "AMAZON.DE MARKETPLACE"}
	if !slices.Equal(got, want) || st.Transactions() != 5 {
		t.Errorf("kept %q of %d transactions; want %q of 5", got, st.Transactions(), want)
	}
}
