package formats

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// Reading rows before KeepFrom in brief changes none of the counts and
// days, only what is kept in full.
func TestKeepFrom(t *testing.T) {
	in := "Date,Description,Amount\n2026-01-05,AMAZON.CO.JP,1000\n2026-02-27,AMAZON.CO.JP,2000\n2026-02-28,LAWSON,300\n2026-03-01,AMZN Mktp US*1A2B3C,-2000\n2026-03-02,AMAZON.CO.JP,3000\n"
	all := readString(t, "s.csv", in, parser.ReadOptions{Keep: keepAmazon})
	cutoff := new(civil.Cutoff)
	cutoff.Set(civil.MustDate("2026-02-28"))
	from := readString(t, "s.csv", in, parser.ReadOptions{Keep: keepAmazon, KeepFrom: cutoff})
	if got, want := accounting(from), accounting(all); got != want {
		t.Errorf("with KeepFrom\n%s\nwithout\n%s", got, want)
	}
	var kept []string
	for _, x := range from.Txns.All() {
		kept = append(kept, x.Date.String())
	}
	if got := strings.Join(kept, " "); got != "2026-03-01 2026-03-02" {
		t.Errorf("kept in full: %s; want the Amazon rows from 2026-02-28 on: 2026-03-01 2026-03-02", got)
	}
}

// A cutoff set while a statement is read keeps in brief the rows read
// after, not those read before.
func TestCutoffSetWhileReading(t *testing.T) {
	cutoff := new(civil.Cutoff)
	rows := &cutoffAfter{lazyStatement: lazyStatement{n: 20000}, cutoff: cutoff, at: 10000}
	st, err := ReadStatement("s.csv", rows, parser.ReadOptions{Keep: func(string) bool { return true }, KeepFrom: cutoff, Fold: func(civil.Date) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	// The cutoff is later than every row. The reader runs behind the rows
	// written by its buffers, never ahead.
	if st.Transactions() != 20000 || st.Txns.Len() == 0 {
		t.Errorf("%d transactions, %d in full; want 20000, those read before the cutoff was set in full", st.Transactions(), st.Txns.Len())
	}
	for _, x := range st.Txns.All() {
		if x.Line > 10002 {
			t.Fatalf("row of line %d kept in full, written after the cutoff was set", x.Line)
		}
	}
}

// cutoffAfter sets a cutoff later than any of its rows once it has written
// row at.
type cutoffAfter struct {
	lazyStatement
	cutoff *civil.Cutoff
	at     int
}

func (c *cutoffAfter) Read(p []byte) (int, error) {
	if c.i > c.at {
		c.cutoff.KeepNone()
	}
	return c.lazyStatement.Read(p[:min(len(p), 64)])
}

// Overlapping exports read first without what folding compares, then again
// on the days FoldDays names, fold as exports read with it all at once.
func TestFoldDaysReadAgain(t *testing.T) {
	const head = "Date,Description,Debit\n"
	files := map[string]string{
		"feb.csv":   head + "2026-02-01,LAWSON,200\n2026-02-27,STARBUCKS,500\n2026-03-01,STARBUCKS,500\n",
		"march.csv": head + "2026-03-01,STARBUCKS,500\n2026-03-01,STARBUCKS,500\n2026-03-15,LAWSON,700\n2026-03-18,AMAZON.CO.JP,30000\n",
		"later.csv": head + "2026-03-15,LAWSON,700\n2026-03-18,AMAZON.CO.JP,30000\n2026-04-02,LAWSON,700\n",
		"other.csv": "利用日,利用店名・商品名,支払い金額\n2026/03/15,LAWSON,700\n",
	}
	names := []string{"feb.csv", "march.csv", "later.csv", "other.csv"}
	read := func(opts func(i int) parser.ReadOptions) []*parser.Statement {
		var out []*parser.Statement
		for i, name := range names {
			out = append(out, readString(t, name, files[name], opts(i)))
		}
		return out
	}
	summary := func(stmts []*parser.Statement) string {
		var b strings.Builder
		for _, s := range stmts {
			b.WriteString(counts(s))
		}
		return b.String() + days(stmts...)
	}
	whole := read(func(int) parser.ReadOptions { return parser.ReadOptions{Keep: keepAmazon} })
	parser.FoldOverlaps(whole)

	none := func(civil.Date) bool { return false }
	first := read(func(int) parser.ReadOptions { return parser.ReadOptions{Keep: keepAmazon, Fold: none} })
	foldDays := parser.FoldDays(first)
	if foldDays[0] == nil || foldDays[1] == nil || foldDays[2] == nil {
		t.Fatalf("fold days %v; want days for the three overlapping exports", foldDays)
	}
	if foldDays[0](civil.MustDate("2026-02-01")) || !foldDays[0](civil.MustDate("2026-03-01")) || foldDays[2](civil.MustDate("2026-04-02")) || !foldDays[1](civil.MustDate("2026-03-15")) {
		t.Error("fold days are not the days another export of the account covers")
	}
	if first[0].Brief.Postings.Len() != 0 {
		t.Errorf("%d postings kept with Fold false on every day", first[0].Brief.Postings.Len())
	}
	again := read(func(i int) parser.ReadOptions {
		if foldDays[i] == nil {
			return parser.ReadOptions{Keep: keepAmazon, Fold: none}
		}
		return parser.ReadOptions{Keep: keepAmazon, Fold: foldDays[i]}
	})
	parser.FoldOverlaps(again)
	if got, want := summary(again), summary(whole); got != want {
		t.Errorf("read again on the fold days\n%s\nread whole\n%s", got, want)
	}
	// feb.csv drops the STARBUCKS of 03-01 that march.csv has twice;
	// later.csv and other.csv, the rows march.csv has too.
	var folded []int
	for _, s := range whole {
		folded = append(folded, s.Folded)
	}
	if fmt.Sprint(folded) != "[1 0 2 1]" {
		t.Errorf("folded %v; want [1 0 2 1]:\n%s", folded, summary(whole))
	}
}

// lazyStatement writes a generic CSV statement of n rows as it is read,
// so that the test itself holds none of it.
type lazyStatement struct {
	n, i int
	buf  []byte
}

func (l *lazyStatement) Read(p []byte) (int, error) {
	for len(l.buf) < len(p) && l.i <= l.n {
		if l.i == 0 {
			l.buf = append(l.buf, "Date,Description,Amount\n"...)
		} else {
			d := civil.MustDate("2015-01-01").AddDays(l.i * 3650 / l.n)
			l.buf = fmt.Appendf(l.buf, "%s,SHOP %d,%d.%02d\n", d, l.i%9973, 1+l.i%5000, l.i%100)
		}
		l.i++
	}
	if len(l.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, l.buf)
	l.buf = l.buf[:copy(l.buf, l.buf[n:])]
	return n, nil
}

// A statement's rows kept in brief, without what folding compares, take
// memory that does not grow with them: a file of decades is read in a few
// kilobytes beyond the reader's buffers.
func TestBriefRowsTakeNoMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 300,000 rows")
	}
	const rows = 300_000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st, err := ReadStatement("big.csv", &lazyStatement{n: rows}, parser.ReadOptions{Keep: keepAmazon, Fold: func(civil.Date) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if st.Transactions() != rows || st.From.String() != "2015-01-01" {
		t.Fatalf("%d transactions from %s; want %d from 2015-01-01", st.Transactions(), st.From, rows)
	}
	if held := int64(after.HeapAlloc) - int64(before.HeapAlloc); held > 64<<10 {
		t.Errorf("the statement of %d rows holds %d bytes; want at most 64 KiB", rows, held)
	}
	runtime.KeepAlive(st)
}
