package optimlib

import (
	"fmt"
	"math"
)

// CosineLR is cosine annealing from Base down to EtaMin over TMax steps
// (torch CosineAnnealingLR, closed form):
//
//	η_t = η_min + (Base − η_min)·(1 + cos(π·t/T_max))/2
//
// η_0 = Base and η_{T_max} = η_min. There is no restart: past T_max the
// cosine climbs back to Base at 2·T_max and so on, exactly as PyTorch's does
// if stepped on; use CosineRestartsLR for restarts, or a SequentialLR with a
// ConstantLR to hold η_min. optax.cosine_decay_schedule instead holds the final
// value and gives the floor as a fraction alpha of the initial value, not as
// an absolute η_min. Defaults (NewCosineLR): EtaMin 0. A TMax below 1 counts
// as 1; t < 0 counts as 0.
type CosineLR struct {
	// Base is the rate of step 0.
	Base float64
	// TMax is the number of steps from Base down to EtaMin.
	TMax int
	// EtaMin is the floor, an absolute rate (default 0).
	EtaMin float64
}

// NewCosineLR returns CosineLR{base, tMax, EtaMin: 0}.
func NewCosineLR(base float64, tMax int) *CosineLR { return &CosineLR{Base: base, TMax: tMax} }

// LR returns η_min + (Base−η_min)(1+cos(πt/T_max))/2.
func (s *CosineLR) LR(t int) float64 {
	return cosineBetween(s.EtaMin, s.Base, max(t, 0), max(s.TMax, 1))
}

// String returns e.g. "CosineLR(0.1, T=100)".
func (s *CosineLR) String() string {
	return fmt.Sprintf("CosineLR(%s, T=%d%s)", formatNumber(s.Base), s.TMax, optionalPart("min", s.EtaMin, 0))
}

// CosineRestartsLR is SGDR, cosine annealing with warm restarts (Loshchilov &
// Hutter 2017; torch CosineAnnealingWarmRestarts):
//
//	η_t = η_min + (Base − η_min)·(1 + cos(π·T_cur/T_i))/2
//
// The first cycle lasts T_i = T0 steps; each restart sets T_cur back to 0 and
// multiplies the cycle length by TMult. For integer t this is PyTorch's step()
// rule: T_cur counts up from 0 and, once T_cur ≥ T_i, T_cur −= T_i and
// T_i ×= TMult. With T0 = 2, TMult = 2 (Base 1, η_min 0):
//
//	t:   0  1  | 2  3     4   5     | 6  7     ...
//	η:   1  .5 | 1  .854  .5  .146  | 1  .962  ...
//
// Defaults (NewCosineRestartsLR): TMult 1, EtaMin 0. A T0 or TMult below 1
// counts as 1; t < 0 counts as 0. optax's sgdr_schedule builds the same shape
// from a list of warm-up–cosine cycles.
type CosineRestartsLR struct {
	// Base is the rate at the start of each cycle.
	Base float64
	// T0 is the length of the first cycle in steps.
	T0 int
	// TMult multiplies the cycle length after each restart (default 1).
	TMult int
	// EtaMin is the floor, an absolute rate (default 0).
	EtaMin float64
}

// NewCosineRestartsLR returns CosineRestartsLR{base, t0, TMult: 1, EtaMin: 0}.
func NewCosineRestartsLR(base float64, t0 int) *CosineRestartsLR {
	return &CosineRestartsLR{Base: base, T0: t0, TMult: 1}
}

// LR returns the SGDR rate of step t.
func (s *CosineRestartsLR) LR(t int) float64 {
	cur, length := s.Phase(t)
	return cosineBetween(s.EtaMin, s.Base, cur, length)
}

// Phase returns where step t falls: T_cur, the steps since the last restart,
// and T_i, the length of the current cycle.
func (s *CosineRestartsLR) Phase(t int) (tCur, tI int) {
	tCur, tI = max(t, 0), max(s.T0, 1)
	mult := max(s.TMult, 1)
	if mult == 1 {
		return tCur % tI, tI
	}
	for tCur >= tI {
		tCur -= tI
		if tI > math.MaxInt/mult {
			break
		}
		tI *= mult
	}
	return tCur, tI
}

// String returns e.g. "SGDR(0.1, T0=10, Tmult=2)".
func (s *CosineRestartsLR) String() string {
	return fmt.Sprintf("SGDR(%s, T0=%d%s%s)", formatNumber(s.Base), s.T0,
		optionalPart("Tmult", float64(s.TMult), 1), optionalPart("min", s.EtaMin, 0))
}

// cosineBetween is lo + (hi−lo)(1+cos(π·cur/length))/2.
func cosineBetween(lo, hi float64, cur, length int) float64 {
	return lo + (hi-lo)*(1+math.Cos(math.Pi*float64(cur)/float64(length)))/2
}

// optionalPart returns ", key=value" when value differs from def.
func optionalPart(key string, value, def float64) string {
	if p := nonDefault(key, value, def); p != "" {
		return ", " + p
	}
	return ""
}
