package symbolic

import "math"

// evalNode evaluates n at x by walking the tree. It is the slow path, used
// only where a single value is needed (Constant); Program is the fast one.
func evalNode(n *node, x []float64) float64 {
	switch n.kind {
	case numKind, constKind:
		return n.val
	case varKind:
		return x[n.index]
	case addKind:
		v := 0.0
		for _, t := range n.args {
			v += evalNode(t, x)
		}
		return v
	case mulKind:
		v := n.val
		for _, f := range n.args {
			v *= evalNode(f, x)
		}
		return v
	case powKind:
		return math.Pow(evalNode(n.args[0], x), evalNode(n.args[1], x))
	case callKind:
		return n.fn.eval(evalNode(n.args[0], x))
	}
	return math.NaN()
}
