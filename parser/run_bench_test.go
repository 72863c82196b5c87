package parser_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// BenchmarkReadStatements reads the statements of a run of four files, as
// check reads them: consecutive exports of one account, 50k rows each, that
// share the days where one ends and the next begins, so that each is read
// once whole in brief and a second time for folding. Run it at -cpu 1,2
// to see what reading files side by side gains.
func BenchmarkReadStatements(b *testing.B) {
	const files, rows = 4, 50_000
	w := workload.Generate(files*rows, files*rows/100, 1)
	parts := splitRows(w.Statement, files)
	b.SetBytes(int64(len(w.Statement)))
	b.ReportAllocs()
	reg := formats.NewRegistry()
	for b.Loop() {
		inputs := make([]parser.Input, len(parts))
		for i, p := range parts {
			inputs[i] = regular(fmt.Sprintf("part%d.csv", i+1), p)
		}
		_, errs := parser.ReadStatements(inputs, reg, nil, parser.ReadOptions{Keep: keepAmazon})
		for i, err := range errs {
			if err != nil || inputs[i].(*memInput).opens != 2 {
				b.Fatalf("part%d.csv opened %d times: %v", i+1, inputs[i].(*memInput).opens, err)
			}
		}
	}
}

// splitRows splits a CSV statement into n files of about as many rows,
// each with the header, the last row of one repeated as the first of the
// next: consecutive exports that share a day.
func splitRows(csv []byte, n int) []string {
	head, body, _ := bytes.Cut(csv, []byte("\n"))
	lines := bytes.SplitAfter(body, []byte("\n"))
	parts := make([]string, n)
	per := len(lines) / n
	for i := range parts {
		from, to := max(i*per-1, 0), min((i+1)*per, len(lines))
		if i == n-1 {
			to = len(lines)
		}
		parts[i] = string(head) + "\n" + string(bytes.Join(lines[from:to], nil))
	}
	return parts
}
