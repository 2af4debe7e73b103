// Package idlegc starts garbage collections between cells. Between two
// cells the worker waits for the front end: a person reading
// the output, or at least the client's own processing of the cell's
// messages. A collection that starts during a cell slows that cell (the
// collector takes a share of the CPU and allocating goroutines assist it);
// one that runs in the gap between cells slows nothing. So once a cell is
// done, when the heap has grown most of the way to the point where the
// runtime would start a collection by itself, it is started now, in the
// background.
package idlegc

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// share is how far from the live heap towards the runtime's next
// collection the heap must have grown for an early one to start.
const share = 0.6

// Collector starts early collections between cells. Its methods are safe
// for concurrent use.
type Collector struct {
	mu      sync.Mutex
	samples []metrics.Sample
	running atomic.Bool
}

// New returns a Collector.
func New() *Collector {
	return &Collector{samples: []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/goal:bytes"},
	}}
}

// CellDone starts a collection in the background when the heap has grown
// past share of the way from its live size to the goal, unless one it
// started is still running.
func (g *Collector) CellDone() {
	if g.running.Load() {
		return
	}
	g.mu.Lock()
	metrics.Read(g.samples)
	live, heap, goal := g.samples[0].Value, g.samples[1].Value, g.samples[2].Value
	g.mu.Unlock()
	if live.Kind() != metrics.KindUint64 || heap.Kind() != metrics.KindUint64 || goal.Kind() != metrics.KindUint64 {
		return
	}
	l, h, gl := float64(live.Uint64()), float64(heap.Uint64()), float64(goal.Uint64())
	if gl <= l || h < l+share*(gl-l) {
		return
	}
	if !g.running.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer g.running.Store(false)
		runtime.GC()
	}()
}
