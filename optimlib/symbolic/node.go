package symbolic

import "strconv"

// kind says what a node is.
type kind uint8

const (
	numKind   kind = iota // a number: val
	constKind             // a named constant such as math.Pi: name, val
	varKind               // a variable: index, name
	addKind               // a sum of args, in display order; at most one number among them
	mulKind               // val (the coefficient) times the product of args
	powKind               // args[0] raised to args[1]
	callKind              // fn applied to args[0]
)

// node is one immutable, already simplified expression. Nodes are built only
// by the constructors in simplify.go, which keep the invariants the printers,
// the derivative and the compiler rely on:
//
//   - an add has at least two terms, none of them an add, at most one number;
//   - a mul has at least one factor, no factor is a number or a mul, no two
//     factors share a base, its coefficient is not 0, and with a single
//     factor the coefficient is neither 1 nor (for a sum) -1;
//   - a pow's exponent is not 0 or 1, and its base is not a mul when the
//     exponent is an integer.
//
// The key of a sum or product does not depend on the order of its operands,
// which keep the order in which they are printed.
type node struct {
	kind  kind
	val   float64
	index int
	name  string
	fn    *function
	args  []*node
	key   string   // canonical form: equal keys mean equal expressions
	deps  []uint64 // bit set of the variables the node depends on
}

// dependsOn reports whether the node involves variable i.
func (n *node) dependsOn(i int) bool {
	w := i / 64
	return w < len(n.deps) && n.deps[w]&(1<<(uint(i)%64)) != 0
}

// isNum reports whether n is the number v.
func (n *node) isNum(v float64) bool {
	return n.kind == numKind && n.val == v
}

// isConstant reports whether n involves no variable.
func (n *node) isConstant() bool {
	for _, w := range n.deps {
		if w != 0 {
			return false
		}
	}
	return true
}

// unionDeps returns the union of the dependency sets of ns.
func unionDeps(ns ...*node) []uint64 {
	size := 0
	for _, n := range ns {
		size = max(size, len(n.deps))
	}
	if size == 0 {
		return nil
	}
	out := make([]uint64, size)
	for _, n := range ns {
		for i, w := range n.deps {
			out[i] |= w
		}
	}
	for len(out) > 0 && out[len(out)-1] == 0 {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// numKey is the canonical spelling of a number inside keys.
func numKey(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
