package optimlib

import (
	"errors"
	"fmt"
	"math"
)

// PathConfig configures RegularizationPath. The zero value uses the defaults.
type PathConfig struct {
	// MaxIter is the most proximal-gradient iterations per λ (default 10,000).
	MaxIter int
	// Tol stops the iterations for one λ once the proximal-gradient step
	// ‖x⁺ − x‖/η is at most Tol, the analogue of ‖∇F‖ for a non-smooth F
	// (default 1e-9, in the units of ∇f).
	Tol float64
	// Step is the first trial learning rate η, halved by backtracking until
	// the step decreases F enough (default 1).
	Step float64
}

// Path is a regularization path: the minimizer x̂(λ) of
// F_λ(x) = f(x) + λ(α‖x‖₁ + (1−α)/2·‖x‖²) for each λ of a grid. Plot Coef(j)
// against Lambdas (log scale) for the classic "weights vs λ" figure.
type Path struct {
	// Lambdas are the λ values, in the order they were solved.
	Lambdas []float64
	// Alpha is the elastic-net mixing α (1: lasso, 0: ridge).
	Alpha float64
	// Weights[k] is x̂(Lambdas[k]).
	Weights [][]float64
	// Losses[k] is the unpenalized f(x̂(λ_k)).
	Losses []float64
	// Objectives[k] is the penalized F_λ(x̂(λ_k)).
	Objectives []float64
	// Iterations[k] is the number of proximal-gradient steps for λ_k.
	Iterations []int
	// Converged[k] reports whether λ_k reached Tol within MaxIter.
	Converged []bool
}

// Coef returns weight j along the path, one value per λ (nil when j is out
// of range).
func (p *Path) Coef(j int) []float64 {
	if len(p.Weights) == 0 || j < 0 || j >= len(p.Weights[0]) {
		return nil
	}
	out := make([]float64, len(p.Weights))
	for k, w := range p.Weights {
		out[k] = w[j]
	}
	return out
}

// NonZeros returns, for each λ, how many weights are not exactly 0.
func (p *Path) NonZeros() []int {
	out := make([]int, len(p.Weights))
	for k, w := range p.Weights {
		for _, v := range w {
			if v != 0 {
				out[k]++
			}
		}
	}
	return out
}

// String summarizes the path in one line, e.g.
// "lasso path: 5 λ from 350.5 to 0.3505, non-zero weights [0 2 2 4 4]".
func (p *Path) String() string {
	kind := "elastic-net"
	switch p.Alpha {
	case 1:
		kind = "lasso"
	case 0:
		kind = "ridge"
	}
	if len(p.Lambdas) == 0 {
		return kind + " path: empty"
	}
	return fmt.Sprintf("%s path: %d λ from %.4g to %.4g, non-zero weights %v", kind, len(p.Lambdas),
		p.Lambdas[0], p.Lambdas[len(p.Lambdas)-1], p.NonZeros())
}

// LambdaMax returns the smallest λ for which x = 0 minimizes
// f(x) + λ(α‖x‖₁ + (1−α)/2·‖x‖²) when f is convex:
//
//	λ_max = ‖∇f(0)‖∞ / α
//
// since 0 is optimal iff the subdifferential ∇f(0) + αλ·[−1, 1]^p contains 0.
// For least squares f = ½‖Xw − y‖² it is ‖X'y‖∞/α. It is +Inf for α = 0
// (ridge never zeroes a weight exactly). p is the dimension of x. It is NaN
// for a nil f, p < 1, or when f's gradient panics.
func LambdaMax(f Objective, p int, alpha float64) (lmax float64) {
	if f == nil || p < 1 {
		return math.NaN()
	}
	defer func() {
		if recover() != nil {
			lmax = math.NaN()
		}
	}()
	g := make([]float64, p)
	f.Grad(g, make([]float64, p))
	m := 0.0
	for _, v := range g {
		m = math.Max(m, math.Abs(v))
	}
	return m / alpha
}

// LambdaGrid returns n values from hi down to hi·ratio, evenly spaced on a log
// scale (glmnet uses ratio = 1e-4 when N > p): hi·ratio^(k/(n−1)), k = 0..n−1.
// It returns nil for n < 1 and [hi] for n = 1.
func LambdaGrid(hi float64, n int, ratio float64) []float64 {
	if n < 1 {
		return nil
	}
	out := make([]float64, n)
	out[0] = hi
	for k := 1; k < n; k++ {
		out[k] = hi * math.Pow(ratio, float64(k)/float64(n-1))
	}
	return out
}

// RegularizationPath solves min_x f(x) + λ(α‖x‖₁ + (1−α)/2·‖x‖²) for each λ in
// lambdas, in order, each solve starting from the previous solution (a warm
// start, which is why lambdas should decrease, as LambdaGrid's do). The first
// solve starts from x0 (often zeros), which is not modified.
//
// Each solve is proximal gradient descent with backtracking (Beck & Teboulle):
// with g(x) = f(x) + λ(1−α)/2·‖x‖² the smooth part,
//
//	x⁺ = S_{ηλα}(x − η∇g(x)),   S_t(v) = sign(v)·max(|v| − t, 0)
//
// where η is halved until g(x⁺) ≤ g(x) + ∇g(x)·(x⁺−x) + ‖x⁺−x‖²/(2η); the
// soft threshold S makes weights exactly 0 once λα exceeds their pull. It
// fails on a nil f, an empty x0 or lambdas, a negative λ, α outside [0, 1],
// or when f panics.
func RegularizationPath(f Objective, x0, lambdas []float64, alpha float64, cfg PathConfig) (path *Path, err error) {
	defer recoverInto(&err, "optimlib.RegularizationPath")
	switch {
	case f == nil:
		return nil, errors.New("optimlib.RegularizationPath: nil objective")
	case len(x0) == 0:
		return nil, errors.New("optimlib.RegularizationPath: empty x0")
	case len(lambdas) == 0:
		return nil, errors.New("optimlib.RegularizationPath: no λ values")
	case !(alpha >= 0 && alpha <= 1):
		return nil, fmt.Errorf("optimlib.RegularizationPath: α = %g outside [0, 1]", alpha)
	}
	for _, l := range lambdas {
		if !(l >= 0) {
			return nil, fmt.Errorf("optimlib.RegularizationPath: λ = %g, need λ ≥ 0", l)
		}
	}
	if cfg.MaxIter <= 0 {
		cfg.MaxIter = 10000
	}
	if cfg.Tol <= 0 {
		cfg.Tol = 1e-9
	}
	if cfg.Step <= 0 {
		cfg.Step = 1
	}
	path = &Path{Alpha: alpha, Lambdas: append([]float64(nil), lambdas...)}
	s := &proxSolver{f: f, x: append([]float64(nil), x0...), eta: cfg.Step}
	s.alloc(len(x0))
	for _, lam := range lambdas {
		s.l1, s.l2 = lam*alpha, lam*(1-alpha)
		iters, ok := s.solve(cfg.MaxIter, cfg.Tol)
		path.Weights = append(path.Weights, append([]float64(nil), s.x...))
		loss := f.Func(s.x)
		path.Losses = append(path.Losses, loss)
		path.Objectives = append(path.Objectives, loss+(&Penalized{L1: s.l1, L2: s.l2}).Penalty(s.x))
		path.Iterations = append(path.Iterations, iters)
		path.Converged = append(path.Converged, ok)
	}
	return path, nil
}

// proxSolver runs backtracking proximal gradient on f + l1‖x‖₁ + (l2/2)‖x‖².
type proxSolver struct {
	f       Objective
	l1, l2  float64
	x, g, z []float64
	eta     float64
}

func (s *proxSolver) alloc(n int) {
	s.g, s.z = make([]float64, n), make([]float64, n)
}

// smooth returns g(x) = f(x) + (l2/2)‖x‖².
func (s *proxSolver) smooth(x []float64) float64 {
	return s.f.Func(x) + 0.5*s.l2*vecDot(x, x)
}

// solve iterates from s.x until the step norm ‖x⁺ − x‖/η ≤ tol or maxIter
// iterations; it returns the iterations used and whether tol was reached.
func (s *proxSolver) solve(maxIter int, tol float64) (int, bool) {
	for it := 1; it <= maxIter; it++ {
		gx := s.smooth(s.x)
		s.f.Grad(s.g, s.x)
		for i, v := range s.x {
			s.g[i] += s.l2 * v
		}
		var step float64
		for {
			lin, sq := 0.0, 0.0
			for i, v := range s.x {
				s.z[i] = softThreshold(v-s.eta*s.g[i], s.eta*s.l1)
				d := s.z[i] - v
				lin += s.g[i] * d
				sq += d * d
			}
			gz := s.smooth(s.z)
			if math.IsNaN(gz) || math.IsNaN(gx) || s.eta < 1e-300 {
				return it, false
			}
			slack := 1e-12 * math.Max(1, math.Abs(gx))
			if gz <= gx+lin+sq/(2*s.eta)+slack {
				step = math.Sqrt(sq) / s.eta
				break
			}
			s.eta /= 2
		}
		copy(s.x, s.z)
		if step <= tol {
			return it, true
		}
	}
	return maxIter, false
}
