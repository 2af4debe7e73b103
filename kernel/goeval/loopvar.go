package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter follows Go 1.21 loop rules: it cannot range over an
// integer, and a 3-clause or range loop has one variable for all
// iterations. The rewriter gives cells Go 1.22 semantics by editing their
// source (edits keep the positions of every original byte):
//
//   - for i := range n { B }  becomes
//     { N := n; for K := N - N; K < N; K++ { i := K; B } }
//     so n is evaluated once, i has n's type and each iteration has its own i;
//   - when the body of a loop holds a function literal, a go or defer
//     statement, or takes the address of a loop variable, each iteration
//     gets its own copy: a range loop with  k, v := T1, T2  after copying
//     through temporaries, a 3-clause loop by
//     { P := &i; T := i; i := T; Q := &i; B; *P = *Q }  with every continue
//     of the loop preceded by the copy back, so the post statement sees the
//     body's changes as in Go 1.22;
//   - at the top level of a cell, where the interpreter keeps block
//     variables in the global frame and copies would be shared, a statement
//     holding such a loop is run inside (func() { ... })() (as are all
//     top-level compound statements: see wrapsInFunc).
//
// A deferred function literal in a loop is made when its defer statement
// runs (see deferargs.go), so it sees the iteration's variables too.
//
// The names the rewriter adds start with hiddenPrefix.

// rewriter computes the edits for one top-level item.
type rewriter struct {
	it        *item
	cell      *cellSource
	infer     *typeinfer.Inferer
	counter   *int
	assumeInt bool // treat ranges over expressions of unknown type as integer ranges
	unknown   int  // ranges whose integer-ness could not be told
	edits     []edit
	outside   bool // a loop outside any function body was rewritten
	// gotoTargets holds the labels top-level gotos of the cell jump to.
	gotoTargets map[string]bool
	// calls are the defer and go statements whose calls copy their
	// values first (see copyCalls).
	calls []callCopy
	// show records the static types the hooks of dynamic.go need.
	show *dynTypes
	// native are the edits for uses of compiled variables (native.go).
	native []edit
	// later are rewrites made after the walk, in its order: those that
	// move code take the edits made inside it.
	later []func()
	// spell names a type in the code handed to the interpreter (nil:
	// types are not spelled).
	spell func(typeinfer.Type) (string, bool)
	// predeclared holds the identifiers of the item that refer to a
	// predeclared name or a package: nothing in the session declares
	// them (see stdsource.go).
	predeclared map[*ast.Ident]bool
}

// spellType names a type as the code handed to the interpreter can.
func (rw *rewriter) spellType(t typeinfer.Type) (string, bool) {
	if rw.spell == nil {
		return "", false
	}
	return rw.spell(t)
}

func (rw *rewriter) fresh(kind string) string {
	*rw.counter++
	return hiddenPrefix + kind + strconv.Itoa(*rw.counter)
}

func (rw *rewriter) off(p token.Pos) int { return rw.it.off(p) }

func (rw *rewriter) text(n ast.Node) string {
	return rw.cell.text[rw.off(n.Pos()):rw.off(n.End())]
}

func (rw *rewriter) add(e edit) { rw.edits = append(rw.edits, e) }

// rewrite returns the edits for the item's node; topStmt is true for a
// statement at the top level of the cell.
func (rw *rewriter) rewrite(n ast.Node, topStmt bool) []edit {
	rw.edits, rw.outside, rw.unknown, rw.calls, rw.later = nil, false, 0, nil, nil
	deferring := deferringFuncs(n)
	var stack []ast.Node
	ast.Inspect(n, func(c ast.Node) bool {
		if c == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		var label *ast.LabeledStmt
		if len(stack) > 0 {
			label, _ = stack[len(stack)-1].(*ast.LabeledStmt)
		}
		inFunc := false
		for _, a := range stack {
			switch a.(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				inFunc = true
			}
		}
		depth := len(stack)
		changed := false
		switch c := c.(type) {
		case *ast.RangeStmt:
			changed = rw.rangeLoop(c, label, depth)
		case *ast.ForStmt:
			changed = rw.forLoop(c, label, depth)
		case *ast.DeferStmt:
			rw.recordCall(c, c.Call, depth, inFunc, stack)
		case *ast.GoStmt:
			rw.recordCall(c, c.Call, depth, inFunc, stack)
		case *ast.FuncLit:
			if fn := enclosingFunc(stack); fn != nil && deferring[fn] {
				rw.closureFrame(c, stack[len(stack)-1], depth)
			}
		case *ast.SelectorExpr:
			rw.stdSelector(c)
			rw.methodExpr(c)
			if len(stack) > 0 {
				rw.methodValue(c, stack[len(stack)-1])
				rw.binMethodValue(c, stack[len(stack)-1], depth)
			}
		case *ast.CallExpr:
			rw.errorsCall(c)
			rw.deepEqualCall(c)
			rw.recoverCall(c, stack)
			rw.genericCall(c)
			rw.stdCall(c)
			rw.builtinCall(c)
			rw.variadicInterfaceCall(c)
			rw.compiledCallLiterals(c, stack, deferring)
		case *ast.IndexExpr:
			rw.checkIndex(c, stack)
		case *ast.IndexListExpr:
			if len(stack) > 0 {
				rw.genericValue(c, stack[len(stack)-1])
			}
		case *ast.SliceExpr:
			rw.checkSlice(c, stack)
		case *ast.TypeSwitchStmt:
			// After the walk, when the edits inside the switch's
			// header exist: the header moves (see typeSwitch).
			c, label, depth := c, label, depth
			rw.later = append(rw.later, func() { rw.typeSwitch(c, label, depth) })
		case *ast.SelectStmt:
			rw.selectBranches(c, label, depth, stack)
		case *ast.SwitchStmt:
			c, label, depth := c, label, depth
			rw.later = append(rw.later, func() { rw.switchTag(c, label, depth) })
		case *ast.BinaryExpr:
			rw.equality(c, depth, stack)
		case *ast.TypeAssertExpr:
			if len(stack) > 0 && !inTypeSwitchGuard(stack) {
				rw.typeAssert(c, isCommaOK(stack[len(stack)-1], c), stack)
			}
		}
		switch c.(type) {
		case *ast.ReturnStmt, *ast.CallExpr, *ast.AssignStmt, *ast.ValueSpec, *ast.SendStmt, *ast.CompositeLit:
			rw.conversions(c, stack)
			rw.boxing(c, stack)
		}
		if call, ok := c.(*ast.CallExpr); ok {
			rw.compiledArgs(call, stack)
		}
		switch c.(type) {
		case *ast.IndexExpr, *ast.CallExpr, *ast.CompositeLit:
			rw.mapKeys(c)
		}
		switch c.(type) {
		case *ast.AssignStmt, *ast.ValueSpec:
			rw.parallelAssign(c, depth)
		}
		if st, ok := c.(*ast.StructType); ok {
			rw.edits = append(rw.edits, structFieldTags(rw.it, st)...)
		}
		if count, ok := shiftCountOf(c); ok {
			rw.checkShift(count, append(stack[:len(stack):len(stack)], c))
		}
		if changed && !inFunc {
			rw.outside = true
		}
		stack = append(stack, c)
		return true
	})
	for _, f := range rw.later {
		f()
	}
	if _, isDecl := n.(*ast.GenDecl); topStmt || isDecl {
		rw.untypedRunes(n)
	}
	// Compiled variables first: the copies of deferred calls' arguments
	// take the edits inside them.
	rw.edits = append(rw.edits, rw.native...)
	rw.copyCalls()
	if st, ok := n.(ast.Stmt); topStmt && (rw.outside || ok && wrapsInFunc(st, rw.gotoTargets)) {
		rw.add(edit{start: rw.it.start, end: rw.it.start, text: "(func() {", rank: openRank(-1)})
		rw.add(edit{start: rw.it.end, end: rw.it.end, text: "})()", rank: closeRank(-1)})
	}
	sortEdits(rw.edits)
	return rw.edits
}

// inTypeSwitchGuard reports whether the node after stack is the x.(type)
// of a type switch.
func inTypeSwitchGuard(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0 && i >= len(stack)-3; i-- {
		if _, ok := stack[i].(*ast.TypeSwitchStmt); ok {
			return true
		}
	}
	return false
}

// enclosingFunc returns the innermost function declaration or literal of
// stack.
func enclosingFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return stack[i]
		}
	}
	return nil
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return e == nil || ok && id.Name == "_"
}

// rangeLoop rewrites a range loop over an integer, or gives a range loop
// per-iteration variables when its body needs them.
func (rw *rewriter) rangeLoop(rs *ast.RangeStmt, label *ast.LabeledStmt, depth int) bool {
	isInt := rw.infer.IsInt(rs.X)
	if isInt == typeinfer.Unknown {
		rw.unknown++
		if rw.assumeInt {
			isInt = typeinfer.Yes
		}
	}
	if isInt == typeinfer.Yes && rs.Value == nil {
		rw.rangeInt(rs, label, depth)
		return true
	}
	if rw.rangesStringIndex(rs) {
		rw.rangeString(rs, label, depth)
		return true
	}
	if rs.Tok != token.DEFINE {
		return false
	}
	if rw.chanElems(rs) {
		rw.rangeChanElems(rs, label, depth)
		return true
	}
	var vars []string
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if !isBlank(e) {
			vars = append(vars, e.(*ast.Ident).Name)
		}
	}
	if len(vars) == 0 || !needsIterationCopy(rs.Body, vars) {
		return false
	}
	tmps := make([]string, len(vars))
	for i := range vars {
		tmps[i] = rw.fresh("t")
	}
	v, t := strings.Join(vars, ", "), strings.Join(tmps, ", ")
	at := rw.off(rs.Body.Lbrace) + 1
	rw.add(edit{start: at, end: at, text: t + " := " + v + "; " + v + " := " + t + "; ", rank: openRank(depth)})
	return true
}

func (rw *rewriter) rangeInt(rs *ast.RangeStmt, label *ast.LabeledStmt, depth int) {
	n, k := rw.fresh("n"), rw.fresh("k")
	start, labelText := rw.off(rs.For), ""
	if label != nil {
		start, labelText = rw.off(label.Pos()), label.Label.Name+": "
	}
	bind := ""
	if !isBlank(rs.Key) {
		op := " = "
		if rs.Tok == token.DEFINE {
			op = " := "
		}
		bind = rw.text(rs.Key) + op + k + "; "
	}
	rw.add(edit{start: start, end: rw.off(rs.X.Pos()), text: "{" + n + " := ", rank: rankReplace})
	rw.add(edit{start: rw.off(rs.X.End()), end: rw.off(rs.Body.Lbrace) + 1,
		text: "; " + labelText + "for " + k + " := " + n + " - " + n + "; " + k + " < " + n + "; " + k + "++ {" + bind,
		rank: rankReplace})
	end := rw.off(rs.Body.Rbrace) + 1
	rw.add(edit{start: end, end: end, text: "}", rank: closeRank(depth)})
}

// forLoop gives a 3-clause loop that declares its variables per-iteration
// copies when its body needs them.
func (rw *rewriter) forLoop(fs *ast.ForStmt, label *ast.LabeledStmt, depth int) bool {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return false
	}
	var vars []string
	for _, e := range init.Lhs {
		if !isBlank(e) {
			vars = append(vars, e.(*ast.Ident).Name)
		}
	}
	if len(vars) == 0 || !needsIterationCopy(fs.Body, vars) {
		return false
	}
	var ps, ts, qs, addrs, derefP, derefQ []string
	for _, v := range vars {
		p, t, q := rw.fresh("p"), rw.fresh("t"), rw.fresh("q")
		ps, ts, qs = append(ps, p), append(ts, t), append(qs, q)
		addrs = append(addrs, "&"+v)
		derefP, derefQ = append(derefP, "*"+p), append(derefQ, "*"+q)
	}
	vs := strings.Join(vars, ", ")
	open := strings.Join(ps, ", ") + " := " + strings.Join(addrs, ", ") + "; " +
		strings.Join(ts, ", ") + " := " + vs + "; " +
		vs + " := " + strings.Join(ts, ", ") + "; " +
		strings.Join(qs, ", ") + " := " + strings.Join(addrs, ", ") + "; "
	copyBack := strings.Join(derefP, ", ") + " = " + strings.Join(derefQ, ", ")
	at := rw.off(fs.Body.Lbrace) + 1
	rw.add(edit{start: at, end: at, text: open, rank: openRank(depth)})
	end := rw.off(fs.Body.Rbrace)
	rw.add(edit{start: end, end: end, text: ";" + copyBack + ";", rank: closeRank(depth)})
	name := ""
	if label != nil {
		name = label.Label.Name
	}
	for _, br := range loopContinues(fs.Body, name) {
		text := "{" + copyBack + "; continue"
		if br.Label != nil {
			text += " " + br.Label.Name
		}
		rw.add(edit{start: rw.off(br.Pos()), end: rw.off(br.End()), text: text + "}", rank: rankReplace})
	}
	return true
}

// loopContinues returns the continue statements of body that continue the
// loop owning body (whose label is label, or "").
func loopContinues(body *ast.BlockStmt, label string) []*ast.BranchStmt {
	var out []*ast.BranchStmt
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				if c.Body != n {
					walk(c.Body, true)
					return false
				}
			case *ast.RangeStmt:
				if c.Body != n {
					walk(c.Body, true)
					return false
				}
			case *ast.BranchStmt:
				if c.Tok == token.CONTINUE {
					if (c.Label == nil && !nested) || (c.Label != nil && c.Label.Name == label && label != "") {
						out = append(out, c)
					}
				}
			}
			return true
		})
	}
	walk(body, false)
	return out
}

// needsIterationCopy reports whether a loop body can observe that its loop
// variables are shared between iterations: it holds a function literal, a
// go or defer statement, or takes the address of one of vars.
func needsIterationCopy(body *ast.BlockStmt, vars []string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			found = true
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id := rootIdent(n.X); id != nil {
					for _, v := range vars {
						if id.Name == v {
							found = true
						}
					}
				}
			}
		}
		return !found
	})
	return found
}

// rootIdent returns the variable an addressable expression starts from.
func rootIdent(x ast.Expr) *ast.Ident {
	for {
		switch e := x.(type) {
		case *ast.Ident:
			return e
		case *ast.ParenExpr:
			x = e.X
		case *ast.SelectorExpr:
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		default:
			return nil
		}
	}
}

// The interpreter takes a range loop with a value variable of a channel
// type for a range over a channel (for _, c := range chans, chans a
// []chan int, fails with "reflect: call of reflect.Value.Len on int
// Value"; YAEGI_BUGS.md, 22). Such a loop reads the element by index
// instead, from the ranged value evaluated once:
//
//	for i, c := range X { B }  ->  {R := X; for K := range R {i := K; c := R[K]; B }}
//
// Each iteration has its own i and c, as Go 1.22 gives it.

// chanElems reports whether rs, a range loop defining its variables, has
// a value variable whose type is a channel while ranging over a slice, an
// array or a map. (A pointer to an array is left alone: the interpreter
// fails on the rewritten loop over &arr of a global arr.)
func (rw *rewriter) chanElems(rs *ast.RangeStmt) bool {
	if isBlank(rs.Value) {
		return false
	}
	in := rw.infer
	t := in.TypeOf(rs.X)
	switch in.Kind(t) {
	case reflect.Slice, reflect.Array, reflect.Map:
		return in.Kind(in.Elem(t)) == reflect.Chan
	}
	return false
}

// rangeChanElems rewrites a loop chanElems accepts (see above).
func (rw *rewriter) rangeChanElems(rs *ast.RangeStmt, label *ast.LabeledStmt, depth int) {
	r, k := rw.fresh("r"), rw.fresh("k")
	start, labelText := rw.off(rs.For), ""
	if label != nil {
		start, labelText = rw.off(label.Pos()), label.Label.Name+": "
	}
	bind := ""
	if !isBlank(rs.Key) {
		bind = rw.text(rs.Key) + " := " + k + "; "
	}
	bind += rw.text(rs.Value) + " := " + r + "[" + k + "]; "
	rw.add(edit{start: start, end: rw.off(rs.X.Pos()), text: "{" + r + " := ", rank: rankReplace})
	rw.add(edit{start: rw.off(rs.X.End()), end: rw.off(rs.Body.Lbrace) + 1,
		text: "; " + labelText + "for " + k + " := range " + r + " {" + bind,
		rank: rankReplace})
	end := rw.off(rs.Body.Rbrace) + 1
	rw.add(edit{start: end, end: end, text: "}", rank: closeRank(depth)})
}
