package amazon

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// FuzzRead checks that any input gives either a file that accounts for its
// rows or a positioned error, and never a panic.
func FuzzRead(f *testing.F) {
	_ = filepath.WalkDir(fixture(), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(path); err == nil && len(data) < 16<<10 {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add([]byte("order_id,confirmed_on,kind\n249-1056673-9038214,2026-03-06,cancel\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Read("f", strings.NewReader(string(data)))
		if err != nil {
			var pe *parser.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if got.Format.Orders() && len(got.Orders) > got.Rows {
			t.Fatalf("%d orders from %d rows", len(got.Orders), got.Rows)
		}
	})
}
