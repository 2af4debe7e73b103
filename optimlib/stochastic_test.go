package optimlib_test

import (
	"math"
	"slices"
	"testing"

	"github.com/descentlab/descent/optimlib"
	"gonum.org/v1/gonum/mat"
)

// stochLeastSquares solves the normal equations X'X·w = X'y with gonum/mat.
func stochLeastSquares(t *testing.T, d *optimlib.LinearRegression, ridge float64) []float64 {
	t.Helper()
	n, p := d.Len(), d.NumParams()
	x := mat.NewDense(n, p, nil)
	for i, row := range d.X {
		x.SetRow(i, row)
	}
	y := mat.NewVecDense(n, append([]float64(nil), d.Y...))
	var xtx mat.Dense
	xtx.Mul(x.T(), x)
	for j := range p {
		xtx.Set(j, j, xtx.At(j, j)+ridge)
	}
	var xty, w mat.VecDense
	xty.MulVec(x.T(), y)
	if err := w.SolveVec(&xtx, &xty); err != nil {
		t.Fatalf("normal equations: %v", err)
	}
	return w.RawVector().Data
}

// TestMiniBatchEpochs checks the batching: with N = 10 and B = 3 an epoch is
// batches of 3, 3, 3 and 1 that together hold every example once, and the
// order is reshuffled between epochs.
func TestMiniBatchEpochs(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(10, []float64{1}, 0, 1)
	tests := []struct {
		batch     int
		wantSizes []int
	}{
		{1, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{3, []int{3, 3, 3, 1}},
		{5, []int{5, 5}},
		{0, []int{10}},
		{10, []int{10}},
		{25, []int{10}},
	}
	for _, tc := range tests {
		mb := optimlib.NewMiniBatch(d, tc.batch, 42)
		if got := mb.BatchesPerEpoch(); got != len(tc.wantSizes) {
			t.Errorf("B=%d: BatchesPerEpoch = %d, want %d", tc.batch, got, len(tc.wantSizes))
		}
		var orders [][]int
		for epoch := range 4 {
			var order []int
			for k, want := range tc.wantSizes {
				b := mb.Next()
				if len(b) != want {
					t.Fatalf("B=%d epoch %d batch %d: size %d, want %d", tc.batch, epoch, k, len(b), want)
				}
				order = append(order, b...)
			}
			if mb.Epochs() != epoch+1 {
				t.Errorf("B=%d: Epochs() = %d after %d passes", tc.batch, mb.Epochs(), epoch+1)
			}
			sorted := slices.Sorted(slices.Values(order))
			for i, v := range sorted {
				if v != i {
					t.Fatalf("B=%d epoch %d: order %v is not a permutation of 0..9", tc.batch, epoch, order)
				}
			}
			orders = append(orders, order)
		}
		shuffled := tc.batch >= 1 && tc.batch < 10
		reshuffled := false
		for _, o := range orders[1:] {
			reshuffled = reshuffled || !slices.Equal(o, orders[0])
		}
		if shuffled && !reshuffled {
			t.Errorf("B=%d: the same order in all 4 epochs", tc.batch)
		}
		if !shuffled && !slices.Equal(orders[0], []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Errorf("B=%d: full batch in order %v, want 0..9", tc.batch, orders[0])
		}
		if want := 4 * 10; mb.Examples() != want {
			t.Errorf("B=%d: Examples() = %d, want %d", tc.batch, mb.Examples(), want)
		}
	}
}

// TestMiniBatchSeeded checks that the seed alone fixes the sequence, and that
// Reset replays it.
func TestMiniBatchSeeded(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(20, []float64{1}, 0, 1)
	a, b, c := optimlib.NewMiniBatch(d, 4, 9), optimlib.NewMiniBatch(d, 4, 9), optimlib.NewMiniBatch(d, 4, 10)
	var seqA, seqB, seqC []int
	for range 15 {
		seqA = append(seqA, a.Next()...)
		seqB = append(seqB, b.Next()...)
		seqC = append(seqC, c.Next()...)
	}
	if !slices.Equal(seqA, seqB) {
		t.Error("same seed, different batches")
	}
	if slices.Equal(seqA, seqC) {
		t.Error("different seeds, same batches")
	}
	a.Reset()
	var again []int
	for range 15 {
		again = append(again, a.Next()...)
	}
	if !slices.Equal(seqA, again) {
		t.Error("Reset did not replay the sequence")
	}
}

// TestMiniBatchUnbiased checks the estimate: over one epoch of equal batches
// the batch gradients average to the full gradient (the batches partition the
// data), Sum scales by N, and a full batch is exactly the full gradient.
func TestMiniBatchUnbiased(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(12, []float64{1, -2}, 0.5, 3)
	w := []float64{0.3, 0.7}
	full := make([]float64, 2)
	optimlib.FullBatch(d).Grad(full, w)
	for _, b := range []int{1, 2, 3, 4, 6, 12} {
		mb := optimlib.NewMiniBatch(d, b, 5)
		avg, g := make([]float64, 2), make([]float64, 2)
		per := mb.BatchesPerEpoch()
		for range per {
			mb.Grad(g, w)
			avg[0] += g[0] / float64(per)
			avg[1] += g[1] / float64(per)
		}
		for j := range avg {
			if math.Abs(avg[j]-full[j]) > 1e-12 {
				t.Errorf("B=%d: epoch average %v, full gradient %v", b, avg, full)
			}
		}
		sum := &optimlib.MiniBatch{Data: d, BatchSize: b, Seed: 5, Sum: true}
		mean := optimlib.NewMiniBatch(d, b, 5)
		gs, gm := make([]float64, 2), make([]float64, 2)
		fs, fm := sum.FuncGrad(gs, w), mean.FuncGrad(gm, w)
		if math.Abs(fs-12*fm) > 1e-12 || math.Abs(gs[0]-12*gm[0]) > 1e-12 {
			t.Errorf("B=%d: Sum gives f=%g g=%v, want 12× (%g, %v)", b, fs, gs, fm, gm)
		}
	}
	mb := optimlib.NewMiniBatch(d, 0, 5)
	g := make([]float64, 2)
	mb.Grad(g, w)
	if !slices.Equal(g, full) {
		t.Errorf("full batch %v differs from FullBatch %v", g, full)
	}
}

// TestRunMiniBatchLeastSquares checks that mini-batch descent reaches the
// least-squares solution of the normal equations.
func TestRunMiniBatchLeastSquares(t *testing.T) {
	noisy, _ := optimlib.NewLinearRegression(200, []float64{1.5, -2, 0.5}, 0.5, 21)
	exact, _ := optimlib.NewLinearRegression(200, []float64{1.5, -2, 0.5}, 0, 22)
	tests := []struct {
		name   string
		d      *optimlib.LinearRegression
		opt    optimlib.Optimizer
		batch  int
		epochs int
		tol    float64
	}{
		// Full batch: GD on a strongly convex quadratic converges linearly.
		{"full batch GD", noisy, optimlib.NewGD(0.5), 0, 300, 1e-9},
		// Noise-free data: every example gradient vanishes at the solution,
		// so even B = 1 with a constant rate converges exactly.
		{"SGD B=1 interpolating", exact, optimlib.NewGD(0.05), 1, 60, 1e-9},
		// Noisy data, B = 10: the constant-rate noise floor is removed by a
		// 1/t decay of the rate (the constant rate 0.05 stalls at an error
		// of about 0.025 with B = 10, 0.11 with B = 1).
		{"SGD B=10 decaying rate", noisy, &optimlib.GD{Schedule: optimlib.NewInverseTimeLR(0.2, 0.01)}, 10, 300, 2e-3},
		{"Adam B=20 decaying rate", noisy, &optimlib.Adam{LR: 0.05, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
			Schedule: optimlib.NewInverseTimeLR(0.05, 0.01)}, 20, 300, 1e-2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := stochLeastSquares(t, tc.d, 0)
			res, err := optimlib.RunMiniBatch(tc.d, tc.opt, []float64{0, 0, 0},
				optimlib.MiniBatchConfig{BatchSize: tc.batch, Epochs: tc.epochs, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if d := math.Sqrt(sqDist(res.X, want)); d > tc.tol {
				t.Errorf("‖w − w*‖ = %.3g > %g: w = %v, w* = %v", d, tc.tol, res.X, want)
			}
			if res.Reason != optimlib.StopMaxSteps || res.Epochs != float64(tc.epochs) {
				t.Errorf("stopped by %v after %g epochs, want max steps after %d", res.Reason, res.Epochs, tc.epochs)
			}
		})
	}
}

// sqDist returns ‖a − b‖².
func sqDist(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return s
}

// TestRunMiniBatchBookkeeping checks steps, epochs and the two traces on a
// case counted by hand: N = 100, B = 30 gives P = ⌈100/30⌉ = 4 batches per
// epoch (30, 30, 30, 10), so 3 epochs are 12 steps.
func TestRunMiniBatchBookkeeping(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(100, []float64{1, 2}, 0.1, 2)
	res, err := optimlib.RunMiniBatch(d, optimlib.NewGD(0.1), []float64{0, 0},
		optimlib.MiniBatchConfig{BatchSize: 30, Epochs: 3, Seed: 3, Run: optimlib.RunConfig{Stride: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Steps != 12 || res.BatchesPerEpoch != 4 || res.BatchSize != 30 || res.Epochs != 3 {
		t.Errorf("steps %d, P %d, B %d, epochs %g; want 12, 4, 30, 3", res.Steps, res.BatchesPerEpoch, res.BatchSize, res.Epochs)
	}
	// 13 batches are drawn: one per step plus one at the final point.
	if want := 3*100 + 30; res.Examples != want {
		t.Errorf("Examples = %d, want %d", res.Examples, want)
	}
	if got := res.EpochTrace.Steps(); !slices.Equal(got, []float64{0, 1, 2, 3}) {
		t.Errorf("epoch trace at epochs %v, want 0 1 2 3", got)
	}
	full := optimlib.FullBatch(d)
	losses := res.EpochTrace.Losses()
	if losses[0] != full.Func([]float64{0, 0}) || losses[3] != full.Func(res.X) || res.F != losses[3] {
		t.Errorf("epoch losses %v, want the full loss at w0 and at X = %g", losses, full.Func(res.X))
	}
	// Step k is ⌊k/4⌋ + min(30·(k mod 4), 100)/100 epochs in.
	want := []float64{0, 0.3, 0.6, 0.9, 1, 1.3, 1.6, 1.9, 2, 2.3, 2.6, 2.9, 3}
	got := res.TraceEpochs()
	if len(got) != len(want) {
		t.Fatalf("TraceEpochs has %d points, want %d", len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("TraceEpochs = %v, want %v", got, want)
			break
		}
	}
}

// TestRunMiniBatchFullBatchMatchesRun checks that B = N is plain descent on
// the full-data objective, bit for bit.
func TestRunMiniBatchFullBatchMatchesRun(t *testing.T) {
	d, _ := optimlib.NewLogisticRegression(50, []float64{1, -1}, 4)
	mb, err := optimlib.RunMiniBatch(d, optimlib.NewAdam(0.1), []float64{0.5, 0.5},
		optimlib.MiniBatchConfig{BatchSize: 50, Run: optimlib.RunConfig{MaxSteps: 40}})
	if err != nil {
		t.Fatal(err)
	}
	plain := optimlib.Minimize(optimlib.FullBatch(d), optimlib.NewAdam(0.1), []float64{0.5, 0.5}, 40)
	if !slices.Equal(mb.X, plain.X) || mb.F != plain.F {
		t.Errorf("mini-batch B=N ends at %v (f=%g), full-batch Run at %v (f=%g)", mb.X, mb.F, plain.X, plain.F)
	}
}

// TestRunMiniBatchErrors checks that bad input is an error, not a panic.
func TestRunMiniBatchErrors(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(10, []float64{1, 2}, 0.1, 2)
	tests := []struct {
		name string
		d    optimlib.Dataset
		opt  optimlib.Optimizer
		w0   []float64
		cfg  optimlib.MiniBatchConfig
	}{
		{"nil data", nil, optimlib.NewGD(0.1), []float64{0, 0}, optimlib.MiniBatchConfig{}},
		{"empty data", &optimlib.LinearRegression{}, optimlib.NewGD(0.1), []float64{}, optimlib.MiniBatchConfig{}},
		{"wrong w0", d, optimlib.NewGD(0.1), []float64{0}, optimlib.MiniBatchConfig{}},
		{"nil optimizer", d, nil, []float64{0, 0}, optimlib.MiniBatchConfig{}},
		{"negative epochs", d, optimlib.NewGD(0.1), []float64{0, 0}, optimlib.MiniBatchConfig{Epochs: -1}},
	}
	for _, tc := range tests {
		if _, err := optimlib.RunMiniBatch(tc.d, tc.opt, tc.w0, tc.cfg); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestGradNoiseVarianceByHand checks the formula on four examples whose
// batches can be enumerated: x_i = 1, y_i = i, at w = 0 the example gradients
// are 0, −1, −2, −3 with mean −1.5 and S² = (2.25+0.25+0.25+2.25)/4 = 1.25.
// B = 1: 1.25. B = 2: the six pairs have means −.5, −1, −1.5, −1.5, −2,
// −2.5, squared deviations 1, .25, 0, 0, .25, 1, average 2.5/6.
// B = 3: the four triples have means −1, −4/3, −5/3, −2, squared deviations
// 1/4, 1/36, 1/36, 1/4, average 5/36. B = 4: 0.
func TestGradNoiseVarianceByHand(t *testing.T) {
	d := &optimlib.LinearRegression{X: [][]float64{{1}, {1}, {1}, {1}}, Y: []float64{0, 1, 2, 3}}
	for _, tc := range []struct {
		batch int
		want  float64
	}{{1, 1.25}, {2, 2.5 / 6}, {3, 5.0 / 36}, {4, 0}} {
		got, err := optimlib.GradNoiseVariance(d, []float64{0}, tc.batch)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("B=%d: variance %.17g, want %.17g", tc.batch, got, tc.want)
		}
	}
	for _, b := range []int{0, 5} {
		if _, err := optimlib.GradNoiseVariance(d, []float64{0}, b); err == nil {
			t.Errorf("B=%d: no error", b)
		}
	}
	if _, err := optimlib.GradNoiseVariance(d, []float64{0, 0}, 1); err == nil {
		t.Error("wrong w length: no error")
	}
}

// TestGradNoiseVarianceSampled checks the formula against simulation on a
// larger dataset and that the noise falls with the batch size.
func TestGradNoiseVarianceSampled(t *testing.T) {
	d, _ := optimlib.NewLinearRegression(300, []float64{1, -1, 2}, 1, 8)
	w := []float64{0, 0, 0}
	prev := math.Inf(1)
	for _, b := range []int{1, 4, 16, 64, 256} {
		exact, err := optimlib.GradNoiseVariance(d, w, b)
		if err != nil {
			t.Fatal(err)
		}
		sampled, err := optimlib.SampleGradNoiseVariance(d, w, b, 20000, uint64(b))
		if err != nil {
			t.Fatal(err)
		}
		// 20,000 draws: relative standard error about √(2/20000) ≈ 1%
		// for Gaussian noise, a few % for the heavier tails at B = 1.
		if math.Abs(sampled-exact) > 0.06*exact {
			t.Errorf("B=%d: sampled %g, exact %g", b, sampled, exact)
		}
		if exact >= prev {
			t.Errorf("B=%d: variance %g did not fall (previous %g)", b, exact, prev)
		}
		prev = exact
	}
}
