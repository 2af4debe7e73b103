package check_test

import (
	"fmt"
	"math"

	"github.com/descentlab/descent/optimlib/check"
)

// Ten steps of x ← x − 0.2·2x from x = 10 multiply x by 0.6 ten times.
func ExampleNear() {
	x := 10.0
	for range 10 {
		x -= 0.2 * 2 * x
	}
	check.Near(x, 10*math.Pow(0.6, 10), 1e-12, "x₁₀ = 10·0.6¹⁰")
	// Output: ok: x₁₀ = 10·0.6¹⁰ (got 0.0604662, want 0.0604662 ± 1e-12)
}

// The claim is a format string: the measured value shows in the output.
func ExampleThat() {
	steps := 691
	check.That(steps > 5*76, "GD needs more than five times momentum's 76 steps (%d)", steps)
	// Output: ok: GD needs more than five times momentum's 76 steps (691)
}

// A claim that does not hold panics with a *Failure; a notebook shows it as
// the cell's error.
func ExampleFailure() {
	defer func() {
		fmt.Println(recover())
	}()
	check.Near(0.07, 0.0604662, 1e-6, "x₁₀ = 10·0.6¹⁰")
	// Output: claim failed: x₁₀ = 10·0.6¹⁰: got 0.07, want 0.0604662 ± 1e-06 (off by 0.0095338)
}
