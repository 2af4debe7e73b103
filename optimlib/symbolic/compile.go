package symbolic

import (
	"fmt"
	"math"
	"slices"
	"sync/atomic"
)

// Program evaluates one or more expressions over the same variables at
// compiled speed. Compile turns the expressions into a list of closures,
// one per distinct subexpression (common subexpressions, also across
// outputs, are computed once), which write into a slice of slots: the
// variables, then the constants, then one slot per operation.
//
// Eval allocates nothing. A Program may be used from several goroutines at
// once; a call that finds the slots in use by another one evaluates in a
// fresh slice instead (and allocates).
type Program struct {
	nvars   int
	init    []float64 // the slots with constants in place
	slots   []float64 // the working copy, guarded by busy
	busy    atomic.Bool
	code    []func(s []float64)
	outputs []int
}

// Compile builds a Program whose outputs are exprs, in order. The
// expressions must share their variable list (as those returned by Parse
// and by Diff, Gradient and Hessian on its result do).
func Compile(exprs ...*Expr) (*Program, error) {
	if len(exprs) == 0 {
		return nil, fmt.Errorf("compile: no expression")
	}
	vars := exprs[0].vars
	for i, e := range exprs[1:] {
		if !slices.Equal(e.vars, vars) {
			return nil, fmt.Errorf("compile: expression %d has the variables %v, expression 0 has %v", i+1, e.vars, vars)
		}
	}
	c := &compiler{slotOf: map[string]int{}, init: make([]float64, len(vars), len(vars)+8)}
	for i := range vars {
		c.slotOf["v"+itoa(i)] = i
	}
	p := &Program{nvars: len(vars)}
	for _, e := range exprs {
		p.outputs = append(p.outputs, c.slot(e.root))
	}
	if len(c.init) == 0 {
		c.init = append(c.init, 0) // acquire tells its slots apart by address
	}
	p.init = c.init
	p.slots = slices.Clone(c.init)
	p.code = c.code
	return p, nil
}

// NumVars is the length Eval expects of x.
func (p *Program) NumVars() int { return p.nvars }

// NumOutputs is the number of compiled expressions.
func (p *Program) NumOutputs() int { return len(p.outputs) }

// NumOps is the number of operations one evaluation runs.
func (p *Program) NumOps() int { return len(p.code) }

// acquire returns slots to evaluate in: the program's own when free, a fresh
// copy otherwise.
func (p *Program) acquire() []float64 {
	if p.busy.CompareAndSwap(false, true) {
		return p.slots
	}
	return slices.Clone(p.init)
}

// release gives back the slots acquire returned.
func (p *Program) release(s []float64) {
	if &s[0] == &p.slots[0] {
		p.busy.Store(false)
	}
}

// run evaluates every operation at x and returns the slots; release them
// when done.
func (p *Program) run(x []float64) []float64 {
	s := p.acquire()
	copy(s[:p.nvars], x)
	for _, op := range p.code {
		op(s)
	}
	return s
}

// Eval writes the value of every output at x into out. When len(x) is not
// NumVars or len(out) is not NumOutputs, it fills out with NaN.
func (p *Program) Eval(out, x []float64) {
	if len(x) != p.nvars || len(out) != len(p.outputs) {
		fillNaN(out)
		return
	}
	s := p.run(x)
	for i, o := range p.outputs {
		out[i] = s[o]
	}
	p.release(s)
}

// Value returns the first output at x, or NaN when len(x) is not NumVars.
func (p *Program) Value(x []float64) float64 {
	if len(x) != p.nvars {
		return math.NaN()
	}
	s := p.run(x)
	v := s[p.outputs[0]]
	p.release(s)
	return v
}

// EvalSplit returns the first output at x and writes the others into rest,
// as a function value and its gradient. When len(x) is not NumVars or
// len(rest) is not NumOutputs-1, it returns NaN and fills rest with NaN.
func (p *Program) EvalSplit(rest, x []float64) float64 {
	if len(x) != p.nvars || len(rest) != len(p.outputs)-1 {
		fillNaN(rest)
		return math.NaN()
	}
	s := p.run(x)
	v := s[p.outputs[0]]
	for i, o := range p.outputs[1:] {
		rest[i] = s[o]
	}
	p.release(s)
	return v
}

// fillNaN sets every entry of v to NaN.
func fillNaN(v []float64) {
	for i := range v {
		v[i] = math.NaN()
	}
}

// compiler turns nodes into operations, one per distinct key.
type compiler struct {
	slotOf map[string]int
	init   []float64
	code   []func(s []float64)
}

// slot returns the slot holding n's value, emitting the operations that
// compute it the first time n (or an equal expression) is met.
func (c *compiler) slot(n *node) int {
	if s, ok := c.slotOf[n.key]; ok {
		return s
	}
	var s int
	switch n.kind {
	case numKind, constKind:
		s = len(c.init)
		c.init = append(c.init, n.val)
	default:
		s = c.emit(n)
	}
	c.slotOf[n.key] = s
	return s
}

// newSlot reserves a slot for a computed value.
func (c *compiler) newSlot() int {
	c.init = append(c.init, 0)
	return len(c.init) - 1
}

// emit appends the operation computing n and returns its slot.
func (c *compiler) emit(n *node) int {
	switch n.kind {
	case addKind:
		var (
			constant float64
			coefs    []float64
			terms    []int
		)
		for _, t := range n.args {
			if t.kind == numKind {
				constant += t.val
				continue
			}
			coef, rest := splitCoef(t)
			coefs = append(coefs, coef)
			terms = append(terms, c.slot(rest))
		}
		k := c.newSlot()
		c.code = append(c.code, emitSum(k, constant, coefs, terms))
		return k
	case mulKind:
		var numer, denom []int
		for _, f := range n.args {
			if f.kind == powKind && f.args[1].kind == numKind && f.args[1].val < 0 {
				// x^-k goes to the denominator as x^k.
				denom = append(denom, c.slot(pow(f.args[0], num(-f.args[1].val))))
				continue
			}
			numer = append(numer, c.slot(f))
		}
		k := c.newSlot()
		c.code = append(c.code, emitProduct(k, n.val, numer, denom))
		return k
	case powKind:
		b, e := n.args[0], n.args[1]
		if e.kind == numKind {
			a := c.slot(b)
			k := c.newSlot()
			c.code = append(c.code, emitPowConst(k, a, e.val))
			return k
		}
		ei := c.slot(e)
		var op func(s []float64)
		k := -1
		switch {
		case b.kind == constKind && b.name == "E":
			k = c.newSlot()
			op = emitCall(k, ei, fnExp)
		case b.isNum(2):
			k = c.newSlot()
			op = emitExp2(k, ei)
		default:
			bi := c.slot(b)
			k = c.newSlot()
			op = emitPow(k, bi, ei)
		}
		c.code = append(c.code, op)
		return k
	case callKind:
		a := c.slot(n.args[0])
		k := c.newSlot()
		c.code = append(c.code, emitCall(k, a, n.fn.id))
		return k
	}
	// Unreachable: every kind is handled above. Keep the program well formed.
	k := c.newSlot()
	c.init[k] = math.NaN()
	return k
}
