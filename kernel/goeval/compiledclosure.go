package goeval

import (
	"go/ast"
	"reflect"
)

// A function literal written as an argument of a compiled function is
// handed over as a function that runs in the frame of the call's function
// as it is when the function is called, not as it was when the literal
// was evaluated: made in a loop and called after the iteration (wg.Go,
// optimlib.FromFunc kept in a slice), it sees the last iteration's
// variables (YAEGI_BUGS.md, 27). A function value made first keeps the
// frame it was made in, so such a literal in a loop is made by a function
// literal called on the spot:
//
//	wg.Go(func() { res[i] = i })  ->  wg.Go(func() func() { return func() { res[i] = i } }())

// compiledCallLiterals wraps the function literal arguments of call, a
// call of a compiled function in a loop (see above); stack holds the
// nodes that enclose it and deferring the functions with defer
// statements, whose literals closureFrame wraps already.
func (rw *rewriter) compiledCallLiterals(call *ast.CallExpr, stack []ast.Node, deferring map[ast.Node]bool) {
	if !inLoop(stack) {
		return
	}
	if fn := enclosingFunc(stack); fn != nil && deferring[fn] {
		return
	}
	var lits []*ast.FuncLit
	for _, a := range call.Args {
		if lit, ok := a.(*ast.FuncLit); ok {
			lits = append(lits, lit)
		}
	}
	if len(lits) == 0 {
		return
	}
	rt := rw.infer.TypeOf(call.Fun).RT
	if rt == nil || rt.Kind() != reflect.Func {
		return
	}
	depth := len(stack) + 1
	for _, lit := range lits {
		start, end := rw.off(lit.Pos()), rw.off(lit.End())
		rw.add(edit{start: start, end: start, text: "func() " + rw.text(lit.Type) + " { return ", rank: openRank(depth)})
		rw.add(edit{start: end, end: end, text: " }()", rank: closeRank(depth)})
	}
}
