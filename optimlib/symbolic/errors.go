package symbolic

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// SyntaxError reports an expression that cannot be parsed or uses something
// Parse does not support. Line and Column are 1-based; Column counts bytes,
// as go/parser does.
type SyntaxError struct {
	Source string // the expression as given
	Line   int    // 1-based line of the mistake in Source
	Column int    // 1-based byte column of the mistake in its line
	Msg    string // what is wrong, with a suggestion when there is one
}

// Error returns the message with its position, followed by the offending
// line of the source and a caret under the column.
func (e *SyntaxError) Error() string {
	var b strings.Builder
	if e.Line > 1 {
		fmt.Fprintf(&b, "line %d, ", e.Line)
	}
	fmt.Fprintf(&b, "column %d: %s", e.Column, e.Msg)
	lines := strings.Split(e.Source, "\n")
	if e.Line >= 1 && e.Line <= len(lines) {
		line := lines[e.Line-1]
		col := min(max(e.Column-1, 0), len(line))
		pad := utf8.RuneCountInString(line[:col])
		b.WriteString("\n\t")
		b.WriteString(line)
		b.WriteString("\n\t")
		b.WriteString(strings.Repeat(" ", pad))
		b.WriteString("^")
	}
	return b.String()
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// closest returns the candidate nearest to name (ignoring case), if one is
// close enough to be a typo: one edit for a name of up to four letters, two
// for a longer one.
func closest(name string, candidates []string) (string, bool) {
	best, bestDist := "", 2
	if len(name) > 4 {
		bestDist = 3
	}
	for _, c := range candidates {
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// knownFunctionNames lists every function Parse accepts after "math.".
func knownFunctionNames() []string {
	names := append([]string{}, twoArgFunctions...)
	names = append(names, rewrittenFunctions...)
	for _, f := range functions {
		if f.id != fnSign {
			names = append(names, f.name)
		}
	}
	return names
}

// knownConstantNames lists every constant Parse accepts after "math.".
func knownConstantNames() []string {
	names := make([]string, len(constants))
	for i, c := range constants {
		names[i] = c.name
	}
	return names
}

// unsupportedFunctions are math functions a formula cannot use: they are not
// differentiable, take other argument types, or have no derivative here.
var unsupportedFunctions = map[string]bool{
	"Atan2": true, "Ceil": true, "Floor": true, "Trunc": true, "Round": true,
	"RoundToEven": true, "Mod": true, "Remainder": true, "Max": true, "Min": true,
	"Dim": true, "Gamma": true, "Lgamma": true, "J0": true, "J1": true, "Jn": true,
	"Y0": true, "Y1": true, "Yn": true, "Ldexp": true, "Frexp": true, "Modf": true,
	"Inf": true, "NaN": true, "Signbit": true, "IsNaN": true, "IsInf": true,
	"Nextafter": true, "FMA": true, "Sincos": true, "Erfinv": true, "Erfcinv": true,
	"Logb": true, "Ilogb": true, "Pow10": true, "Float64bits": true, "Float64frombits": true,
}
