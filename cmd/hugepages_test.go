package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
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
// is missing; and that it stops counting once it passes enough.
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
	confs := write("confirmations.csv", 300)
	stmts := filepath.Join(dir, "statements")
	if got := inputSize([]string{stmts, disputes, filepath.Join(dir, "missing.csv")}, 1<<20); got != 3100 {
		t.Errorf("inputSize = %d, want 3100", got)
	}
	if got := inputSize([]string{disputes, confs, stmts}, 50); got != 100 {
		t.Errorf("inputSize counting to 50 = %d, want 100 (the first file)", got)
	}
	if got := inputSize([]string{stmts, disputes}, 500); got != 1000 && got != 2000 {
		t.Errorf("inputSize counting to 500 = %d, want one statement's size", got)
	}
	link := filepath.Join(dir, "linked")
	if err := os.Symlink(stmts, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got := inputSize([]string{link, confs}, 1<<20); got != 3300 {
		t.Errorf("inputSize through a link = %d, want 3300", got)
	}
}

// TestPreferHugePages checks when a check asks for huge pages, and for
// how much heap: not for small inputs, not with GODEBUG=disablethp=1 (the
// last setting of it deciding), once for a size, again only for more, and
// again where the asking failed.
func TestPreferHugePages(t *testing.T) {
	defer func(size int64) { hugeHeap.size = size }(hugeHeap.size)
	hugeHeap.size = 0
	plenty := memlimit.Provider(func() (uint64, error) { return 64 << 30, nil })
	var asked []int64
	ok := true
	advise := func(n int64) bool {
		asked = append(asked, n)
		return ok
	}
	godebug := ""
	getenv := func(k string) string {
		if k == "GODEBUG" {
			return godebug
		}
		return ""
	}
	for _, step := range []struct {
		godebug string
		inputs  int64
		ok      bool
		want    []int64
	}{
		{"", hugeInputs - 1, true, nil},
		{"disablethp=1", 40 << 20, true, nil},
		{"madvdontneed=1,disablethp=1", 40 << 20, true, nil},
		{"", 40 << 20, false, []int64{320 << 20}},
		{"disablethp=1,disablethp=0", 40 << 20, true, []int64{320 << 20}},
		{"", 40 << 20, true, nil},
		{"", 20 << 20, true, nil},
		{"", 60 << 20, true, []int64{480 << 20}},
	} {
		asked, ok, godebug = nil, step.ok, step.godebug
		preferHugePages(getenv, plenty, step.inputs, advise)
		if !slices.Equal(asked, step.want) {
			t.Errorf("GODEBUG=%q, inputs %d after the steps before: asked for %v, want %v", step.godebug, step.inputs, asked, step.want)
		}
	}
}
