package optimlib

import (
	"fmt"
	"math"
)

// Cooling is a temperature schedule for simulated annealing: Temp(k) is the
// temperature T_k of proposal k = 0, 1, 2, .... Like a Schedule it holds no
// state, so it can be sampled for a plot (see SampleCooling). Built-in
// coolings implement fmt.Stringer.
type Cooling interface {
	Temp(k int) float64
}

// CoolingFunc adapts a plain func(k int) float64 to Cooling, for a schedule
// written in a cell.
type CoolingFunc func(k int) float64

// Temp calls f(k).
func (f CoolingFunc) Temp(k int) float64 { return f(k) }

// String returns "custom".
func (f CoolingFunc) String() string { return "custom" }

// SampleCooling returns c.Temp(0), ..., c.Temp(n−1) (nil for n ≤ 0 or a nil c).
func SampleCooling(c Cooling, n int) []float64 {
	if c == nil || n <= 0 {
		return nil
	}
	out := make([]float64, n)
	for k := range out {
		out[k] = c.Temp(k)
	}
	return out
}

// ExponentialCooling is geometric cooling, the common default:
//
//	T_k = T0 · αᵏ
//
// with α typically 0.8–0.99 per proposal (closer to 1 for longer runs).
// Fast and without a convergence guarantee. Defaults (NewExponentialCooling):
// none, both are given.
type ExponentialCooling struct {
	// T0 is the starting temperature.
	T0 float64
	// Alpha is the factor α applied per proposal.
	Alpha float64
}

// NewExponentialCooling returns T_k = t0·alphaᵏ.
func NewExponentialCooling(t0, alpha float64) *ExponentialCooling {
	return &ExponentialCooling{T0: t0, Alpha: alpha}
}

// Temp returns T0·Alphaᵏ.
func (c *ExponentialCooling) Temp(k int) float64 { return c.T0 * math.Pow(c.Alpha, float64(max(k, 0))) }

// String returns e.g. "exponential(T0=1, α=0.99)".
func (c *ExponentialCooling) String() string {
	return fmt.Sprintf("exponential(T0=%s, α=%s)", formatNumber(c.T0), formatNumber(c.Alpha))
}

// LogCooling is the logarithmic ("Boltzmann") schedule of Geman & Geman,
// the one with a convergence guarantee (for T0 at least the depth of the
// deepest local minimum that is not global) but very slow:
//
//	T_k = T0 / ln(k + e)
//
// Shifted by e so that T_0 = T0; the textbook T0/ln k is the same up to that
// shift.
type LogCooling struct {
	// T0 is the starting temperature.
	T0 float64
}

// NewLogCooling returns T_k = t0/ln(k + e).
func NewLogCooling(t0 float64) *LogCooling { return &LogCooling{T0: t0} }

// Temp returns T0/ln(k + e).
func (c *LogCooling) Temp(k int) float64 { return c.T0 / math.Log(float64(max(k, 0))+math.E) }

// String returns e.g. "log(T0=1)".
func (c *LogCooling) String() string { return fmt.Sprintf("log(T0=%s)", formatNumber(c.T0)) }

// LinearCooling lowers the temperature by a fixed amount per proposal until it
// reaches 0, after which annealing only accepts improvements (greedy search):
//
//	T_k = max(T0 − Rate·k, 0)
//
// Set Rate = T0/n to reach 0 at proposal n.
type LinearCooling struct {
	// T0 is the starting temperature.
	T0 float64
	// Rate is the decrease η per proposal.
	Rate float64
}

// NewLinearCooling returns T_k = max(t0 − rate·k, 0).
func NewLinearCooling(t0, rate float64) *LinearCooling { return &LinearCooling{T0: t0, Rate: rate} }

// Temp returns max(T0 − Rate·k, 0).
func (c *LinearCooling) Temp(k int) float64 { return math.Max(c.T0-c.Rate*float64(max(k, 0)), 0) }

// String returns e.g. "linear(T0=1, rate=0.001)".
func (c *LinearCooling) String() string {
	return fmt.Sprintf("linear(T0=%s, rate=%s)", formatNumber(c.T0), formatNumber(c.Rate))
}

// CauchyCooling is the schedule of Szu & Hartley's fast annealing (scipy's
// old "cauchy" schedule), faster than logarithmic and slower than
// exponential:
//
//	T_k = T0 / (1 + k)
type CauchyCooling struct {
	// T0 is the starting temperature.
	T0 float64
}

// NewCauchyCooling returns T_k = t0/(1 + k).
func NewCauchyCooling(t0 float64) *CauchyCooling { return &CauchyCooling{T0: t0} }

// Temp returns T0/(1 + k).
func (c *CauchyCooling) Temp(k int) float64 { return c.T0 / float64(1+max(k, 0)) }

// String returns e.g. "cauchy(T0=1)".
func (c *CauchyCooling) String() string { return fmt.Sprintf("cauchy(T0=%s)", formatNumber(c.T0)) }

// coolingLabel names c for a result's Name.
func coolingLabel(c Cooling) string {
	if s, ok := c.(fmt.Stringer); ok {
		return s.String()
	}
	return "custom"
}
