package optimlib

import (
	"fmt"
	"strings"
)

// LinearLR moves the rate linearly from From to To over Steps steps, then
// holds To:
//
//	η_t = From + (To − From)·min(t, Steps)/Steps
//
// It is linear warm-up when From < To (see NewLinearWarmup) and linear decay
// when From > To. PyTorch's LinearLR(start_factor=a, end_factor=b,
// total_iters=n) on a base rate η is LinearLR{From: a·η, To: b·η, Steps: n}.
// A Steps below 1 counts as 1; t < 0 counts as 0.
type LinearLR struct {
	// From is the rate of step 0.
	From float64
	// To is the rate from step Steps on.
	To float64
	// Steps is the length of the ramp.
	Steps int
}

// NewLinearLR returns LinearLR{from, to, steps}.
func NewLinearLR(from, to float64, steps int) *LinearLR {
	return &LinearLR{From: from, To: to, Steps: steps}
}

// NewLinearWarmup returns the warm-up ramp η_t = peak·t/steps for t < steps,
// then peak (optax's linear warm-up from 0). Step 0 has rate 0, so the first
// step does not move x; set From for a non-zero start.
func NewLinearWarmup(peak float64, steps int) *LinearLR {
	return &LinearLR{From: 0, To: peak, Steps: steps}
}

// LR returns the linear rate of step t.
func (s *LinearLR) LR(t int) float64 {
	n := max(s.Steps, 1)
	k := min(max(t, 0), n)
	return s.From + (s.To-s.From)*float64(k)/float64(n)
}

// String returns e.g. "LinearLR(0→0.1 over 100)".
func (s *LinearLR) String() string {
	return fmt.Sprintf("LinearLR(%s→%s over %d)", formatNumber(s.From), formatNumber(s.To), s.Steps)
}

// SequentialLR runs schedules one after the other (torch SequentialLR):
// Schedules[0] until step Milestones[0], then Schedules[1] until
// Milestones[1], and so on. Each schedule restarts its own clock: after
// milestone m it is asked for LR(t − m).
//
// Milestones should be increasing and there should be one fewer milestone
// than schedules; extra schedules are never reached and steps past the last
// milestone with no schedule of their own use the last schedule. With no
// schedules (or a nil piece) LR is 0.
type SequentialLR struct {
	// Schedules are the pieces, in order.
	Schedules []Schedule
	// Milestones are the steps at which the next piece takes over.
	Milestones []int
}

// NewSequentialLR returns SequentialLR{schedules, milestones}, for example a
// warm-up then a cosine:
//
//	optimlib.NewSequentialLR([]int{100}, optimlib.NewLinearWarmup(0.1, 100), optimlib.NewCosineLR(0.1, 900))
func NewSequentialLR(milestones []int, schedules ...Schedule) *SequentialLR {
	return &SequentialLR{Schedules: append([]Schedule(nil), schedules...), Milestones: append([]int(nil), milestones...)}
}

// NewWarmupCosine returns linear warm-up from 0 to peak over warmup steps, then
// cosine annealing from peak to etaMin, reached at step total:
// SequentialLR{LinearLR{0, peak, warmup}, CosineLR{peak, total − warmup, etaMin}}
// with the milestone at warmup (optax.warmup_cosine_decay_schedule with
// init_value 0, except that the cosine is not held past total).
func NewWarmupCosine(peak, etaMin float64, warmup, total int) *SequentialLR {
	cos := &CosineLR{Base: peak, TMax: total - warmup, EtaMin: etaMin}
	return NewSequentialLR([]int{warmup}, NewLinearWarmup(peak, warmup), cos)
}

// LR returns the rate of the piece step t falls in, on that piece's clock.
func (s *SequentialLR) LR(t int) float64 {
	if len(s.Schedules) == 0 {
		return 0
	}
	piece, start := 0, 0
	for i, m := range s.Milestones {
		if t < m || i+1 >= len(s.Schedules) {
			break
		}
		piece, start = i+1, m
	}
	if s.Schedules[piece] == nil {
		return 0
	}
	return s.Schedules[piece].LR(t - start)
}

// String returns e.g. "Sequential(LinearLR(0→0.1 over 100) | 100: CosineLR(0.1, T=900))".
func (s *SequentialLR) String() string {
	var b strings.Builder
	b.WriteString("Sequential(")
	for i, sc := range s.Schedules {
		if i > 0 {
			b.WriteString(" | ")
			if i-1 < len(s.Milestones) {
				fmt.Fprintf(&b, "%d: ", s.Milestones[i-1])
			}
		}
		if sc == nil {
			b.WriteString("nil")
		} else {
			b.WriteString(scheduleLabel(sc))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// ScaledLR multiplies another schedule by a constant: η_t = Factor·Schedule.LR(t).
// It turns a shape into a rate (a schedule built with base 1 times the
// learning rate) or compares one shape at several peak rates.
type ScaledLR struct {
	// Schedule is the shape being scaled.
	Schedule Schedule
	// Factor multiplies every rate.
	Factor float64
}

// NewScaledLR returns ScaledLR{s, factor}.
func NewScaledLR(s Schedule, factor float64) *ScaledLR { return &ScaledLR{Schedule: s, Factor: factor} }

// LR returns Factor·Schedule.LR(t) (0 when Schedule is nil).
func (s *ScaledLR) LR(t int) float64 {
	if s.Schedule == nil {
		return 0
	}
	return s.Factor * s.Schedule.LR(t)
}

// String returns e.g. "0.5×CosineLR(1, T=100)".
func (s *ScaledLR) String() string {
	inner := "nil"
	if s.Schedule != nil {
		inner = scheduleLabel(s.Schedule)
	}
	return formatNumber(s.Factor) + "×" + inner
}
