package optimlib

import (
	"fmt"
	"math"
	"strings"
)

// Trace is the recorded path of a run: for each recorded point, the step
// index k, the point x_k, the loss f(x_k), the gradient norm ‖∇f(x_k)‖ and the
// learning rate of the step taken from x_k. Run records every Stride-th step
// and always the point it stopped at.
//
// The accessors return fresh plain slices (columns) that a figure can plot
// directly: Steps against Losses for a loss curve, Xs against Ys for a path
// over contours. A Trace can also be built by hand with NewTrace and Add, for
// example from a loop written in a cell. The trace of a method that
// searches (a line search, Nelder–Mead) also holds every evaluation it made,
// marked by kind: see Evals.
type Trace struct {
	dim       int
	steps     []int
	xs        []float64
	losses    []float64
	gradNorms []float64
	lrs       []float64

	evals *Trace     // every evaluation, for methods that search (see Evals)
	kinds []EvalKind // what each point of an evaluation trace was for
}

// NewTrace returns an empty trace of points in dim dimensions.
func NewTrace(dim int) *Trace { return &Trace{dim: max(dim, 0)} }

// newTraceCap returns an empty trace with room for points records.
func newTraceCap(dim, points int) *Trace {
	return &Trace{
		dim:       dim,
		steps:     make([]int, 0, points),
		xs:        make([]float64, 0, points*dim),
		losses:    make([]float64, 0, points),
		gradNorms: make([]float64, 0, points),
		lrs:       make([]float64, 0, points),
	}
}

// Add records one point. x is copied; a shorter x is padded with NaN and a
// longer one is cut to Dim entries. Use NaN for a value that is not known.
func (tr *Trace) Add(step int, x []float64, loss, gradNorm, lr float64) {
	tr.steps = append(tr.steps, step)
	n := min(len(x), tr.dim)
	tr.xs = append(tr.xs, x[:n]...)
	for range tr.dim - n {
		tr.xs = append(tr.xs, math.NaN())
	}
	tr.losses = append(tr.losses, loss)
	tr.gradNorms = append(tr.gradNorms, gradNorm)
	tr.lrs = append(tr.lrs, lr)
}

// keepEven drops the points at odd indices, halving the trace in place.
func (tr *Trace) keepEven() {
	n := len(tr.steps)
	for i := 0; 2*i < n; i++ {
		tr.steps[i] = tr.steps[2*i]
		copy(tr.xs[i*tr.dim:(i+1)*tr.dim], tr.xs[2*i*tr.dim:(2*i+1)*tr.dim])
		tr.losses[i] = tr.losses[2*i]
		tr.gradNorms[i] = tr.gradNorms[2*i]
		tr.lrs[i] = tr.lrs[2*i]
	}
	half := (n + 1) / 2
	tr.steps, tr.xs = tr.steps[:half], tr.xs[:half*tr.dim]
	tr.losses, tr.gradNorms, tr.lrs = tr.losses[:half], tr.gradNorms[:half], tr.lrs[:half]
}

// Len returns the number of recorded points.
func (tr *Trace) Len() int {
	if tr == nil {
		return 0
	}
	return len(tr.steps)
}

// Dim returns the dimension of the recorded points.
func (tr *Trace) Dim() int {
	if tr == nil {
		return 0
	}
	return tr.dim
}

// Steps returns the step index of each point, as float64 for plotting.
func (tr *Trace) Steps() []float64 {
	if tr == nil {
		return nil
	}
	out := make([]float64, len(tr.steps))
	for i, s := range tr.steps {
		out[i] = float64(s)
	}
	return out
}

// StepAt returns the step index of point i (−1 when i is out of range).
func (tr *Trace) StepAt(i int) int {
	if i < 0 || i >= tr.Len() {
		return -1
	}
	return tr.steps[i]
}

// Losses returns f(x_k) for each point.
func (tr *Trace) Losses() []float64 {
	if tr == nil {
		return nil
	}
	return append([]float64(nil), tr.losses...)
}

// GradNorms returns ‖∇f(x_k)‖ for each point.
func (tr *Trace) GradNorms() []float64 {
	if tr == nil {
		return nil
	}
	return append([]float64(nil), tr.gradNorms...)
}

// LRs returns the learning rate of the step taken from each point (for the
// final point, the rate the next step would have used).
func (tr *Trace) LRs() []float64 {
	if tr == nil {
		return nil
	}
	return append([]float64(nil), tr.lrs...)
}

// Coord returns coordinate j of every point (nil when j is out of range).
func (tr *Trace) Coord(j int) []float64 {
	if j < 0 || j >= tr.Dim() {
		return nil
	}
	out := make([]float64, len(tr.steps))
	for i := range out {
		out[i] = tr.xs[i*tr.dim+j]
	}
	return out
}

// Xs returns the first coordinate of every point, Coord(0).
func (tr *Trace) Xs() []float64 { return tr.Coord(0) }

// Ys returns the second coordinate of every point, Coord(1) (nil in 1-D).
func (tr *Trace) Ys() []float64 { return tr.Coord(1) }

// Point returns a copy of point i (nil when i is out of range).
func (tr *Trace) Point(i int) []float64 {
	if i < 0 || i >= tr.Len() {
		return nil
	}
	return append([]float64(nil), tr.xs[i*tr.dim:(i+1)*tr.dim]...)
}

// Final returns a copy of the last recorded point (nil for an empty trace).
func (tr *Trace) Final() []float64 { return tr.Point(tr.Len() - 1) }

// Best returns the index of the point with the lowest loss, ignoring NaN
// (−1 when there is none).
func (tr *Trace) Best() int {
	best := -1
	if tr == nil {
		return best
	}
	for i, f := range tr.losses {
		if !math.IsNaN(f) && (best < 0 || f < tr.losses[best]) {
			best = i
		}
	}
	return best
}

// String summarizes the trace in one line, e.g.
// "Trace: 101 points, steps 0…100, loss 24.2 → 1.3e-05 (best 1.3e-05 at step 100), x → [0.9964 0.9928]".
func (tr *Trace) String() string {
	n := tr.Len()
	if n == 0 {
		return "Trace: empty"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Trace: %d points, steps %d…%d, loss %.4g → %.4g", n, tr.steps[0], tr.steps[n-1],
		tr.losses[0], tr.losses[n-1])
	if i := tr.Best(); i >= 0 {
		fmt.Fprintf(&b, " (best %.4g at step %d)", tr.losses[i], tr.steps[i])
	}
	b.WriteString(", x → ")
	b.WriteString(formatPoint(tr.Final()))
	return b.String()
}

// formatPoint prints up to six coordinates with 4 significant digits.
func formatPoint(x []float64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range x {
		if i == 6 {
			fmt.Fprintf(&b, " … (%d more)", len(x)-6)
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.4g", v)
	}
	b.WriteByte(']')
	return b.String()
}
