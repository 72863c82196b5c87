package matcher

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// readScenario reads a folder of testdata/scenarios as check reads it: its
// statements folded, its disputes and confirmations, and the options of
// its args. ok is false for a scenario that needs more than these (Amazon's
// exports, mine.csv).
func readScenario(t *testing.T, dir string) (stmts []*parser.Statement, ds []parser.Dispute, cs []parser.Confirmation, opts Options, ok bool) {
	t.Helper()
	opts = Options{Grace: 30, Watch: 60}
	args, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(args))
	for i := 0; i+1 < len(fields); i += 2 {
		switch v := fields[i+1]; fields[i] {
		case "--as-of":
			opts.AsOf = civil.MustDate(v)
		case "--grace":
			opts.Grace, err = strconv.Atoi(v)
		case "--watch":
			opts.Watch, err = strconv.Atoi(v)
		case "--fail-on", "-o":
		default:
			return nil, nil, nil, opts, false
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "statements", "*"))
	reg := formats.NewRegistry()
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := reg.Read(f, r, nil, parser.ReadOptions{})
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, s)
	}
	parser.FoldOverlaps(stmts)
	if ds, err = parser.ReadDisputes(readFile(t, filepath.Join(dir, "disputes.csv"))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "confirmations.csv")); err == nil {
		if cs, err = parser.ReadConfirmations(readFile(t, filepath.Join(dir, "confirmations.csv"))); err != nil {
			t.Fatal(err)
		}
	}
	return stmts, ds, cs, opts, true
}

func readFile(t *testing.T, path string) (string, *strings.Reader) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.NewReader(string(b))
}

// Match leaves its statements, disputes and confirmations as it found
// them: matching them a second time gives the same report, in every
// scenario of testdata/scenarios that needs only them.
func TestMatchTwiceSameReport(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*"))
	if err != nil || len(dirs) < 40 {
		t.Fatalf("%d scenarios (%v)", len(dirs), err)
	}
	matched := 0
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			stmts, ds, cs, opts, ok := readScenario(t, dir)
			if !ok {
				t.Skip("needs more inputs than statements, disputes and confirmations")
			}
			matched++
			first := Match(stmts, ds, cs, opts)
			second := Match(stmts, ds, cs, opts)
			if !reflect.DeepEqual(first, second) {
				t.Errorf("the second report differs from the first:\n%s\n%s", summary(first), summary(second))
			}
			again, ds2, cs2, _, _ := readScenario(t, dir)
			if !reflect.DeepEqual(again, stmts) || !reflect.DeepEqual(ds2, ds) || !reflect.DeepEqual(cs2, cs) {
				t.Errorf("Match changed its inputs")
			}
		})
	}
	if matched < 40 {
		t.Errorf("%d scenarios matched twice; want at least 40", matched)
	}
}

// summary sums up a report for a message: each order's verdict and reason,
// and the unknown charges.
func summary(rep *Report) string {
	var b strings.Builder
	for _, o := range rep.Orders {
		b.WriteString(o.Dispute.OrderID + " " + string(o.Verdict) + ": " + o.ReasonText() + "\n")
	}
	b.WriteString(strconv.Itoa(rep.Unknown.Len()) + " unknown")
	return b.String()
}

// The same of a generated workload of many orders, read as check reads
// it: only Amazon's rows in full.
func TestMatchTwiceWorkload(t *testing.T) {
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	st, ds, cs := readWorkload(t, workload.Generate(20_000, 400, 5), amazon)
	opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60, Amazon: amazon}
	stmts := []*parser.Statement{st}
	first := Match(stmts, ds, cs, opts)
	second := Match(stmts, ds, cs, opts)
	if len(first.Orders) != len(ds) || !reflect.DeepEqual(first, second) {
		t.Errorf("the second report differs from the first (%d orders of %d):\n%s\n%s", len(first.Orders), len(ds), summary(first), summary(second))
	}
	again, ds2, cs2 := readWorkload(t, workload.Generate(20_000, 400, 5), amazon)
	if !reflect.DeepEqual(again, st) || !reflect.DeepEqual(ds2, ds) || !reflect.DeepEqual(cs2, cs) {
		t.Errorf("Match changed its inputs")
	}
}

// Statements whose kept rows are compacted (Statement.Compact) are matched
// as the same statements read in full: the same verdicts, reasons, sums
// and rows, in every scenario of testdata/scenarios and a generated
// workload of many orders.
func TestMatchCompactedStatements(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*"))
	if err != nil || len(dirs) < 40 {
		t.Fatalf("%d scenarios (%v)", len(dirs), err)
	}
	matched := 0
	for _, dir := range dirs {
		stmts, ds, cs, opts, ok := readScenario(t, dir)
		if !ok {
			continue
		}
		compacted, _, _, _, _ := readScenario(t, dir)
		kept := 0
		for _, s := range compacted {
			s.Compact()
			kept += s.Kept.Len()
		}
		if kept == 0 {
			t.Errorf("%s: nothing compacted", dir)
		}
		matched++
		rec, _ := NewRecognizer()
		list, _, _ := amazonRows(compacted, opts.AsOf, rec)
		for i := range list.len() {
			if c := list.peek(i); list.day(i) != txnDay(c) || list.normalized(i) != c.Normalized || string(list.appendKey(nil, i)) != amountKey(c.Amount) {
				t.Errorf("%s: charge %d: day %s, %q, key %s; the row says %s, %q, %s", dir, i, list.day(i), list.normalized(i), list.appendKey(nil, i), txnDay(c), c.Normalized, amountKey(c.Amount))
			}
		}
		want, got := reportText(Match(stmts, ds, cs, opts)), reportText(Match(compacted, ds, cs, opts))
		if got != want {
			t.Errorf("%s: compacted, the report differs:\n%s\nwant\n%s", dir, got, want)
		}
	}
	if matched < 40 {
		t.Errorf("%d scenarios matched; want at least 40", matched)
	}
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60, Amazon: amazon}
	st, ds, cs := readWorkload(t, workload.Generate(20_000, 400, 5), amazon)
	compacted, _, _ := readWorkload(t, workload.Generate(20_000, 400, 5), amazon)
	compacted.Compact()
	want := reportText(Match([]*parser.Statement{st}, ds, cs, opts))
	if got := reportText(Match([]*parser.Statement{compacted}, ds, cs, opts)); got != want {
		t.Errorf("workload compacted: the report differs:\n%s\nwant\n%s", got, want)
	}
}

// reportText writes out what a report says: each order's verdict, sums,
// reason and rows, the unknown charges and the unassigned credits, every
// field of each row.
func reportText(rep *Report) string {
	var b strings.Builder
	row := func(t *parser.Transaction) {
		fmt.Fprintf(&b, "  %s %s %s|%d|%s %s %s %s %s:%d %q %q\n", t.Date, t.UsedOn, t.Amount, t.Amount.Exponent(), t.Currency,
			t.OrigAmount, t.OrigCurrency, t.Account, t.File, t.Line, t.Description, t.Normalized)
	}
	for _, o := range rep.Orders {
		fmt.Fprintf(&b, "%s %s %s %s %s: %s\n", o.Dispute.OrderID, o.Verdict, o.Charged, o.Credited, o.Outstanding, o.ReasonText())
		for _, list := range [][]*parser.Transaction{o.Charges, o.Credits, o.Candidates, o.ChargedAfter} {
			for _, t := range list {
				row(t)
			}
			b.WriteString("  --\n")
		}
	}
	b.WriteString(strconv.Itoa(rep.Unknown.Len()) + " unknown\n")
	for t := range rep.Unknown.All() {
		row(t)
	}
	for _, t := range rep.UnassignedCredits {
		row(t)
	}
	for _, n := range rep.Notes {
		b.WriteString(n.String() + "\n")
	}
	return b.String()
}
