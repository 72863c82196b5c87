package workload

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(2000, 50, 7), Generate(2000, 50, 7)
	if !bytes.Equal(a.Statement, b.Statement) || !bytes.Equal(a.Disputes, b.Disputes) || !bytes.Equal(a.Confirmations, b.Confirmations) {
		t.Fatal("the same size and seed gave different workloads")
	}
	if c := Generate(2000, 50, 8); bytes.Equal(a.Statement, c.Statement) {
		t.Fatal("another seed gave the same statement")
	}
}

func TestGenerateShape(t *testing.T) {
	w := Generate(2000, 50, 7)
	lines := strings.Split(strings.TrimSuffix(string(w.Statement), "\n"), "\n")
	if lines[0] != "Date,Description,Amount" || len(lines)-1 != w.Rows || w.Rows != 2001 {
		t.Fatalf("statement has header %q and %d rows (Rows %d); want 2000 rows and the closing one", lines[0], len(lines)-1, w.Rows)
	}
	if n := strings.Count(string(w.Disputes), "\n") - 1; n != 50 || len(w.Expected) != 50 {
		t.Fatalf("%d disputes, %d expected verdicts; want 50", n, len(w.Expected))
	}
	if n := strings.Count(string(w.Confirmations), "\n") - 1; n != 50 {
		t.Fatalf("%d confirmations; want one per order", n)
	}
	amazon := 0
	for _, l := range lines[1:] {
		if strings.Contains(strings.ToUpper(l), "AMAZON") || strings.Contains(l, "AMZN") {
			amazon++
		}
	}
	if amazon < w.Rows/20 || amazon > w.Rows/5 {
		t.Errorf("%d of %d rows are Amazon's; want about a tenth", amazon, w.Rows)
	}
}

// Head keeps the header and the first rows of the statement, as compare.py
// does, and the disputes and confirmations whole.
func TestHeadKeepsTheFirstRows(t *testing.T) {
	w := Generate(1000, 10, 1)
	h := w.Head(100)
	lines := bytes.Split(bytes.TrimSuffix(h.Statement, []byte("\n")), []byte("\n"))
	if len(lines) != 101 || h.Rows != 100 || !bytes.HasPrefix(w.Statement, h.Statement) {
		t.Fatalf("Head(100): %d lines, Rows %d; a prefix: %v", len(lines), h.Rows, bytes.HasPrefix(w.Statement, h.Statement))
	}
	if !bytes.Equal(h.Disputes, w.Disputes) || !bytes.Equal(h.Confirmations, w.Confirmations) || h.Expected != nil {
		t.Errorf("Head changed the disputes or confirmations, or kept the expected verdicts")
	}
	if all := w.Head(5000); !bytes.Equal(all.Statement, w.Statement) || all.Rows != w.Rows {
		t.Errorf("Head beyond the rows cut the statement: %d bytes of %d, Rows %d", len(all.Statement), len(w.Statement), all.Rows)
	}
}

func TestBenchRows(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want []int
	}{{"", []int{1_000_000, 4_000_000, 8_000_000}}, {"10000", []int{10_000}}, {" 500, 2000 ", []int{500, 2000}}, {"x,-3", []int{1_000_000, 4_000_000, 8_000_000}}} {
		t.Setenv(BenchRowsEnv, tt.env)
		if got := BenchRows(); !slices.Equal(got, tt.want) {
			t.Errorf("%s=%q: %v, want %v", BenchRowsEnv, tt.env, got, tt.want)
		}
	}
	for rows, want := range map[int]string{8_000_000: "rows=8M", 400_000: "rows=400k", 500: "rows=500"} {
		if got := SizeName(rows); got != want {
			t.Errorf("SizeName(%d) = %s, want %s", rows, got, want)
		}
	}
}
