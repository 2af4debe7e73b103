package optimlib

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// metropolis is a Gaussian random-walk Metropolis chain on exp(−f(x)/T), the
// engine of Anneal (T falls) and MetropolisHastings (T fixed). One proposal:
//
//	x′ = x + σ·ξ,  ξ ~ N(0, I);   accept with probability min(1, exp(−(f(x′) − f(x))/T))
//
// A proposal outside the optional box [low, high] is rejected without
// evaluating f; a NaN f(x′) counts as +Inf (rejected).
type metropolis struct {
	obj       Objective
	x, prop   []float64
	f         float64
	scale     float64
	low, high []float64
	rng       *rand.Rand

	proposed, accepted, evals int
	window                    acceptWindow
}

// newMetropolis validates the inputs; start then evaluates f(x0).
func newMetropolis(name string, obj Objective, x0 []float64, scale float64, low, high []float64, seed uint64, window int) (*metropolis, error) {
	switch {
	case obj == nil:
		return nil, fmt.Errorf("optimlib.%s: nil objective", name)
	case len(x0) == 0:
		return nil, fmt.Errorf("optimlib.%s: empty starting point x0", name)
	case !(scale > 0) || math.IsInf(scale, 0):
		return nil, fmt.Errorf("optimlib.%s: proposal scale %g, need a finite value > 0", name, scale)
	case (low != nil && len(low) != len(x0)) || (high != nil && len(high) != len(x0)):
		return nil, fmt.Errorf("optimlib.%s: bounds of length %d/%d for a point of length %d", name, len(low), len(high), len(x0))
	}
	return &metropolis{obj: obj, x: append([]float64(nil), x0...), prop: make([]float64, len(x0)),
		scale: scale, low: low, high: high, rng: seededRand(seed, streamChain), window: newAcceptWindow(window)}, nil
}

// step makes one proposal at temperature temp and reports whether it was
// accepted. temp ≤ 0 accepts only proposals that do not increase f.
func (m *metropolis) step(temp float64) bool {
	m.proposed++
	inside := true
	for i, v := range m.x {
		p := v + m.scale*m.rng.NormFloat64()
		m.prop[i] = p
		if (m.low != nil && p < m.low[i]) || (m.high != nil && p > m.high[i]) {
			inside = false
		}
	}
	ok := false
	if inside {
		fp := m.obj.Func(m.prop)
		m.evals++
		ok = metropolisAccept(fp-m.f, temp, m.rng)
		if ok {
			m.x, m.prop = m.prop, m.x
			m.f = fp
			m.accepted++
		}
	}
	m.window.add(ok)
	return ok
}

// budget returns the budget test of a chain allowed maxEvals evaluations
// (nil for no budget): a proposal may cost one evaluation.
func (m *metropolis) budget(maxEvals int) func() (bool, string) {
	if maxEvals <= 0 {
		return nil
	}
	return func() (bool, string) {
		if m.evals+1 > maxEvals {
			return true, fmt.Sprintf("%d evaluations of MaxEvals %d", m.evals, maxEvals)
		}
		return false, ""
	}
}

// chainSteps is the number of proposals of a chain: maxSteps, or when it is
// 0 def, or with a budget as many as the budget allows (at most
// 100·maxEvals, since proposals outside the bounds cost nothing).
func chainSteps(maxSteps, maxEvals, def int) int {
	switch {
	case maxSteps > 0:
		return maxSteps
	case maxEvals > 0:
		return 100 * maxEvals
	}
	return def
}

// start evaluates f(x0); call it once, where a panic of f is recovered.
func (m *metropolis) start(name string) error {
	m.f = m.obj.Func(m.x)
	m.evals = 1
	if math.IsNaN(m.f) {
		return fmt.Errorf("optimlib.%s: f(x0) is NaN", name)
	}
	return nil
}

// safeStart runs m.start, turning a panic of f into an error.
func safeStart(m *metropolis, name string) (err error) {
	defer recoverInto(&err, "optimlib."+name+": f(x0)")
	return m.start(name)
}

// recoverInto is deferred by functions that run code from the caller
// (objectives, datasets, samplers): it turns a panic into *err, so that a
// bug in a notebook cell becomes an error value rather than a crash.
func recoverInto(err *error, context string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s: panicked: %v", context, p)
	}
}

// metropolisAccept applies the Metropolis rule to Δ = f(x′) − f(x): accept
// when Δ ≤ 0, otherwise with probability exp(−Δ/T) (never when T ≤ 0 or Δ
// is NaN).
func metropolisAccept(delta, temp float64, rng *rand.Rand) bool {
	switch {
	case delta <= 0:
		return true
	case !(temp > 0) || math.IsNaN(delta):
		return false
	}
	return rng.Float64() < math.Exp(-delta/temp)
}

// acceptWindow is the acceptance rate over the last few proposals: a ring of
// outcomes with a running count.
type acceptWindow struct {
	ring  []bool
	next  int
	full  bool
	count int
}

// newAcceptWindow returns a window over the last n proposals (n ≥ 1).
func newAcceptWindow(n int) acceptWindow { return acceptWindow{ring: make([]bool, max(n, 1))} }

// add records one outcome.
func (w *acceptWindow) add(ok bool) {
	if w.full && w.ring[w.next] {
		w.count--
	}
	w.ring[w.next] = ok
	if ok {
		w.count++
	}
	w.next++
	if w.next == len(w.ring) {
		w.next, w.full = 0, true
	}
}

// rate returns the fraction accepted in the window (NaN before any proposal).
func (w *acceptWindow) rate() float64 {
	n := w.next
	if w.full {
		n = len(w.ring)
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(w.count) / float64(n)
}

// chainLoop drives a chain under the common stop rules: it records step k
// when due, calls the callback, stops at maxSteps or on interruption, and
// otherwise calls advance(k). With an automatic stride (thinAt > 0) it
// records every step until the trace holds thinAt points, then calls thin
// (which must halve the trace and its columns, keeping the even entries)
// and doubles the stride, as Run does.
type chainLoop struct {
	maxSteps, stride, every int
	thinAt                  int
	callback                func(step int, x []float64, f float64) bool
	poll                    poller
	budget                  func() (bool, string) // reports a spent budget (nil: none)
}

// newChainLoop returns a loop with the given stride (≤ 0: automatic, with
// the trace thinned once it reaches thinAt points).
func newChainLoop(maxSteps, stride, thinAt, every int, callback func(int, []float64, float64) bool, ctx context.Context) chainLoop {
	l := chainLoop{maxSteps: maxSteps, stride: stride, every: max(every, 1), callback: callback, poll: newPoller(ctx)}
	if stride <= 0 {
		l.stride, l.thinAt = 1, max(thinAt, 100)&^1
	}
	return l
}

// tracePoints is the number of points to reserve for the trace of a chain
// run by this loop: what it can record, bounded like Run's reservation.
func (l *chainLoop) tracePoints(dim int) int {
	points := l.maxSteps/l.stride + 2
	if l.thinAt > 0 {
		points = min(points, l.thinAt+1)
	}
	return min(points, tracePreallocPoints, max(64, tracePreallocCoords/max(dim, 1)))
}

// autoThinAt is the trace length at which an automatic stride thins a trace
// of dim-dimensional points: at most maxPoints points and maxCoords
// coordinates.
func autoThinAt(dim, maxPoints, maxCoords int) int {
	return min(maxPoints, maxCoords/max(dim, 1))
}

// run executes the loop. state returns the current point and f; record(k)
// appends the state after k proposals and returns the trace length; thin
// halves the trace.
func (l *chainLoop) run(state func() ([]float64, float64), record func(k int) int, thin func(), advance func(k int)) (StopReason, string) {
	nextRecord, nextCallback := 0, 0
	for k := 0; ; k++ {
		if k == nextRecord {
			n := record(k)
			nextRecord += l.stride
			if l.thinAt > 0 && n >= l.thinAt {
				thin()
				l.stride *= 2
			}
		}
		if l.callback != nil && k == nextCallback {
			x, f := state()
			if !l.callback(k, x, f) {
				return StopCallback, fmt.Sprintf("at step %d", k)
			}
			nextCallback += l.every
		}
		if k >= l.maxSteps {
			return StopMaxSteps, ""
		}
		if l.budget != nil {
			if spent, why := l.budget(); spent {
				return StopBudget, why
			}
		}
		if k >= l.poll.next {
			if stop, why := l.poll.check(k); stop {
				return StopInterrupted, why
			}
		}
		advance(k)
	}
}

// keepEvenFloats drops the entries at odd indices of s, in place.
func keepEvenFloats(s []float64) []float64 {
	n := len(s)
	for i := 0; 2*i < n; i++ {
		s[i] = s[2*i]
	}
	return s[:(n+1)/2]
}

// sampleStats accumulates the mean and variance of every sampled state,
// recorded or not (Welford's algorithm), so that thinning the trace does not
// cost precision.
type sampleStats struct {
	count int
	mean  []float64
	m2    []float64
}

// add includes one state.
func (s *sampleStats) add(x []float64) {
	if s.mean == nil {
		s.mean, s.m2 = make([]float64, len(x)), make([]float64, len(x))
	}
	s.count++
	c := float64(s.count)
	for j, v := range x {
		d := v - s.mean[j]
		s.mean[j] += d / c
		s.m2[j] += d * (v - s.mean[j])
	}
}

// moments returns copies of the mean and the (1/n) variance; NaN without
// samples.
func (s *sampleStats) moments(dim int) (mean, variance []float64) {
	mean, variance = make([]float64, dim), make([]float64, dim)
	if s.count == 0 {
		vecFillNaN(mean)
		vecFillNaN(variance)
		return mean, variance
	}
	copy(mean, s.mean)
	for j := range variance {
		variance[j] = s.m2[j] / float64(s.count)
	}
	return mean, variance
}
