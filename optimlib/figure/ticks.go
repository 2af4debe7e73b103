package figure

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// linearTicks places about target labelled ticks at round numbers (1, 2,
// 2.5 or 5 times a power of ten apart) with unlabelled minor ticks between.
type linearTicks struct {
	target int
}

// Ticks implements plot.Ticker.
func (lt linearTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	target := lt.target
	if target < 2 {
		target = 5
	}
	step, mant := niceStep((hi - lo) / float64(target))
	minorDiv := 5.0
	if mant == 2 {
		minorDiv = 4
	}
	exp10 := int(math.Floor(math.Log10(step) + 1e-9))
	decimals := max(0, -exp10)
	if mant == 2.5 && exp10 <= 0 {
		decimals++
	}
	var ticks []plot.Tick
	minor := step / minorDiv
	first := math.Ceil(lo/minor - 1e-9)
	last := math.Floor(hi/minor + 1e-9)
	if last-first > 1000 {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	for k := first; k <= last; k++ {
		v := k * minor
		if math.Abs(math.Remainder(k, minorDiv)) < 1e-9 {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v, step, decimals)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// niceStep returns the smallest of 1, 2, 2.5, 5 times a power of ten that is
// at least raw, and its mantissa.
func niceStep(raw float64) (step, mantissa float64) {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			if m == 10 {
				return p * 10, 1
			}
			return m * p, m
		}
	}
	return p * 10, 1
}

// formatTick prints a tick value with the decimals its step needs, or in
// exponent form when it is very large or small.
func formatTick(v, step float64, decimals int) string {
	if math.Abs(v) < step*1e-6 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e6 || a < 1e-4 || decimals > 6 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// logTicks labels the powers of ten on a log axis (every second or third
// one when there are many), with unlabelled minor ticks at 2…9 times each
// power. When the range holds fewer than two powers of ten, it labels 1, 2
// and 5 times each power instead, or, in a very narrow range, round numbers
// as on a linear axis, so the axis always has at least two labels.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) || !finite(hi) {
		return nil
	}
	a := int(math.Floor(math.Log10(lo) + 1e-9))
	b := int(math.Ceil(math.Log10(hi) - 1e-9))
	decades := b - a
	every := 1
	if decades > 16 {
		every = (decades + 7) / 8
	} else if decades > 8 {
		every = 2
	}
	in := func(v float64) bool { return v >= lo*(1-1e-9) && v <= hi*(1+1e-9) }
	var ticks []plot.Tick
	labelled := 0
	for e := a; e <= b; e++ {
		p := math.Pow(10, float64(e))
		if in(p) {
			t := plot.Tick{Value: p}
			if e%every == 0 {
				t.Label = powerOfTen(e)
				labelled++
			}
			ticks = append(ticks, t)
		}
		if decades <= 8 {
			for m := 2; m <= 9; m++ {
				if v := float64(m) * p; in(v) {
					ticks = append(ticks, plot.Tick{Value: v})
				}
			}
		}
	}
	if labelled >= 2 {
		return ticks
	}
	// Narrow range: label 1, 2, 5 × 10^e.
	ticks = ticks[:0]
	labelled = 0
	for e := a; e <= b; e++ {
		p := math.Pow(10, float64(e))
		for m := 1; m <= 9; m++ {
			v := float64(m) * p
			if !in(v) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', 3, 64)
				labelled++
			}
			ticks = append(ticks, t)
		}
	}
	if labelled >= 2 {
		return ticks
	}
	return linearTicks{target: 4}.Ticks(lo, hi)
}

// powerOfTen labels 10^e: plainly from 0.001 to 1000, as 1e-5 or 1e6
// beyond. (Liberation Sans has superscript digits but no superscript
// minus, so 10⁻⁵ cannot be written.)
func powerOfTen(e int) string {
	if e >= -3 && e <= 3 {
		return strconv.FormatFloat(math.Pow(10, float64(e)), 'f', max(0, -e), 64)
	}
	return "1e" + strconv.Itoa(e)
}
