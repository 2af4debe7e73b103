package display

import (
	"math"
	"sync"
	"time"

	"github.com/descentlab/descent/optimlib"
	"github.com/descentlab/descent/optimlib/figure"
)

// MinPace is the slowest pace SetPace accepts, in steps per second, so that
// an interrupted run never waits more than half a second for its next
// step.
const MinPace = 2

// paceSlack is how far ahead of its pace a run may be before it waits:
// waiting in slices of at least this much keeps the waits few and exact.
const paceSlack = 5 * time.Millisecond

// LiveFigure is a figure.Live shown in the notebook and redrawn in place
// while an optimizer runs: the trajectories grow over the landscape and
// the loss curves beside it, at up to about 12 frames per second, and Done
// shows the exact final figure. Its Callback plugs into a run:
//
//	live := display.NewLive(land, "Adam")
//	res, err := optimlib.Run(land, optimlib.NewAdam(0.05), land.Start,
//		optimlib.RunConfig{MaxSteps: 2000, Callback: live.Callback})
//	live.Done()
//
// A run of a built-in landscape is over in milliseconds, before a second
// frame is due: SetPace slows it down to watch it. A LiveFigure is safe for
// concurrent use.
type LiveFigure struct {
	fig    *figure.Live
	handle *Handle

	mu        sync.Mutex
	callbacks map[int]func(step int, x []float64, f float64) bool
	pace      float64            // steps per second; 0: full speed
	paced     map[int]*paceClock // per trajectory
	done      bool

	now   func() time.Time    // the clock of the pace
	sleep func(time.Duration) // how the pace waits
}

// paceClock is where one trajectory's paced stretch started.
type paceClock struct {
	from     time.Time // when it started
	step     int       // the step it started at
	lastStep int       // the last step paced (a smaller one starts a new run)
}

// NewLive shows a live figure of land with one trajectory per name (see
// figure.NewLive) and its loss curves beside it, and returns it; feed it
// with Callback (trajectory 0) or CallbackFor(i). For other options, make
// the figure.Live yourself and pass it to ShowLive.
func NewLive(land *optimlib.Landscape, names ...string) *LiveFigure {
	return ShowLive(figure.NewLive(land, figure.Options{WithLoss: true}, names...))
}

// ShowLive shows the current frame of lv as a new output and returns the
// LiveFigure that redraws it in place. A nil lv shows why it cannot be
// drawn.
func ShowLive(lv *figure.Live) *LiveFigure {
	if lv == nil {
		lv = &figure.Live{} // draws nothing and says why
	}
	l := &LiveFigure{fig: lv, handle: NewHandle(), callbacks: map[int]func(int, []float64, float64) bool{},
		paced: map[int]*paceClock{}, now: time.Now, sleep: time.Sleep}
	lv.Due() // the frame shown now counts as the last one
	l.handle.Show(lv)
	return l
}

// Figure returns the live figure being shown.
func (l *LiveFigure) Figure() *figure.Live { return l.fig }

// ID returns the display_id of the figure's output.
func (l *LiveFigure) ID() string { return l.handle.ID() }

// Callback is an optimlib.RunConfig.Callback for trajectory 0: it records
// the step, shows a new frame when one is due (see figure.Live.SetInterval)
// and keeps the pace set by SetPace. It always lets the run continue.
func (l *LiveFigure) Callback(step int, x []float64, f float64) bool {
	return l.CallbackFor(0)(step, x, f)
}

// CallbackFor returns the callback of trajectory i (see Callback), for
// figures of several runs: run them one after another, or concurrently.
func (l *LiveFigure) CallbackFor(i int) func(step int, x []float64, f float64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	cb, ok := l.callbacks[i]
	if !ok {
		record := l.fig.Callback(i, l.handle.Update)
		cb = func(step int, x []float64, f float64) bool {
			record(step, x, f)
			l.keepPace(i, step)
			return true
		}
		l.callbacks[i] = cb
	}
	return cb
}

// Record adds step of trajectory i to the figure (the point x and the
// loss f) and shows a new frame when one is due, as a callback does: for
// hand-written loops.
func (l *LiveFigure) Record(i, step int, x []float64, f float64) {
	l.CallbackFor(i)(step, x, f)
}

// SetPace slows the runs down to at most stepsPerSecond steps per second
// (no less than MinPace), so that a fast run can be watched; 0 or less
// lets them run at full speed (the default). The callbacks wait when the
// run is ahead of its pace; the run itself is not changed.
func (l *LiveFigure) SetPace(stepsPerSecond float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case stepsPerSecond <= 0 || math.IsNaN(stepsPerSecond):
		l.pace = 0
	default:
		l.pace = max(stepsPerSecond, MinPace)
	}
	clear(l.paced)
}

// keepPace waits until step of trajectory i is due at the set pace. A
// step lower than the one before starts a new run, and so does falling
// behind the pace by more than a frame interval (drawing a frame takes
// time): the pace is then counted anew from this step rather than caught
// up with.
func (l *LiveFigure) keepPace(i, step int) {
	l.mu.Lock()
	if l.pace == 0 {
		l.mu.Unlock()
		return
	}
	now := l.now()
	c, ok := l.paced[i]
	if !ok {
		c = &paceClock{from: now, step: step}
		l.paced[i] = c
	}
	due := c.from.Add(time.Duration(float64(step-c.step) / l.pace * float64(time.Second)))
	if step < c.lastStep || now.Sub(due) > figure.DefaultLiveInterval {
		c.from, c.step, due = now, step, now
	}
	c.lastStep = step
	l.mu.Unlock()
	if wait := due.Sub(now); wait >= paceSlack {
		l.sleep(wait)
	}
}

// Update shows the current frame now, whether one is due or not.
func (l *LiveFigure) Update() { l.handle.Update(l.fig) }

// Done marks the trajectories complete and shows the exact, full-colour
// final figure (figure.Live.Final) in place of the last frame. Later calls
// do nothing.
func (l *LiveFigure) Done() {
	l.mu.Lock()
	if l.done {
		l.mu.Unlock()
		return
	}
	l.done = true
	l.mu.Unlock()
	l.fig.Finish()
	l.handle.Update(l.fig)
}

// String describes the live figure.
func (l *LiveFigure) String() string { return l.fig.String() }
