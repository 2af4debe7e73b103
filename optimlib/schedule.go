package optimlib

import "fmt"

// Schedule gives the learning rate of each step. Any optimizer in this
// package takes any schedule through its Schedule field.
//
// LR(t) is the absolute learning rate of step t, where t = 0, 1, 2, ... is the
// 0-based index of the optimizer step since Reset: step 0 is the first update.
// This t equals PyTorch's last_epoch when scheduler.step() is called once after
// every optimizer.step(), so LR(t) here is what PyTorch's optimizer uses for
// its (t+1)-th step; for example StepLR(step_size=30) keeps the base rate for
// steps t = 0..29 and drops at t = 30.
//
// Schedules hold no state: LR can be called in any order, for plotting or by
// several optimizers at once. Built-in schedules also implement fmt.Stringer,
// which optimizers use for their Name.
type Schedule interface {
	LR(t int) float64
}

// ScheduleFunc adapts a plain func(t int) float64 to Schedule, for a
// schedule written in a cell:
//
//	opt.Schedule = optimlib.ScheduleFunc(func(t int) float64 { return 0.1 / float64(1+t) })
type ScheduleFunc func(t int) float64

// LR calls f(t).
func (f ScheduleFunc) LR(t int) float64 { return f(t) }

// String returns "custom".
func (f ScheduleFunc) String() string { return "custom" }

// SampleSchedule returns s.LR(0), ..., s.LR(n−1), the values a figure of the
// schedule plots against steps 0..n−1 (nil for n ≤ 0 or a nil schedule).
func SampleSchedule(s Schedule, n int) []float64 {
	if s == nil || n <= 0 {
		return nil
	}
	out := make([]float64, n)
	for t := range out {
		out[t] = s.LR(t)
	}
	return out
}

// ConstantLR is a fixed learning rate: η_t = Rate. (PyTorch's ConstantLR is a
// different thing, a factor applied until a milestone; build that with
// SequentialLR.)
type ConstantLR struct {
	// Rate is the learning rate of every step.
	Rate float64
}

// NewConstantLR returns the schedule η_t = lr.
func NewConstantLR(lr float64) *ConstantLR { return &ConstantLR{Rate: lr} }

// LR returns Rate for every t.
func (s *ConstantLR) LR(t int) float64 { return s.Rate }

// String returns e.g. "0.1".
func (s *ConstantLR) String() string { return formatNumber(s.Rate) }

// scheduleLabel names s for an optimizer's Name: its String if it has one.
func scheduleLabel(s Schedule) string {
	if st, ok := s.(fmt.Stringer); ok {
		return st.String()
	}
	return "scheduled"
}
