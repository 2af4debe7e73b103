package optimlib_test

import (
	"math"
	"slices"
	"testing"

	"github.com/descentlab/descent/optimlib"
	"gonum.org/v1/gonum/mat"
)

// regQuadratic is f(x) = (x₀ − 3)² + (x₁ + 1)².
func regQuadratic() optimlib.Objective {
	return optimlib.FromFuncGrad(
		func(x []float64) float64 { return (x[0]-3)*(x[0]-3) + (x[1]+1)*(x[1]+1) },
		func(g, x []float64) { g[0], g[1] = 2*(x[0]-3), 2*(x[1]+1) })
}

// TestPenalizedByHand checks values and (sub)gradients worked out by hand.
func TestPenalizedByHand(t *testing.T) {
	f := regQuadratic()
	tests := []struct {
		name     string
		p        *optimlib.Penalized
		x        []float64
		wantF    float64
		wantGrad []float64
	}{
		// F = 4 + 1 + 2·3 + ½·1·5 = 13.5; ∇ = (−4, −2) + (1, −2) + 2·(1, −1).
		{"elastic at (1,−2)", &optimlib.Penalized{Objective: f, L1: 2, L2: 1}, []float64{1, -2}, 13.5, []float64{-1, -6}},
		// At 0 the smooth part is (−6, 2); the minimum-norm subgradient
		// shrinks it by λ₁ = 2 toward 0: (−4, 0).
		{"elastic at 0", &optimlib.Penalized{Objective: f, L1: 2, L2: 1}, []float64{0, 0}, 10, []float64{-4, 0}},
		// λ = 2, α = 0.25: L1 = 0.5, L2 = 1.5. F = 4+1+0.5·3+0.75·5 = 10.25;
		// ∇ = (−4, −2) + 1.5·(1, −2) + 0.5·(1, −1) = (−2, −5.5).
		{"ElasticNet(2, 0.25)", optimlib.ElasticNet(f, 2, 0.25), []float64{1, -2}, 10.25, []float64{-2, -5.5}},
		// Ridge λ = 4: F = 5 + 2·5 = 15; ∇ = (−4, −2) + 4·(1, −2).
		{"Ridge(4)", optimlib.Ridge(f, 4), []float64{1, -2}, 15, []float64{0, -10}},
		// Lasso λ = 7 at 0: |−6| ≤ 7 and |2| ≤ 7, so 0 is optimal: ∇ = 0.
		{"Lasso(7) at 0", optimlib.Lasso(f, 7), []float64{0, 0}, 10, []float64{0, 0}},
	}
	for _, tc := range tests {
		if got := tc.p.Func(tc.x); math.Abs(got-tc.wantF) > 1e-12 {
			t.Errorf("%s: F = %g, want %g", tc.name, got, tc.wantF)
		}
		g := make([]float64, 2)
		tc.p.Grad(g, tc.x)
		if !slices.Equal(g, tc.wantGrad) {
			t.Errorf("%s: grad = %v, want %v", tc.name, g, tc.wantGrad)
		}
	}
	if c := optimlib.CheckGrad(optimlib.ElasticNet(f, 2, 0.5), []float64{0.7, -0.4}); c.MaxError > 1e-7 {
		t.Errorf("elastic net gradient: %v", c)
	}
}

// TestProximalGDStep checks one step by hand: x = (1, 0.1, −2), ∇f = (1, 0, −1),
// η = 0.5 gives v = (0.5, 0.1, −1.5); the threshold ηλ₁ = 0.5 gives
// (0, 0, −1); with λ₂ = 2 everything is then divided by 1 + ηλ₂ = 2.
func TestProximalGDStep(t *testing.T) {
	tests := []struct {
		l2   float64
		want []float64
	}{{0, []float64{0, 0, -1}}, {2, []float64{0, 0, -0.5}}}
	for _, tc := range tests {
		o := &optimlib.ProximalGD{LR: 0.5, L1: 1, L2: tc.l2}
		x := []float64{1, 0.1, -2}
		o.Step(x, []float64{1, 0, -1})
		if !slices.Equal(x, tc.want) {
			t.Errorf("L2=%g: x = %v, want %v", tc.l2, x, tc.want)
		}
	}
	if got := optimlib.NewProximalGD(0.1, 0.5).Name(); got != "ProximalGD(lr=0.1, l1=0.5)" {
		t.Errorf("Name = %q", got)
	}
}

// regMatrices returns X (N×p) and y of a linear regression as gonum types.
func regMatrices(d *optimlib.LinearRegression) (*mat.Dense, *mat.VecDense) {
	x := mat.NewDense(d.Len(), d.NumParams(), nil)
	for i, row := range d.X {
		x.SetRow(i, row)
	}
	return x, mat.NewVecDense(d.Len(), append([]float64(nil), d.Y...))
}

// TestRidgeClosedForm checks L2-regularized least squares, F(w) =
// ½‖Xw − y‖² + (λ/2)‖w‖², against its closed form (X'X + λI)⁻¹X'y, reached
// both by descent on Ridge(f, λ) and by the path solver with α = 0.
func TestRidgeClosedForm(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(60, []float64{2, -1, 0.5, 0}, 0.7, 31)
	f := optimlib.TotalLoss(d) // ½‖Xw − y‖²
	lambdas := []float64{1000, 10, 0.1}
	path, err := optimlib.RegularizationPath(f, make([]float64, 4), lambdas, 0, optimlib.PathConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for k, lam := range lambdas {
		want := stochLeastSquares(t, d, lam)
		// ∇²F = X'X + λI has eigenvalues ≤ about N + λ; η = 1/(N+λ+40) is safe.
		res, _ := optimlib.Run(optimlib.Ridge(f, lam), optimlib.NewGD(1/(60+lam+40)), make([]float64, 4),
			optimlib.RunConfig{MaxSteps: 100000, GradTol: 1e-10})
		if res.Reason != optimlib.StopGradTol {
			t.Errorf("λ=%g: GD stopped by %v", lam, res)
		}
		for j := range want {
			if math.Abs(res.X[j]-want[j]) > 1e-9 {
				t.Errorf("λ=%g: GD w = %v, closed form %v", lam, res.X, want)
				break
			}
			if math.Abs(path.Weights[k][j]-want[j]) > 1e-9 {
				t.Errorf("λ=%g: path w = %v, closed form %v", lam, path.Weights[k], want)
				break
			}
		}
	}
	// The weights shrink toward 0 as λ grows.
	if n0, n2 := math.Hypot(path.Weights[0][0], path.Weights[0][1]), math.Hypot(path.Weights[2][0], path.Weights[2][1]); n0 >= n2 {
		t.Errorf("‖w‖ at λ=1000 is %g, not below %g at λ=0.1", n0, n2)
	}
}

// TestLassoOrthonormal checks the lasso where it has a closed form: with
// orthonormal columns (X'X = I), minimizing ½‖Xw − y‖² + λ‖w‖₁ separates
// into w_j = S_λ((X'y)_j), the soft threshold.
func TestLassoOrthonormal(t *testing.T) {
	// Columns (1,1,1,1)/2 and (1,−1,1,−1)/2 are orthonormal.
	d := &optimlib.LinearRegression{
		X: [][]float64{{0.5, 0.5}, {0.5, -0.5}, {0.5, 0.5}, {0.5, -0.5}},
		Y: []float64{3, 1, 2, -2},
	}
	// X'y = ((3+1+2−2)/2, (3−1+2+2)/2) = (2, 3).
	tests := []struct {
		lambda float64
		want   []float64
	}{{0, []float64{2, 3}}, {1, []float64{1, 2}}, {2.5, []float64{0, 0.5}}, {3.2, []float64{0, 0}}, {5, []float64{0, 0}}}
	f := optimlib.TotalLoss(d)
	for _, tc := range tests {
		path, err := optimlib.RegularizationPath(f, []float64{0, 0}, []float64{tc.lambda}, 1, optimlib.PathConfig{})
		if err != nil {
			t.Fatal(err)
		}
		res := optimlib.Minimize(optimlib.Lasso(f, tc.lambda).Smooth(), optimlib.Lasso(f, tc.lambda).Prox(0.5), []float64{1, 1}, 200)
		for j, w := range tc.want {
			if math.Abs(path.Weights[0][j]-w) > 1e-12 || math.Abs(res.X[j]-w) > 1e-12 {
				t.Errorf("λ=%g: path %v, ProximalGD %v, want %v", tc.lambda, path.Weights[0], res.X, tc.want)
				break
			}
			if w == 0 && (path.Weights[0][j] != 0 || res.X[j] != 0) {
				t.Errorf("λ=%g: weight %d should be exactly 0: path %v, ProximalGD %v", tc.lambda, j, path.Weights[0], res.X)
			}
		}
	}
}

// TestLassoPathZeros derives λ_max for f = ½‖Xw − y‖²: ∇f(0) = −X'y, and 0
// minimizes f + λ‖w‖₁ iff every |(X'y)_j| ≤ λ, so λ_max = ‖X'y‖∞. Above it the
// path must be exactly 0; below it at least one weight is not; every solution
// must satisfy the lasso optimality (KKT) conditions.
func TestLassoPathZeros(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(80, []float64{3, 0, -1.5, 0, 0.5}, 0.5, 41)
	x, y := regMatrices(d)
	var xty mat.VecDense
	xty.MulVec(x.T(), y)
	lmax := 0.0
	for j := range xty.Len() {
		lmax = math.Max(lmax, math.Abs(xty.AtVec(j)))
	}
	f := optimlib.TotalLoss(d)
	if got := optimlib.LambdaMax(f, 5, 1); math.Abs(got-lmax) > 1e-12*lmax {
		t.Fatalf("LambdaMax = %.15g, ‖X'y‖∞ = %.15g", got, lmax)
	}
	lambdas := []float64{2 * lmax, 1.0001 * lmax, 0.999 * lmax, 0.5 * lmax, 0.1 * lmax, 0.01 * lmax, 0}
	path, err := optimlib.RegularizationPath(f, make([]float64, 5), lambdas, 1, optimlib.PathConfig{})
	if err != nil {
		t.Fatal(err)
	}
	nz := path.NonZeros()
	for k, lam := range lambdas {
		if !path.Converged[k] {
			t.Errorf("λ=%g did not converge in %d iterations", lam, path.Iterations[k])
		}
		if (lam >= lmax) != (nz[k] == 0) {
			t.Errorf("λ = %.4g·λ_max: %d non-zero weights %v", lam/lmax, nz[k], path.Weights[k])
		}
		// KKT: ∂f/∂w_j = −λ·sign(w_j) where w_j ≠ 0, |∂f/∂w_j| ≤ λ where w_j = 0.
		g := make([]float64, 5)
		f.Grad(g, path.Weights[k])
		for j, w := range path.Weights[k] {
			tol := 1e-7 * math.Max(1, lmax)
			if w != 0 && math.Abs(g[j]+lam*math.Copysign(1, w)) > tol {
				t.Errorf("λ=%.4g: w_%d = %g but ∂f = %g", lam, j, w, g[j])
			}
			if w == 0 && math.Abs(g[j]) > lam+tol {
				t.Errorf("λ=%.4g: w_%d = 0 but |∂f| = %g > λ", lam, j, math.Abs(g[j]))
			}
		}
	}
	// λ = 0 is plain least squares.
	want := stochLeastSquares(t, d, 0)
	for j := range want {
		if math.Abs(path.Weights[len(lambdas)-1][j]-want[j]) > 1e-8 {
			t.Errorf("λ=0: %v, least squares %v", path.Weights[len(lambdas)-1], want)
			break
		}
	}
	if got := path.Coef(2); len(got) != len(lambdas) || got[0] != 0 || got[len(got)-1] != path.Weights[len(lambdas)-1][2] {
		t.Errorf("Coef(2) = %v", got)
	}
	// Plain subgradient descent on the lasso only hovers around 0: above
	// λ_max it does not land on exact zeros, the proximal step does.
	lasso := optimlib.Lasso(f, 1.5*lmax)
	sub := optimlib.Minimize(lasso, optimlib.NewGD(1e-3), []float64{1, 1, 1, 1, 1}, 2000)
	prox := optimlib.Minimize(lasso.Smooth(), lasso.Prox(1e-3), []float64{1, 1, 1, 1, 1}, 2000)
	subZeros, proxZeros := 0, 0
	for j := range 5 {
		if sub.X[j] == 0 {
			subZeros++
		}
		if prox.X[j] == 0 {
			proxZeros++
		}
	}
	if proxZeros != 5 || subZeros == 5 {
		t.Errorf("above λ_max: proximal zeros %d (want 5), subgradient zeros %d (want < 5)", proxZeros, subZeros)
	}
}

// TestLambdaGrid checks the geometric grid by hand.
func TestLambdaGrid(t *testing.T) {
	got := optimlib.LambdaGrid(100, 3, 0.01)
	want := []float64{100, 10, 1}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("LambdaGrid(100, 3, 0.01) = %v, want %v", got, want)
		}
	}
	if optimlib.LambdaGrid(1, 0, 0.1) != nil {
		t.Error("n = 0 should give nil")
	}
}

// TestRegularizationPathErrors checks that bad input is an error.
func TestRegularizationPathErrors(t *testing.T) {
	f := regQuadratic()
	tests := []struct {
		name    string
		f       optimlib.Objective
		x0      []float64
		lambdas []float64
		alpha   float64
	}{
		{"nil f", nil, []float64{0, 0}, []float64{1}, 1},
		{"empty x0", f, nil, []float64{1}, 1},
		{"no lambdas", f, []float64{0, 0}, nil, 1},
		{"negative lambda", f, []float64{0, 0}, []float64{-1}, 1},
		{"alpha > 1", f, []float64{0, 0}, []float64{1}, 1.5},
		{"alpha NaN", f, []float64{0, 0}, []float64{1}, math.NaN()},
	}
	for _, tc := range tests {
		if _, err := optimlib.RegularizationPath(tc.f, tc.x0, tc.lambdas, tc.alpha, optimlib.PathConfig{}); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
