package optimlib

import (
	"fmt"
	"math"
)

// CycleMode selects how CyclicLR scales the amplitude of each cycle.
type CycleMode int

const (
	// CycleTriangular keeps the full amplitude in every cycle (scale 1).
	CycleTriangular CycleMode = iota
	// CycleTriangular2 halves the amplitude each cycle (scale 1/2^(cycle−1)).
	CycleTriangular2
	// CycleExpRange scales the amplitude by Gamma^t (t = step index).
	CycleExpRange
)

// String returns PyTorch's name for the mode.
func (m CycleMode) String() string {
	switch m {
	case CycleTriangular:
		return "triangular"
	case CycleTriangular2:
		return "triangular2"
	case CycleExpRange:
		return "exp_range"
	}
	return fmt.Sprintf("CycleMode(%d)", int(m))
}

// CyclicLR is Smith's cyclical learning rate (torch CyclicLR), a triangle wave
// between BaseLR and MaxLR, with PyTorch's formula:
//
//	total = up + down,  r = up/total
//	cycle = ⌊1 + t/total⌋,  x = 1 + t/total − cycle
//	s = x/r  if x ≤ r,  else (x−1)/(r−1)
//	η_t = BaseLR + (MaxLR − BaseLR)·s·scale
//
// where scale is 1 (CycleTriangular), 1/2^(cycle−1) (CycleTriangular2) or
// Gammaᵗ (CycleExpRange). η rises for StepSizeUp steps and falls for
// StepSizeDown steps. Defaults (NewCyclicLR): StepSizeDown 0 (meaning equal to
// StepSizeUp), Mode CycleTriangular, Gamma 1; PyTorch's default step_size_up
// is 2000. PyTorch also cycles momentum inversely (0.8–0.9); this schedule
// only drives the learning rate. Step sizes below 1 count as 1; t < 0 counts
// as 0.
type CyclicLR struct {
	// BaseLR is the lower end of the cycle, the rate of step 0.
	BaseLR float64
	// MaxLR is the upper end of the cycle (before scaling).
	MaxLR float64
	// StepSizeUp is the number of steps from BaseLR up to MaxLR.
	StepSizeUp int
	// StepSizeDown is the number of steps back down (0: equal to StepSizeUp).
	StepSizeDown int
	// Mode scales the amplitude per cycle (default CycleTriangular).
	Mode CycleMode
	// Gamma is the per-step factor of CycleExpRange (default 1).
	Gamma float64
}

// NewCyclicLR returns a triangular CyclicLR between base and maxLR rising over
// stepSizeUp steps and falling over as many.
func NewCyclicLR(base, maxLR float64, stepSizeUp int) *CyclicLR {
	return &CyclicLR{BaseLR: base, MaxLR: maxLR, StepSizeUp: stepSizeUp, Gamma: 1}
}

// LR returns the cyclic rate of step t.
func (s *CyclicLR) LR(t int) float64 {
	t = max(t, 0)
	up := max(s.StepSizeUp, 1)
	down := s.StepSizeDown
	if down <= 0 {
		down = up
	}
	total := float64(up + down)
	ratio := float64(up) / total
	e := float64(t)
	cycle := math.Floor(1 + e/total)
	x := 1 + e/total - cycle
	var frac float64
	if x <= ratio {
		frac = x / ratio
	} else {
		frac = (x - 1) / (ratio - 1)
	}
	height := (s.MaxLR - s.BaseLR) * frac
	var scale float64
	switch s.Mode {
	case CycleTriangular2:
		scale = 1 / math.Pow(2, cycle-1)
	case CycleExpRange:
		scale = math.Pow(s.Gamma, e)
	default:
		scale = 1
	}
	return s.BaseLR + height*scale
}

// String returns e.g. "CyclicLR(0.001–0.1, up=2000, triangular)".
func (s *CyclicLR) String() string {
	down := ""
	if s.StepSizeDown > 0 && s.StepSizeDown != s.StepSizeUp {
		down = fmt.Sprintf(", down=%d", s.StepSizeDown)
	}
	gamma := ""
	if s.Mode == CycleExpRange {
		gamma = ", gamma=" + formatNumber(s.Gamma)
	}
	return fmt.Sprintf("CyclicLR(%s–%s, up=%d%s, %s%s)", formatNumber(s.BaseLR), formatNumber(s.MaxLR),
		s.StepSizeUp, down, s.Mode, gamma)
}

// OneCycleLR is Smith's 1cycle policy (torch OneCycleLR): warm up from
// MaxLR/DivFactor to MaxLR over the first PctStart of TotalSteps, then anneal
// down to MaxLR/DivFactor/FinalDivFactor at step TotalSteps−1. With N =
// TotalSteps, η₀ = MaxLR/DivFactor and η_min = η₀/FinalDivFactor, the phases
// end (inclusive) at
//
//	two-phase:    pct·N − 1 (η₀ → MaxLR),  N − 1 (MaxLR → η_min)
//	three-phase:  pct·N − 1 (η₀ → MaxLR),  2·pct·N − 2 (MaxLR → η₀),  N − 1 (η₀ → η_min)
//
// and within a phase from step a to step b, with p = (t − a)/(b − a), the rate
// is end + (start − end)(1 + cos πp)/2, or start + (end − start)·p with
// Linear. Defaults (NewOneCycleLR): PctStart 0.3, DivFactor 25, FinalDivFactor
// 1e4, ThreePhase false, Linear false (PyTorch's anneal_strategy 'cos').
// PyTorch also cycles momentum (0.95–0.85); this schedule only drives the rate.
// PyTorch refuses t > N; here steps t ≥ N keep η_min and t < 0 counts as 0.
type OneCycleLR struct {
	// MaxLR is the peak rate.
	MaxLR float64
	// TotalSteps is the length N of the cycle.
	TotalSteps int
	// PctStart is the fraction of N spent warming up (default 0.3).
	PctStart float64
	// DivFactor sets the initial rate MaxLR/DivFactor (default 25).
	DivFactor float64
	// FinalDivFactor sets the final rate initial/FinalDivFactor (default 1e4).
	FinalDivFactor float64
	// ThreePhase adds a symmetric descent back to the initial rate before the
	// final annealing (default false).
	ThreePhase bool
	// Linear anneals linearly instead of along a cosine (default false).
	Linear bool
}

// NewOneCycleLR returns torch OneCycleLR(max_lr, total_steps) with its defaults.
func NewOneCycleLR(maxLR float64, totalSteps int) *OneCycleLR {
	return &OneCycleLR{MaxLR: maxLR, TotalSteps: totalSteps, PctStart: 0.3, DivFactor: 25, FinalDivFactor: 1e4}
}

// LR returns the 1cycle rate of step t.
func (s *OneCycleLR) LR(t int) float64 {
	n := float64(max(s.TotalSteps, 1))
	initial := s.MaxLR / s.DivFactor
	final := initial / s.FinalDivFactor
	type phase struct{ end, from, to float64 }
	var phases [3]phase
	count := 2
	if s.ThreePhase {
		count = 3
		phases[0] = phase{s.PctStart*n - 1, initial, s.MaxLR}
		phases[1] = phase{2*s.PctStart*n - 2, s.MaxLR, initial}
		phases[2] = phase{n - 1, initial, final}
	} else {
		phases[0] = phase{s.PctStart*n - 1, initial, s.MaxLR}
		phases[1] = phase{n - 1, s.MaxLR, final}
	}
	step := math.Min(float64(max(t, 0)), n-1)
	start := 0.0
	for i := range count {
		p := phases[i]
		if step <= p.end || i == count-1 {
			pct := 1.0
			if p.end != start {
				pct = (step - start) / (p.end - start)
			}
			if s.Linear {
				return (p.to-p.from)*pct + p.from
			}
			return p.to + (p.from-p.to)/2*(math.Cos(math.Pi*pct)+1)
		}
		start = p.end
	}
	return final
}

// String returns e.g. "OneCycleLR(max=0.1, N=1000)".
func (s *OneCycleLR) String() string {
	extra := optionalPart("pct", s.PctStart, 0.3) + optionalPart("div", s.DivFactor, 25) +
		optionalPart("final_div", s.FinalDivFactor, 1e4)
	if s.ThreePhase {
		extra += ", three-phase"
	}
	if s.Linear {
		extra += ", linear"
	}
	return fmt.Sprintf("OneCycleLR(max=%s, N=%d%s)", formatNumber(s.MaxLR), s.TotalSteps, extra)
}
