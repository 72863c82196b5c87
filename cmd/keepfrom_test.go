package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// The readers learn the first day the matcher needs while they read, from
// the disputes read alongside: whatever they kept in full before it, the
// statements check matches keep no row in full dated before that day, so
// that the report is the same however soon the day was learnt; and every
// row is still counted.
func TestNoRowKeptBeforeTheFirstDayNeeded(t *testing.T) {
	// Two years of Amazon rows, the disputed order at their end.
	var st strings.Builder
	st.WriteString("Date,Description,Amount\n")
	day := civil.MustDate("2024-01-01")
	for i := range 20_000 {
		fmt.Fprintf(&st, "%s,AMAZON.CO.JP,%d\n", day.AddDays(i/27), 1000+i%500)
	}
	// Many disputed orders, all at the end: the statement is read (the
	// rows of 2024 kept in full) well before the disputes tell the day.
	var ds strings.Builder
	ds.WriteString("order_id,order_date,amount,currency\n250-1234567-7654321,2025-12-01,3980,JPY\n")
	for i := range 40_000 {
		fmt.Fprintf(&ds, "250-%07d-%07d,2025-12-%02d,%d,JPY\n", i, 7_000_000+i, 2+i%20, 5000+i)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for name, text := range map[string]string{
		"statement.csv":     st.String(),
		"disputes.csv":      ds.String(),
		"confirmations.csv": "order_id,confirmed_on,kind\n250-1234567-7654321,2025-12-05,refund\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := &checkOptions{asOf: "2026-01-01", grace: 30, watch: 60, output: "json", failOn: "never"}
	opts.Statements = []string{"statement.csv"}
	opts.Disputes, opts.Confirmations, opts.ConfsGiven = "disputes.csv", []string{"confirmations.csv"}, true
	mopts, err := opts.matchOptions(quietEnv(io.Discard, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		in, err := input.Load(&opts.Options, mopts)
		if err != nil {
			t.Fatal(err)
		}
		first := matcher.FirstDayNeeded(in.Disputes)
		if !first.Valid() || len(in.Statements) != 1 {
			t.Fatalf("first day %s, %d statements", first, len(in.Statements))
		}
		s := in.Statements[0]
		for i := range s.Txns.Len() {
			if s.Txns.Date(i).Before(first) {
				t.Fatalf("row of line %d, dated %s, kept in full; the first day needed is %s", s.Txns.Line(i), s.Txns.Date(i), first)
			}
		}
		if s.Txns.Len() == 0 || s.Transactions() != 20_000 || s.Brief.N == 0 {
			t.Errorf("%d transactions, %d in full, %d in brief; want 20000, some of each", s.Transactions(), s.Txns.Len(), s.Brief.N)
		}
		// The rows are kept by the recognizer the matcher asks, and say
		// so: matching need not ask it again of those it chose.
		if s.KeptBy != any(mopts.Amazon) {
			t.Errorf("kept by %v, want the matcher's recognizer", s.KeptBy)
		}
		for i := range s.Txns.Len() {
			if !s.Txns.Chosen(i) {
				t.Fatalf("row of line %d kept in full, not as chosen by the recognizer", s.Txns.Line(i))
			}
		}
	}
}
