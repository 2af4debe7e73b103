package optimlib

import (
	"errors"
	"fmt"
	"math"
)

// Activation is the nonlinearity φ of the hidden layer of a TwoLayerNet.
type Activation int

const (
	// Tanh is φ(a) = tanh a, with φ'(a) = 1 − φ(a)² ≤ 1: it saturates
	// (φ' → 0) for large |a|.
	Tanh Activation = iota
	// Sigmoid is φ(a) = 1/(1 + e^{−a}), with φ'(a) = φ(a)(1 − φ(a)) ≤ ¼: it
	// saturates for large |a| and is never steeper than ¼.
	Sigmoid
	// ReLU is φ(a) = max(a, 0), with φ'(a) = 1 for a > 0 and 0 otherwise: a
	// unit with a ≤ 0 on every example passes no gradient ("dead").
	ReLU
)

// String returns "tanh", "sigmoid" or "relu".
func (a Activation) String() string {
	switch a {
	case Tanh:
		return "tanh"
	case Sigmoid:
		return "sigmoid"
	case ReLU:
		return "relu"
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

// apply returns φ(a) and φ'(a).
func (a Activation) apply(x float64) (phi, slope float64) {
	switch a {
	case Sigmoid:
		s := logisticCDF(x)
		return s, s * (1 - s)
	case ReLU:
		if x > 0 {
			return x, 1
		}
		return 0, 0
	default:
		t := math.Tanh(x)
		return t, 1 - t*t
	}
}

// maxSlope is the largest value of φ'.
func (a Activation) maxSlope() float64 {
	if a == Sigmoid {
		return 0.25
	}
	return 1
}

// TwoLayerNet is a Dataset: a neural network with one hidden layer of H
// units that classifies points x ∈ ℝᵈ into {0, 1}, trained with the
// cross-entropy loss, as a small torch.nn.Sequential(Linear(d, H),
// Tanh(), Linear(H, 1)) with BCEWithLogitsLoss would be:
//
//	a = W₁x + b₁,   h = φ(a),   z = w₂·h + b₂
//	ℓ_i(w) = log(1 + e^z) − y_i·z
//
// and its gradient by backpropagation, with r = σ(z) − y_i:
//
//	∂ℓ/∂b₂ = r,   ∂ℓ/∂w₂ = r·h,   δ = r·w₂ ⊙ φ'(a),   ∂ℓ/∂W₁ = δ xᵀ,   ∂ℓ/∂b₁ = δ
//
// The parameter vector w packs W₁ row by row (H·d entries: unit j's
// weights at j·d … j·d+d−1), then b₁ (H), w₂ (H) and b₂: P = H(d + 2) + 1
// parameters (NumParams). At w = 0 every unit is identical and the
// gradient vanishes except for ∂ℓ/∂b₂: the origin is a saddle of the loss,
// and small starting weights begin on a plateau around it.
//
// A TwoLayerNet keeps no state between calls, so several runs may share
// one.
type TwoLayerNet struct {
	// X holds the input rows x_i (all of the same length d).
	X [][]float64
	// Labels holds y_i, 0 or 1.
	Labels []float64
	// Hidden is the number H of hidden units.
	Hidden int
	// Act is the hidden nonlinearity φ.
	Act Activation
}

// maxStackHidden is the largest H whose activations live on the stack.
const maxStackHidden = 64

// NewTwoLayerNet returns the network with hidden units of activation act on
// the inputs x and labels. It fails unless x and labels are non-empty and
// of equal length, all rows have the same positive length, every label is 0
// or 1, and hidden ≥ 1.
func NewTwoLayerNet(x [][]float64, labels []float64, hidden int, act Activation) (*TwoLayerNet, error) {
	switch {
	case len(x) == 0:
		return nil, errors.New("optimlib.NewTwoLayerNet: no inputs")
	case len(labels) != len(x):
		return nil, fmt.Errorf("optimlib.NewTwoLayerNet: %d inputs but %d labels", len(x), len(labels))
	case hidden < 1:
		return nil, fmt.Errorf("optimlib.NewTwoLayerNet: %d hidden units, need at least 1", hidden)
	case act < Tanh || act > ReLU:
		return nil, fmt.Errorf("optimlib.NewTwoLayerNet: unknown activation %v", act)
	case len(x[0]) == 0:
		return nil, errors.New("optimlib.NewTwoLayerNet: empty input rows")
	}
	for i, row := range x {
		if len(row) != len(x[0]) {
			return nil, fmt.Errorf("optimlib.NewTwoLayerNet: input %d has %d entries, input 0 has %d", i, len(row), len(x[0]))
		}
		if labels[i] != 0 && labels[i] != 1 {
			return nil, fmt.Errorf("optimlib.NewTwoLayerNet: label %d is %g, not 0 or 1", i, labels[i])
		}
	}
	return &TwoLayerNet{X: x, Labels: labels, Hidden: hidden, Act: act}, nil
}

// NewTwoMoonsNet returns a TwoLayerNet on the two moons of NewTwoMoons(n,
// noise, seed), with the moons' points (x₁, x₂) as inputs (their constant
// intercept feature is left out: the network has its own biases).
func NewTwoMoonsNet(n int, noise float64, seed uint64, hidden int, act Activation) (*TwoLayerNet, error) {
	moons, err := NewTwoMoons(n, noise, seed)
	if err != nil {
		return nil, fmt.Errorf("optimlib.NewTwoMoonsNet: %w", err)
	}
	x := make([][]float64, len(moons.X))
	for i, row := range moons.X {
		x[i] = []float64{row[1], row[2]}
	}
	return NewTwoLayerNet(x, moons.Labels, hidden, act)
}

// MustTwoMoonsNet is NewTwoMoonsNet, panicking with its error.
func MustTwoMoonsNet(n int, noise float64, seed uint64, hidden int, act Activation) *TwoLayerNet {
	net, err := NewTwoMoonsNet(n, noise, seed, hidden, act)
	must(err)
	return net
}

// Len returns the number of examples N.
func (n *TwoLayerNet) Len() int { return min(len(n.X), len(n.Labels)) }

// inputs returns d, the length of an input row (0 without data).
func (n *TwoLayerNet) inputs() int {
	if len(n.X) == 0 {
		return 0
	}
	return len(n.X[0])
}

// NumParams returns P = H(d + 2) + 1.
func (n *TwoLayerNet) NumParams() int { return n.Hidden*(n.inputs()+2) + 1 }

// forward writes the hidden activations into h (and their slopes φ' into
// slope, when not nil) for input x and returns the logit z.
func (n *TwoLayerNet) forward(w, x, h, slope []float64) float64 {
	d, hid := len(x), n.Hidden
	b1, w2 := w[hid*d:hid*d+hid], w[hid*d+hid:hid*d+2*hid]
	z := w[hid*(d+2)]
	for j := range hid {
		a := b1[j]
		row := w[j*d : j*d+d]
		for k, xk := range x {
			a += row[k] * xk
		}
		phi, s := n.Act.apply(a)
		h[j] = phi
		if slope != nil {
			slope[j] = s
		}
		z += w2[j] * phi
	}
	return z
}

// buffers returns two scratch slices of length H, on the stack when H is
// small.
func (n *TwoLayerNet) buffers(stackH, stackS *[maxStackHidden]float64) (h, slope []float64) {
	if n.Hidden <= maxStackHidden {
		return stackH[:n.Hidden], stackS[:n.Hidden]
	}
	return make([]float64, n.Hidden), make([]float64, n.Hidden)
}

// Logit returns z, the network's output before the sigmoid, for input x.
func (n *TwoLayerNet) Logit(w, x []float64) float64 {
	var sh, ss [maxStackHidden]float64
	h, _ := n.buffers(&sh, &ss)
	return n.forward(w, x, h, nil)
}

// Predict returns the network's probability σ(z) that input x has label 1.
func (n *TwoLayerNet) Predict(w, x []float64) float64 { return logisticCDF(n.Logit(w, x)) }

// ExampleLoss returns log(1 + e^z) − y_i·z, computed without overflow.
func (n *TwoLayerNet) ExampleLoss(i int, w []float64) float64 {
	z := n.Logit(w, n.X[i])
	return softplusStable(z) - n.Labels[i]*z
}

// ExampleGrad writes ∇ℓ_i(w), by backpropagation, into grad.
func (n *TwoLayerNet) ExampleGrad(grad []float64, i int, w []float64) {
	var sh, ss [maxStackHidden]float64
	h, slope := n.buffers(&sh, &ss)
	x := n.X[i]
	d, hid := len(x), n.Hidden
	r := logisticCDF(n.forward(w, x, h, slope)) - n.Labels[i]
	w2 := w[hid*d+hid : hid*d+2*hid]
	for j := range hid {
		delta := r * w2[j] * slope[j]
		row := grad[j*d : j*d+d]
		for k, xk := range x {
			row[k] = delta * xk
		}
		grad[hid*d+j] = delta
		grad[hid*d+hid+j] = r * h[j]
	}
	grad[hid*(d+2)] = r
}

// Accuracy returns the fraction of examples whose label the rule "predict 1
// when z > 0" gets right.
func (n *TwoLayerNet) Accuracy(w []float64) float64 {
	if n.Len() == 0 {
		return math.NaN()
	}
	right := 0
	for i := range n.Len() {
		if (n.Logit(w, n.X[i]) > 0) == (n.Labels[i] == 1) {
			right++
		}
	}
	return float64(right) / float64(n.Len())
}

// Saturation returns the fraction of (example, hidden unit) pairs whose
// slope φ'(a) is below below·max φ' (max φ' is 1 for Tanh and ReLU, ¼ for
// Sigmoid): the share of the hidden layer that passes almost no gradient
// back, a saturated tanh or sigmoid unit or a ReLU unit with a ≤ 0.
func (n *TwoLayerNet) Saturation(w []float64, below float64) float64 {
	if n.Len() == 0 || n.Hidden == 0 {
		return math.NaN()
	}
	var sh, ss [maxStackHidden]float64
	h, slope := n.buffers(&sh, &ss)
	limit := below * n.Act.maxSlope()
	flat := 0
	for i := range n.Len() {
		n.forward(w, n.X[i], h, slope)
		for _, s := range slope {
			if s < limit {
				flat++
			}
		}
	}
	return float64(flat) / float64(n.Len()*n.Hidden)
}

// InitWeights returns a starting parameter vector: every weight of W₁ and
// w₂ drawn from N(0, scale²), the biases b₁ and b₂ zero, from PCG(seed).
// PyTorch's default for Linear(d, H) is uniform on ±1/√d instead; a small
// scale starts the network next to the saddle at w = 0, a large one with
// saturated units.
func (n *TwoLayerNet) InitWeights(scale float64, seed uint64) []float64 {
	rng := seededRand(seed, streamStarts)
	d, hid := n.inputs(), n.Hidden
	w := make([]float64, n.NumParams())
	for j := range hid * d {
		w[j] = scale * rng.NormFloat64()
	}
	for j := range hid {
		w[hid*d+hid+j] = scale * rng.NormFloat64()
	}
	return w
}
