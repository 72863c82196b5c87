package cmd

import (
	"bytes"
	"math"
	"os"
	"runtime/debug"
	"strconv"

	"golang.org/x/sys/unix"
)

// thpEnabled is where Linux says when it gives transparent huge pages:
// "always [madvise] never", the mode chosen in brackets.
const thpEnabled = "/sys/kernel/mm/transparent_hugepage/enabled"

// adviseHugePages maps n bytes of heap and asks Linux for transparent huge
// pages there (heapBlock), where that is worth asking (hugePagesFit), and
// reports whether it asked.
func adviseHugePages(n int64) bool {
	if !hugePagesFit() {
		return false
	}
	return heapBlock(n, func(b []byte) error { return unix.Madvise(b, unix.MADV_HUGEPAGE) })
}

// hugePagesFit reports whether the heap is worth mapping for huge pages:
// Linux gives them to memory that asks only (thpEnabled's mode is
// "madvise": where it is "always" the heap has them already, and asking
// would only have faults wait for memory to be compacted; where "never",
// none are given); a huge page is 2 MiB of 4 KiB pages, not the 512 MiB
// of a 64 KiB-page kernel; the address space is 64 bits wide and not
// limited (RLIMIT_AS, ulimit -v), and Linux does not account memory
// strictly (vm.overcommit_memory 2): the block takes address space, which
// those count, and Go stops a program whose heap cannot grow.
func hugePagesFit() bool {
	if strconv.IntSize < 64 || os.Getpagesize() != 4<<10 {
		return false
	}
	if mode, err := os.ReadFile(thpEnabled); err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		return false
	}
	var as unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_AS, &as); err != nil || as.Cur != unix.RLIM_INFINITY {
		return false
	}
	overcommit, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && string(bytes.TrimSpace(overcommit)) != "2"
}

// heapBlock maps n bytes of heap as one block, untouched, and lets advise
// give it advice before it is handed back to the heap and, never touched,
// to the system: the heap grows into its addresses next, with the advice.
// No collection runs while the block is held, which would find it live and
// have the heap's watch (collector.go) take the run for a large one; one
// runs once it is dropped, and the memory it never touched is handed back
// at once (the collector's memory limit counts what is mapped and not
// handed back). The collector's settings are then restored.
func heapBlock(n int64, advise func([]byte) error) bool {
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	err := adviseBlock(n, advise)
	debug.FreeOSMemory()
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(gc)
	return err == nil
}

// adviseBlock makes the block and has advise advise it: a call of its own,
// so that the block is unreachable once it returns.
//
//go:noinline
func adviseBlock(n int64, advise func([]byte) error) error {
	return advise(make([]byte, n))
}
