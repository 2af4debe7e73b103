package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// Go evaluates the function value, receiver and arguments of a deferred
// call, and of a go statement's call into compiled code, when the
// statement runs. The interpreter keeps references to the variables
// instead, so defer fmt.Println("x is", x) prints the value x has when the
// function returns, and a deferred call in a loop sees the last iteration.
// A variable defined by := is a fresh one each time the definition runs,
// so the rewriter copies what the call needs into hidden variables first:
//
//	defer fmt.Println("x is", x)  ->  { _goeval_d1 := x; defer fmt.Println("x is", _goeval_d1) }
//	defer t.Show(n)               ->  { _goeval_d1 := t; _goeval_d2 := n; defer _goeval_d1.Show(_goeval_d2) }
//	defer fmt.Println(pair())     ->  { _goeval_d1, _goeval_d2 := pair(); defer fmt.Println(_goeval_d1, _goeval_d2) }
//
// Constants, nil and function literals are left in place (copying an
// untyped constant would give it its default type). A receiver is copied
// when the method has a value receiver, or the receiver is a pointer or
// an interface: a method with a pointer receiver on an addressable value
// already sees the variable, as Go's &x does. The copied expressions
// keep their cell positions.

// callCopy is a defer or go statement whose call copies values first.
type callCopy struct {
	stmt  ast.Stmt
	call  *ast.CallExpr
	depth int
	top   bool // at the top level of the cell, outside any function
	// early marks a deferred function literal inside a loop, which must
	// be made when the defer statement runs (see earlyClosure).
	early bool
	// bind marks a method call whose receiver must be bound when the
	// statement runs: a go statement, or a defer statement in a loop
	// (see bindsReceiver).
	bind bool
	// keyword is "defer" or "go".
	keyword string
}

// copyCalls rewrites the recorded defer and go statements, innermost
// first, moving the edits inside the copied expressions into the text
// that copies them.
func (rw *rewriter) copyCalls() {
	for i := len(rw.calls) - 1; i >= 0; i-- {
		rw.copyCall(rw.calls[i])
	}
}

func (rw *rewriter) copyCall(cc callCopy) {
	var moved []ast.Expr
	if sel, ok := cc.call.Fun.(*ast.SelectorExpr); ok && rw.copiesReceiver(sel) {
		moved = append(moved, sel.X)
	}
	for _, a := range cc.call.Args {
		if rw.copiesArg(a) {
			moved = append(moved, a)
		}
	}
	lit, _ := cc.call.Fun.(*ast.FuncLit)
	early := cc.early && lit != nil && !callsRecover(lit)
	bind := cc.bind && rw.bindsReceiver(cc)
	if len(moved) == 0 && !early && !bind {
		return
	}
	var names, values []string
	multi := ""
	for _, x := range moved {
		name := rw.fresh("d")
		start, end := rw.off(x.Pos()), rw.off(x.End())
		var sub emitter
		sub.piece(rw.cell, start, end, rw.takeEdits(start, end))
		if n := rw.loneResults(cc.call, x); n > 1 {
			// f(g()) with g of several results: each gets a name, in a
			// definition of its own.
			ns := []string{name}
			for range n - 1 {
				ns = append(ns, rw.fresh("d"))
			}
			multi = strings.Join(ns, ", ") + " := " + sub.String() + "; "
			rw.add(edit{start: start, end: end, text: strings.Join(ns, ", "), rank: rankReplace})
			continue
		}
		names, values = append(names, name), append(values, sub.String())
		rw.add(edit{start: start, end: end, text: name, rank: rankReplace})
	}
	start, end := rw.off(cc.stmt.Pos()), rw.off(cc.stmt.End())
	// One definition each: a definition of several values would lose
	// all but a composite literal or receive among them (YAEGI_BUGS.md, 16).
	open := "{"
	for i, name := range names {
		open += name + " := " + values[i] + "; "
	}
	open += multi
	rw.add(edit{start: start, end: start, text: open, rank: openRank(cc.depth)})
	rw.add(edit{start: end, end: end, text: "}", rank: closeRank(cc.depth)})
	if early {
		// defer func() {...}(args) -> f := func() T { return func() {...} }(); defer f(args)
		f := rw.fresh("f")
		litStart := rw.off(lit.Pos())
		rw.add(edit{start: start, end: litStart, text: f + " := func() " + rw.text(lit.Type) + " { return ", rank: rankReplace})
		at := rw.off(lit.End())
		rw.add(edit{start: at, end: at, text: " }(); defer " + f, rank: closeRank(cc.depth + 1)})
	}
	if bind {
		// defer r.M(a) -> f := func() func() { return func() { d1.M(d2) } }(); defer f()
		f := rw.fresh("f")
		callStart, callEnd := rw.off(cc.call.Pos()), rw.off(cc.call.End())
		rw.add(edit{start: start, end: callStart, text: f + " := func() func() { return func() { ", rank: rankReplace})
		rw.add(edit{start: callEnd, end: callEnd, text: " } }(); " + cc.keyword + " " + f + "()", rank: closeRank(cc.depth + 1)})
	}
	if cc.top {
		rw.outside = true
	}
}

// loneResults returns the number of results of x when it is the lone
// argument of call and a call itself (f(g())), 1 otherwise or when it is
// not known.
func (rw *rewriter) loneResults(call *ast.CallExpr, x ast.Expr) int {
	if len(call.Args) != 1 || call.Args[0] != x || call.Ellipsis.IsValid() {
		return 1
	}
	inner, ok := typeinfer.Unparen(x).(*ast.CallExpr)
	if !ok {
		return 1
	}
	rs, ok := rw.infer.Results(inner)
	if !ok || len(rs) < 1 {
		return 1
	}
	return len(rs)
}

// takeEdits removes and returns the edits inside [start, end).
func (rw *rewriter) takeEdits(start, end int) []edit {
	var in, out []edit
	for _, e := range rw.edits {
		if e.start >= start && e.end <= end && !(e.start == end && e.end == end) {
			in = append(in, e)
		} else {
			out = append(out, e)
		}
	}
	rw.edits = out
	sortEdits(in)
	return in
}

// copiesArg reports whether an argument is copied: not a constant, nil, a
// function literal or a function's name.
func (rw *rewriter) copiesArg(a ast.Expr) bool {
	switch x := typeinfer.Unparen(a).(type) {
	case *ast.BasicLit, *ast.FuncLit:
		return false
	case *ast.Ident:
		if x.Name == "nil" && !rw.infer.Shadowed("nil") {
			return false
		}
		if rw.infer.UserFunc(x.Name) != nil {
			return false
		}
	}
	t := rw.infer.TypeOf(a)
	return !t.Untyped
}

// selectsFromValue reports whether sel selects a field or method of a
// value: not a package's member, nor a method expression (T.M).
func (rw *rewriter) selectsFromValue(sel *ast.SelectorExpr) bool {
	if id, ok := sel.X.(*ast.Ident); ok {
		if _, isPkg := rw.infer.PackagePath(id.Name); isPkg {
			return false
		}
	}
	_, isType := rw.infer.NamedType(sel.X)
	return !isType
}

// copiesReceiver reports whether the receiver of a deferred method call
// is copied.
func (rw *rewriter) copiesReceiver(sel *ast.SelectorExpr) bool {
	if !rw.selectsFromValue(sel) {
		return false
	}
	in := rw.infer
	t := in.TypeOf(sel.X)
	switch in.Kind(t) {
	case reflect.Pointer, reflect.Interface:
		return true
	case reflect.Invalid:
		return false
	}
	if t.RT != nil {
		_, ok := t.RT.MethodByName(sel.Sel.Name)
		return ok && t.RT.Kind() != reflect.Interface
	}
	m, ok := in.LookupMember(t, sel.Sel.Name)
	return ok && m.Kind == "method" && m.Method != nil && !m.PtrRecv
}

// recordCall notes a defer or go statement for copyCalls; stack holds
// the nodes that enclose it.
func (rw *rewriter) recordCall(s ast.Stmt, call *ast.CallExpr, depth int, inFunc bool, stack []ast.Node) {
	if s.Pos() == token.NoPos {
		return
	}
	_, isDefer := s.(*ast.DeferStmt)
	loop := inLoop(stack)
	keyword := "go"
	if isDefer {
		keyword = "defer"
	}
	rw.calls = append(rw.calls, callCopy{stmt: s, call: call, depth: depth, top: !inFunc,
		early: isDefer && loop, bind: !isDefer || loop, keyword: keyword})
}

// The interpreter reads the receiver of a deferred method call, and of a
// go statement's method call, from the variable that holds it when the
// call starts, not when the statement runs: a copy made by := is no help
// inside a loop, where every iteration's copy lives in the same slot, and
// a goroutine may start after the variable changed. Such a call (in a
// loop, or any go statement) is made a closure when the statement runs,
// over the iteration's copies, and the closure is deferred or started
// instead:
//
//	defer r.Close()  ->  { d1 := r; f2 := func() func() { return func() { d1.Close() } }(); defer f2() }
//
// A deferred method that calls recover itself is left alone: called from
// a closure, its recover would no longer stop the panic.

// bindsReceiver reports whether the call of cc is a method call whose
// receiver the statement must bind (see above).
func (rw *rewriter) bindsReceiver(cc callCopy) bool {
	sel, ok := cc.call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if !rw.selectsFromValue(sel) {
		return false
	}
	in := rw.infer
	t := in.TypeOf(sel.X)
	if in.Kind(t) == reflect.Invalid {
		// Unknown: a closure reads the iteration's own variable, never
		// worse than the interpreter's late read.
		return true
	}
	if t.RT != nil {
		_, ok := t.RT.MethodByName(sel.Sel.Name)
		if !ok && t.RT.Kind() != reflect.Pointer && t.RT.Kind() != reflect.Interface {
			_, ok = reflect.PointerTo(t.RT).MethodByName(sel.Sel.Name)
		}
		return ok
	}
	m, ok := in.LookupMember(t, sel.Sel.Name)
	if !ok || m.Kind != "method" {
		return false
	}
	if _, isDefer := cc.stmt.(*ast.DeferStmt); isDefer && m.Method != nil && m.Method.Body != nil {
		return !callsRecover(&ast.FuncLit{Body: m.Method.Body})
	}
	return true
}

// The interpreter makes the closure of a deferred function literal when
// the function returns, so one deferred in a loop sees the loop's
// variables as they are then, not as the iteration had them. Such a
// literal is made when the defer statement runs instead, inside a
// function literal called on the spot (a closure made by the function
// itself and called while its deferred calls run would deadlock the
// interpreter: see closureFrame). A literal that calls recover is left
// alone: recover works only in a function literal deferred directly.

// inLoop reports whether the innermost function of stack runs the node
// that follows in a loop.
func inLoop(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// callsRecover reports whether a function literal calls recover itself.
func callsRecover(lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" {
				found = true
			}
		}
		return !found
	})
	return found
}

// The interpreter runs a function's deferred calls holding a lock on the
// function's frame, and a closure made by that function takes the same
// lock when it returns: a deferred call that reaches such a closure
// (f := func() {...}; defer f(), or defer func() { f() }()) never
// returns. In a function with defer statements, a function literal that
// is not called on the spot is therefore made inside another one called
// on the spot, whose frame it then locks:
//
//	f := func(x int) int { ... }  ->  f := func() func(x int) int { return func(x int) int { ... } }()

// closureFrame wraps a function literal of a function with defer
// statements; parent is the node that holds the literal.
func (rw *rewriter) closureFrame(lit *ast.FuncLit, parent ast.Node, depth int) {
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == lit {
		return // called on the spot, or the callee of a defer or go statement
	}
	start, end := rw.off(lit.Pos()), rw.off(lit.End())
	rw.add(edit{start: start, end: start, text: "func() " + rw.text(lit.Type) + " { return ", rank: openRank(depth)})
	rw.add(edit{start: end, end: end, text: " }()", rank: closeRank(depth)})
}

// deferringFuncs returns the function declarations and literals of n that
// hold a defer statement of their own.
func deferringFuncs(n ast.Node) map[ast.Node]bool {
	out := map[ast.Node]bool{}
	var stack []ast.Node
	ast.Inspect(n, func(c ast.Node) bool {
		if c == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if _, ok := c.(*ast.DeferStmt); ok {
			for i := len(stack) - 1; i >= 0; i-- {
				switch f := stack[i].(type) {
				case *ast.FuncLit, *ast.FuncDecl:
					out[f] = true
					i = -1
				}
			}
		}
		stack = append(stack, c)
		return true
	})
	return out
}
