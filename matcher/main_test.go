package matcher

import (
	"fmt"
	"os"
	"reflect"
	"testing"
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
