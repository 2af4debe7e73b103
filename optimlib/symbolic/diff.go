package symbolic

// differ computes derivatives with respect to one variable, remembering the
// derivative of every subexpression it has seen so that shared
// subexpressions are differentiated once.
type differ struct {
	v    int
	memo map[string]*node
}

// derivative returns ∂n/∂x_v, simplified.
func derivative(n *node, v int) *node {
	d := differ{v: v, memo: map[string]*node{}}
	return d.diff(n)
}

// diff returns ∂n/∂x_v, from the memo when n was seen before.
func (d *differ) diff(n *node) *node {
	if !n.dependsOn(d.v) {
		return num(0)
	}
	if r, ok := d.memo[n.key]; ok {
		return r
	}
	r := d.rule(n)
	d.memo[n.key] = r
	return r
}

// rule applies the differentiation rule of n's kind.
func (d *differ) rule(n *node) *node {
	switch n.kind {
	case varKind:
		return num(1) // dependsOn already said it is x_v
	case addKind:
		terms := make([]*node, len(n.args))
		for i, t := range n.args {
			terms[i] = d.diff(t)
		}
		return add(terms...)
	case mulKind:
		// Product rule: Σ_i c·(f_1 … f_i' … f_k).
		terms := make([]*node, 0, len(n.args))
		for i, f := range n.args {
			if !f.dependsOn(d.v) {
				continue
			}
			factors := make([]*node, 0, len(n.args)+1)
			factors = append(factors, num(n.val))
			factors = append(factors, n.args[:i]...)
			factors = append(factors, n.args[i+1:]...)
			factors = append(factors, d.diff(f))
			terms = append(terms, mul(factors...))
		}
		return add(terms...)
	case powKind:
		b, e := n.args[0], n.args[1]
		switch {
		case !e.dependsOn(d.v):
			// (b^e)' = e·b^(e-1)·b'
			return mul(e, pow(b, add(e, num(-1))), d.diff(b))
		case !b.dependsOn(d.v):
			// (b^e)' = b^e·ln(b)·e'
			return mul(n, call(&functions[fnLog], b), d.diff(e))
		default:
			// (b^e)' = b^e·(e'·ln b + e·b'/b)
			return mul(n, add(
				mul(d.diff(e), call(&functions[fnLog], b)),
				mul(e, d.diff(b), pow(b, num(-1))),
			))
		}
	case callKind:
		u := n.args[0]
		return mul(outerDerivative(n, u), d.diff(u))
	}
	return num(0)
}

// outerDerivative returns f'(u) for the call n = f(u).
func outerDerivative(n, u *node) *node {
	one := num(1)
	square := pow(u, num(2))
	invSqrt := func(x *node) *node { return pow(x, num(-0.5)) }
	switch n.fn.id {
	case fnSin:
		return call(&functions[fnCos], u)
	case fnCos:
		return neg(call(&functions[fnSin], u))
	case fnTan:
		return add(one, pow(n, num(2)))
	case fnAsin:
		return invSqrt(sub(one, square))
	case fnAcos:
		return neg(invSqrt(sub(one, square)))
	case fnAtan:
		return pow(add(one, square), num(-1))
	case fnSinh:
		return call(&functions[fnCosh], u)
	case fnCosh:
		return call(&functions[fnSinh], u)
	case fnTanh:
		return sub(one, pow(n, num(2)))
	case fnAsinh:
		return invSqrt(add(square, one))
	case fnAcosh:
		return invSqrt(sub(square, one))
	case fnAtanh:
		return pow(sub(one, square), num(-1))
	case fnExp:
		return n
	case fnExpm1:
		return call(&functions[fnExp], u)
	case fnLog:
		return pow(u, num(-1))
	case fnLog2:
		return pow(mul(u, namedConst(mustConstant("Ln2"))), num(-1))
	case fnLog10:
		return pow(mul(u, namedConst(mustConstant("Ln10"))), num(-1))
	case fnLog1p:
		return pow(add(one, u), num(-1))
	case fnCbrt:
		return div(pow(n, num(-2)), num(3))
	case fnAbs:
		return call(&functions[fnSign], u)
	case fnSign:
		return num(0)
	case fnErf:
		return mul(num(2), pow(namedConst(mustConstant("SqrtPi")), num(-1)),
			call(&functions[fnExp], neg(square)))
	case fnErfc:
		return mul(num(-2), pow(namedConst(mustConstant("SqrtPi")), num(-1)),
			call(&functions[fnExp], neg(square)))
	}
	return num(0)
}

// mustConstant returns a constant known to be in the table.
func mustConstant(name string) *namedConstant {
	c, _ := constantByName(name)
	return c
}
