package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/render"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// checkArgs is the command line that reconciles a workload written to dir,
// as the shared bench/compare.py runs it.
func checkArgs(dir string) []string {
	return []string{"check", filepath.Join(dir, workload.StatementFile),
		"--disputes", filepath.Join(dir, workload.DisputesFile),
		"--confirmations", filepath.Join(dir, workload.ConfirmationsFile),
		"--as-of", "2026-01-01", "-o", "json", "--fail-on", "never"}
}

func quietEnv(stdout io.Writer, stderr io.Writer) env {
	return env{stdout: stdout, stderr: stderr,
		now:    func() time.Time { return time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC) },
		getenv: func(string) string { return "" }}
}

// BenchmarkCheck runs the whole check, from reading the files to writing
// the JSON report, on workloads of 1M, 4M and 8M rows (workload.BenchRows)
// with one disputed order per hundred rows, as the specification's
// performance targets (§7) are set.
func BenchmarkCheck(b *testing.B) {
	for _, rows := range workload.BenchRows() {
		b.Run(workload.SizeName(rows), func(b *testing.B) {
			benchCheck(b, rows, rows/100)
		})
	}
}

// benchCheck times check on a generated workload of rows rows and disputes
// disputed orders, written to a temporary folder.
func benchCheck(b *testing.B, rows, disputes int) {
	benchCheckWorkload(b, workload.Generate(rows, disputes, 1))
}

// benchCheckWorkload times check on w, written to a temporary folder.
func benchCheckWorkload(b *testing.B, w *workload.Workload) {
	dir := b.TempDir()
	if err := w.Write(dir); err != nil {
		b.Fatal(err)
	}
	// Files are named as in the folder: the temporary folder's name has a
	// run of digits that every row of the report would repeat, and that the
	// card-number mask would have to look at closely.
	b.Chdir(dir)
	args := checkArgs(".")
	b.SetBytes(int64(len(w.Statement)))
	b.ReportAllocs()
	for b.Loop() {
		var stderr bytes.Buffer
		if code := run(args, quietEnv(io.Discard, &stderr)); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

// BenchmarkCheckDisputes runs the whole check on 200k rows with 5k, 10k
// and 20k disputed orders: the time must grow with the orders no faster
// than they do.
func BenchmarkCheckDisputes(b *testing.B) {
	for _, disputes := range []int{5_000, 10_000, 20_000} {
		b.Run(fmt.Sprintf("disputes=%dk", disputes/1000), func(b *testing.B) {
			benchCheck(b, 200_000, disputes)
		})
	}
}

// BenchmarkCheckManyOrders runs the whole check on the first 100k rows of
// a million with the 10k disputed orders of all ten years, the shape shared
// bench/compare.py times against hledger: most of its time is the orders'.
// It reports the time per order.
func BenchmarkCheckManyOrders(b *testing.B) {
	benchCheckWorkload(b, workload.Generate(1_000_000, 10_000, 1).Head(100_000))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10_000, "ns/order")
}

// TestCheckSyntheticWorkload reconciles a small generated workload and
// compares every verdict with the one the generator expects: the benchmarks
// time what this checks. The report, made on four cores, must be the one
// a single core makes, and what encoding/json makes of it.
func TestCheckSyntheticWorkload(t *testing.T) {
	dir := t.TempDir()
	w := workload.Generate(40_000, 1_000, 1)
	if err := w.Write(dir); err != nil {
		t.Fatal(err)
	}
	check := func(procs int) (stdout bytes.Buffer) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var stderr bytes.Buffer
		if code := run(checkArgs(dir), quietEnv(&stdout, &stderr)); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stdout
	}
	stdout, one := check(4), check(1)
	if stdout.String() != one.String() {
		t.Errorf("the report made on four cores differs from the one made on one")
	}
	var r render.JSONReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if want := encodingJSON(t, &r); stdout.String() != want {
		t.Errorf("the report differs from what encoding/json writes of it")
	}
	var rep struct {
		Statements []struct{ Rows, Transactions int }
		Orders     []struct {
			OrderID string `json:"order_id"`
			Verdict string
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Statements) != 1 || rep.Statements[0].Transactions != w.Rows || rep.Statements[0].Rows != w.Rows+1 {
		t.Errorf("statements %+v; want one of %d transactions and a header", rep.Statements, w.Rows)
	}
	if len(rep.Orders) != len(w.Expected) {
		t.Fatalf("%d orders in the report, %d disputed", len(rep.Orders), len(w.Expected))
	}
	for _, o := range rep.Orders {
		if want := w.Expected[o.OrderID]; o.Verdict != want {
			t.Errorf("order %s: %s, want %s", o.OrderID, o.Verdict, want)
		}
	}
}

// BenchmarkReportJSON times the report path alone, on the findings of a
// workload of 200k rows and 10k disputed orders matched once: the JSON
// writer through the masking writer (json), and the masking writer over the
// text the JSON writer gives it (mask).
func BenchmarkReportJSON(b *testing.B) {
	w := workload.Generate(1_000_000, 10_000, 1).Head(200_000)
	dir := b.TempDir()
	if err := w.Write(dir); err != nil {
		b.Fatal(err)
	}
	b.Chdir(dir)
	opts := &checkOptions{asOf: "2026-01-01", grace: 30, watch: 60, output: "json", failOn: "never"}
	opts.Statements = []string{workload.StatementFile}
	opts.Disputes, opts.Confirmations, opts.ConfsGiven = workload.DisputesFile, []string{workload.ConfirmationsFile}, true
	opts.Mine = "mine.csv"
	e := quietEnv(io.Discard, io.Discard)
	mopts, err := opts.matchOptions(e)
	if err != nil {
		b.Fatal(err)
	}
	in, err := input.Load(&opts.Options, mopts)
	if err != nil {
		b.Fatal(err)
	}
	rendering := render.NewRendering(in, in.Matching.Match(in.Statements), i18n.New(i18n.English), false, 0)
	var text bytes.Buffer
	if err := render.Write(&text, "json", rendering); err != nil {
		b.Fatal(err)
	}
	b.Run("json", func(b *testing.B) {
		b.SetBytes(int64(text.Len()))
		b.ReportAllocs()
		for b.Loop() {
			m := mask.NewWriter(io.Discard)
			if err := render.Write(m, "json", rendering); err != nil {
				b.Fatal(err)
			}
			if err := m.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("mask", func(b *testing.B) {
		b.SetBytes(int64(text.Len()))
		b.ReportAllocs()
		for b.Loop() {
			m := mask.NewWriter(io.Discard)
			for p := text.Bytes(); len(p) > 0; p = p[min(len(p), 64<<10):] {
				if _, err := m.Write(p[:min(len(p), 64<<10)]); err != nil {
					b.Fatal(err)
				}
			}
			if err := m.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
