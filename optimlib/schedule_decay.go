package optimlib

import (
	"fmt"
	"math"
)

// StepLR decays the rate by Gamma every StepSize steps (torch StepLR):
//
//	η_t = Base · γ^⌊t/StepSize⌋
//
// Defaults (NewStepLR): Gamma γ = 0.1. A StepSize below 1 counts as 1;
// t < 0 counts as 0.
type StepLR struct {
	// Base is the rate of steps 0..StepSize−1.
	Base float64
	// StepSize is the number of steps between drops.
	StepSize int
	// Gamma is the factor applied at each drop (default 0.1).
	Gamma float64
}

// NewStepLR returns StepLR{base, stepSize, γ = 0.1}.
func NewStepLR(base float64, stepSize int) *StepLR {
	return &StepLR{Base: base, StepSize: stepSize, Gamma: 0.1}
}

// LR returns Base·Gamma^⌊t/StepSize⌋.
func (s *StepLR) LR(t int) float64 {
	k := max(t, 0) / max(s.StepSize, 1)
	return s.Base * math.Pow(s.Gamma, float64(k))
}

// String returns e.g. "StepLR(0.1, step=30, gamma=0.1)".
func (s *StepLR) String() string {
	return fmt.Sprintf("StepLR(%s, step=%d, gamma=%s)", formatNumber(s.Base), s.StepSize, formatNumber(s.Gamma))
}

// MultiStepLR decays the rate by Gamma at each milestone (torch MultiStepLR):
//
//	η_t = Base · γ^(number of milestones m with m ≤ t)
//
// Milestones need not be sorted; a milestone listed twice counts twice, as in
// PyTorch. Defaults (NewMultiStepLR): Gamma γ = 0.1.
type MultiStepLR struct {
	// Base is the rate before the first milestone.
	Base float64
	// Milestones are the steps at which the rate is multiplied by Gamma.
	Milestones []int
	// Gamma is the factor applied at each milestone (default 0.1).
	Gamma float64
}

// NewMultiStepLR returns MultiStepLR{base, milestones, γ = 0.1}.
func NewMultiStepLR(base float64, milestones ...int) *MultiStepLR {
	return &MultiStepLR{Base: base, Milestones: append([]int(nil), milestones...), Gamma: 0.1}
}

// LR returns Base·Gamma^(milestones passed).
func (s *MultiStepLR) LR(t int) float64 {
	k := 0
	for _, m := range s.Milestones {
		if m <= t {
			k++
		}
	}
	return s.Base * math.Pow(s.Gamma, float64(k))
}

// String returns e.g. "MultiStepLR(0.1, at=[30 80], gamma=0.1)".
func (s *MultiStepLR) String() string {
	return fmt.Sprintf("MultiStepLR(%s, at=%v, gamma=%s)", formatNumber(s.Base), s.Milestones, formatNumber(s.Gamma))
}

// ExponentialLR multiplies the rate by Gamma every step (torch ExponentialLR):
//
//	η_t = Base · γᵗ
//
// PyTorch has no default γ. t < 0 counts as 0.
type ExponentialLR struct {
	// Base is the rate of step 0.
	Base float64
	// Gamma is the per-step factor.
	Gamma float64
}

// NewExponentialLR returns ExponentialLR{base, gamma}.
func NewExponentialLR(base, gamma float64) *ExponentialLR {
	return &ExponentialLR{Base: base, Gamma: gamma}
}

// LR returns Base·Gammaᵗ.
func (s *ExponentialLR) LR(t int) float64 { return s.Base * math.Pow(s.Gamma, float64(max(t, 0))) }

// String returns e.g. "ExponentialLR(0.1, gamma=0.99)".
func (s *ExponentialLR) String() string {
	return fmt.Sprintf("ExponentialLR(%s, gamma=%s)", formatNumber(s.Base), formatNumber(s.Gamma))
}

// InverseTimeLR is the 1/t decay of CS231n and Keras InverseTimeDecay, with
// the polynomial form of d2l as an option:
//
//	η_t = Base / (1 + Decay·t)^Power
//
// Defaults (NewInverseTimeLR): Power 1. Power ½ gives η ∝ 1/√t; the
// Robbins–Monro conditions Ση_t = ∞, Ση_t² < ∞ hold for ½ < Power ≤ 1.
// PyTorch has no such scheduler (LambdaLR would express it). t < 0 counts as 0.
type InverseTimeLR struct {
	// Base is the rate of step 0.
	Base float64
	// Decay scales t.
	Decay float64
	// Power is the exponent (default 1).
	Power float64
}

// NewInverseTimeLR returns InverseTimeLR{base, decay, Power: 1}.
func NewInverseTimeLR(base, decay float64) *InverseTimeLR {
	return &InverseTimeLR{Base: base, Decay: decay, Power: 1}
}

// LR returns Base/(1+Decay·t)^Power.
func (s *InverseTimeLR) LR(t int) float64 {
	d := 1 + s.Decay*float64(max(t, 0))
	if s.Power == 1 {
		return s.Base / d
	}
	return s.Base / math.Pow(d, s.Power)
}

// String returns e.g. "InverseTimeLR(0.1, decay=0.01)".
func (s *InverseTimeLR) String() string {
	return fmt.Sprintf("InverseTimeLR(%s, decay=%s%s)", formatNumber(s.Base), formatNumber(s.Decay),
		optionalPart("power", s.Power, 1))
}
