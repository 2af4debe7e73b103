package symbolic

import (
	"math"
	"strconv"
	"strings"
)

// shortDecimal is the longest decimal spelling that prints as it is; a
// longer one is tried as a fraction p/q first.
const shortDecimal = 9

// maxDenominator bounds the fractions the printers recognize.
const maxDenominator = 100

// decimal spells v ≥ 0 the shortest way that parses back to v exactly.
func decimal(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// fraction finds p/q == v exactly (p, q integers, 2 ≤ q ≤ maxDenominator,
// |p| < 1e9), the smallest such q.
func fraction(v float64) (p, q float64, ok bool) {
	if !isFinite(v) || isInteger(v) {
		return 0, 0, false
	}
	for d := 2.0; d <= maxDenominator; d++ {
		n := math.Round(v * d)
		if n != 0 && math.Abs(n) < 1e9 && n/d == v {
			return n, d, true
		}
	}
	return 0, 0, false
}

// isShort reports whether v ≥ 0 has a short decimal spelling.
func isShort(v float64) bool {
	return len(decimal(v)) <= shortDecimal
}

// latexDecimal spells v ≥ 0 for LaTeX: 1e-06 becomes 10^{-6} and 2.5e+10
// becomes 2.5 \times 10^{10}.
func latexDecimal(v float64) string {
	s := decimal(v)
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	e, err := strconv.Atoi(exp)
	if err != nil {
		return s
	}
	power := "10^{" + strconv.Itoa(e) + "}"
	if mant == "1" {
		return power
	}
	return mant + ` \times ` + power
}

// formatFixed prints v in fixed-point notation with the fewest digits that
// read back exactly.
func formatFixed(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
