package figure

import (
	"fmt"
	"math"
	"slices"
)

// MaxLevels bounds the number of contour levels.
const MaxLevels = 200

// levelMap maps landscape values to [0, 1] for colours: linearly between
// the lowest and highest sample, or logarithmically in the height above the
// lowest sample, from lo to hi.
type levelMap struct {
	zmin, zmax float64
	log        bool
	lo, hi     float64 // heights above zmin (log scale only)
}

// t returns the position of value z in [0, 1] (NaN for NaN).
func (m levelMap) t(z float64) float64 {
	if math.IsNaN(z) {
		return math.NaN()
	}
	var t float64
	if m.log {
		d := math.Max(z-m.zmin, m.lo)
		t = math.Log(d/m.lo) / math.Log(m.hi/m.lo)
	} else if m.zmax > m.zmin {
		t = (z - m.zmin) / (m.zmax - m.zmin)
	}
	return math.Min(1, math.Max(0, t))
}

// logLevelsHelp is the threshold of the automatic level scale: levels are
// spaced logarithmically when the median sample lies in the lowest
// logLevelsHelp fraction of the range, as on Rosenbrock, where a narrow
// valley would otherwise get no contour at all.
const logLevelsHelp = 0.15

// chooseLevels returns the contour levels of g and the colour map that goes
// with them, following opt.Levels, opt.NumLevels and opt.LevelScale.
func chooseLevels(g *SurfaceGrid, opt Options) ([]float64, levelMap, error) {
	zmin, zmax := g.Min(), g.Max()
	if math.IsNaN(zmin) {
		return nil, levelMap{}, fmt.Errorf("the landscape has no finite value in window %v", g.Window())
	}
	m := levelMap{zmin: zmin, zmax: zmax}
	if len(opt.Levels) > 0 {
		levels := make([]float64, 0, len(opt.Levels))
		for _, v := range opt.Levels {
			if finite(v) {
				levels = append(levels, v)
			}
		}
		slices.Sort(levels)
		levels = slices.Compact(levels)
		if len(levels) > MaxLevels {
			return nil, m, fmt.Errorf("%d contour levels (at most %d)", len(levels), MaxLevels)
		}
		if opt.LevelScale == ScaleLog {
			m = logMap(g, levels)
		}
		return levels, m, nil
	}
	n := opt.NumLevels
	if n == 0 {
		n = DefaultNumLevels
	}
	if n < 1 || n > MaxLevels {
		return nil, m, fmt.Errorf("NumLevels %d is outside 1…%d", n, MaxLevels)
	}
	if zmax == zmin {
		return nil, m, nil
	}
	var sorted []float64
	if opt.LevelScale != ScaleLinear {
		sorted = sortedFinite(g.z)
	}
	useLog := opt.LevelScale == ScaleLog ||
		opt.LevelScale == ScaleAuto && quantile(sorted, 0.5)-zmin < logLevelsHelp*(zmax-zmin)
	if !useLog {
		levels := make([]float64, n)
		for i := range levels {
			levels[i] = zmin + (zmax-zmin)*float64(i+1)/float64(n+1)
		}
		return levels, m, nil
	}
	span := zmax - zmin
	lo := math.Max(quantile(sorted, 0.005)-zmin, span*1e-6)
	hi := math.Max(quantile(sorted, 0.98)-zmin, lo*10)
	levels := make([]float64, n)
	for i := range levels {
		f := 0.0
		if n > 1 {
			f = float64(i) / float64(n-1)
		}
		levels[i] = zmin + lo*math.Pow(hi/lo, f)
	}
	return levels, levelMap{zmin: zmin, zmax: zmax, log: true, lo: lo, hi: hi}, nil
}

// logMap is the log colour map for explicit levels: from the lowest level
// above the minimum to the highest.
func logMap(g *SurfaceGrid, levels []float64) levelMap {
	zmin := g.Min()
	m := levelMap{zmin: zmin, zmax: g.Max(), log: true, lo: math.Inf(1), hi: 0}
	for _, v := range levels {
		if d := v - zmin; d > 0 {
			m.lo, m.hi = math.Min(m.lo, d), math.Max(m.hi, d)
		}
	}
	if !(m.lo < m.hi) {
		return levelMap{zmin: zmin, zmax: g.Max()}
	}
	return m
}

// sortedFinite returns the non-NaN values of z, sorted.
func sortedFinite(z []float64) []float64 {
	out := make([]float64, 0, len(z))
	for _, v := range z {
		if !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// quantile returns the p-quantile of sorted values (nearest rank).
func quantile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	i := int(math.Round(p * float64(len(sorted)-1)))
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// levelsKey identifies a choice of levels in cache keys.
func levelsKey(opt Options) string {
	if len(opt.Levels) > 0 {
		return fmt.Sprintf("L%v|%v", floatsKey(opt.Levels...), opt.LevelScale)
	}
	return fmt.Sprintf("n%d|%v", opt.NumLevels, opt.LevelScale)
}
