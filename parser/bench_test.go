package parser

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/refundwatch/refundwatch/parser/workload"
)

// benchRows are the statement sizes the benchmarks run at: each doubles the
// one before, so that the times show how cost grows with rows.
var benchRows = []int{100_000, 200_000, 400_000}

// BenchmarkReadStatement reads a generic CSV statement of each size, from
// detection to the last row, as check first reads it: Amazon's rows in
// full, the others counted and dated, with nothing kept for folding.
func BenchmarkReadStatement(b *testing.B) {
	for _, rows := range benchRows {
		b.Run(fmt.Sprintf("rows=%dk", rows/1000), func(b *testing.B) {
			w := workload.Generate(rows, rows/100, 1)
			b.SetBytes(int64(len(w.Statement)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadStatement("statement.csv", bytes.NewReader(w.Statement), ReadOptions{Keep: keepAmazon, Fold: foldNone}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// foldNone keeps nothing for folding on any day, as check's first read of
// each statement does.
func foldNone(Date) bool { return false }
