package matcher

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// BenchmarkMatchWorkload reconciles the project's generated workload (the
// shape of the shared bench/gen.py: one Amazon row in ten, one disputed
// order per hundred rows) at 100k, 200k and 400k rows, read as check reads
// it: the matching alone, the reading left out of the time.
func BenchmarkMatchWorkload(b *testing.B) {
	for _, rows := range []int{100_000, 200_000, 400_000} {
		b.Run(fmt.Sprintf("rows=%dk", rows/1000), func(b *testing.B) {
			amazon, err := NewRecognizer()
			if err != nil {
				b.Fatal(err)
			}
			st, disputes, confs := readWorkload(b, workload.Generate(rows, rows/100, 1), amazon)
			opts := Options{AsOf: civil.MustDate("2026-01-01"), Grace: 30, Watch: 60, Amazon: amazon}
			b.ReportAllocs()
			for b.Loop() {
				Match([]*parser.Statement{st}, disputes, confs, opts)
			}
		})
	}
}

// readWorkload reads a generated workload as check reads it, keeping in
// full the rows amazon recognises, or every row without it.
func readWorkload(tb testing.TB, w *workload.Workload, amazon *Recognizer) (*parser.Statement, []parser.Dispute, []parser.Confirmation) {
	tb.Helper()
	var opts parser.ReadOptions
	if amazon != nil {
		opts.Keep = amazon.IsAmazon
	}
	st, err := formats.ReadStatement(workload.StatementFile, bytes.NewReader(w.Statement), opts)
	if err != nil {
		tb.Fatal(err)
	}
	disputes, err := parser.ReadDisputes(workload.DisputesFile, bytes.NewReader(w.Disputes))
	if err != nil {
		tb.Fatal(err)
	}
	confs, err := parser.ReadConfirmations(workload.ConfirmationsFile, bytes.NewReader(w.Confirmations))
	if err != nil {
		tb.Fatal(err)
	}
	return st, disputes, confs
}
