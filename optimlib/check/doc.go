// Package check states a lesson's claims as one-line checks. A check that
// holds prints "ok: " and the claim; one that does not stops the cell with
// an error that quotes the claim and the measured value:
//
//	check.Near(x, 10*math.Pow(0.6, 10), 1e-12, "x₁₀ = 10·0.6¹⁰")
//	check.That(gd.F > 0.01, "GD is still in the valley after 3000 steps (f = %.3g)", gd.F)
//
// prints
//
//	ok: x₁₀ = 10·0.6¹⁰ (got 0.0604662, want 0.0604662 ± 1e-12)
//	ok: GD is still in the valley after 3000 steps (f = 0.0415)
//
// and a claim that fails ends the cell with
//
//	claim failed: x₁₀ = 10·0.6¹⁰: got 0.07, want 0.0604662 ± 1e-12
//
// The claim is a format string for the arguments that follow it, as in
// fmt.Printf, so a check can show what it measured whether it holds or not.
//
// A failing check panics with a *Failure, which a notebook shows as the
// cell's error (the value, and the line of the cell that made the claim);
// Go code that wants the failure as a value can recover it. The package
// imports nothing but the standard library.
package check
