package cmd

import (
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// TestWatchHeapCallsOnceWhenLarge checks that the watch fires after a
// collection that finds the heap large, not before, and only once. The
// finalizers run on a goroutine of their own: "not before" and "only
// once" are what the waits of 200 and 100 ms saw.
func TestWatchHeapCallsOnceWhenLarge(t *testing.T) {
	var calls atomic.Int32
	fired := make(chan struct{}, 4)
	watchHeap(liveHeapNow(t)+16<<20, func() {
		calls.Add(1)
		fired <- struct{}{}
	})
	runtime.GC()
	runtime.GC()
	select {
	case <-fired:
		t.Fatal("the watch fired while the heap was below its limit")
	case <-time.After(200 * time.Millisecond):
	}
	held := make([]byte, 32<<20)
	for i := range held {
		held[i] = byte(i)
	}
	// Collections until it fires: the first may only re-arm the watch,
	// whose finalizer was set up before the heap grew.
	deadline := time.After(10 * time.Second)
	for done := false; !done; {
		runtime.GC()
		select {
		case <-fired:
			done = true
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatal("the watch did not fire with 32 MiB more held")
		}
	}
	runtime.GC()
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("the watch fired %d times, want once", n)
	}
	runtime.KeepAlive(held)
}

// liveHeapNow is the live heap after a collection.
func liveHeapNow(t *testing.T) uint64 {
	t.Helper()
	runtime.GC()
	n := liveHeap()
	if n == 0 {
		t.Fatal("the runtime gives no live heap")
	}
	return n
}

// TestTuneCollectorLeavesTheSettingsGiven checks that GOGC or GOMEMLIMIT,
// when set, decide alone: the collector is not tuned, and check asks the
// matcher to collect before judging only where it is.
func TestTuneCollectorLeavesTheSettingsGiven(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{nil, true},
		{map[string]string{"GOGC": "200"}, false},
		{map[string]string{"GOGC": "off"}, false},
		{map[string]string{"GOMEMLIMIT": "512MiB"}, false},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := collectorTunable(getenv); got != tc.want {
			t.Errorf("with %v: tuned %v, want %v", tc.env, got, tc.want)
		}
		e := quietEnv(io.Discard, io.Discard)
		e.getenv = getenv
		m, err := (&checkOptions{grace: 30, watch: 60, asOf: "2026-05-01"}).matchOptions(e)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.BeforeJudging != nil; got != tc.want {
			t.Errorf("with %v: collects before judging %v, want %v", tc.env, got, tc.want)
		}
	}
}

// TestCollectBeforeJudging checks that the collection before judging runs
// only once the heap is large.
func TestCollectBeforeJudging(t *testing.T) {
	collections := func() uint32 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.NumGC
	}
	if liveHeapNow(t) >= largeHeap {
		t.Skip("the test's own heap is already large")
	}
	before := collections()
	collectBeforeJudging()
	if n := collections() - before; n != 0 {
		t.Errorf("%d collections with a small heap, want none", n)
	}
	held := make([]byte, largeHeap+8<<20)
	for i := range held {
		held[i] = byte(i)
	}
	runtime.GC()
	before = collections()
	collectBeforeJudging()
	if n := collections() - before; n < 1 {
		t.Errorf("no collection with %d MiB live", liveHeap()>>20)
	}
	runtime.KeepAlive(held)
}

// TestTuneCollectorWaitsForTheLimit checks the settings refundwatch gives
// the collector, where the process may use 64 MiB or 16 GiB and where that
// cannot be told: off, under a memory limit (smallHeapLimit), until a
// collection finds half of it live; then GOGC=100 under nine tenths of what
// the process may use, or no limit.
func TestTuneCollectorWaitsForTheLimit(t *testing.T) {
	settings := func() (percent int64, limit uint64) {
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64()), s[1].Value.Uint64()
	}
	before := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(before)
		debug.SetMemoryLimit(limit)
	})
	noLimit := func() (uint64, error) { return 0, memlimit.ErrNoLimit }
	for _, tc := range []struct {
		memory       memlimit.Provider
		limit, after uint64
	}{
		{memlimit.Limit(64 << 20), 16 << 20, 64 << 20 / 10 * 9},
		{memlimit.Limit(16 << 30), maxSmallHeap, 16 << 30 / 10 * 9},
		{noLimit, maxSmallHeap, math.MaxInt64},
	} {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		if liveHeapNow(t) >= tc.limit/2 {
			t.Skip("the test's own heap is already large")
		}
		tuneCollector(func(string) string { return "" }, tc.memory)
		if p, l := settings(); p != -1 || l != tc.limit { // off reads as -1
			t.Fatalf("tuned: GOGC %d and a limit of %d, want off and %d", p, l, tc.limit)
		}
		runtime.GC()
		time.Sleep(100 * time.Millisecond)
		if p, l := settings(); p != -1 || l != tc.limit {
			t.Fatalf("with a small heap: GOGC %d and a limit of %d, want off and %d", p, l, tc.limit)
		}
		held := make([]byte, tc.limit/2+8<<20)
		for i := range held {
			held[i] = byte(i)
		}
		deadline := time.After(10 * time.Second)
		for {
			runtime.GC()
			if p, l := settings(); p == largeHeapGCPercent && l == tc.after {
				break
			}
			select {
			case <-time.After(50 * time.Millisecond):
			case <-deadline:
				p, l := settings()
				t.Fatalf("with %d MiB live: GOGC %d and a limit of %d, want %d and %d", liveHeap()>>20, p, l, largeHeapGCPercent, tc.after)
			}
		}
		runtime.KeepAlive(held)
	}
}

// TestSmallHeapLimit checks the limit the collector waits for: a quarter
// of what the process may use, between minSmallHeap and maxSmallHeap, and
// maxSmallHeap where that cannot be told.
func TestSmallHeapLimit(t *testing.T) {
	for _, tc := range []struct {
		memory memlimit.Provider
		want   int64
	}{
		{memlimit.Limit(48 << 20), 12 << 20},
		{memlimit.Limit(256 << 20), 64 << 20},
		{memlimit.Limit(512 << 20), maxSmallHeap},
		{memlimit.Limit(64 << 30), maxSmallHeap},
		{memlimit.Limit(8 << 20), minSmallHeap},
		{func() (uint64, error) { return 0, memlimit.ErrNoLimit }, maxSmallHeap},
	} {
		m, _ := tc.memory()
		if got := smallHeapLimit(tc.memory); got != tc.want {
			t.Errorf("with %d MiB: %d MiB, want %d", m>>20, got>>20, tc.want>>20)
		}
	}
}
