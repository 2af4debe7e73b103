package optimlib

import (
	"math"
	"strconv"
	"strings"
)

// Optimizer is one first-order method: it moves a point x against a gradient,
// one step at a time, keeping whatever state the method needs (velocity,
// moment estimates, the step count) between steps.
//
// Every optimizer in this package follows the same pattern: NewXxx(lr)
// returns a pointer whose exported fields hold the hyperparameters, set to
// torch.optim's defaults; change a field to change the method. Each one also
// has a Schedule field: when it is non-nil the learning rate of step t
// (t = 0, 1, 2, ... counted since Reset) is Schedule.LR(t) and the LR field
// is ignored.
//
// The methods:
//
//   - Name returns a short label for legends, with the learning rate and every
//     hyperparameter that differs from its default, e.g. "Adam(lr=0.01)".
//   - Reset forgets the state (velocity, moments, step count) so that the next
//     Step starts a fresh run. Hyperparameters are kept.
//   - LearningRate returns the learning rate the next Step will use.
//   - Step updates x in place from grad = ∇f(x). It allocates nothing once the
//     state exists. The state is sized on the first Step; a Step whose x has
//     another length than before starts afresh, as after Reset. Step reads
//     only the first min(len(x), len(grad)) entries of grad and leaves the rest
//     of x alone.
//
// The built-in optimizers evaluate each formula in the order and grouping of
// torch.optim's CPU kernels (x + (c·a)/b for addcdiv, v·β + ((1−β)·g)·g for
// mul_/addcmul_, torch.lerp for running means), so that float64 trajectories
// agree with PyTorch's to rounding (run PyTorch with
// torch.set_default_dtype(torch.float64): it keeps step counts and NAdam's μ
// product in the default dtype); the only difference is that β₁ᵗ and β₂ᵗ
// are kept as running products rather than recomputed with pow, which moves
// the bias corrections by less than 1e-13 relative over 10⁵ steps.
//
// A student can implement Optimizer in a cell and hand it to Run.
type Optimizer interface {
	Name() string
	Reset()
	LearningRate() float64
	Step(x, grad []float64)
}

// scheduledRate is the learning rate of step t (0-based): the schedule's if
// there is one, the fixed rate otherwise.
func scheduledRate(lr float64, s Schedule, t int) float64 {
	if s != nil {
		return s.LR(t)
	}
	return lr
}

// penalized returns the gradient entry the method sees after maximize
// (negation), coupled L2 weight decay (+ wd·x) and L1 (+ l1·sign(x)), in
// torch.optim's order: negate first, then add the penalties.
func penalized(g, x, wd, l1 float64, maximize bool) float64 {
	if maximize {
		g = -g
	}
	if wd != 0 {
		g += wd * x
	}
	if l1 != 0 {
		g += l1 * sign(x)
	}
	return g
}

// sign is -1, 0 or +1 (0 at 0, so L1 does not push a coordinate that is
// exactly zero); NaN stays NaN.
func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return v * 0
}

// zeroed returns buf resized to n entries, all zero, reusing its storage when
// it is large enough.
func zeroed(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// filled returns buf resized to n entries, all equal to v.
func filled(buf []float64, n int, v float64) []float64 {
	buf = zeroed(buf, n)
	if v != 0 {
		for i := range buf {
			buf[i] = v
		}
	}
	return buf
}

// commonLen is the number of coordinates a Step updates.
func commonLen(x, grad []float64) int {
	return min(len(x), len(grad))
}

// power tracks b^t across consecutive steps with one multiplication per step,
// falling back to math.Pow when the base changes or a step is skipped, and
// flushing values below 1e-200 to 0. Its zero value is ready to use.
type power struct {
	base, val float64
	t         int
	valid     bool
}

// at returns base^t.
func (p *power) at(base float64, t int) float64 {
	if p.valid && base == p.base && t == p.t+1 {
		p.val *= base
	} else {
		p.val = math.Pow(base, float64(t))
	}
	if math.Abs(p.val) < 1e-200 {
		// 1 − bᵗ is already exactly 1; flushing to 0 keeps the products
		// out of the subnormal range, where each multiplication is slow.
		p.val = 0
	}
	p.base, p.t, p.valid = base, t, true
	return p.val
}

// optimizerName formats "Kind(lr=..., key=value, ...)": the learning rate (or
// the schedule's name) followed by the non-empty parts.
func optimizerName(kind string, lr float64, s Schedule, parts ...string) string {
	var b strings.Builder
	b.WriteString(kind)
	b.WriteString("(lr=")
	if s != nil {
		b.WriteString(scheduleLabel(s))
	} else {
		b.WriteString(formatNumber(lr))
	}
	for _, p := range parts {
		if p != "" {
			b.WriteString(", ")
			b.WriteString(p)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// nonDefault returns "key=value" when value differs from def, "" otherwise.
func nonDefault(key string, value, def float64) string {
	if value == def || (math.IsNaN(value) && math.IsNaN(def)) {
		return ""
	}
	return key + "=" + formatNumber(value)
}

// flag returns key when on, "" otherwise.
func flag(key string, on bool) string {
	if on {
		return key
	}
	return ""
}

// formatNumber prints v in the shortest form that reads back exactly.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// lerp returns a + w·(b − a) the way torch.lerp evaluates it, so that running
// averages written as lerps round exactly as in PyTorch.
func lerp(a, b, w float64) float64 {
	if math.Abs(w) < 0.5 {
		return a + w*(b-a)
	}
	return b - (b-a)*(1-w)
}
