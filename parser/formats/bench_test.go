package formats

import (
	"bytes"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// BenchmarkReadStatement reads a generic CSV statement of each size
// (workload.BenchRows: 1M, 4M and 8M rows), from detection to the last row,
// as check first reads it: Amazon's rows in full, the others counted and
// dated, with nothing kept for folding.
func BenchmarkReadStatement(b *testing.B) {
	for _, rows := range workload.BenchRows() {
		b.Run(workload.SizeName(rows), func(b *testing.B) {
			w := workload.Generate(rows, rows/100, 1)
			b.SetBytes(int64(len(w.Statement)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadStatement("statement.csv", bytes.NewReader(w.Statement), parser.ReadOptions{Keep: keepAmazon, Fold: foldNone}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// foldNone keeps nothing for folding on any day, as check's first read of
// each statement does.
func foldNone(civil.Date) bool { return false }
