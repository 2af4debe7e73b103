package symbolic

import (
	"slices"
	"strings"
)

// Precedence of printed pieces, lowest first. A piece is put in parentheses
// when its context needs a higher precedence than its own.
const (
	precAdd  = 1 // a sum, or anything with a leading minus
	precMul  = 2 // a product or quotient
	precAtom = 4 // a name, a number, a call
)

// piece is a printed subexpression and its precedence.
type piece struct {
	s    string
	prec int
}

// wrap returns p's text, in parentheses when its precedence is below min.
func wrap(p piece, min int) string {
	if p.prec < min {
		return "(" + p.s + ")"
	}
	return p.s
}

// text prints n as a Go expression that Parse reads back to the same
// expression.
func text(n *node) string { return textPiece(n).s }

// textPiece prints n as Go source with its precedence.
func textPiece(n *node) piece {
	switch n.kind {
	case numKind:
		return textNumber(n.val)
	case constKind:
		return piece{"math." + n.name, precAtom}
	case varKind:
		return piece{n.name, precAtom}
	case addKind:
		return piece{joinSum(n.args, textPiece), precAdd}
	case mulKind:
		return textProduct(n.val, n.args)
	case powKind:
		return textPower(n)
	case callKind:
		return textCall(n)
	}
	return piece{"?", precAtom}
}

// joinSum prints the terms of a sum with + and -, a negative term after the
// first as a subtraction. A sum that would start with a minus starts with
// its first positive term instead (y - 1 rather than -1 + y).
func joinSum(terms []*node, print func(*node) piece) string {
	if first := slices.IndexFunc(terms, func(t *node) bool { return !isNegative(t) }); first > 0 {
		reordered := make([]*node, 0, len(terms))
		reordered = append(reordered, terms[first])
		reordered = append(reordered, terms[:first]...)
		terms = append(reordered, terms[first+1:]...)
	}
	var b strings.Builder
	for i, t := range terms {
		switch {
		case i == 0:
			b.WriteString(wrap(print(t), precAdd))
		case isNegative(t):
			b.WriteString(" - ")
			b.WriteString(wrap(print(neg(t)), precMul))
		default:
			b.WriteString(" + ")
			b.WriteString(wrap(print(t), precMul))
		}
	}
	return b.String()
}

// textNumber prints v: the shortest exact decimal, or p.0/q when that is a
// long decimal of a small fraction (1.0/3 rather than 0.3333333333333333).
func textNumber(v float64) piece {
	if v < 0 {
		return piece{"-" + textNumber(-v).s, precAdd}
	}
	if !isShort(v) {
		if p, q, ok := fraction(v); ok {
			return piece{wholeNumber(p) + ".0/" + wholeNumber(q), precMul}
		}
	}
	return piece{decimal(v), precAtom}
}

// coefficientParts splits |coef| into a numerator and a denominator: p and q
// when it is a fraction that should print as one, |coef| and 1 otherwise.
func coefficientParts(c float64, preferFraction func(float64, float64) bool) (float64, float64) {
	if p, q, ok := fraction(c); ok && preferFraction(c, q) {
		return p, q
	}
	return c, 1
}

// prefersFraction decides how a coefficient prints: as a fraction when its
// denominator is 2, 3 or 4 (x/2, 3*x/4) or its decimal is long (2*x/3), as
// a decimal otherwise (0.26*x).
func prefersFraction(c, q float64) bool { return q <= 4 || !isShort(c) }

// splitQuotient sorts the factors of a product into those of the numerator
// and those of the denominator (a power with a negative exponent goes to the
// denominator with the exponent negated).
func splitQuotient(factors []*node) (numer, denom []*node) {
	for _, f := range factors {
		if f.kind == powKind && isNegative(f.args[1]) {
			denom = append(denom, pow(f.args[0], neg(f.args[1])))
			continue
		}
		numer = append(numer, f)
	}
	return numer, denom
}

// textProduct prints coef·Π factors as a product, or a quotient when some
// factors have negative exponents.
func textProduct(coef float64, factors []*node) piece {
	numer, denom := splitQuotient(factors)
	sign := ""
	if coef < 0 {
		sign, coef = "-", -coef
	}
	cn, cd := coefficientParts(coef, prefersFraction)
	var top []string
	if cn != 1 || len(numer) == 0 {
		top = append(top, numberText(cn))
	}
	for _, f := range numer {
		top = append(top, wrap(textPiece(f), precMul))
	}
	s := sign + strings.Join(top, "*")
	var bottom []piece
	if cd != 1 {
		bottom = append(bottom, piece{numberText(cd), precAtom})
	}
	for _, f := range denom {
		bottom = append(bottom, textPiece(f))
	}
	switch {
	case len(bottom) == 1 && bottom[0].prec == precAtom:
		s += "/" + bottom[0].s
	case len(bottom) == 1:
		s += "/(" + bottom[0].s + ")"
	case len(bottom) > 0:
		parts := make([]string, len(bottom))
		for i, p := range bottom {
			parts[i] = wrap(p, precMul)
		}
		s += "/(" + strings.Join(parts, "*") + ")"
	}
	if sign != "" {
		return piece{s, precAdd}
	}
	if len(top) == 1 && len(bottom) == 0 {
		return piece{s, precAtom}
	}
	return piece{s, precMul}
}

// numberText prints a non-negative coefficient part.
func numberText(v float64) string {
	if isInteger(v) && v < 1e15 {
		return wholeNumber(v)
	}
	return decimal(v)
}

// wholeNumber prints an integer-valued float without an exponent (up to
// 10¹⁵).
func wholeNumber(v float64) string {
	if v >= 1e15 {
		return decimal(v)
	}
	return formatFixed(v)
}

// textPower prints base^exponent: math.Sqrt for ^0.5, x*x for the square
// of a name, a quotient for a negative exponent, math.Pow otherwise.
func textPower(n *node) piece {
	b, e := n.args[0], n.args[1]
	if isNegative(e) {
		return textProduct(1, []*node{n})
	}
	if e.kind == numKind {
		switch {
		case e.val == 0.5:
			return piece{"math.Sqrt(" + text(b) + ")", precAtom}
		case e.val == 2 && (b.kind == varKind || b.kind == constKind):
			s := textPiece(b).s
			return piece{s + "*" + s, precMul}
		}
	}
	return piece{"math.Pow(" + text(b) + ", " + text(e) + ")", precAtom}
}

// textCall prints math.F(u); the sign function prints as math.Copysign(1, u).
func textCall(n *node) piece {
	arg := text(n.args[0])
	if n.fn.id == fnSign {
		return piece{"math.Copysign(1, " + arg + ")", precAtom}
	}
	return piece{"math." + n.fn.name + "(" + arg + ")", precAtom}
}
