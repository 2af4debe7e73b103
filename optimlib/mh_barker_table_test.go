package optimlib

import (
	"math"
	"testing"
)

// TestBarkerTableIsADistribution checks the generated table: weights are
// probabilities (≥ 0, summing to 1), symmetric about 0 like the logistic and
// normal laws, and their variance is π²/3 − 1, the logistic's variance minus
// the normal's.
func TestBarkerTableIsADistribution(t *testing.T) {
	n := len(barkerWeights)
	if want := 2*int(math.Round(barkerHalfWidth/barkerStep)) + 1; n != want {
		t.Fatalf("%d weights, want %d atoms on [−%g, %g] by %g", n, want, float64(barkerHalfWidth), float64(barkerHalfWidth), barkerStep)
	}
	sum, variance := 0.0, 0.0
	for j, w := range barkerWeights {
		if w < 0 || math.IsNaN(w) {
			t.Fatalf("weight %d = %g", j, w)
		}
		if w != barkerWeights[n-1-j] {
			t.Errorf("weights %d and %d differ: %g, %g", j, n-1-j, w, barkerWeights[n-1-j])
		}
		x := -barkerHalfWidth + barkerStep*float64(j)
		sum += w
		variance += w * x * x
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("weights sum to %.17g", sum)
	}
	if want := math.Pi*math.Pi/3 - 1; math.Abs(variance-want) > 1e-3 {
		t.Errorf("variance %.6f, want π²/3 − 1 = %.6f", variance, want)
	}
	c := newBarkerCorrection()
	if c.cdf[n-1] != 1 {
		t.Errorf("last cumulative weight %g, want 1", c.cdf[n-1])
	}
}
