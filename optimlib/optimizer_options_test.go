package optimlib_test

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// The constructors carry torch.optim's defaults.
func TestConstructorDefaults(t *testing.T) {
	tests := []struct {
		name      string
		got, want any
	}{
		{"GD", *optimlib.NewGD(0.1), optimlib.GD{LR: 0.1}},
		{"Momentum", *optimlib.NewMomentum(0.1), optimlib.Momentum{LR: 0.1, Beta: 0.9}},
		{"SGD", *optimlib.NewSGD(0.1), optimlib.SGD{LR: 0.1}},
		{"Nesterov", *optimlib.NewNesterov(0.1), optimlib.SGD{LR: 0.1, Momentum: 0.9, Nesterov: true}},
		{"Adagrad", *optimlib.NewAdagrad(0.01), optimlib.Adagrad{LR: 0.01, Eps: 1e-10}},
		{"RMSprop", *optimlib.NewRMSprop(0.01), optimlib.RMSprop{LR: 0.01, Alpha: 0.99, Eps: 1e-8}},
		{"Adadelta", *optimlib.NewAdadelta(1), optimlib.Adadelta{LR: 1, Rho: 0.9, Eps: 1e-6}},
		{"Adam", *optimlib.NewAdam(1e-3), optimlib.Adam{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}},
		{"AdamW", *optimlib.NewAdamW(1e-3), optimlib.Adam{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 1e-2, Decoupled: true}},
		{"AMSGrad", *optimlib.NewAMSGrad(1e-3), optimlib.Adam{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, AMSGrad: true}},
		{"NAdam", *optimlib.NewNAdam(2e-3), optimlib.NAdam{LR: 2e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, MomentumDecay: 4e-3}},
		{"RAdam", *optimlib.NewRAdam(1e-3), optimlib.RAdam{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}},
		{"Adamax", *optimlib.NewAdamax(2e-3), optimlib.Adamax{LR: 2e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

func TestOptimizerNames(t *testing.T) {
	adamB1 := optimlib.NewAdam(0.01)
	adamB1.Beta1 = 0.5
	sgd := optimlib.NewSGD(0.1)
	sgd.Momentum = 0.9
	wdGD := optimlib.NewGD(0.1)
	wdGD.WeightDecay, wdGD.Maximize = 1e-3, true
	sched := optimlib.NewAdam(0.01)
	sched.Schedule = optimlib.NewCosineLR(0.1, 100)
	tests := []struct {
		opt  optimlib.Optimizer
		want string
	}{
		{optimlib.NewGD(0.1), "GD(lr=0.1)"},
		{wdGD, "GD(lr=0.1, weight_decay=0.001, maximize)"},
		{optimlib.NewMomentum(0.1), "Momentum(lr=0.1, beta=0.9)"},
		{sgd, "SGD(lr=0.1, momentum=0.9)"},
		{optimlib.NewNesterov(0.1), "Nesterov(lr=0.1, momentum=0.9)"},
		{optimlib.NewAdagrad(0.01), "Adagrad(lr=0.01)"},
		{optimlib.NewRMSprop(0.01), "RMSprop(lr=0.01)"},
		{optimlib.NewAdadelta(1), "Adadelta(lr=1)"},
		{optimlib.NewAdam(0.01), "Adam(lr=0.01)"},
		{adamB1, "Adam(lr=0.01, beta1=0.5)"},
		{optimlib.NewAdamW(0.01), "AdamW(lr=0.01)"},
		{optimlib.NewAMSGrad(0.01), "AMSGrad(lr=0.01)"},
		{optimlib.NewNAdam(0.002), "NAdam(lr=0.002)"},
		{optimlib.NewRAdam(0.001), "RAdam(lr=0.001)"},
		{optimlib.NewAdamax(0.002), "Adamax(lr=0.002)"},
		{sched, "Adam(lr=CosineLR(0.1, T=100))"},
	}
	for _, tc := range tests {
		if got := tc.opt.Name(); got != tc.want {
			t.Errorf("Name() = %q, want %q", got, tc.want)
		}
		if got := fmt.Sprint(tc.opt); got != tc.want {
			t.Errorf("fmt.Sprint = %q, want %q", got, tc.want)
		}
	}
}

// feed runs opt from x0 on the gradient sequence grads(x) and returns the points.
func feed(opt optimlib.Optimizer, x0 []float64, steps int, grad func(x []float64) []float64) [][]float64 {
	x := append([]float64(nil), x0...)
	var out [][]float64
	for range steps {
		opt.Step(x, grad(x))
		out = append(out, append([]float64(nil), x...))
	}
	return out
}

// Maximize with ∇f is descent with −∇f; coupled weight decay λ and L1 λ₁
// are descent on ∇f + λx + λ₁·sign(x). Compared exactly, coordinate by
// coordinate, since both sides do the same arithmetic.
func TestMaximizeWeightDecayAndL1(t *testing.T) {
	x0 := []float64{1.5, -0.5}
	grad := func(x []float64) []float64 { return []float64{x[0] - 0.3, 2 * x[1]} }
	type knobs struct {
		maximize bool
		wd, l1   float64
	}
	set := func(o optimlib.Optimizer, k knobs) {
		switch o := o.(type) {
		case *optimlib.GD:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.Momentum:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.SGD:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.Adagrad:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.RMSprop:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.Adadelta:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.Adam:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
			o.Decoupled = false
		case *optimlib.NAdam:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.RAdam:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		case *optimlib.Adamax:
			o.Maximize, o.WeightDecay, o.L1 = k.maximize, k.wd, k.l1
		default:
			t.Fatalf("unknown optimizer %T", o)
		}
	}
	sgn := func(v float64) float64 { return math.Copysign(1, v) }
	for i := range allOptimizers(0.05) {
		plain, withMax := allOptimizers(0.05)[i], allOptimizers(0.05)[i]
		set(plain, knobs{})
		set(withMax, knobs{maximize: true})
		a := feed(withMax, x0, 5, grad)
		b := feed(plain, x0, 5, func(x []float64) []float64 { g := grad(x); return []float64{-g[0], -g[1]} })
		if !equalPoints(a, b) {
			t.Errorf("%s maximize: %v, want %v", withMax.Name(), a, b)
		}

		plain, withPen := allOptimizers(0.05)[i], allOptimizers(0.05)[i]
		set(plain, knobs{})
		set(withPen, knobs{wd: 0.1, l1: 0.2})
		a = feed(withPen, x0, 5, grad)
		b = feed(plain, x0, 5, func(x []float64) []float64 {
			g := grad(x)
			// x stays away from 0 here, so sign(x) = copysign(1, x).
			return []float64{g[0] + 0.1*x[0] + 0.2*sgn(x[0]), g[1] + 0.1*x[1] + 0.2*sgn(x[1])}
		})
		if !equalPoints(a, b) {
			t.Errorf("%s weight decay + L1: %v, want %v", withPen.Name(), a, b)
		}
	}
}

func equalPoints(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// Decoupled weight decay shrinks x by (1 − ηλ) before the step: with a zero
// gradient AdamW, NAdam and RAdam move x only by that factor (m = v = 0, so
// the Adam part is 0/(0+ε) = 0).
func TestDecoupledWeightDecay(t *testing.T) {
	adamW := optimlib.NewAdamW(0.1)
	nadam := optimlib.NewNAdam(0.1)
	nadam.WeightDecay, nadam.Decoupled = 0.01, true
	radam := optimlib.NewRAdam(0.1)
	radam.WeightDecay, radam.Decoupled = 0.01, true
	for _, o := range []optimlib.Optimizer{adamW, nadam, radam} {
		x := []float64{2}
		for range 3 {
			o.Step(x, []float64{0})
		}
		assertClose(t, o.Name()+" x3", x[0], 2*math.Pow(1-0.1*0.01, 3), 1e-15)
	}
}

// Reset forgets the state: the same gradients give the same points again, and
// a change of dimension starts afresh too.
func TestResetAndDimensionChange(t *testing.T) {
	grad := func(x []float64) []float64 { return []float64{x[0] - 1, 3 * x[1]} }
	for _, o := range allOptimizers(0.05) {
		first := feed(o, []float64{2, 2}, 4, grad)
		o.Reset()
		again := feed(o, []float64{2, 2}, 4, grad)
		if !equalPoints(first, again) {
			t.Errorf("%s after Reset: %v, want %v", o.Name(), again, first)
		}
		// A 1-D step in between, then 2-D again without Reset.
		o.Step([]float64{5}, []float64{1})
		fresh := feed(o, []float64{2, 2}, 4, grad)
		if !equalPoints(first, fresh) {
			t.Errorf("%s after a dimension change: %v, want %v", o.Name(), fresh, first)
		}
		if lr := o.LearningRate(); lr != 0.05 {
			t.Errorf("%s LearningRate() = %v, want 0.05", o.Name(), lr)
		}
	}
}

// A schedule drives every optimizer: the rate of step t is Schedule.LR(t).
func TestScheduleDrivesLearningRate(t *testing.T) {
	s := optimlib.NewStepLR(0.1, 2)
	o := optimlib.NewGD(123)
	o.Schedule = s
	x := []float64{0}
	var xs []float64
	for k := 0; k < 5; k++ {
		if lr := o.LearningRate(); lr != s.LR(k) {
			t.Errorf("LearningRate before step %d = %v, want %v", k, lr, s.LR(k))
		}
		o.Step(x, []float64{-1})
		xs = append(xs, x[0])
	}
	// Steps of 0.1, 0.1, 0.01, 0.01, 0.001 along −g = +1.
	want := []float64{0.1, 0.2, 0.21, 0.22, 0.221}
	for i := range want {
		assertClose(t, "x", xs[i], want[i], 1e-15)
	}
}

// A shorter grad updates only the coordinates it covers.
func TestShortGradientUpdatesPrefix(t *testing.T) {
	for _, o := range allOptimizers(0.1) {
		x := []float64{1, 7}
		o.Step(x, []float64{0.5})
		if x[1] != 7 || x[0] == 1 {
			t.Errorf("%s: x = %v, want x[0] moved and x[1] = 7", o.Name(), x)
		}
	}
}
