package cmd

import (
	"runtime/debug"

	"golang.org/x/sys/unix"
)

// adviseHugePages maps n bytes of heap and asks Linux for transparent huge
// pages there (heapBlock).
func adviseHugePages(n int64) bool {
	return heapBlock(n, func(b []byte) error { return unix.Madvise(b, unix.MADV_HUGEPAGE) })
}

// heapBlock maps n bytes of heap as one block, untouched, and lets advise
// give it advice before it is returned to the heap and, never touched, to
// the system: the heap grows into its addresses next, with the advice.
func heapBlock(n int64, advise func([]byte) error) bool {
	err := advise(make([]byte, n))
	// A collection frees the block, and the memory it never touched is
	// handed back at once, as nothing check uses: the collector's memory
	// limit counts what is mapped and not handed back.
	debug.FreeOSMemory()
	return err == nil
}
