package figure

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/plot/vg"
)

// maxLegendShare is the largest fraction of a live figure's width its
// legend may take beside the plot.
const maxLegendShare = 0.4

// DefaultLiveInterval is the least time between two frames a Live's
// Callback sends (12 frames per second).
const DefaultLiveInterval = time.Second / 12

// Live is a landscape figure whose trajectories grow point by point while
// an optimizer runs, for a display that updates in place:
//
//	live := figure.NewLive(land, figure.Options{WithLoss: true}, "Adam")
//	h := display.NewHandle()
//	h.Show(live)
//	optimlib.Run(land, adam, land.Start, optimlib.RunConfig{Callback: live.Callback(0, h.Update)})
//	live.Finish()
//	h.Update(live)
//
// (display.NewLive does all of this.) A frame redraws only the
// trajectories: the landscape background is rendered once (or taken from
// the cache), and the frame is encoded as a 256-colour PNG, which is
// several times faster than a full-colour one. With Options.WithLoss a
// second panel shows the loss of each trajectory against its step, redrawn
// in full each frame as its axes follow the data. After Finish, PNG
// returns the exact full-colour figure (the same as Final). The legend
// sits right of the plot, where growing trajectories cannot run under it.
// A Live is safe for concurrent use.
type Live struct {
	mu     sync.Mutex
	fig    *Figure
	lines  []*polyline
	xs, ys [][]float64
	// steps and losses are each trajectory's loss curve, as Record and
	// Callback receive it.
	steps, losses [][]float64
	loss          *lossPane               // nil without Options.WithLoss
	curve         func(x float64) float64 // 1-D: the value of an iterate
	frames        frameRenderer
	count         int
	lastShow      time.Time
	interval      time.Duration
	finished      bool
	err           error
}

// NewLiveFunc returns a Live contour (or heat map) figure of s with one
// empty trajectory per name (one unnamed trajectory when no name is
// given). See ContourFunc for the options; as the trajectories are not
// known yet, the window is Options.Window, else s.Window, else [−2, 2]².
func NewLiveFunc(s Surface, opt Options, names ...string) *Live {
	landOpt, lp, err := liveLayout(opt, names)
	if err != nil {
		return newLive(failed("live", err), nil, nil)
	}
	return newLive(ContourFunc(s, landOpt, emptyPaths(names)...), nil, lp)
}

// NewLiveCurve returns a Live 1-D landscape figure of c with one empty
// sequence of iterates per name. See Landscape1DFunc for the options.
func NewLiveCurve(c Curve, opt Options, names ...string) *Live {
	landOpt, lp, err := liveLayout(opt, names)
	if err != nil {
		return newLive(failed("live", err), nil, nil)
	}
	return newLive(Landscape1DFunc(c, landOpt, emptyPaths(names)...), c.F, lp)
}

// emptyPaths returns one empty path per name (one unnamed if none).
func emptyPaths(names []string) []Path {
	if len(names) == 0 {
		names = []string{""}
	}
	paths := make([]Path, len(names))
	for i, n := range names {
		paths[i] = Path{Name: n, X: []float64{}, Y: []float64{}}
	}
	return paths
}

// newLive wraps a landscape figure whose overlays are empty trajectories,
// with a loss panel when lp is not nil.
func newLive(fig *Figure, curve func(float64) float64, lp *lossPane) *Live {
	lv := &Live{fig: fig, curve: curve, interval: DefaultLiveInterval, loss: lp}
	if fig.err != nil {
		lv.err = fig.err
		return lv
	}
	lines, lb := overlayLines(fig.panel)
	if lb != nil {
		// The trajectories are not known in advance, so no place inside
		// the plot is sure to stay clear: the legend goes right of it, in
		// a narrow column, unless that would take most of the width. Then
		// it stays inside, placed once by the landmarks alone.
		column := *lb
		column.entries = append(append([]legendEntry(nil), lb.entries...), lb.marks...)
		column.marks = nil
		margin := column.width() + vg.Points(2*legendMargin)
		if margin <= pxLen(fig.width)*maxLegendShare {
			*lb = column
			lb.outside = true
			lb.offset = fig.panel.rightMargin // past a heat map's colour key
			fig.panel.rightMargin += margin
			fig.panel.bgKey += fmt.Sprintf("|right margin %v", margin)
		} else {
			lb.avoid = nil
		}
	}
	lv.lines = lines
	lv.xs = make([][]float64, len(lines))
	lv.ys = make([][]float64, len(lines))
	lv.steps = make([][]float64, len(lines))
	lv.losses = make([][]float64, len(lines))
	lv.frames = frameRenderer{panel: fig.panel, w: fig.width, h: fig.height, cache: fig.cache}
	return lv
}

// SetInterval sets the least time between two frames that Callback sends
// (default DefaultLiveInterval; 0 sends a frame on every call).
func (lv *Live) SetInterval(d time.Duration) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.interval = max(d, 0)
}

// Add appends the point (x, y) to trajectory i. For a 1-D landscape y is
// the value at x (see AddPoint to have it computed).
func (lv *Live) Add(i int, x, y float64) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.add(i, x, y)
}

// figErr says why the figure cannot be drawn (nil when it can).
func (lv *Live) figErr() error {
	if lv.fig == nil {
		return errors.New("live: not made by NewLive, NewLiveFunc or NewLiveCurve")
	}
	return lv.fig.err
}

// fail keeps err unless an earlier problem is kept already; the caller
// holds lv.mu.
func (lv *Live) fail(err error) {
	if lv.err == nil {
		lv.err = err
	}
}

// add appends a point; the caller holds lv.mu.
func (lv *Live) add(i int, x, y float64) {
	if lv.figErr() != nil {
		return
	}
	if i < 0 || i >= len(lv.lines) {
		lv.fail(fmt.Errorf("live: trajectory %d does not exist (there are %d)", i, len(lv.lines)))
		return
	}
	lv.xs[i] = append(lv.xs[i], x)
	lv.ys[i] = append(lv.ys[i], y)
	l := lv.lines[i]
	l.xs, l.ys, l.n = lv.xs[i], lv.ys[i], len(lv.xs[i])
	if lv.curve == nil {
		l.style.dots = l.n <= maxDottedPoints
	}
}

// AddPoint appends an optimizer's point to trajectory i: its first two
// coordinates on a 2-D landscape, or x[0] and its value on a 1-D one. x is
// copied.
func (lv *Live) AddPoint(i int, x []float64) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.addPoint(i, x)
}

// addPoint is AddPoint; the caller holds lv.mu.
func (lv *Live) addPoint(i int, x []float64) {
	if lv.figErr() != nil {
		return
	}
	switch {
	case lv.curve != nil && len(x) >= 1:
		var y float64
		if err := safely("evaluate the iterate", func() error { y = lv.curve(x[0]); return nil }); err != nil {
			lv.fail(fmt.Errorf("live: %w", err))
			return
		}
		lv.add(i, x[0], y)
	case lv.curve == nil && len(x) >= 2:
		lv.add(i, x[0], x[1])
	default:
		lv.fail(fmt.Errorf("live: point %v has too few coordinates", x))
	}
}

// Record appends an optimizer's step to trajectory i: the point x (as
// AddPoint does) and the loss f at step, for the loss panel. x is copied.
func (lv *Live) Record(i, step int, x []float64, f float64) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.addPoint(i, x)
	if i >= 0 && i < len(lv.losses) {
		lv.steps[i] = append(lv.steps[i], float64(step))
		lv.losses[i] = append(lv.losses[i], f)
	}
}

// Callback returns a function for optimlib.RunConfig.Callback that records
// each step it is given in trajectory i (see Record) and, when update is
// not nil and the interval has passed since the last frame (see
// SetInterval), calls update(lv) to show a new frame. It always lets the
// run continue.
func (lv *Live) Callback(i int, update func(v any)) func(step int, x []float64, f float64) bool {
	return func(step int, x []float64, f float64) bool {
		lv.Record(i, step, x, f)
		if update != nil && lv.Due() {
			update(lv)
		}
		return true
	}
}

// Due reports whether a new frame should be shown now, that is whether
// the interval (see SetInterval) has passed since the last time Due said
// so, and if so notes that one is. Callback uses it to pace its updates.
func (lv *Live) Due() bool {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	now := time.Now()
	if !lv.lastShow.IsZero() && now.Sub(lv.lastShow) < lv.interval {
		return false
	}
	lv.lastShow = now
	return true
}

// Len returns the number of points of trajectory i (0 when it does not
// exist).
func (lv *Live) Len(i int) int {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if i < 0 || i >= len(lv.xs) {
		return 0
	}
	return len(lv.xs[i])
}

// Finish marks the trajectories complete: from now on PNG returns the
// exact full-colour figure.
func (lv *Live) Finish() {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	lv.finished = true
}

// PNG returns the current frame as PNG (256 colours while running, full
// colour after Finish), or nil when it cannot be drawn (see Err).
func (lv *Live) PNG() []byte {
	b, err := lv.EncodePNG()
	if err != nil {
		return nil
	}
	return b
}

// EncodePNG returns the current frame as PNG, or why it cannot be drawn.
func (lv *Live) EncodePNG() ([]byte, error) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if err := lv.figErr(); err != nil {
		return nil, err
	}
	lv.count++
	if lv.finished {
		return lv.final().EncodePNG()
	}
	if err := lv.frames.init(reservedColours(lv.lines), false); err != nil {
		return nil, fmt.Errorf("live frame: %w", err)
	}
	if err := lv.frames.draw(); err != nil {
		return nil, fmt.Errorf("live frame: %w", err)
	}
	if lv.loss != nil {
		if err := lv.loss.draw(&lv.frames, lv.lossSeries(false)); err != nil {
			return nil, fmt.Errorf("live frame: %w", err)
		}
		return encodeIndexed(lv.loss.idx, lv.loss.w, lv.loss.h, lv.frames.quant.palette)
	}
	return encodeIndexed(lv.frames.idx, lv.frames.w, lv.frames.h, lv.frames.quant.palette)
}

// Final returns the figure of the trajectories so far (and their loss
// curves, with Options.WithLoss), in full colour, as a Figure of its own
// (later points do not change it).
func (lv *Live) Final() *Figure {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if err := lv.figErr(); err != nil {
		return &Figure{kind: "live", err: err}
	}
	return lv.final()
}

// final is Final; the caller holds lv.mu.
func (lv *Live) final() *Figure {
	land := lv.snapshot()
	if lv.loss == nil || land.err != nil {
		return land
	}
	return lv.loss.compose(land, lv.lossSeries(true))
}

// lossSeries returns the loss curve of each trajectory, copied when copied
// is true (for a figure that outlives the call); the caller holds lv.mu.
func (lv *Live) lossSeries(copied bool) []Series {
	out := make([]Series, len(lv.losses))
	for i := range lv.losses {
		xs, ys := lv.steps[i], lv.losses[i]
		if copied {
			xs, ys = slices.Clone(xs), slices.Clone(ys)
		}
		out[i] = Series{Name: lv.loss.names[i], X: xs, Y: ys, Color: lv.lines[i].color}
	}
	return out
}

// snapshot copies the figure with the points so far; the caller holds
// lv.mu.
func (lv *Live) snapshot() *Figure {
	f := lv.fig
	if f.err != nil {
		return f
	}
	plotCopy := *f.panel.plot
	pn := &panel{plot: &plotCopy, bgKey: f.panel.bgKey, rightMargin: f.panel.rightMargin, notes: f.panel.notes}
	var lines []*polyline
	for _, o := range f.panel.overlays {
		switch v := o.(type) {
		case *polyline:
			c := *v
			c.xs = append([]float64(nil), v.xs[:v.n]...)
			c.ys = append([]float64(nil), v.ys[:v.n]...)
			lines = append(lines, &c)
			pn.overlays = append(pn.overlays, &c)
		case *pathEnds:
			pn.overlays = append(pn.overlays, &pathEnds{lines: lines})
		case *legendBox:
			c := *v
			pn.overlays = append(pn.overlays, &c)
		default:
			pn.overlays = append(pn.overlays, o)
		}
	}
	return &Figure{kind: f.kind, title: f.title, width: f.width, height: f.height, cache: f.cache, panel: pn,
		notes: f.notes}
}

// Frames returns the number of frames rendered so far.
func (lv *Live) Frames() int {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.count
}

// Err returns the first problem met: the figure cannot be drawn, or a
// point could not be added.
func (lv *Live) Err() error {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if lv.err != nil {
		return lv.err
	}
	return lv.figErr()
}

// String describes the live figure and its trajectories.
func (lv *Live) String() string {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if err := lv.figErr(); err != nil {
		return "live figure; error: " + err.Error()
	}
	var b strings.Builder
	b.WriteString("live ")
	b.WriteString(lv.fig.String())
	if lv.loss != nil {
		fmt.Fprintf(&b, " with a loss panel (%d×%d px in all)", lv.loss.w, lv.loss.h)
	}
	for i := range lv.xs {
		fmt.Fprintf(&b, "; trajectory %d: %d points", i, len(lv.xs[i]))
	}
	if lv.err != nil && lv.err != lv.fig.err {
		b.WriteString("; error: " + lv.err.Error())
	}
	return b.String()
}
