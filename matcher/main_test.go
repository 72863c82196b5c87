package matcher

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// TestMain runs the package's tests, then checks that none of them wrote
// noRare, the rare part every order without one of its own reads (rd): a
// write through rd rather than more would show in every such order.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && !reflect.ValueOf(noRare).IsZero() {
		fmt.Fprintf(os.Stderr, "noRare was written (%+v): an order's rare part was written through rd, not more\n", noRare)
		code = 1
	}
	os.Exit(code)
}

// TestClaimAlsoWritesTheOrdersOwn checks claimAlso, which may be the first
// to write an order's rare part (no test of the package reaches it first
// otherwise: addCandidates has made it by then), on an order without one:
// the order gets its own, and noRare stays empty.
func TestClaimAlsoWritesTheOrdersOwn(t *testing.T) {
	mk := func(id string) *order { return &order{res: &OrderResult{Dispute: &parser.Dispute{OrderID: id}}} }
	o, other := mk("111-0000000-0000001"), mk("111-0000000-0000002")
	o.claimAlso(other)
	o.claimAlso(other)
	o.claimAlso(o)
	if o.rare == nil || !slices.Equal(o.rare.alsoClaims, []string{"111-0000000-0000002"}) || other.rare != nil {
		t.Errorf("alsoClaims %v, other's rare part %v; want the other order once, and none", o.rd().alsoClaims, other.rare)
	}
	if !reflect.ValueOf(noRare).IsZero() {
		t.Errorf("noRare was written: %+v", noRare)
	}
}
