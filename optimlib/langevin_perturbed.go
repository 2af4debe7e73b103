package optimlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// PerturbedGD is perturbed gradient descent (Jin, Ge, Netrapalli, Kakade &
// Jordan 2017): descent that adds a random kick only where the gradient is
// small, i.e. near a stationary point, so that it slides off saddle points
// while behaving exactly like the inner method elsewhere:
//
//	if ‖g‖ ≤ GradThreshold and t − t_kick ≥ Wait:   x ← x + ξ,  ξ uniform in the ball of radius Radius,  t_kick ← t
//	else:                                           x ← Inner.Step(x, g)
//
// A kick takes the place of that step's gradient step. At a strict saddle the
// kick has a component along the descending direction, which descent then
// amplifies; at a minimum the kick is undone by the following steps, and the
// Wait keeps kicks from following each other too closely. Jin et al. use
// plain GD with η = 1/ℓ as Inner. Defaults (NewPerturbedGD): Inner GD(lr),
// Radius 0.1, GradThreshold 1e-3, Wait 50. The kicks come from PCG(Seed),
// restarted by Reset, which also resets Inner.
type PerturbedGD struct {
	// Inner is the descent method between kicks.
	Inner Optimizer
	// Radius is the radius r of the kick ball (default 0.1).
	Radius float64
	// GradThreshold is the gradient norm at or below which a kick is due
	// (default 1e-3).
	GradThreshold float64
	// Wait is the least number of steps between two kicks (default 50).
	Wait int
	// Seed seeds the kicks.
	Seed uint64

	t, dim, lastKick int
	kicks            []int
	rng              *rand.Rand
	dir              []float64
}

// NewPerturbedGD returns perturbed GD with learning rate lr and the default
// kick rule (r = 0.1, ‖g‖ ≤ 1e-3, at least 50 steps apart), kicks drawn
// from PCG(seed).
func NewPerturbedGD(lr float64, seed uint64) *PerturbedGD {
	return &PerturbedGD{Inner: NewGD(lr), Radius: 0.1, GradThreshold: 1e-3, Wait: 50, Seed: seed}
}

// Name returns e.g. "PerturbedGD(GD(lr=0.1), r=0.1, g≤0.001, wait=50)".
func (o *PerturbedGD) Name() string {
	return fmt.Sprintf("PerturbedGD(%s, r=%s, g≤%s, wait=%d)", innerName(o.Inner), formatNumber(o.Radius),
		formatNumber(o.GradThreshold), o.Wait)
}

// Reset resets Inner, forgets the kicks and restarts the kicks from Seed.
func (o *PerturbedGD) Reset() {
	if o.Inner != nil {
		o.Inner.Reset()
	}
	o.t, o.dim, o.rng, o.kicks = 0, 0, nil, nil
}

// LearningRate returns Inner's learning rate.
func (o *PerturbedGD) LearningRate() float64 {
	if o.Inner == nil {
		return math.NaN()
	}
	return o.Inner.LearningRate()
}

// Kicks returns the steps (0-based, since Reset) at which a kick replaced
// the gradient step.
func (o *PerturbedGD) Kicks() []int { return append([]int(nil), o.kicks...) }

// Step kicks x if the gradient is small and the last kick is Wait steps
// back, and otherwise lets Inner step.
func (o *PerturbedGD) Step(x, grad []float64) {
	if o.Inner == nil {
		return
	}
	if len(x) != o.dim || o.rng == nil {
		o.t, o.dim, o.kicks = 0, len(x), nil
		o.rng = seededRand(o.Seed, streamNoise)
		o.lastKick = -o.Wait
	}
	if vecNorm(grad[:commonLen(x, grad)]) <= o.GradThreshold && o.t-o.lastKick >= o.Wait {
		o.kick(x)
		o.lastKick = o.t
		o.kicks = append(o.kicks, o.t)
	} else {
		o.Inner.Step(x, grad)
	}
	o.t++
}

// kick adds a point drawn uniformly from the ball of radius Radius: a
// uniform direction (a normalized Gaussian vector) times Radius·U^(1/n).
func (o *PerturbedGD) kick(x []float64) {
	n := len(x)
	o.dir = zeroed(o.dir, n)
	for i := range o.dir {
		o.dir[i] = o.rng.NormFloat64()
	}
	norm := vecNorm(o.dir)
	if norm == 0 {
		return
	}
	r := o.Radius * math.Pow(o.rng.Float64(), 1/float64(n))
	for i := range x {
		x[i] += r * o.dir[i] / norm
	}
}
