package symbolic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latex prints n as LaTeX math (without surrounding dollar signs).
func latex(n *node) string { return latexPiece(n).s }

// texPiece is a printed LaTeX subexpression; base says whether it can
// carry a superscript as it is (x^{2}, but \left(e^{x}\right)^{2}).
type texPiece struct {
	piece
	base bool
}

// latexPiece prints n as LaTeX with its precedence.
func latexPiece(n *node) texPiece {
	switch n.kind {
	case numKind:
		return latexNumber(n.val)
	case constKind:
		c, _ := constantByName(n.name)
		return texPiece{piece{c.latex, precAtom}, !strings.Contains(c.latex, " ")}
	case varKind:
		return texPiece{piece{latexVariable(n.name), precAtom}, true}
	case addKind:
		return texPiece{piece{joinSum(n.args, func(t *node) piece { return latexPiece(t).piece }), precAdd}, false}
	case mulKind:
		return texPiece{latexProduct(n.val, n.args), false}
	case powKind:
		return latexPower(n)
	case callKind:
		return latexCall(n)
	}
	return texPiece{piece{"?", precAtom}, true}
}

// latexNumber prints a number standing alone, as \frac{p}{q} when its
// decimal is long (1/3) and as a decimal otherwise (1.5).
func latexNumber(v float64) texPiece {
	if v < 0 {
		p := latexNumber(-v)
		return texPiece{piece{"-" + p.s, precAdd}, false}
	}
	if p, q, ok := fraction(v); ok && !isShort(v) {
		return texPiece{piece{`\frac{` + wholeNumber(p) + "}{" + wholeNumber(q) + "}", precAtom}, false}
	}
	s := latexDecimal(v)
	return texPiece{piece{s, precAtom}, !strings.Contains(s, " ")}
}

// latexExponent prints an exponent; fractions are written inline (x^{3/2}).
func latexExponent(e *node) string {
	if e.kind == numKind {
		v := e.val
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		if p, q, ok := fraction(v); ok && prefersFraction(v, q) {
			return sign + wholeNumber(p) + "/" + wholeNumber(q)
		}
		return sign + latexDecimal(v)
	}
	return latex(e)
}

// juxtapose joins the factors of a product with spaces, or with \cdot where
// two would run together (a number followed by a number).
func juxtapose(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			r, _ := utf8.DecodeRuneInString(p)
			if unicode.IsDigit(r) || r == '-' {
				b.WriteString(` \cdot `)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// latexFactors prints coef·Π factors; a sum among them gets parentheses,
// unless it is alone on one side of a \frac (alone says so).
func latexFactors(coef float64, factors []*node, alone bool) string {
	var parts []string
	if coef != 1 || len(factors) == 0 {
		parts = append(parts, latexDecimal(coef))
	}
	bare := alone && coef == 1 && len(factors) == 1
	for _, f := range factors {
		p := latexPiece(f)
		if p.prec <= precAdd && !bare {
			parts = append(parts, `\left(`+p.s+`\right)`)
			continue
		}
		parts = append(parts, p.s)
	}
	return juxtapose(parts)
}

// latexProduct prints coef·Π factors, as \frac when there is a denominator.
func latexProduct(coef float64, factors []*node) piece {
	numer, denom := splitQuotient(factors)
	sign := ""
	if coef < 0 {
		sign, coef = "-", -coef
	}
	cn, cd := coefficientParts(coef, prefersFraction)
	frac := cd != 1 || len(denom) > 0
	s := latexFactors(cn, numer, frac)
	if frac {
		s = `\frac{` + s + "}{" + latexFactors(cd, denom, true) + "}"
	}
	if sign != "" {
		return piece{sign + s, precAdd}
	}
	return piece{s, precMul}
}

// latexPower prints base^exponent with \sqrt, \sqrt[3], e^{...} and
// \sin^{2}(x) where they apply.
func latexPower(n *node) texPiece {
	b, e := n.args[0], n.args[1]
	if isNegative(e) {
		return texPiece{latexProduct(1, []*node{n}), false}
	}
	if e.kind == numKind {
		switch {
		case e.val == 0.5:
			return texPiece{piece{`\sqrt{` + latex(b) + "}", precAtom}, false}
		case e.val == 1.0/3:
			return texPiece{piece{`\sqrt[3]{` + latex(b) + "}", precAtom}, false}
		case b.kind == callKind && b.fn.powerPrefix && isInteger(e.val):
			return texPiece{piece{b.fn.latex + "^{" + latexExponent(e) + "}" + latexArgument(b.args[0]), precAtom}, false}
		}
	}
	bp := latexPiece(b)
	base := bp.s
	if !bp.base || bp.prec < precAtom {
		base = `\left(` + base + `\right)`
	}
	return texPiece{piece{base + "^{" + latexExponent(e) + "}", precAtom}, false}
}

// latexArgument prints a function's argument in parentheses, sized to fit
// when it is tall.
func latexArgument(u *node) string {
	s := latex(u)
	if isTall(s) {
		return `\left(` + s + `\right)`
	}
	return "(" + s + ")"
}

// latexCall prints f(u).
func latexCall(n *node) texPiece {
	u := n.args[0]
	switch n.fn.id {
	case fnExp:
		return texPiece{piece{"e^{" + latex(u) + "}", precAtom}, false}
	case fnAbs:
		return texPiece{piece{`\left|` + latex(u) + `\right|`, precAtom}, true}
	case fnCbrt:
		return texPiece{piece{`\sqrt[3]{` + latex(u) + "}", precAtom}, false}
	case fnExpm1:
		return texPiece{piece{"e^{" + latex(u) + "} - 1", precAdd}, false}
	case fnLog1p:
		return texPiece{piece{`\ln` + latexArgument(add(num(1), u)), precAtom}, false}
	}
	return texPiece{piece{n.fn.latex + latexArgument(u), precAtom}, false}
}

// greek lists the letter names that print as LaTeX commands.
var greek = map[string]bool{
	"alpha": true, "beta": true, "gamma": true, "delta": true, "epsilon": true,
	"zeta": true, "eta": true, "theta": true, "iota": true, "kappa": true,
	"lambda": true, "mu": true, "nu": true, "xi": true, "pi": true, "rho": true,
	"sigma": true, "tau": true, "upsilon": true, "phi": true, "chi": true,
	"psi": true, "omega": true, "Gamma": true, "Delta": true, "Theta": true,
	"Lambda": true, "Xi": true, "Pi": true, "Sigma": true, "Phi": true,
	"Psi": true, "Omega": true,
}

// latexVariable prints a variable name: x[3], x3 and x_3 become x_{3},
// greek letter names become \theta, other long names \mathrm{lr}.
func latexVariable(name string) string {
	base, sub := name, ""
	if i := strings.IndexByte(name, '['); i >= 0 {
		base, sub = name[:i], strings.TrimSuffix(name[i+1:], "]")
	} else if i := strings.LastIndexByte(name, '_'); i > 0 && i < len(name)-1 {
		base, sub = name[:i], name[i+1:]
	} else {
		end := len(name)
		for end > 0 && name[end-1] >= '0' && name[end-1] <= '9' {
			end--
		}
		if end > 0 && end < len(name) {
			base, sub = name[:end], name[end:]
		}
	}
	s := latexName(base)
	if sub != "" {
		s += "_{" + latexName(sub) + "}"
	}
	return s
}

// latexName prints one identifier: a letter or number as it is, a greek
// letter name as its command, anything longer upright.
func latexName(s string) string {
	switch {
	case greek[s]:
		return `\` + s
	case utf8.RuneCountInString(s) == 1:
		return s
	case strings.Trim(s, "0123456789") == "":
		return s
	}
	return `\mathrm{` + strings.ReplaceAll(s, "_", `\_`) + "}"
}

// isTall reports whether printed LaTeX has fractions, roots, superscripts or
// sized delimiters, which plain parentheses around it would not fit.
func isTall(s string) bool {
	for _, mark := range []string{`\frac`, `\sqrt`, "^", `\left`} {
		if strings.Contains(s, mark) {
			return true
		}
	}
	return false
}
