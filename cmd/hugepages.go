package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// Huge pages for a large check. Each page of memory a process touches for
// the first time costs a page fault; with 4 KiB pages the heap of 8M
// statement rows with 80k orders (255 MB) takes some 60,000 of them, and
// in a virtual machine each fault leaves the guest: 7 to 10 µs apiece on
// the machines check was measured on, a fifth of its time at 8M rows with
// 80k orders and a third at 1M rows with 10k. Where Linux gives
// transparent huge pages only to memory that asks for them
// (transparent_hugepage "madvise", the default of many distributions),
// Go's heap never asks. A check whose inputs are large (hugeInputs)
// therefore maps the heap it will grow into at once, as one block it does
// not touch, asks for huge pages there (madvise MADV_HUGEPAGE,
// adviseHugePages) and hands the block back to the heap and, untouched, to
// the system: the heap then grows into that memory a 2 MiB page at a time,
// one fault for 512. The block takes address space, not memory; the peak
// resident memory stays within a few MB of what it was, the heap being
// dense where it has grown. Where huge pages are always on, or never, or
// the address space is limited (hugePagesFit), the heap is left as Go maps
// it; elsewhere than Linux there is nothing to ask (hugepages_other.go). So
// is it with GODEBUG=disablethp=1, Go's own switch against huge pages for
// its heap (disableTHP).
//
// What it risks: where free memory is fragmented, Linux compacts it at the
// fault that wants a huge page (transparent_hugepage/defrag "madvise", the
// default), and the fault waits. A bare program touching 300 MB in huge
// pages once took 0.97 s so, against 0.13 s in small pages, on a host
// whose faults cost 1.6 µs; on the hosts measured since, every run of
// check was faster with them (parser/workload/README.md).
const (
	// hugeInputs is the size of inputs from which check asks for huge
	// pages: some 27k rows of a generic CSV. Asked for below it, at 25k
	// rows (0.94 MB), they saved 2 ms of 38; from 100k rows on, a quarter
	// of the time. Below, there is less to save than the few MB that 2 MiB
	// pages can add to a small heap.
	hugeInputs = 1 << 20
	// hugeHeapPerInput is how much heap, in bytes, a byte of input may
	// need at most: 4.4 at 1M rows with 80k orders, less with fewer
	// orders (1.7 with 10k), and less in larger files (0.85 at 8M rows
	// with 80k orders).
	hugeHeapPerInput = 8
	// maxHugeHeap bounds the heap mapped for huge pages: at 8M rows with
	// 80k orders the heap peaks at 255 MB. A heap that grows past it goes
	// on in the pages Go maps.
	maxHugeHeap = 1 << 30
	// hugeInputsEnough is the size of inputs past which inputSize need not
	// count: the heap mapped is maxHugeHeap from there.
	hugeInputsEnough = maxHugeHeap / hugeHeapPerInput
)

// hugeHeap is the heap already mapped for huge pages in this process: a
// check asks again only for more.
var hugeHeap struct {
	sync.Mutex
	size int64
}

// preferHugePages maps, for a check whose inputs are large (inputs bytes,
// inputSize's count), the heap it may grow into, and has advise ask for
// huge pages there (adviseHugePages, which says whether it could).
func preferHugePages(getenv func(string) string, memory memlimit.Provider, inputs int64, advise func(int64) bool) {
	if disableTHP(getenv("GODEBUG")) {
		return
	}
	n := hugeHeapSize(inputs, memory)
	hugeHeap.Lock()
	defer hugeHeap.Unlock()
	if n <= hugeHeap.size {
		return
	}
	if advise(n) {
		hugeHeap.size = n
	}
}

// disableTHP reports whether GODEBUG sets disablethp=1, the last setting
// of it deciding, as Go reads it. The GODEBUG defaults a build can carry
// (//go:debug lines, go.mod's godebug) are not read: refundwatch sets none.
func disableTHP(godebug string) bool {
	on := false
	for _, kv := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(kv, "disablethp="); ok {
			on = v == "1"
		}
	}
	return on
}

// hugeHeapSize is the heap to map for huge pages for inputs of the given
// size: none below hugeInputs, else hugeHeapPerInput bytes a byte, at most
// maxHugeHeap and a quarter of the memory the process may use.
func hugeHeapSize(inputs int64, memory memlimit.Provider) int64 {
	if inputs < hugeInputs {
		return 0
	}
	n := min(inputs, maxHugeHeap/hugeHeapPerInput) * hugeHeapPerInput
	if m, err := memory(); err == nil && m/4 < uint64(n) {
		n = int64(m / 4)
	}
	return n
}

// inputSize is the size of the files at paths, those inside folders
// included, in bytes, counted until it passes enough. Files and folders
// named through a symbolic link count, links inside folders do not, nor do
// paths that cannot be read (reading them says why); hidden files and
// files check passes over count. It is an estimate of what check reads:
// it opens no file.
func inputSize(paths []string, enough int64) int64 {
	var n int64
	for _, p := range paths {
		if n > enough {
			break
		}
		info, err := os.Stat(p)
		switch {
		case err != nil:
		case info.Mode().IsRegular():
			n += info.Size()
		case info.IsDir():
			if real, err := filepath.EvalSymlinks(p); err == nil {
				p = real // WalkDir reads a link it starts at as a link
			}
			filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					if info, err := d.Info(); err == nil {
						n += info.Size()
					}
				}
				if n > enough {
					return filepath.SkipAll
				}
				return nil
			})
		}
	}
	return n
}
