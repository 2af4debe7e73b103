package check

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

// Failure is the panic value of a check that does not hold.
type Failure struct {
	// Claim is the claim as stated, with its arguments filled in.
	Claim string
	// Detail says what was measured against what was wanted, e.g.
	// "got 0.07, want 0.0604662 ± 1e-12"; it is empty for That.
	Detail string
}

// Error implements error: "claim failed: CLAIM" or "claim failed: CLAIM: DETAIL".
func (f *Failure) Error() string {
	if f.Detail == "" {
		return "claim failed: " + f.Claim
	}
	return "claim failed: " + f.Claim + ": " + f.Detail
}

// That checks that cond holds. claim, formatted with args as by
// fmt.Sprintf, says what is claimed; it is printed after "ok: " when cond
// is true, and the cell stops with a *Failure quoting it when cond is false.
func That(cond bool, claim string, args ...any) {
	text := format(claim, args)
	if !cond {
		panic(&Failure{Claim: text})
	}
	fmt.Fprintf(os.Stdout, "ok: %s\n", text)
}

// Near checks that |got − want| ≤ tol. claim, formatted with args as by
// fmt.Sprintf, says what is claimed. When the check holds it prints
// "ok: CLAIM (got G, want W ± T)"; when it does not, or when got or want is
// NaN, or tol is negative or NaN, the cell stops with a *Failure that shows
// the three numbers. For a relative tolerance compare a ratio with 1:
// Near(got/want, 1, 0.1, ...) claims agreement within 10 %.
func Near(got, want, tol float64, claim string, args ...any) {
	text := format(claim, args)
	switch {
	case math.IsNaN(tol) || tol < 0:
		panic(&Failure{Claim: text, Detail: "the tolerance " + exact(tol) + " is not a number ≥ 0"})
	case !(math.Abs(got-want) <= tol) && got != want:
		panic(&Failure{Claim: text, Detail: "got " + exact(got) + ", want " + exact(want) + " ± " + exact(tol) +
			" (off by " + num(math.Abs(got-want)) + ")"})
	}
	fmt.Fprintf(os.Stdout, "ok: %s (got %s, want %s ± %s)\n", text, num(got), num(want), num(tol))
}

// format fills in the claim's arguments; a claim without arguments is
// taken as it is, so a literal % needs no escaping.
func format(claim string, args []any) string {
	if len(args) == 0 {
		return claim
	}
	return fmt.Sprintf(claim, args...)
}

// num prints a number with six significant digits: enough to read a check
// that holds without flooding the line.
func num(v float64) string {
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// exact prints a number with all its digits, so that a failure shows the
// difference even under a tight tolerance.
func exact(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
