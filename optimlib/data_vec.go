package optimlib

import "math"

// vecDot returns Σ a_i·b_i over the common length.
func vecDot(a, b []float64) float64 {
	s := 0.0
	for i := range min(len(a), len(b)) {
		s += a[i] * b[i]
	}
	return s
}

// vecNorm returns the Euclidean norm ‖a‖.
func vecNorm(a []float64) float64 { return math.Sqrt(vecDot(a, a)) }

// vecAdd adds b into a over the common length.
func vecAdd(a, b []float64) {
	for i := range min(len(a), len(b)) {
		a[i] += b[i]
	}
}

// vecScale multiplies every entry of a by c.
func vecScale(a []float64, c float64) {
	for i := range a {
		a[i] *= c
	}
}

// vecFillNaN sets every entry of a to NaN.
func vecFillNaN(a []float64) {
	for i := range a {
		a[i] = math.NaN()
	}
}

// vecDist returns the Euclidean distance ‖a − b‖ over the common length.
func vecDist(a, b []float64) float64 {
	s := 0.0
	for i := range min(len(a), len(b)) {
		d := a[i] - b[i]
		s += d * d
	}
	return math.Sqrt(s)
}
