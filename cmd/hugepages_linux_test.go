package cmd

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// hugeChildEnv runs TestHeapGrowsIntoHugePages as the child it starts.
const hugeChildEnv = "REFUNDWATCH_TEST_HUGEPAGES_CHILD"

// TestHeapGrowsIntoHugePages checks, in a process of its own (whose heap
// is as a check's starts), that after adviseHugePages the memory is handed
// back to the system at once, and the heap then grows into memory Linux
// was asked to give huge pages: the mapping holding a block allocated next
// carries the flag madvise(MADV_HUGEPAGE) sets ("hg" in /proc/self/smaps).
// Whether Linux gives huge pages there depends on its settings: that is
// not checked.
func TestHeapGrowsIntoHugePages(t *testing.T) {
	if os.Getenv(hugeChildEnv) == "1" {
		hugePagesChild()
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHeapGrowsIntoHugePages$", "-test.v")
	cmd.Env = append(os.Environ(), hugeChildEnv+"=1", "GODEBUG=", "GOGC=", "GOMEMLIMIT=")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil {
		t.Fatalf("child: %v\n%s", err, text)
	}
	switch {
	case strings.Contains(text, "child: no advice"):
		t.Skip("this Linux takes no MADV_HUGEPAGE advice (no transparent huge pages)")
	case !strings.Contains(text, "child: released ok"):
		t.Errorf("the block was not handed back to the system:\n%s", text)
	case !strings.Contains(text, "child: flags hg"):
		t.Errorf("the heap did not grow into memory advised for huge pages:\n%s", text)
	}
}

// hugePagesChild is the child's side: it prints what it saw.
func hugePagesChild() {
	const n = 256 << 20
	if !adviseHugePages(n) {
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
	b := make([]byte, 64<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	flags, err := vmFlags(uintptr(unsafe.Pointer(&b[len(b)/2])))
	if err != nil {
		fmt.Println("child:", err)
		return
	}
	if strings.Contains(" "+flags+" ", " hg ") {
		fmt.Println("child: flags hg")
	} else {
		fmt.Println("child: flags", flags)
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
