package formats

import (
	"bytes"
	"io"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// BenchmarkReadOFX reads an OFX bank statement of 100,000 transactions
// (12 MB) as check first reads it: Amazon's rows in full, the others
// counted and dated.
func BenchmarkReadOFX(b *testing.B) {
	data, err := io.ReadAll(&ofxStream{n: 100_000, each: func() {}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadStatement("s.ofx", bytes.NewReader(data), parser.ReadOptions{Keep: keepAmazon, Fold: foldNone}); err != nil {
			b.Fatal(err)
		}
	}
}
