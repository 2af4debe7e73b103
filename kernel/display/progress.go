package display

import (
	"sync"
	"time"
)

// ProgressInterval is the least time between two updates of a Progress
// (at most 10 per second). The first state, the moment the count reaches
// the total, and Done are shown whatever the time.
const ProgressInterval = 100 * time.Millisecond

// Progress is a progress bar for long work, shown once and then updated in
// place: steps done out of the total, a bar, the rate in steps per second,
// the current loss, the time elapsed and the time left. Front ends that
// show HTML draw a bar; consoles get one line of text.
//
// It plugs into an optimizer run in one line,
//
//	cfg.Callback = display.NewProgress(cfg.MaxSteps).Callback
//
// and counts a hand-written loop with Add or Set, then Done. Updates are
// throttled to one per ProgressInterval, so reporting every step costs
// little; the final state is always shown exactly. A Progress is safe for
// concurrent use.
type Progress struct {
	mu       sync.Mutex
	handle   *Handle
	total    int
	count    int
	loss     float64
	hasLoss  bool
	start    time.Time // the clock's origin
	end      time.Time // when the count reached the total, or Done; zero before
	counting bool      // a count has been reported
	lastSent time.Time
	lastView progressView
	shown    bool
	now      func() time.Time
}

// NewProgress shows a progress bar at 0 of total steps and returns it. A
// total ≤ 0 means the total is unknown: the bar then shows the count and
// the rate only. The clock starts now, or at the first report of 0 steps
// (the first callback of a run), whichever is later.
func NewProgress(total int) *Progress {
	return newProgress(total, time.Now)
}

// newProgress is NewProgress with a clock.
func newProgress(total int, now func() time.Time) *Progress {
	p := &Progress{handle: NewHandle(), total: max(total, 0), now: now}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.start = now()
	p.send(p.start)
	return p
}

// ID returns the display_id of the bar's output.
func (p *Progress) ID() string { return p.handle.ID() }

// Callback is an optimlib.RunConfig.Callback: it sets the count to step
// and the loss to f, and lets the run continue. With MaxSteps as the
// total, the last callback of a complete run shows total/total.
func (p *Progress) Callback(step int, x []float64, f float64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.loss, p.hasLoss = f, true
	p.moveTo(step)
	return true
}

// Add counts n more steps done.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.moveTo(p.count + n)
}

// Set sets the number of steps done to i.
func (p *Progress) Set(i int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.moveTo(i)
}

// SetLoss sets the loss shown from the next update on.
func (p *Progress) SetLoss(f float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.loss, p.hasLoss = f, true
}

// Done stops the clock and shows the final state (unless it is shown
// already): call it after a loop, or after a run that may stop early.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.end.IsZero() {
		p.end = now
	}
	p.send(now)
}

// String returns the bar as one line of text.
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.view(p.now()).String()
}

// moveTo sets the count to i and shows it when an update is due; the
// caller holds p.mu.
func (p *Progress) moveTo(i int) {
	now := p.now()
	i = max(i, 0)
	if !p.counting && p.count == 0 && i == 0 && p.end.IsZero() {
		p.start = now // the work starts now: a run's first callback
	}
	p.counting = true
	p.count = i
	reached := p.total > 0 && p.count >= p.total
	justReached := reached && p.end.IsZero()
	switch {
	case justReached:
		p.end = now
	case !reached && !p.end.IsZero():
		p.end = time.Time{} // counting again, e.g. a second run
	}
	if justReached || now.Sub(p.lastSent) >= ProgressInterval {
		p.send(now)
	}
}

// send shows the state at now: the first time as a new output, then as an
// update, skipping an update that would show exactly what is shown. The
// caller holds p.mu.
func (p *Progress) send(now time.Time) {
	v := p.view(now)
	if p.shown && v.same(p.lastView) {
		return
	}
	if p.shown {
		p.handle.Update(v)
	} else {
		p.handle.Show(v)
		p.shown = true
	}
	p.lastView, p.lastSent = v, now
}

// view returns what the bar shows at now; the caller holds p.mu.
func (p *Progress) view(now time.Time) progressView {
	end := now
	if !p.end.IsZero() {
		end = p.end
	}
	return progressView{
		total:    p.total,
		count:    p.count,
		loss:     p.loss,
		hasLoss:  p.hasLoss,
		elapsed:  max(end.Sub(p.start), 0),
		finished: !p.end.IsZero(),
	}
}
