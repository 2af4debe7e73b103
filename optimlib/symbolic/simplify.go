package symbolic

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The constructors below are the only way nodes are made. Each returns a
// simplified node: numbers are folded, x+0, x*1, 0*x, x^1 and x^0 vanish,
// like terms are combined (2*x + x = 3*x), equal bases are merged
// (x*x = x^2, x/x = 1), powers of powers are flattened where that is exact
// ((x^2)^3 = x^6, (x^2)^0.5 = |x|), and signs are carried by coefficients so
// that -(-x) = x.

// num returns the number v.
func num(v float64) *node {
	if v == 0 {
		v = 0 // no negative zero
	}
	return &node{kind: numKind, val: v, key: numKey(v)}
}

// namedConst returns the named math constant c.
func namedConst(c *namedConstant) *node {
	return &node{kind: constKind, val: c.value, name: c.name, key: "c:" + c.name}
}

// variable returns variable number i, printed as name.
func variable(i int, name string) *node {
	deps := make([]uint64, i/64+1)
	deps[i/64] = 1 << (uint(i) % 64)
	return &node{kind: varKind, index: i, name: name, key: "v" + strconv.Itoa(i), deps: deps}
}

// isFinite reports whether v is neither infinite nor NaN.
func isFinite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// isInteger reports whether v is a finite whole number.
func isInteger(v float64) bool { return isFinite(v) && v == math.Trunc(v) }

// numValue returns the value of a number or named constant.
func numValue(n *node) (float64, bool) {
	if n.kind == numKind || n.kind == constKind {
		return n.val, true
	}
	return 0, false
}

// splitCoef writes n as coef*rest, with rest free of a numeric factor.
func splitCoef(n *node) (float64, *node) {
	if n.kind != mulKind {
		return 1, n
	}
	if len(n.args) == 1 {
		return n.val, n.args[0]
	}
	return n.val, rawMul(1, n.args)
}

// rawMul builds coef*factors from factors that already obey the mul
// invariants (sorted, distinct bases, none a number or a mul).
func rawMul(coef float64, factors []*node) *node {
	switch {
	case coef == 0:
		return num(0)
	case len(factors) == 0:
		return num(coef)
	case coef == 1 && len(factors) == 1:
		return factors[0]
	case coef == -1 && len(factors) == 1 && factors[0].kind == addKind:
		// -(a - b) = b - a: a negated sum is distributed.
		terms := make([]*node, len(factors[0].args))
		for i, t := range factors[0].args {
			terms[i] = neg(t)
		}
		return add(terms...)
	}
	return &node{
		kind: mulKind,
		val:  coef,
		args: factors,
		key:  "*(" + numKey(coef) + ";" + sortedKeys(factors) + ")",
		deps: unionDeps(factors...),
	}
}

// sortedKeys joins the keys of ns in sorted order, so that the key of a sum
// or product does not depend on the order of its operands.
func sortedKeys(ns []*node) string {
	keys := make([]string, len(ns))
	for i, n := range ns {
		keys[i] = n.key
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}

// scale returns c*n.
func scale(c float64, n *node) *node {
	if n.kind == numKind {
		return num(c * n.val)
	}
	coef, rest := splitCoef(n)
	return rawMulOf(c*coef, rest)
}

// neg returns -n.
func neg(n *node) *node { return scale(-1, n) }

// sub returns a - b.
func sub(a, b *node) *node { return add(a, neg(b)) }

// isNegative reports whether n prints with a leading minus: a negative number
// or a product with a negative coefficient.
func isNegative(n *node) bool {
	return (n.kind == numKind || n.kind == mulKind) && n.val < 0
}

// add returns the simplified sum of terms. Terms keep the order in which
// they first appear, so 1 - x stays 1 - x; like terms are combined in the
// place of the first one.
func add(terms ...*node) *node {
	type entry struct {
		coef float64
		rest *node // nil for the number term
	}
	var (
		entries  []entry
		position = map[string]int{}
		total    float64
		hasConst bool
	)
	var visit func(t *node)
	visit = func(t *node) {
		switch t.kind {
		case addKind:
			for _, a := range t.args {
				visit(a)
			}
		case numKind:
			total += t.val
			if !hasConst {
				hasConst = true
				entries = append(entries, entry{})
			}
		default:
			c, rest := splitCoef(t)
			if i, ok := position[rest.key]; ok {
				entries[i].coef += c
				return
			}
			position[rest.key] = len(entries)
			entries = append(entries, entry{coef: c, rest: rest})
		}
	}
	for _, t := range terms {
		visit(t)
	}
	out := make([]*node, 0, len(entries))
	for _, e := range entries {
		switch {
		case e.rest == nil:
			if total != 0 {
				out = append(out, num(total))
			}
		case e.coef != 0:
			out = append(out, scale(e.coef, e.rest))
		}
	}
	switch len(out) {
	case 0:
		return num(0)
	case 1:
		return out[0]
	}
	for _, t := range out {
		if t.kind == addKind {
			// A combined coefficient of -1 distributed over a sum: flatten.
			return add(out...)
		}
	}
	return &node{
		kind: addKind,
		args: out,
		key:  "+(" + sortedKeys(out) + ")",
		deps: unionDeps(out...),
	}
}

// splitPow writes n as base^exponent (exponent 1 when n is not a power).
func splitPow(n *node) (base, exponent *node) {
	if n.kind == powKind {
		return n.args[0], n.args[1]
	}
	return n, num(1)
}

// mul returns the simplified product of factors: the numbers become one
// coefficient, factors with the same base have their exponents added, and
// the factors are sorted (constants, then variables in order, then
// functions, then the rest); x*y and y*x are the same expression.
func mul(factors ...*node) *node {
	type entry struct {
		base      *node
		exponents []*node
	}
	var (
		entries  []entry
		position = map[string]int{}
		coef     = 1.0
	)
	var visit func(f *node)
	visit = func(f *node) {
		switch f.kind {
		case numKind:
			coef *= f.val
		case mulKind:
			coef *= f.val
			for _, a := range f.args {
				visit(a)
			}
		default:
			b, e := splitPow(f)
			if i, ok := position[b.key]; ok {
				entries[i].exponents = append(entries[i].exponents, e)
				return
			}
			position[b.key] = len(entries)
			entries = append(entries, entry{base: b, exponents: []*node{e}})
		}
	}
	for _, f := range factors {
		visit(f)
	}
	if coef == 0 {
		return num(0)
	}
	out := make([]*node, 0, len(entries))
	again := false
	for _, e := range entries {
		exp := e.exponents[0]
		if len(e.exponents) > 1 {
			exp = add(e.exponents...)
		}
		p := pow(e.base, exp)
		switch p.kind {
		case numKind:
			coef *= p.val
		case mulKind:
			// Expanding (a*b)^n can bring back a base seen elsewhere:
			// multiply again.
			again = true
			out = append(out, p)
		default:
			out = append(out, p)
		}
	}
	if again {
		return mul(append(out, num(coef))...)
	}
	slices.SortStableFunc(out, compareFactors)
	return rawMul(coef, out)
}

// div returns a/b. Dividing by a number divides the coefficient, so that
// x/3 has the coefficient 1/3 rounded once.
func div(a, b *node) *node {
	if b.kind == numKind && b.val != 0 {
		if a.kind == numKind {
			return num(a.val / b.val)
		}
		coef, rest := splitCoef(a)
		return rawMulOf(coef/b.val, rest)
	}
	return mul(a, pow(b, num(-1)))
}

// rawMulOf returns coef*rest for a rest that is free of a numeric factor.
func rawMulOf(coef float64, rest *node) *node {
	if rest.kind == mulKind {
		return rawMul(coef, rest.args)
	}
	return rawMul(coef, []*node{rest})
}

// factorRank orders the kinds of factor in a product. A power with a
// numeric exponent ranks with its base (x² with x); one with a symbolic
// exponent ranks with the functions (2^x ln 2).
func factorRank(n *node) int {
	b, e := splitPow(n)
	if e.kind != numKind {
		return 3
	}
	switch b.kind {
	case numKind:
		return 0
	case constKind:
		return 1
	case varKind:
		return 2
	case callKind:
		return 3
	case powKind:
		return 4
	}
	return 5
}

// compareFactors orders the factors of a product for printing: constants
// (by name), then variables (in order), then functions, then the rest; the
// last two keep the order in which they were written.
func compareFactors(a, b *node) int {
	ra, rb := factorRank(a), factorRank(b)
	if ra != rb {
		return ra - rb
	}
	ba, _ := splitPow(a)
	bb, _ := splitPow(b)
	switch ra {
	case 1:
		return strings.Compare(ba.name, bb.name)
	case 2:
		return ba.index - bb.index
	}
	return 0
}

// pow returns the simplified base^exponent.
func pow(base, exponent *node) *node {
	if exponent.isNum(0) || base.isNum(1) {
		return num(1)
	}
	if exponent.isNum(1) {
		return base
	}
	if exponent.kind == numKind {
		e := exponent.val
		if base.kind == numKind {
			r := math.Pow(base.val, e)
			if isFinite(r) && (isInteger(e) || isInteger(r)) {
				return num(r)
			}
		}
		switch base.kind {
		case powKind:
			inner, p := base.args[0], base.args[1]
			if isInteger(e) {
				return pow(inner, mul(p, exponent))
			}
			if p.kind == numKind {
				if isInteger(p.val) && math.Mod(p.val, 2) == 0 {
					// (x^2)^0.5 = |x|: the even power forgets the sign.
					return pow(call(&functions[fnAbs], inner), num(p.val*e))
				}
				return pow(inner, num(p.val*e))
			}
		case mulKind:
			if isInteger(e) {
				parts := make([]*node, 0, len(base.args)+1)
				parts = append(parts, num(math.Pow(base.val, e)))
				for _, f := range base.args {
					parts = append(parts, pow(f, exponent))
				}
				return mul(parts...)
			}
			if len(base.args) == 1 && base.val > 0 {
				if r := math.Pow(base.val, e); isInteger(r) {
					return mul(num(r), pow(base.args[0], exponent))
				}
			}
		case callKind:
			if base.fn.id == fnAbs && isInteger(e) && math.Mod(e, 2) == 0 {
				return pow(base.args[0], exponent)
			}
		}
	}
	return &node{
		kind: powKind,
		args: []*node{base, exponent},
		key:  "^(" + base.key + "," + exponent.key + ")",
		deps: unionDeps(base, exponent),
	}
}

// call returns the simplified fn(arg).
func call(fn *function, arg *node) *node {
	if v, ok := numValue(arg); ok {
		r := fn.eval(v)
		switch {
		case fn.id == fnAbs && arg.kind == constKind && v > 0:
			return arg
		case isFinite(r) && (isInteger(r) || fn.id == fnAbs && arg.kind == numKind):
			return num(r)
		}
	}
	switch fn.id {
	case fnLog:
		if arg.kind == callKind && arg.fn.id == fnExp {
			return arg.args[0]
		}
	case fnAbs:
		switch {
		case arg.kind == callKind && (arg.fn.id == fnAbs || arg.fn.id == fnExp):
			return arg
		case arg.kind == mulKind:
			coef, rest := splitCoef(arg)
			if coef < 0 {
				return scale(-coef, call(fn, rest))
			}
		case arg.kind == powKind && arg.args[1].kind == numKind && isInteger(arg.args[1].val) && math.Mod(arg.args[1].val, 2) == 0:
			return arg
		}
	case fnSign:
		if arg.kind == mulKind {
			coef, rest := splitCoef(arg)
			return scale(math.Copysign(1, coef), call(fn, rest))
		}
	}
	return &node{
		kind: callKind,
		fn:   fn,
		args: []*node{arg},
		key:  fn.name + "(" + arg.key + ")",
		deps: arg.deps,
	}
}
