package optimlib

import "sync"

// scratchPool holds float64 buffers for the objectives that need scratch
// space during one evaluation (finite differences, sums of example
// gradients). Taking a buffer per call instead of keeping one in the
// objective lets concurrent runs share an objective.
var scratchPool = sync.Pool{New: func() any { return new([]float64) }}

// getScratch returns a pooled buffer; give it back with putScratch.
func getScratch() *[]float64 { return scratchPool.Get().(*[]float64) }

// putScratch returns buf, which may have grown, to the pool.
func putScratch(buf *[]float64, grown []float64) {
	*buf = grown[:0]
	scratchPool.Put(buf)
}
