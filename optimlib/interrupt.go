package optimlib

import (
	"context"
	"sync/atomic"
	"time"
)

// interruptHook holds the process-wide interrupt hook (nil: none). It is the
// one piece of global state in the package, kept atomic so that runs on any
// goroutine read it without locks.
var interruptHook atomic.Pointer[func() bool]

// SetInterrupt installs a process-wide interrupt hook: every run in progress
// calls f every millisecond or so (never more often than every step, never
// less often than every 65,536 steps), and stops with reason StopInterrupted,
// keeping its partial trace, as soon as f returns true. SetInterrupt(nil)
// removes the hook.
//
// A notebook kernel sets it once, with an f that reports whether the user
// pressed "interrupt" for the running cell, because compiled code such as a
// long Run cannot be cancelled through the interpreter; f must be cheap and
// safe to call from any goroutine, and should return false again once the
// next cell starts. Code that owns a context.Context can use RunConfig.Context
// instead.
func SetInterrupt(f func() bool) {
	if f == nil {
		interruptHook.Store(nil)
		return
	}
	interruptHook.Store(&f)
}

// interruptRequested calls the hook, if any.
func interruptRequested() bool {
	h := interruptHook.Load()
	return h != nil && (*h)()
}

const (
	// pollInterval is the wall-clock time a poller aims for between checks.
	pollInterval = time.Millisecond
	// maxPollEvery bounds the number of steps between two checks.
	maxPollEvery = 1 << 16
)

// poller decides when a loop checks for cancellation, so that the check costs
// almost nothing per step yet happens about every millisecond whatever a step
// costs: the number of steps between checks doubles while checks come faster
// than half an interval and shrinks in proportion when they come slower than
// two. Loops use it as
//
//	p := newPoller(ctx)
//	for k := 0; ; k++ {
//		if k >= p.next { if stop, why := p.check(k); stop { ... } }
//		...
//	}
type poller struct {
	ctx   context.Context
	done  <-chan struct{}
	every int
	next  int
	last  time.Time
}

// newPoller returns a poller watching ctx (which may be nil) and the
// interrupt hook; its first check is due at step 0.
func newPoller(ctx context.Context) poller {
	p := poller{ctx: ctx, every: 1, last: time.Now()}
	if ctx != nil {
		p.done = ctx.Done()
	}
	return p
}

// check reports whether the loop must stop at step k, and why; it also
// schedules the next check.
func (p *poller) check(k int) (bool, string) {
	if p.done != nil {
		select {
		case <-p.done:
			return true, "context: " + context.Cause(p.ctx).Error()
		default:
		}
	}
	if interruptRequested() {
		return true, "interrupt requested"
	}
	now := time.Now()
	elapsed := now.Sub(p.last)
	p.last = now
	switch {
	case elapsed < pollInterval/2:
		p.every = min(2*p.every, maxPollEvery)
	case elapsed > 2*pollInterval:
		p.every = max(1, int(float64(p.every)*float64(pollInterval)/float64(elapsed)))
	}
	p.next = k + p.every
	return false, ""
}
