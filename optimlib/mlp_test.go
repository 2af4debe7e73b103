package optimlib

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// torchFixture is testdata/mlp_torch.json, written by testdata/mlp_torch.py.
type torchFixture struct {
	Torch string `json:"torch"`
	Cases []struct {
		Name   string      `json:"name"`
		X      [][]float64 `json:"x"`
		Labels []float64   `json:"labels"`
		Hidden int         `json:"hidden"`
		W      []float64   `json:"w"`
		Loss   float64     `json:"loss"`
		Grad   []float64   `json:"grad"`
		Logits []float64   `json:"logits"`
	} `json:"cases"`
}

func readTorchFixture(t *testing.T, raw []byte) torchFixture {
	t.Helper()
	var fx torchFixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Cases) == 0 {
		t.Fatal("the fixture has no cases")
	}
	return fx
}

var activationByName = map[string]Activation{"tanh": Tanh, "sigmoid": Sigmoid, "relu": ReLU}

// TestTwoLayerNetMatchesTorch compares the loss, the logits and the
// backpropagated gradient with PyTorch's autograd on the same network.
func TestTwoLayerNetMatchesTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/mlp_torch.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range readTorchFixture(t, raw).Cases {
		t.Run(c.Name, func(t *testing.T) {
			act, ok := activationByName[strings.SplitN(c.Name, ",", 2)[0]]
			if !ok {
				t.Fatalf("no activation named in %q", c.Name)
			}
			net, err := NewTwoLayerNet(c.X, c.Labels, c.Hidden, act)
			if err != nil {
				t.Fatal(err)
			}
			if net.NumParams() != len(c.W) {
				t.Fatalf("NumParams %d, torch has %d", net.NumParams(), len(c.W))
			}
			for i, want := range c.Logits {
				if got := net.Logit(c.W, c.X[i]); math.Abs(got-want) > 1e-13 {
					t.Errorf("logit %d: %.17g, torch %.17g", i, got, want)
				}
			}
			grad := make([]float64, len(c.W))
			loss := FullBatch(net).FuncGrad(grad, c.W)
			if math.Abs(loss-c.Loss) > 1e-14 {
				t.Errorf("loss %.17g, torch %.17g", loss, c.Loss)
			}
			for j, want := range c.Grad {
				if math.Abs(grad[j]-want) > 1e-14 {
					t.Errorf("∂ℓ/∂w[%d] = %.17g, torch %.17g", j, grad[j], want)
				}
			}
		})
	}
}

// TestTorchFixtureIsCurrent reruns the fixture's script when PyTorch is
// installed, so that the committed numbers are torch's.
func TestTorchFixtureIsCurrent(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import torch").Run(); err != nil {
		t.Skip("PyTorch is not installed for /usr/bin/python3")
	}
	out, err := exec.Command(python, "testdata/mlp_torch.py").Output()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("testdata/mlp_torch.json")
	if err != nil {
		t.Fatal(err)
	}
	fresh, old := readTorchFixture(t, out), readTorchFixture(t, committed)
	for i, c := range fresh.Cases {
		if math.Abs(c.Loss-old.Cases[i].Loss) > 1e-15 {
			t.Errorf("%s: torch now gives loss %.17g, the fixture has %.17g", c.Name, c.Loss, old.Cases[i].Loss)
		}
		for j := range c.Grad {
			if math.Abs(c.Grad[j]-old.Cases[i].Grad[j]) > 1e-15 {
				t.Errorf("%s: torch now gives ∂ℓ/∂w[%d] = %.17g, the fixture has %.17g", c.Name, j, c.Grad[j], old.Cases[i].Grad[j])
			}
		}
	}
	if !bytes.Contains(committed, []byte(`"torch"`)) {
		t.Error("the fixture does not say which torch wrote it")
	}
}

// TestTwoLayerNetGradientByFiniteDifferences checks the gradient of a
// larger network, on the moons, at random weights, against central
// differences (CheckGrad), for every activation.
func TestTwoLayerNetGradientByFiniteDifferences(t *testing.T) {
	for _, act := range []Activation{Tanh, Sigmoid, ReLU} {
		net, err := NewTwoMoonsNet(40, 0.1, 3, 70, act) // 70 > maxStackHidden: the heap path
		if err != nil {
			t.Fatal(err)
		}
		w := net.InitWeights(0.7, 5)
		if rep := CheckGrad(FullBatch(net), w); rep.MaxError > 1e-6 {
			t.Errorf("%v: %v", act, rep)
		}
	}
}

// At w = 0 every hidden unit is the same and the gradient is zero except
// along b₂, whose partial is the mean of σ(0) − y = ½ − y: the origin is a
// saddle (a critical point of the weights) of the loss.
func TestTwoLayerNetOriginIsCritical(t *testing.T) {
	net := MustTwoMoonsNet(100, 0.1, 1, 5, Tanh)
	w := make([]float64, net.NumParams())
	g := make([]float64, len(w))
	FullBatch(net).Grad(g, w)
	meanY := 0.0
	for _, y := range net.Labels {
		meanY += y / float64(net.Len())
	}
	for j, v := range g[:len(g)-1] {
		if v != 0 {
			t.Errorf("∂f/∂w[%d] = %g at w = 0, want 0", j, v)
		}
	}
	if want := 0.5 - meanY; math.Abs(g[len(g)-1]-want) > 1e-15 {
		t.Errorf("∂f/∂b₂ = %g at w = 0, want ½ − mean y = %g", g[len(g)-1], want)
	}
	if f := FullBatch(net).Func(w); math.Abs(f-math.Ln2) > 1e-15 {
		t.Errorf("f(0) = %.17g, want log 2 (every prediction ½)", f)
	}
}

func TestTwoLayerNetAccuracyAndSaturation(t *testing.T) {
	x := [][]float64{{1, 0}, {-1, 0}, {2, 0}}
	net, err := NewTwoLayerNet(x, []float64{1, 0, 1}, 1, Tanh)
	if err != nil {
		t.Fatal(err)
	}
	// One unit h = tanh(a·x₁), output z = h: predicts 1 where x₁ > 0 when a > 0.
	w := []float64{3, 0, 0, 1, 0} // W₁ = (3, 0), b₁ = 0, w₂ = 1, b₂ = 0
	if got := net.Accuracy(w); got != 1 {
		t.Errorf("accuracy %g, want 1", got)
	}
	if got := net.Accuracy([]float64{-3, 0, 0, 1, 0}); got != 0 {
		t.Errorf("accuracy of the flipped unit %g, want 0", got)
	}
	// a = ±3 and 6: φ' = 1 − tanh² is 0.00987 and 2.46e-5, all below 0.05.
	if got := net.Saturation(w, 0.05); got != 1 {
		t.Errorf("saturation %g, want 1", got)
	}
	// a = ±0.3 and 0.6: φ' = 0.915 and 0.712: none below 0.05, all below 0.95.
	small := []float64{0.3, 0, 0, 1, 0}
	if got := net.Saturation(small, 0.05); got != 0 {
		t.Errorf("saturation %g, want 0", got)
	}
	if got := net.Saturation(small, 0.95); got != 1 {
		t.Errorf("saturation below 0.95 is %g, want 1", got)
	}
	// Sigmoid's slope is at most ¼: a = 0 gives exactly the maximum, not below it.
	sig, _ := NewTwoLayerNet(x, []float64{1, 0, 1}, 1, Sigmoid)
	if got := sig.Saturation([]float64{0, 0, 0, 1, 0}, 0.99); got != 0 {
		t.Errorf("sigmoid at a = 0: saturation %g, want 0", got)
	}
	// A ReLU unit with a ≤ 0 everywhere is dead.
	relu, _ := NewTwoLayerNet(x, []float64{1, 0, 1}, 1, ReLU)
	if got := relu.Saturation([]float64{0, 0, -1, 1, 0}, 0.5); got != 1 {
		t.Errorf("dead ReLU: saturation %g, want 1", got)
	}
}

func TestTwoLayerNetInitWeights(t *testing.T) {
	net := MustTwoMoonsNet(50, 0.1, 1, 4, Tanh)
	w := net.InitWeights(0.5, 9)
	if len(w) != 4*4+1 {
		t.Fatalf("%d parameters, want 17", len(w))
	}
	for _, j := range []int{8, 9, 10, 11, 16} { // b₁ and b₂
		if w[j] != 0 {
			t.Errorf("bias w[%d] = %g, want 0", j, w[j])
		}
	}
	again := net.InitWeights(0.5, 9)
	for j := range w {
		if w[j] != again[j] {
			t.Fatal("InitWeights is not reproducible from its seed")
		}
	}
	// Over many draws the weights have standard deviation scale.
	wide := MustTwoMoonsNet(10, 0.1, 1, 2000, Tanh).InitWeights(0.5, 1)
	var s2 float64
	n := 0
	for j, v := range wide {
		if j < 2000*2 || (j >= 2000*3 && j < 2000*4) {
			s2 += v * v
			n++
		}
	}
	if sd := math.Sqrt(s2 / float64(n)); math.Abs(sd-0.5) > 0.02 {
		t.Errorf("weights have standard deviation %.3f, want 0.5", sd)
	}
}

func TestTwoLayerNetBadInput(t *testing.T) {
	x := [][]float64{{1, 2}, {3, 4}}
	cases := []struct {
		name   string
		x      [][]float64
		labels []float64
		hidden int
		act    Activation
		want   string
	}{
		{"no inputs", nil, nil, 2, Tanh, "no inputs"},
		{"labels", x, []float64{1}, 2, Tanh, "2 inputs but 1 labels"},
		{"hidden", x, []float64{1, 0}, 0, Tanh, "0 hidden units"},
		{"activation", x, []float64{1, 0}, 2, Activation(7), "unknown activation"},
		{"ragged", [][]float64{{1, 2}, {3}}, []float64{1, 0}, 2, Tanh, "input 1 has 1 entries"},
		{"label value", x, []float64{1, 0.5}, 2, Tanh, "label 1 is 0.5"},
	}
	for _, c := range cases {
		if _, err := NewTwoLayerNet(c.x, c.labels, c.hidden, c.act); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
	if _, err := NewTwoMoonsNet(1, 0.1, 1, 2, Tanh); err == nil {
		t.Error("NewTwoMoonsNet accepted a single point")
	}
}

// The per-example gradient allocates nothing for a hidden layer that fits
// on the stack, so long runs do not churn the garbage collector.
func TestTwoLayerNetGradDoesNotAllocate(t *testing.T) {
	net := MustTwoMoonsNet(20, 0.1, 1, 16, Tanh)
	w := net.InitWeights(0.5, 1)
	g := make([]float64, len(w))
	if n := testing.AllocsPerRun(100, func() { net.ExampleGrad(g, 3, w) }); n != 0 {
		t.Errorf("ExampleGrad allocates %g times per call", n)
	}
	if n := testing.AllocsPerRun(100, func() { net.ExampleLoss(3, w) }); n != 0 {
		t.Errorf("ExampleLoss allocates %g times per call", n)
	}
}
