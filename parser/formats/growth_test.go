package formats

import (
	"bytes"
	"io"
	"reflect"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/workload"
)

// A statement whose size is known makes room for its transactions from the
// rate they come at, rather than doubling: what it keeps is the same, and
// the room left over is about a tenth where doubling leaves up to as much
// again. With KeepFrom, the rate is taken from the first row kept.
func TestTxnsRoomFromFileSize(t *testing.T) {
	w := workload.Generate(100_000, 1000, 1)
	middle := new(civil.Cutoff)
	middle.Set(civil.MustDate("2020-06-01"))
	for _, tt := range []struct {
		name string
		from *civil.Cutoff
	}{{"every Amazon row", nil}, {"Amazon rows from 2020-06-01", middle}} {
		opts := parser.ReadOptions{Keep: keepAmazon, KeepFrom: tt.from}
		sized, err := ReadStatement("statement.csv", bytes.NewReader(w.Statement), opts)
		if err != nil {
			t.Fatal(err)
		}
		unsized, err := ReadStatement("statement.csv", io.MultiReader(bytes.NewReader(w.Statement)), opts)
		if err != nil {
			t.Fatal(err)
		}
		n := sized.Txns.Len()
		if n < 1000 || !reflect.DeepEqual(sized.Txns.Slice(), unsized.Txns.Slice()) {
			t.Fatalf("%s: %d transactions read with the size known, %d without; want the same, and many", tt.name, n, unsized.Txns.Len())
		}
		if c := sized.Txns.Room(); c > n*13/10 {
			t.Errorf("%s: room for %d transactions made for %d", tt.name, c, n)
		}
		if c := unsized.Txns.Room(); c < n {
			t.Errorf("%s: without the size, room for %d transactions, fewer than the %d kept", tt.name, c, n)
		}
	}
}
