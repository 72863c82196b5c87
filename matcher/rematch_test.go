package matcher

import (
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

// The charges a report reads without making them Transactions (their
// days, descriptions, amounts and keys, foreign amounts) are those of the
// rows they come from, in every scenario of testdata/scenarios and a
// generated workload; and the rows listed as unknown charges are the same
// however they are read.
func TestChargeListAgreesWithRows(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*"))
	if err != nil || len(dirs) < 40 {
		t.Fatalf("%d scenarios (%v)", len(dirs), err)
	}
	amazon, err := NewRecognizer()
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60, Amazon: amazon}
	st, ds, cs := readWorkload(t, workload.Generate(20_000, 400, 5), amazon)
	checked := 0
	check := func(name string, stmts []*parser.Statement, ds []parser.Dispute, cs []parser.Confirmation, opts Options) {
		list, _, _ := amazonRows(stmts, opts.AsOf, amazon)
		for i := range list.len() {
			c := list.peek(i)
			checked++
			foreign := list.foreign(i)
			// peek may leave a kept row's Normalized empty (keptTxn): the
			// row's own is the one its KeptRows gives.
			norm := c.Normalized
			if r := list.refs[i]; r.src >= 0 {
				if norm = list.kept[r.src].At(int(r.row)).Normalized; c.Normalized != "" && c.Normalized != norm {
					t.Errorf("%s: charge %d: peek made Normalized %q, the row's is %q", name, i, c.Normalized, norm)
				}
			}
			if list.day(i) != txnDay(c) || string(list.appendNormalized(nil, i)) != norm || list.key(i) != keyOf(c.Amount) ||
				!list.amount(i).Decimal().Equal(c.Amount) || (foreign != nil) != hasOriginal(c) {
				t.Errorf("%s: charge %d: day %s, %q, key %s, foreign %t; the row says %s, %q, %s, %t", name, i, list.day(i), list.appendNormalized(nil, i),
					list.key(i), foreign != nil, txnDay(c), norm, keyOf(c.Amount), hasOriginal(c))
			}
			if i > 0 && list.day(i).Before(list.day(i-1)) {
				t.Errorf("%s: charge %d before charge %d", name, i, i-1)
			}
		}
		rep := Match(stmts, ds, cs, opts)
		for i := range rep.Unknown.Len() {
			row, amt := rep.Unknown.Row(i)
			at := rep.Unknown.At(i)
			row.Amount = amt.Decimal()
			if !reflect.DeepEqual(row.Description, at.Description) || row.Line != at.Line || row.File != at.File || row.Account != at.Account ||
				!row.Amount.Equal(at.Amount) || row.Amount.Exponent() != at.Amount.Exponent() || !row.OrigAmount.Equal(at.OrigAmount) {
				t.Errorf("%s: unknown charge %d read two ways: %+v and %+v", name, i, row, *at)
			}
		}
	}
	for _, dir := range dirs {
		stmts, ds, cs, opts, ok := readScenario(t, dir)
		if ok {
			check(filepath.Base(dir), stmts, ds, cs, opts)
		}
	}
	check("workload", []*parser.Statement{st}, ds, cs, opts)
	if checked < 1000 {
		t.Errorf("%d charges checked, want more", checked)
	}
}
