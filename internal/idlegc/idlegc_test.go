package idlegc

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

var sink [][]byte

func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// grown reports whether the heap is past share of the way to the goal.
func grown() bool {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	l, h, g := float64(s[0].Value.Uint64()), float64(s[1].Value.Uint64()), float64(s[2].Value.Uint64())
	return h >= l+share*(g-l)
}

func wait(c *Collector) {
	for deadline := time.Now().Add(10 * time.Second); c.running.Load() && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
}

func TestCollectsOnceTheHeapHasGrown(t *testing.T) {
	c := New()
	runtime.GC()
	before := cycles()
	c.CellDone() // just collected: nothing to do
	wait(c)
	if n := cycles() - before; n != 0 {
		t.Fatalf("a collection right after one: %d cycles", n)
	}
	// Allocate garbage until the heap is most of the way to the goal,
	// without reaching it (a runtime collection would reset it).
	for i := 0; !grown(); i++ {
		if i > 1<<20 {
			t.Fatal("the heap never grew past the share of the goal")
		}
		sink = append(sink, make([]byte, 1024))
		if len(sink) > 64 {
			sink = sink[:0]
		}
	}
	before = cycles()
	c.CellDone()
	wait(c)
	if cycles() == before {
		t.Fatal("no collection with the heap past the share of the goal")
	}
}
