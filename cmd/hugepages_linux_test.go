package cmd

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugeChildEnv has the test binary run as a child of the test that starts
// it, with the value saying which.
const hugeChildEnv = "REFUNDWATCH_TEST_HUGEPAGES_CHILD"

// runHugeChild runs test as a child process, whose heap and collector are
// fresh, and returns what it printed.
func runHugeChild(t *testing.T, test string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a process")
	}
	if strconv.IntSize < 64 {
		// The tests of a 32-bit build run under an emulator (qemu-arm),
		// where the test binary cannot start itself again; no huge pages
		// are asked for there anyway (hugePagesFit).
		t.Skip("a 32-bit build: its test binary may not start itself again")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(os.Environ(), hugeChildEnv+"="+test, "GODEBUG=", "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	return string(out)
}

// TestHeapGrowsIntoHugePages checks, in a process of its own with the
// collector tuned as check's is, that heapBlock hands the block back to
// the system at once and leaves the collector's settings as it found
// them, and that the heap then grows into memory Linux was asked to give
// huge pages: the mapping holding a block allocated next carries the flag
// madvise(MADV_HUGEPAGE) sets ("hg" in /proc/self/smaps). Whether Linux
// gives huge pages there depends on its settings: that is not checked.
func TestHeapGrowsIntoHugePages(t *testing.T) {
	if os.Getenv(hugeChildEnv) == t.Name() {
		hugePagesChild()
		return
	}
	text := runHugeChild(t, t.Name())
	switch {
	case strings.Contains(text, "child: no advice"):
		t.Skip("this Linux takes no MADV_HUGEPAGE advice (no transparent huge pages)")
	case !strings.Contains(text, "child: released ok"):
		t.Errorf("the block was not handed back to the system:\n%s", text)
	case !strings.Contains(text, "child: collector ok"):
		t.Errorf("the collector's settings were not restored:\n%s", text)
	case !strings.Contains(text, "child: flags hg"):
		t.Errorf("the heap did not grow into memory advised for huge pages:\n%s", text)
	}
}

// hugePagesChild is the child's side: it prints what it saw.
func hugePagesChild() {
	const n = 256 << 20
	noEnv := func(string) string { return "" }
	tuneCollector(noEnv, processMemory)
	if !heapBlock(n, func(b []byte) error { return unix.Madvise(b, unix.MADV_HUGEPAGE) }) {
		fmt.Println("child: no advice")
		return
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if r := s[0].Value.Uint64(); r >= n {
		fmt.Println("child: released ok")
	} else {
		fmt.Printf("child: released %d of %d\n", r, n)
	}
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	if want := smallHeapLimit(processMemory); gc == -1 && limit == want {
		fmt.Println("child: collector ok")
	} else {
		fmt.Printf("child: GOGC %d, memory limit %d; want off and %d\n", gc, limit, want)
	}
	b := make([]byte, 64<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	flags, err := vmFlags(uintptr(unsafe.Pointer(&b[len(b)/2])))
	if err != nil {
		fmt.Println("child:", err)
		return
	}
	if slices.Contains(strings.Fields(flags), "hg") {
		fmt.Println("child: flags hg")
	} else {
		fmt.Println("child: flags", flags)
	}
}

// TestNoHugePagesInALimitedAddressSpace checks, in a process of its own,
// that hugePagesFit refuses where the address space is limited (ulimit
// -v): the block would take address space the heap may need.
func TestNoHugePagesInALimitedAddressSpace(t *testing.T) {
	if os.Getenv(hugeChildEnv) == t.Name() {
		as := unix.Rlimit{Cur: 1 << 44, Max: 1 << 44}
		if err := unix.Setrlimit(unix.RLIMIT_AS, &as); err != nil {
			fmt.Println("child: cannot limit:", err)
			return
		}
		fmt.Println("child: fit", hugePagesFit())
		return
	}
	text := runHugeChild(t, t.Name())
	if strings.Contains(text, "child: cannot limit") {
		t.Skip(text)
	}
	if !strings.Contains(text, "child: fit false") {
		t.Errorf("hugePagesFit with the address space limited:\n%s", text)
	}
}

// vmFlags are the VmFlags of the mapping holding addr, from /proc/self/smaps.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}

// mappingRange reads a mapping's first line in smaps ("lo-hi perms ...").
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, found := strings.Cut(line, " ")
	a, b, dash := strings.Cut(r, "-")
	if !found || !dash {
		return 0, 0, false
	}
	l, err1 := strconv.ParseUint(a, 16, 64)
	h, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(l), uintptr(h), true
}
