package runner

import (
	"fmt"
	"runtime"
	"time"

	"github.com/descentlab/descent/internal/memlimit"
)

// goroutineSettle is how long the worker waits, after a cell, for
// goroutines that are finishing (a cell that waited for its workers with a
// WaitGroup returns while they exit) before it counts what the cell left.
const goroutineSettle = 20 * time.Millisecond

// Thresholds of the goroutine report: a cell that leaves this many
// goroutines running is told so (a cell may well leave one or two on
// purpose, a ticker or a background computation), and so is the cell
// after which the worker runs more than the next level, which starts at
// firstGoroutineLevel and grows tenfold each time (a leak of a few
// goroutines a cell adds up too).
const (
	leakPerCell         = 100
	firstGoroutineLevel = 1000
)

// goroutineWatch counts the goroutines cells leave behind. Go cannot stop
// a goroutine from outside, and one blocked in compiled code (time.Sleep,
// a channel no one writes) holds its stack until the worker ends: a cell
// that starts 100,000 of them leaves the worker with a gigabyte, for the
// rest of the session.
type goroutineWatch struct {
	before int // at the start of the current cell
	level  int // the total that the next report waits for
}

// start notes the count at the start of a cell.
func (g *goroutineWatch) start() {
	g.before = runtime.NumGoroutine()
	if g.level == 0 {
		g.level = firstGoroutineLevel
	}
}

// report returns a note when the cell that just ended left many goroutines
// running or took the total past the next level, or "".
func (g *goroutineWatch) report() string {
	deadline := time.Now().Add(goroutineSettle)
	n := runtime.NumGoroutine()
	for n > g.before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
		n = runtime.NumGoroutine()
	}
	left := n - g.before
	if left < leakPerCell && n < g.level {
		return ""
	}
	for g.level <= n {
		g.level *= 10
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	what := fmt.Sprintf("the worker now runs %d goroutines", n)
	if left > 0 {
		what = fmt.Sprintf("this cell left %d goroutines running, %d in all", left, n)
	}
	return fmt.Sprintf("(%s, with %s of stacks; a goroutine runs until it returns: restart the kernel to stop them all)\n",
		what, memlimit.FormatSize(ms.StackInuse))
}
