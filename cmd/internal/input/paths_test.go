package input

import (
	"os"
	"strings"
	"testing"
)

// TestReadPaths checks the paths check reads from, which its huge pages
// are sized by: as named, or defaulted as Load reads them (the statements
// folder; confirmations.csv and the confirmations folder, those present).
func TestReadPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	opts := Options{Disputes: "disputes.csv"}
	if got, want := strings.Join(opts.ReadPaths(), " "), "statements disputes.csv"; got != want {
		t.Errorf("defaulted, no confirmations: %q, want %q", got, want)
	}
	if err := os.Mkdir("confirmations", 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(opts.ReadPaths(), " "), "statements disputes.csv confirmations"; got != want {
		t.Errorf("defaulted, a confirmations folder: %q, want %q", got, want)
	}
	opts.Statements = []string{"a.csv", "b/"}
	opts.Confirmations, opts.ConfsGiven = []string{"mail.eml"}, true
	opts.Orders = []string{"Your Orders.zip"}
	if got, want := strings.Join(opts.ReadPaths(), " "), "a.csv b/ disputes.csv mail.eml Your Orders.zip"; got != want {
		t.Errorf("named: %q, want %q", got, want)
	}
	if len(opts.Statements) != 2 {
		t.Errorf("ReadPaths changed the statements: %q", opts.Statements)
	}
}
