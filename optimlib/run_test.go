package optimlib_test

import (
	"context"
	"math"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// halfSquare is f(x) = ½x² + offset in 1-D; GD with lr 0.5 from 1 gives
// x_k = 0.5^k, ∇f = 0.5^k and f_k = offset + ½·0.25^k exactly.
type halfSquare struct{ offset float64 }

func (h halfSquare) Func(x []float64) float64 { return 0.5*x[0]*x[0] + h.offset }
func (h halfSquare) Grad(g, x []float64)      { g[0] = x[0] }

// naiveQuad is f = x² − xy + y², ½xᵀAx with A = [[2, −1], [−1, 2]], computed
// term by term so that overflow shows as Inf − Inf = NaN.
type naiveQuad struct{}

func (naiveQuad) Func(p []float64) float64 { x, y := p[0], p[1]; return x*x - x*y + y*y }
func (naiveQuad) Grad(g, p []float64)      { g[0], g[1] = 2*p[0]-p[1], 2*p[1]-p[0] }

func mustRun(t *testing.T, obj optimlib.Objective, opt optimlib.Optimizer, x0 []float64, cfg optimlib.RunConfig) *optimlib.Result {
	t.Helper()
	res, err := optimlib.Run(obj, opt, x0, cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func TestRunStopRules(t *testing.T) {
	tests := []struct {
		name      string
		obj       optimlib.Objective
		opt       optimlib.Optimizer
		x0        []float64
		cfg       optimlib.RunConfig
		reason    optimlib.StopReason
		steps     int
		detailHas string
	}{
		// ‖∇f‖ = 0.5^k ≤ 1e-3 first at k = 10 (0.5^10 ≈ 9.8e-4).
		{"gradient tolerance", halfSquare{}, optimlib.NewGD(0.5), []float64{1},
			optimlib.RunConfig{GradTol: 1e-3}, optimlib.StopGradTol, 10, "≤ 0.001"},
		{"max steps", halfSquare{}, optimlib.NewGD(0.5), []float64{1},
			optimlib.RunConfig{MaxSteps: 7}, optimlib.StopMaxSteps, 7, ""},
		// f_k = ½·0.25^k, PlateauTol 1e-4: k = 1..6 improve; k = 7 does not
		// (f_6 − f_7 ≈ 9.2e-5); k = 8 does, against f_6 (≈ 1.14e-4); from
		// k = 9 on f_8 − f_k < f_8 ≈ 7.6e-6, so 9, 10, 11 miss: stop at 11.
		{"plateau absolute", halfSquare{}, optimlib.NewGD(0.5), []float64{1},
			optimlib.RunConfig{Patience: 3, PlateauTol: 1e-4}, optimlib.StopPlateau, 11, "for 3 steps"},
		// f_k = 100 + ½·0.25^k, PlateauRelTol 1e-4 → threshold ≈ 0.01:
		// k = 1, 2, 3 improve (0.375, 0.094, 0.023); then f_3 − f_k < f_3 − 100
		// ≈ 0.0078 for every k > 3: misses at 4, 5, 6.
		{"plateau relative", halfSquare{100}, optimlib.NewGD(0.5), []float64{1},
			optimlib.RunConfig{Patience: 3, PlateauRelTol: 1e-4}, optimlib.StopPlateau, 6, ""},
		// lr 3 on the (1,1) eigenvector (eigenvalue 1): x_k = (−2)^k(1,1),
		// f_k = 4^k > 1e100 first at k = 167 (4^166 ≈ 8.7e99).
		{"diverged above bound", naiveQuad{}, optimlib.NewGD(3), []float64{1, 1},
			optimlib.RunConfig{MaxSteps: 100000}, optimlib.StopDiverged, 167, "at step 167"},
		// Without a bound: x² = 2^1024 overflows at k = 512 and f = Inf − Inf + Inf = NaN.
		{"diverged to NaN", naiveQuad{}, optimlib.NewGD(3), []float64{1, 1},
			optimlib.RunConfig{MaxSteps: 100000, DivergeAbove: math.Inf(1)}, optimlib.StopDiverged, 512, "f = NaN"},
		{"callback", halfSquare{}, optimlib.NewGD(0.1), []float64{1},
			optimlib.RunConfig{Callback: func(k int, x []float64, f float64) bool { return k < 7 }, CallbackEvery: 3},
			optimlib.StopCallback, 9, "at step 9"},
		// f_0 = 0.5 > 0.1 and ‖∇f_0‖ = 1 ≤ 10: divergence is checked first.
		{"divergence before gradient tolerance", halfSquare{}, optimlib.NewGD(0.5), []float64{1},
			optimlib.RunConfig{DivergeAbove: 0.1, GradTol: 10}, optimlib.StopDiverged, 0, "at step 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, tc.obj, tc.opt, tc.x0, tc.cfg)
			if res.Reason != tc.reason || res.Steps != tc.steps {
				t.Fatalf("stopped by %v after %d steps (%s), want %v after %d", res.Reason, res.Steps, res.Detail, tc.reason, tc.steps)
			}
			if !strings.Contains(res.Detail, tc.detailHas) {
				t.Errorf("Detail %q does not contain %q", res.Detail, tc.detailHas)
			}
			if res.FuncEvals != tc.steps+1 || res.GradEvals != tc.steps+1 {
				t.Errorf("evaluations %d/%d, want %d", res.FuncEvals, res.GradEvals, tc.steps+1)
			}
			tr := res.Trace
			if last := tr.StepAt(tr.Len() - 1); last != tc.steps {
				t.Errorf("last trace step %d, want %d", last, tc.steps)
			}
			final := tr.Final()
			for i := range final {
				if final[i] != res.X[i] && !(final[i] != final[i] && res.X[i] != res.X[i]) {
					t.Errorf("trace final %v != result X %v", final, res.X)
				}
			}
		})
	}
}

// The callback sees the step, the current point and f; CallbackEvery spaces it.
func TestRunCallbackArguments(t *testing.T) {
	var steps []int
	var xs, fs []float64
	cfg := optimlib.RunConfig{MaxSteps: 6, CallbackEvery: 2, Callback: func(k int, x []float64, f float64) bool {
		steps, xs, fs = append(steps, k), append(xs, x[0]), append(fs, f)
		return true
	}}
	mustRun(t, halfSquare{}, optimlib.NewGD(0.5), []float64{1}, cfg)
	wantSteps := []int{0, 2, 4, 6}
	if len(steps) != len(wantSteps) {
		t.Fatalf("callback steps %v, want %v", steps, wantSteps)
	}
	for i, k := range wantSteps {
		x := 1.0 / float64(int(1)<<k)
		if steps[i] != k || xs[i] != x || fs[i] != 0.5*x*x {
			t.Errorf("callback %d: (%d, %v, %v), want (%d, %v, %v)", i, steps[i], xs[i], fs[i], k, x, 0.5*x*x)
		}
	}
}

// Stride keeps every Stride-th step and always the final one, once.
func TestRunStrideKeepsFinalPoint(t *testing.T) {
	tests := []struct {
		maxSteps, stride int
		want             []float64
	}{
		{10, 4, []float64{0, 4, 8, 10}},
		{8, 4, []float64{0, 4, 8}},
		{3, 1, []float64{0, 1, 2, 3}},
		{5, 100, []float64{0, 5}},
	}
	for _, tc := range tests {
		res := mustRun(t, halfSquare{}, optimlib.NewGD(0.1), []float64{1},
			optimlib.RunConfig{MaxSteps: tc.maxSteps, Stride: tc.stride})
		got := res.Trace.Steps()
		if !equalFloats(got, tc.want) {
			t.Errorf("MaxSteps %d, Stride %d: steps %v, want %v", tc.maxSteps, tc.stride, got, tc.want)
		}
	}
	// A run stopped early by a rule keeps its final point too: GradTol at k = 10.
	res := mustRun(t, halfSquare{}, optimlib.NewGD(0.5), []float64{1}, optimlib.RunConfig{GradTol: 1e-3, Stride: 4})
	if got := res.Trace.Steps(); !equalFloats(got, []float64{0, 4, 8, 10}) {
		t.Errorf("early stop steps %v, want [0 4 8 10]", got)
	}
	// Automatic stride: every step until 10,000 points, then every 2nd, 4th,
	// ... step. 10^6 steps: stride 64 fills 10,000 points at step
	// 9999·64 = 639,936; thinned to stride 128 (5,000 points up to 639,872),
	// then 640,000, ..., 999,936 (2,813 more) and the final step: 7,814.
	res = mustRun(t, diagQuad{[]float64{1, 2}}, optimlib.NewGD(1e-9), []float64{1, 1}, optimlib.RunConfig{MaxSteps: 1000000})
	tr := res.Trace
	if n, s, last := tr.Len(), tr.StepAt(1), tr.StepAt(tr.Len()-2); n != 7814 || s != 128 || last != 999936 {
		t.Errorf("auto stride: %d points, second at step %d, last but one %d; want 7814, 128, 999936", n, s, last)
	}
	// In 1,000 dimensions the trace keeps about 10^6 coordinates, at most
	// 1,000 points: 3,000 steps fill 1,000 points at step 999 (stride 1),
	// 500 more at stride 2 reach 1,000 at step 1998, then stride 4 gives
	// 2000, 2004, ..., 2996 (250 points) after 500 kept, and the final step.
	q, x0 := quad1000()
	res = mustRun(t, q, optimlib.NewGD(1e-6), x0, optimlib.RunConfig{MaxSteps: 3000})
	if n, s := res.Trace.Len(), res.Trace.StepAt(1); n != 751 || s != 4 {
		t.Errorf("auto stride in 1000-D: %d points, second at step %d; want 751 and 4", n, s)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The trace records x_k, f(x_k), ‖∇f(x_k)‖ and the rate of the step from x_k.
func TestRunTraceContents(t *testing.T) {
	opt := optimlib.NewGD(0)
	opt.Schedule = optimlib.NewStepLR(0.5, 2)
	res := mustRun(t, halfSquare{}, opt, []float64{1}, optimlib.RunConfig{MaxSteps: 3})
	// rates 0.5, 0.5, 0.05 → x = 1, 0.5, 0.25, 0.2375.
	wantX := []float64{1, 0.5, 0.25, 0.2375}
	wantLR := []float64{0.5, 0.5, 0.05, 0.05}
	tr := res.Trace
	xs, losses, norms, lrs := tr.Xs(), tr.Losses(), tr.GradNorms(), tr.LRs()
	for i := range wantX {
		assertClose(t, "x", xs[i], wantX[i], 1e-15)
		assertClose(t, "loss", losses[i], 0.5*wantX[i]*wantX[i], 1e-15)
		assertClose(t, "grad norm", norms[i], wantX[i], 1e-15)
		assertClose(t, "lr", lrs[i], wantLR[i], 1e-15)
	}
	if res.Optimizer != "GD(lr=StepLR(0.5, step=2, gamma=0.1))" {
		t.Errorf("Optimizer = %q", res.Optimizer)
	}
}

// "Run until a rule stops it": no step limit worth the name.
func TestRunWithoutStepLimit(t *testing.T) {
	for _, stride := range []int{0, 1, 1000} {
		res := mustRun(t, halfSquare{}, optimlib.NewGD(0.5), []float64{1}, optimlib.RunConfig{MaxSteps: math.MaxInt, GradTol: 1e-3, Stride: stride})
		if res.Reason != optimlib.StopGradTol || res.Steps != 10 {
			t.Errorf("stride %d: %v after %d steps, want gradient tolerance after 10", stride, res.Reason, res.Steps)
		}
	}
}

func TestRunBadInput(t *testing.T) {
	tests := []struct {
		name string
		obj  optimlib.Objective
		opt  optimlib.Optimizer
		x0   []float64
		cfg  optimlib.RunConfig
		want string
	}{
		{"nil objective", nil, optimlib.NewGD(1), []float64{1}, optimlib.RunConfig{}, "nil objective"},
		{"nil optimizer", halfSquare{}, nil, []float64{1}, optimlib.RunConfig{}, "nil optimizer"},
		{"empty x0", halfSquare{}, optimlib.NewGD(1), nil, optimlib.RunConfig{}, "empty starting point"},
		{"negative steps", halfSquare{}, optimlib.NewGD(1), []float64{1}, optimlib.RunConfig{MaxSteps: -1}, "negative MaxSteps"},
	}
	for _, tc := range tests {
		res, err := optimlib.Run(tc.obj, tc.opt, tc.x0, tc.cfg)
		if err == nil || res != nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Run = %v, %v; want nil and an error containing %q", tc.name, res, err, tc.want)
		}
		if r := optimlib.Minimize(tc.obj, tc.opt, tc.x0, tc.cfg.MaxSteps); r.Reason != optimlib.StopFailed || r.Err == nil || r.Trace.Len() != 0 {
			t.Errorf("%s: Minimize = %v, want StopFailed with Err", tc.name, r)
		}
	}
}

// panicky is an objective whose gradient panics at x < 0.5, as a student's
// objective with an index error would.
type panicky struct{}

func (panicky) Func(x []float64) float64 { return x[0] }
func (panicky) Grad(g, x []float64) {
	if x[0] < 0.5 {
		var empty []float64
		g[0] = empty[3]
	}
	g[0] = 1
}

// brokenOptimizer panics in Reset, as a student's first try might.
type brokenOptimizer struct{ optimlib.GD }

func (b *brokenOptimizer) Reset() { panic("not implemented") }

func TestRunRecoversPanics(t *testing.T) {
	if _, err := optimlib.Run(halfSquare{}, &brokenOptimizer{}, []float64{1}, optimlib.RunConfig{}); err == nil ||
		!strings.Contains(err.Error(), "panic at step 0 of GD(lr=0): not implemented") {
		t.Errorf("panicking Reset: err = %v", err)
	}
	res, err := optimlib.Run(panicky{}, optimlib.NewGD(0.2), []float64{1}, optimlib.RunConfig{})
	// x = 1, 0.8, 0.6, 0.4: the gradient at step 3 panics.
	if err == nil || !strings.Contains(err.Error(), "panic at step 3 of GD(lr=0.2)") {
		t.Fatalf("err = %v, want a panic at step 3", err)
	}
	if res == nil || res.Reason != optimlib.StopFailed || res.Err == nil || res.Trace.Len() != 3 {
		t.Fatalf("res = %v, want StopFailed with the 3 points before the panic", res)
	}
}

// KeepState continues a run: 5 + 5 steps equal 10 steps.
func TestRunKeepState(t *testing.T) {
	q := diagQuad{[]float64{1, 3}}
	whole := mustRun(t, q, optimlib.NewAdam(0.1), []float64{1, 1}, optimlib.RunConfig{MaxSteps: 10})
	opt := optimlib.NewAdam(0.1)
	first := mustRun(t, q, opt, []float64{1, 1}, optimlib.RunConfig{MaxSteps: 5})
	second := mustRun(t, q, opt, first.X, optimlib.RunConfig{MaxSteps: 5, KeepState: true})
	if !equalFloats(whole.X, second.X) {
		t.Errorf("5+5 steps with KeepState: %v, want %v", second.X, whole.X)
	}
	fresh := mustRun(t, q, opt, first.X, optimlib.RunConfig{MaxSteps: 5})
	if equalFloats(whole.X, fresh.X) {
		t.Error("a run without KeepState should restart the optimizer")
	}
}

func TestRunDoesNotModifyX0(t *testing.T) {
	x0 := []float64{1, 1}
	res := optimlib.Minimize(diagQuad{[]float64{1, 1}}, optimlib.NewGD(0.1), x0, 10)
	if x0[0] != 1 || x0[1] != 1 {
		t.Errorf("x0 changed to %v", x0)
	}
	res.X[0] = 99
	if p := res.Trace.Final(); p[0] == 99 {
		t.Error("Result.X shares storage with the trace")
	}
}

// Run prefers FuncGrad when the objective has it: a CountingObjective counts
// one f and one ∇f per evaluated point either way.
func TestRunCountsEvaluations(t *testing.T) {
	c := optimlib.Count(rosenbrock2{})
	res := mustRun(t, c, optimlib.NewAdam(0.01), []float64{-1, 1}, optimlib.RunConfig{MaxSteps: 20})
	if c.FuncEvals() != 21 || c.GradEvals() != 21 || res.FuncEvals != 21 {
		t.Errorf("counted %d f and %d ∇f, result %d; want 21", c.FuncEvals(), c.GradEvals(), res.FuncEvals)
	}
	withFG := mustRun(t, rosenbrock2FG{}, optimlib.NewAdam(0.01), []float64{-1, 1}, optimlib.RunConfig{MaxSteps: 20})
	if !equalFloats(withFG.X, res.X) || withFG.F != res.F {
		t.Errorf("FuncGrad path %v/%v differs from Func+Grad %v/%v", withFG.X, withFG.F, res.X, res.F)
	}
}

func TestResultString(t *testing.T) {
	res := mustRun(t, halfSquare{}, optimlib.NewGD(0.5), []float64{1}, optimlib.RunConfig{GradTol: 1e-3})
	want := "GD(lr=0.5): gradient tolerance after 10 steps (‖∇f‖ = 0.000977 ≤ 0.001), f = 4.76837e-07 at [0.0009766]"
	if got := res.String(); got != want {
		t.Errorf("String() =\n%q, want\n%q", got, want)
	}
	if got := optimlib.StopPlateau.String(); got != "plateau" {
		t.Errorf("StopPlateau.String() = %q", got)
	}
}

// A cancelled context interrupts at the first check (step 0); a context
// cancelled by the callback at step 1000 stops the run within one polling
// interval (at most 65,536 steps).
func TestRunContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := mustRun(t, halfSquare{}, optimlib.NewGD(1e-9), []float64{1}, optimlib.RunConfig{MaxSteps: 1e8, Context: ctx})
	if res.Reason != optimlib.StopInterrupted || res.Steps != 0 || !strings.Contains(res.Detail, "context canceled") {
		t.Fatalf("pre-cancelled: %v after %d steps (%s)", res.Reason, res.Steps, res.Detail)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	cb := func(k int, x []float64, f float64) bool {
		if k == 1000 {
			cancel()
		}
		return true
	}
	res = mustRun(t, halfSquare{}, optimlib.NewGD(1e-9), []float64{1}, optimlib.RunConfig{MaxSteps: 1e8, Context: ctx, Callback: cb})
	if res.Reason != optimlib.StopInterrupted || res.Steps < 1000 || res.Steps > 1000+1<<16 {
		t.Fatalf("cancelled at 1000: %v after %d steps", res.Reason, res.Steps)
	}
}

// countingQuad counts its gradient evaluations atomically so that an
// interrupt hook can fire after a given number of steps.
type countingQuad struct{ grads *atomic.Int64 }

func (c countingQuad) Func(x []float64) float64 { return 0.5 * x[0] * x[0] }
func (c countingQuad) Grad(g, x []float64)      { c.grads.Add(1); g[0] = x[0] }

// A 10^8-step run stops as soon as the hook says so: the hook flips after
// 200,000 evaluations and the run stops within one polling interval.
func TestRunInterruptHook(t *testing.T) {
	t.Cleanup(func() { optimlib.SetInterrupt(nil) })
	const flipAt = 200000
	var grads atomic.Int64
	optimlib.SetInterrupt(func() bool { return grads.Load() >= flipAt })
	res := mustRun(t, countingQuad{&grads}, optimlib.NewGD(1e-12), []float64{1}, optimlib.RunConfig{MaxSteps: 1e8})
	if res.Reason != optimlib.StopInterrupted || res.Steps < flipAt-1 || res.Steps > flipAt+1<<16 {
		t.Fatalf("%v after %d steps (%s), want interrupted soon after %d", res.Reason, res.Steps, res.Detail, flipAt)
	}
	if res.Trace.StepAt(res.Trace.Len()-1) != res.Steps {
		t.Error("the partial trace lacks the final point")
	}

	optimlib.SetInterrupt(func() bool { return true })
	res = mustRun(t, halfSquare{}, optimlib.NewGD(0.1), []float64{1}, optimlib.RunConfig{MaxSteps: 1e8})
	if res.Reason != optimlib.StopInterrupted || res.Steps != 0 || res.Detail != "interrupt requested" {
		t.Fatalf("hook already set: %v after %d steps (%s)", res.Reason, res.Steps, res.Detail)
	}

	optimlib.SetInterrupt(nil)
	res = mustRun(t, halfSquare{}, optimlib.NewGD(0.1), []float64{1}, optimlib.RunConfig{MaxSteps: 100})
	if res.Reason != optimlib.StopMaxSteps {
		t.Fatalf("after SetInterrupt(nil): %v", res.Reason)
	}
}

// SetInterrupt from another goroutine while a run is in progress (run this
// test with -race: the hook is read atomically).
func TestSetInterruptConcurrently(t *testing.T) {
	t.Cleanup(func() { optimlib.SetInterrupt(nil) })
	reached := make(chan struct{})
	done := make(chan *optimlib.Result)
	go func() {
		cb := func(k int, x []float64, f float64) bool {
			if k == 1000 {
				close(reached)
			}
			return true
		}
		res, _ := optimlib.Run(halfSquare{}, optimlib.NewGD(1e-12), []float64{1},
			optimlib.RunConfig{MaxSteps: 1e9, Callback: cb, CallbackEvery: 1000})
		done <- res
	}()
	<-reached
	optimlib.SetInterrupt(func() bool { return true })
	if res := <-done; res.Reason != optimlib.StopInterrupted || res.Steps < 1000 {
		t.Fatalf("%v after %d steps, want interrupted after step 1000", res.Reason, res.Steps)
	}
}
