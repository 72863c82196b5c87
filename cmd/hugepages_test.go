package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// TestHugeHeapSize checks the heap mapped for huge pages: none for small
// inputs, eight bytes a byte of input from hugeInputs, at most maxHugeHeap
// and a quarter of the memory the process may use.
func TestHugeHeapSize(t *testing.T) {
	plenty := memlimit.Provider(func() (uint64, error) { return 64 << 30, nil })
	unknown := memlimit.Provider(func() (uint64, error) { return 0, errors.New("no limit") })
	small := memlimit.Provider(func() (uint64, error) { return 1 << 30, nil })
	for _, tc := range []struct {
		inputs int64
		memory memlimit.Provider
		want   int64
	}{
		{0, plenty, 0},
		{hugeInputs - 1, plenty, 0},
		{hugeInputs, plenty, hugeInputs * 8},
		{3 << 20, plenty, 24 << 20},
		{40 << 20, plenty, 320 << 20},
		{40 << 20, unknown, 320 << 20},
		{40 << 20, small, 256 << 20},
		{300 << 20, plenty, 1 << 30},
		{1 << 40, plenty, 1 << 30},
		{1 << 40, small, 256 << 20},
	} {
		if got := hugeHeapSize(tc.inputs, tc.memory); got != tc.want {
			t.Errorf("hugeHeapSize(%d) = %d, want %d", tc.inputs, got, tc.want)
		}
	}
}

// TestInputSize checks what inputSize counts: files named or inside
// folders, at any depth, and through a link named; nothing for a path that
// is missing or names a member of an archive.
func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", n)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	disputes := write("disputes.csv", 100)
	write("statements/2026-01.csv", 1000)
	write("statements/card/2026-02.csv", 2000)
	zip := write("confirmations.zip", 300)
	if got := inputSize([]string{filepath.Join(dir, "statements"), disputes, filepath.Join(dir, "missing.csv"), zip + "/mail.eml"}); got != 3100 {
		t.Errorf("inputSize = %d, want 3100", got)
	}
	link := filepath.Join(dir, "linked")
	if err := os.Symlink(filepath.Join(dir, "statements"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got := inputSize([]string{link, zip}); got != 3300 {
		t.Errorf("inputSize through a link = %d, want 3300", got)
	}
}

// TestReadPaths checks the paths whose size decides on huge pages: as
// named, or defaulted as check reads them.
func TestReadPaths(t *testing.T) {
	var opts checkOptions
	opts.Disputes = "disputes.csv"
	if got, want := strings.Join(opts.readPaths(), " "), "statements disputes.csv confirmations.csv confirmations"; got != want {
		t.Errorf("defaulted: %q, want %q", got, want)
	}
	opts.Statements = []string{"a.csv", "b/"}
	opts.Confirmations = []string{"mail.eml"}
	opts.Orders = []string{"Your Orders.zip"}
	if got, want := strings.Join(opts.readPaths(), " "), "a.csv b/ disputes.csv mail.eml Your Orders.zip"; got != want {
		t.Errorf("named: %q, want %q", got, want)
	}
	if len(opts.Statements) != 2 {
		t.Errorf("readPaths changed the statements: %q", opts.Statements)
	}
}

// TestPreferHugePagesHonoursDisableTHP checks that GODEBUG=disablethp=1
// leaves the heap alone however large the inputs.
func TestPreferHugePagesHonoursDisableTHP(t *testing.T) {
	before := hugeHeap.size
	getenv := func(k string) string {
		if k == "GODEBUG" {
			return "madvdontneed=1,disablethp=1"
		}
		return ""
	}
	preferHugePages(getenv, processMemory, 300<<20)
	if hugeHeap.size != before {
		t.Errorf("with disablethp=1 the heap was mapped for huge pages (%d bytes)", hugeHeap.size)
	}
}
