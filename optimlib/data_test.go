package optimlib_test

import (
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// TestDatasetExampleValues checks per-example losses and gradients against
// values worked out by hand from the formulas.
func TestDatasetExampleValues(t *testing.T) {
	lin := &optimlib.LinearRegression{X: [][]float64{{1, 2}}, Y: []float64{3}}
	logit := &optimlib.LogisticRegression{X: [][]float64{{1}, {1000}, {-1000}}, Labels: []float64{1, 0, 1}}
	tests := []struct {
		name     string
		d        optimlib.Dataset
		i        int
		w        []float64
		wantLoss float64
		wantGrad []float64
	}{
		// r = 0·1 + 0·2 − 3 = −3: ℓ = 9/2, ∇ℓ = −3·(1, 2).
		{"linear at 0", lin, 0, []float64{0, 0}, 4.5, []float64{-3, -6}},
		// r = 1 + 2 − 3 = 0: a perfect fit.
		{"linear at fit", lin, 0, []float64{1, 1}, 0, []float64{0, 0}},
		// z = 0: ℓ = log 2 − 0, ∇ℓ = (½ − 1)·1.
		{"logistic at 0", logit, 0, []float64{0}, math.Ln2, []float64{-0.5}},
		// z = 1000, y = 0: ℓ = log(1 + e^1000) = 1000 + log(1 + e^−1000), σ(z) = 1.
		{"logistic large z", logit, 1, []float64{1}, 1000, []float64{1000}},
		// z = −1000, y = 1: ℓ = log(1 + e^−1000) + 1000, σ(z) − 1 = −1 (up to e^−1000).
		{"logistic large negative z", logit, 2, []float64{1}, 1000, []float64{1000}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.ExampleLoss(tc.i, tc.w); math.Abs(got-tc.wantLoss) > 1e-12 {
				t.Errorf("loss = %.15g, want %.15g", got, tc.wantLoss)
			}
			g := make([]float64, len(tc.w))
			tc.d.ExampleGrad(g, tc.i, tc.w)
			for j := range g {
				if math.Abs(g[j]-tc.wantGrad[j]) > 1e-12 {
					t.Errorf("grad = %v, want %v", g, tc.wantGrad)
				}
			}
		})
	}
}

// TestDatasetGradients checks each built-in dataset's full-data gradient
// against central differences of its loss.
func TestDatasetGradients(t *testing.T) {
	lin, err := optimlib.NewLinearRegression(50, []float64{1, -2, 0.5}, 0.3, 1)
	if err != nil {
		t.Fatal(err)
	}
	logit, err := optimlib.NewLogisticRegression(60, []float64{0.5, -1}, 2)
	if err != nil {
		t.Fatal(err)
	}
	moons, err := optimlib.NewTwoMoons(40, 0.1, 3)
	if err != nil {
		t.Fatal(err)
	}
	mix, err := optimlib.NewMixturePosterior(100, 4)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    optimlib.Dataset
		w    []float64
	}{
		{"linear", lin, []float64{0.3, 0.1, -0.7}},
		{"logistic", logit, []float64{-0.4, 1.2}},
		{"moons", moons, []float64{0.1, 1, -2}},
		{"mixture near mode", mix, []float64{0.1, 0.8}},
		{"mixture between modes", mix, []float64{0.5, 0}},
		{"mixture far", mix, []float64{-3, 4}},
	}
	for _, tc := range tests {
		for _, obj := range []*optimlib.DataObjective{optimlib.FullBatch(tc.d), optimlib.TotalLoss(tc.d)} {
			if c := optimlib.CheckGrad(obj, tc.w); c.MaxError > 1e-7 {
				t.Errorf("%s (sum=%v): %v", tc.name, obj.Sum, c)
			}
			g := make([]float64, len(tc.w))
			g2 := make([]float64, len(tc.w))
			f := obj.FuncGrad(g, tc.w)
			obj.Grad(g2, tc.w)
			if math.Abs(f-obj.Func(tc.w)) > 1e-12*math.Max(1, math.Abs(f)) {
				t.Errorf("%s: FuncGrad f = %g, Func = %g", tc.name, f, obj.Func(tc.w))
			}
			for j := range g {
				if math.Abs(g[j]-g2[j]) > 1e-12*math.Max(1, math.Abs(g[j])) {
					t.Errorf("%s: FuncGrad grad %v, Grad %v", tc.name, g, g2)
				}
			}
		}
	}
}

// TestLinearRegressionData checks the generator: without noise every target
// is exactly x_i·w, and the same seed draws the same data.
func TestLinearRegressionData(t *testing.T) {
	w := []float64{2, -1}
	d, err := optimlib.NewLinearRegression(30, w, 0, 7)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Len() {
		if want := 2*d.X[i][0] - d.X[i][1]; d.Y[i] != want {
			t.Fatalf("y[%d] = %g, want %g", i, d.Y[i], want)
		}
	}
	if f := optimlib.FullBatch(d).Func(w); f != 0 {
		t.Errorf("loss at the true weights = %g, want 0", f)
	}
	a, _ := optimlib.NewLinearRegression(5, w, 1, 7)
	b, _ := optimlib.NewLinearRegression(5, w, 1, 7)
	c, _ := optimlib.NewLinearRegression(5, w, 1, 8)
	if a.Y[4] != b.Y[4] || a.X[3][1] != b.X[3][1] {
		t.Error("same seed gave different data")
	}
	if a.Y[4] == c.Y[4] {
		t.Error("different seeds gave the same data")
	}
	for _, bad := range []struct {
		n     int
		w     []float64
		noise float64
	}{{0, w, 1}, {5, nil, 1}, {5, w, -1}} {
		if _, err := optimlib.NewLinearRegression(bad.n, bad.w, bad.noise, 1); err == nil {
			t.Errorf("NewLinearRegression(%d, %v, %g) gave no error", bad.n, bad.w, bad.noise)
		}
	}
}

// TestTwoMoons checks that without noise the points lie on the two unit half
// circles centred at (0, 0) and (1, ½), half of them in each class.
func TestTwoMoons(t *testing.T) {
	d, err := optimlib.NewTwoMoons(21, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	ones := 0
	for i, x := range d.X {
		cx, cy, upper := 0.0, 0.0, true
		if d.Labels[i] == 1 {
			cx, cy, upper = 1, 0.5, false
			ones++
		}
		if x[0] != 1 {
			t.Fatalf("row %d: intercept feature %g, want 1", i, x[0])
		}
		if r := math.Hypot(x[1]-cx, x[2]-cy); math.Abs(r-1) > 1e-12 {
			t.Errorf("row %d: radius %g, want 1", i, r)
		}
		if (upper && x[2]-cy < -1e-12) || (!upper && x[2]-cy > 1e-12) {
			t.Errorf("row %d: point %v on the wrong half circle", i, x)
		}
	}
	if ones != 11 {
		t.Errorf("%d points with label 1, want 11 (21 − 21/2)", ones)
	}
	if _, err := optimlib.NewTwoMoons(1, 0, 1); err == nil {
		t.Error("NewTwoMoons(1) gave no error")
	}
}

// TestLogisticRegressionLearns checks that minimizing the loss on data drawn
// from known weights recovers them roughly and classifies well.
func TestLogisticRegressionLearns(t *testing.T) {
	trueW := []float64{2, -1}
	d, err := optimlib.NewLogisticRegression(4000, trueW, 5)
	if err != nil {
		t.Fatal(err)
	}
	res := optimlib.Minimize(optimlib.FullBatch(d), optimlib.NewGD(2), []float64{0, 0}, 500)
	for j, w := range res.X {
		// With N = 4000 the maximum-likelihood estimate is within a few
		// standard errors (≈ 0.05) of the truth.
		if math.Abs(w-trueW[j]) > 0.25 {
			t.Errorf("w[%d] = %g, want ≈ %g", j, w, trueW[j])
		}
	}
	// The Bayes accuracy E[max(σ(z), 1−σ(z))] with z ~ N(0, ‖w‖² = 5) is
	// about 0.79; a fitted rule must be close to it.
	if acc := d.Accuracy(res.X); acc < 0.72 {
		t.Errorf("accuracy %g, want ≥ 0.72", acc)
	}
}

// TestMixturePosteriorDensity compares TotalLoss with −log of the joint
// density computed directly from the Gaussian formulas (no log-sum-exp).
func TestMixturePosteriorDensity(t *testing.T) {
	d := &optimlib.MixturePosterior{X: []float64{0.5, -1, 2}, VarX: 2, PriorVar: [2]float64{10, 1}}
	normal := func(x, mean, variance float64) float64 {
		return math.Exp(-(x-mean)*(x-mean)/(2*variance)) / math.Sqrt(2*math.Pi*variance)
	}
	for _, th := range [][]float64{{0, 1}, {1, -1}, {0.3, 0.2}, {-2, 3}} {
		joint := normal(th[0], 0, 10) * normal(th[1], 0, 1)
		for _, x := range d.X {
			joint *= 0.5*normal(x, th[0], 2) + 0.5*normal(x, th[0]+th[1], 2)
		}
		want := -math.Log(joint)
		if got := optimlib.TotalLoss(d).Func(th); math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("θ = %v: total loss %.15g, want −log p = %.15g", th, got, want)
		}
	}
}

// TestMixturePosteriorModes checks the symmetry that makes the model
// bimodal — with flat priors, swapping the components, (θ₁, θ₂) →
// (θ₁+θ₂, −θ₂), leaves the loss unchanged — and that descent from the two
// sides ends in two different minima.
func TestMixturePosteriorModes(t *testing.T) {
	d, err := optimlib.NewMixturePosterior(100, 7)
	if err != nil {
		t.Fatal(err)
	}
	flat := *d
	flat.PriorVar = [2]float64{math.Inf(1), math.Inf(1)}
	obj := optimlib.FullBatch(&flat)
	for _, th := range [][]float64{{0, 1}, {0.4, -0.3}, {-1, 2}} {
		a, b := obj.Func(th), obj.Func([]float64{th[0] + th[1], -th[1]})
		if math.Abs(a-b) > 1e-12*math.Abs(a) {
			t.Errorf("flat prior: f(%v) = %.15g but f(swapped) = %.15g", th, a, b)
		}
	}
	post := optimlib.TotalLoss(d)
	cfg := optimlib.RunConfig{MaxSteps: 20000, GradTol: 1e-8}
	r1, _ := optimlib.Run(post, optimlib.NewGD(0.01), []float64{0, 1}, cfg)
	r2, _ := optimlib.Run(post, optimlib.NewGD(0.01), []float64{1, -1}, cfg)
	if r1.Reason != optimlib.StopGradTol || r2.Reason != optimlib.StopGradTol {
		t.Fatalf("descent did not converge: %v / %v", r1, r2)
	}
	// The two minima are mirror images up to the prior: θ₂ has opposite
	// signs and (θ₁+θ₂, −θ₂) of one is near the other.
	if r1.X[1] <= 0 || r2.X[1] >= 0 || math.Hypot(r1.X[0]-r2.X[0], r1.X[1]-r2.X[1]) < 1 {
		t.Errorf("expected two separate modes, got %v and %v", r1.X, r2.X)
	}
	if dist := math.Hypot(r1.X[0]+r1.X[1]-r2.X[0], -r1.X[1]-r2.X[1]); dist > 0.1 {
		t.Errorf("modes %v and %v are not mirror images (distance %g)", r1.X, r2.X, dist)
	}
}
