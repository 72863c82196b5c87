package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// An Amazon file among the statements is named with the flag it belongs
// to, in a folder or inside a .zip of statements alike.
func TestMisplacedInArchive(t *testing.T) {
	history, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "amazon", "Retail.OrderHistory.1", "Retail.OrderHistory.1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	writeZip(t, "export.zip", []zipEntry{
		{"2026-03.csv", "Date,Description,Debit,Credit\n2026-03-02,AMAZON.COM,12.50,\n"},
		{"Retail.OrderHistory.1.csv", string(history)},
	})
	_, stderr, code := runCmd(t, "detect", "export.zip")
	want := "export.zip:Retail.OrderHistory.1.csv: this is an Amazon order history; give it with --orders\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
}
