package cmd

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// The garbage collector's settings. Most of what check allocates past its
// first megabytes is garbage (the blocks a statement is read through, the
// report's buffers), and what it keeps grows with the Amazon rows and the
// orders. Until the heap first reaches its small-heap limit (smallHeapLimit)
// the collector does not run at all (GOGC off, a memory limit): a run of a
// few million statement rows with some thousands of orders ends without a
// collection, where the collector used to run three to six times over a
// heap that held little, each time also marking the orders and the rows
// kept so far (about 8 % of the instructions of 1M rows with 10k orders).
// Once a collection leaves half that limit or more live, the limit is
// raised to nine tenths of the memory the process may use (largeRun) and
// the collector runs at Go's default pace (GOGC=100). What is live then
// grows to the end of matching (the kept rows, the orders), so that most
// collections while reading and matching find most of the heap live: at
// 8M statement rows with 80k orders, GOGC=50 ran five collections where
// GOGC=100 runs three, for about 4 % fewer instructions and a peak 9 MB
// higher (253 MB), since the collection before judging
// (collectBeforeJudging) decides the peak either way. A heap that collects
// to less keeps the limit, and has as much again to fill before the next
// collection.
const (
	// maxSmallHeap is the small-heap limit where memory is plenty.
	maxSmallHeap = 128 << 20
	// minSmallHeap is the least small-heap limit, however little memory
	// the process may use.
	minSmallHeap = 4 << 20
	// largeHeap is the live heap from which check collects before
	// judging (collectBeforeJudging).
	largeHeap          = 64 << 20
	largeHeapGCPercent = 100
)

// tuneCollector applies the settings above for the rest of the process,
// with memory telling how much memory the process may use, unless the
// person set GOGC or GOMEMLIMIT, which then decide alone.
func tuneCollector(getenv func(string) string, memory memlimit.Provider) {
	if !collectorTunable(getenv) {
		return
	}
	limit := smallHeapLimit(memory)
	// The limit first, so that the collector is never off without one.
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(-1)
	watchHeap(uint64(limit/2), func() { largeRun(memory) })
}

// smallHeapLimit is maxSmallHeap, or a quarter of the memory the process
// may use where that is less (in a container or a systemd unit with a
// small memory limit, on a small machine), but no less than minSmallHeap.
// A run that never fills it reaches no more than it; one whose live heap
// reaches half of it runs at Go's default pace from then on (largeRun).
func smallHeapLimit(memory memlimit.Provider) int64 {
	m, err := memory()
	if err != nil || m/4 >= maxSmallHeap {
		return maxSmallHeap
	}
	return max(int64(m/4), minSmallHeap)
}

// processMemory is what the process may use: its cgroup's memory limit,
// else the machine's memory.
var processMemory = memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)

// largeRun sets the collector for a run whose live heap is large: GOGC=100,
// then, for a limit, nine tenths of the memory the process may use, or
// none where that cannot be told (GOGC first, so that the collector is
// never off without a limit). Without one, a heap that GOGC lets grow to
// twice what is live could pass a small cgroup's limit, where the run
// would be stopped, or slowed by the kernel's reclaim.
func largeRun(memory memlimit.Provider) {
	debug.SetGCPercent(largeHeapGCPercent)
	limit := int64(math.MaxInt64)
	if m, err := memory(); err == nil && m/10*9 < math.MaxInt64 {
		limit = int64(m / 10 * 9)
	}
	debug.SetMemoryLimit(limit)
}

// collectBeforeJudging collects, in a large run, once the orders have
// their charges and credits and before they are judged
// (matcher.Options.BeforeJudging). Judging makes each order's reason, most
// of what matching adds to the heap (30 MB at 80k orders), while the
// orders' working state is still held: a collection that happened to run
// while the orders were judged found both live, and let the heap grow
// from there (by half of it, at GOGC=50 then). Five runs of twelve at 8M rows with 80k orders peaked at
// 292–297 MB, the others at 260–275. Collected here, where the working
// state of the giving is garbage and the reasons are not made yet, the
// heap's goal is one that judging and writing the report stay under: ten
// runs of ten peaked at 254–262 MB, in the same user time (both measured
// at GOGC=50; at GOGC=100 such a run peaks at about 253 MB).
func collectBeforeJudging() {
	if liveHeap() >= largeHeap {
		runtime.GC()
	}
}

// collectorTunable reports whether the collector's settings are left to
// refundwatch: neither GOGC nor GOMEMLIMIT is set.
func collectorTunable(getenv func(string) string) bool {
	return getenv("GOGC") == "" && getenv("GOMEMLIMIT") == ""
}

// heapWatch is an object made only to be collected: its finalizer runs
// after the collection that finds it unreachable, which is how a program
// hears of each collection. It holds a pointer so that it is never one of
// the tiny objects the allocator packs together, which may never be
// finalized.
type heapWatch struct{ _ *byte }

// watchHeap calls large once, after the first collection that leaves at
// least limit bytes of heap live. It watches from the goroutine the
// runtime runs finalizers on, and costs nothing between collections.
func watchHeap(limit uint64, large func()) {
	w := &heapWatch{}
	runtime.SetFinalizer(w, func(*heapWatch) {
		if liveHeap() >= limit {
			large()
			return
		}
		watchHeap(limit, large)
	})
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
