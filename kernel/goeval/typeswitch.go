package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// Type switches and type assertions that involve the cells' types or
// interfaces are tested in compiled code (see dynamic.go):
//
//	switch x := v.(type) {           { _goeval_v1 := v; switch _goeval_.Case([]any{_goeval_v1}, 2) {
//	case TimeoutError:          ->   case 0: x := _goeval_.Assert(3, []any{_goeval_v1}).(TimeoutError); _ = x
//	case error, fmt.Stringer:        case 1: x := _goeval_v1; _ = x
//	default:                         default: x := _goeval_v1; _ = x
//	}                                }}
//
// (2 is the handle of the clauses' types, {{3}, {4, 5}}: see
// clauseHandle.)
//
//	e, ok := err.(TimeoutError)  ->  e, ok := _goeval_.Assert(3, []any{err}).(TimeoutError)
//	e, ok := v.(error)           ->  e, ok := _goeval_.AsErrorOK([]any{v})
//
// A case of an interface type other than error still binds through the
// interpreter's own assertion.

// caseKind says how a type of a switch or assertion is handled.
type caseKind int

const (
	caseInterpreter caseKind = iota // left to the interpreter
	caseNil
	caseError    // the predeclared error
	caseConcrete // a concrete type: tested here, asserted by the interpreter
	caseIface    // another interface: tested here, bound by the interpreter
)

// classify says how a case or asserted type is handled, and its handle.
func (rw *rewriter) classify(x ast.Expr) (caseKind, int) {
	if id, ok := x.(*ast.Ident); ok && id.Name == "nil" && !rw.infer.Shadowed("nil") {
		return caseNil, -1
	}
	t, ok := rw.infer.NamedType(x)
	if !ok || !t.IsType() {
		return caseInterpreter, 0
	}
	if id, ok := x.(*ast.Ident); ok && id.Name == "error" && !rw.infer.Shadowed("error") {
		return caseError, rw.show.handle(t)
	}
	if rw.infer.Kind(t) == reflect.Interface {
		return caseIface, rw.show.handle(t)
	}
	return caseConcrete, rw.show.handle(t)
}

// involvesCells reports whether a case type needs the compiled test: it
// is error, another interface, a type of the cells, or a type a value of
// a cell's type may be taken for (int for a Weekday the interpreter
// stored bare: see untracked.go), which is any but a compiled defined
// type.
func (rw *rewriter) involvesCells(x ast.Expr, k caseKind) bool {
	switch k {
	case caseError, caseIface:
		return true
	case caseConcrete:
		t, _ := rw.infer.NamedType(x)
		return t.AST != nil || t.RT != nil && (t.RT.Name() == "" || t.RT.PkgPath() == "")
	}
	return false
}

// typeSwitch rewrites a type switch whose cases involve the cells' types
// or interfaces.
func (rw *rewriter) typeSwitch(ts *ast.TypeSwitchStmt, label *ast.LabeledStmt, depth int) {
	if rw.show == nil {
		return
	}
	var name string
	var ta *ast.TypeAssertExpr
	switch a := ts.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Lhs) != 1 || len(a.Rhs) != 1 {
			return
		}
		id, ok := a.Lhs[0].(*ast.Ident)
		if !ok {
			return
		}
		name = id.Name
		ta, _ = a.Rhs[0].(*ast.TypeAssertExpr)
	case *ast.ExprStmt:
		ta, _ = a.X.(*ast.TypeAssertExpr)
	}
	if ta == nil {
		return
	}
	type clause struct {
		cc      *ast.CaseClause
		handles []int
		bind    string
	}
	v := rw.fresh("v")
	var clauses []clause
	needed := false
	for _, st := range ts.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			return
		}
		c := clause{cc: cc, bind: v}
		for _, x := range cc.List {
			k, h := rw.classify(x)
			if k == caseInterpreter {
				return // a type the engine cannot tell
			}
			if rw.involvesCells(x, k) {
				needed = true
			}
			c.handles = append(c.handles, h)
			if len(cc.List) == 1 {
				switch k {
				case caseError:
					c.bind = hooksImport + ".AsError([]any{" + v + "})"
				case caseConcrete:
					c.bind = hooksImport + ".Assert(" + strconv.Itoa(h) + ", []any{" + v + "})." + "(" + rw.text(x) + ")"
				case caseIface:
					c.bind = rw.ifaceConversion(x, "[]any{"+v+"}", false, "a type switch's case "+rw.text(x))
					if t, _ := rw.infer.NamedType(x); t.RT == nil && !stmtsMention(cc.Body, name) {
						// The clause does not read the value: no
						// conversion, which a compiled value could not get.
						c.bind = rw.text(x) + "(nil)"
					}
				}
			}
		}
		clauses = append(clauses, c)
	}
	if !needed {
		return
	}
	// The switch runs in a block that first defines the value: the
	// interpreter evaluates a switch's tag before its init statement.
	open := rw.off(ts.Pos())
	if label != nil {
		open = rw.off(label.Pos())
	}
	init := ""
	if ts.Init != nil {
		start, end := rw.off(ts.Init.Pos()), rw.off(ts.Init.End())
		var sub emitter
		sub.piece(rw.cell, start, end, rw.takeEdits(start, end))
		init = sub.String() + "; "
		rw.add(edit{start: start, end: rw.off(ts.Assign.Pos()), text: "", rank: rankReplace})
	}
	x := ta.X
	xs, xe := rw.off(x.Pos()), rw.off(x.End())
	var sub emitter
	sub.piece(rw.cell, xs, xe, rw.takeEdits(xs, xe))
	rw.add(edit{start: open, end: open, text: "{" + init + v + " := " + sub.String() + "; ", rank: openRank(depth)})
	closeAt := rw.off(ts.End())
	rw.add(edit{start: closeAt, end: closeAt, text: "}", rank: closeRank(depth)})
	var specs [][]int
	for _, c := range clauses {
		if c.cc.List != nil {
			specs = append(specs, c.handles)
		}
	}
	rw.add(edit{start: rw.off(ts.Assign.Pos()), end: rw.off(ts.Assign.End()),
		text: hooksImport + ".Case([]any{" + v + "}, " + strconv.Itoa(rw.show.clauseHandle(specs)) + ")", rank: rankReplace})
	index := 0
	for _, c := range clauses {
		head := "default:"
		if c.cc.List != nil {
			head = "case " + strconv.Itoa(index) + ":"
			index++
		}
		if name != "" && name != "_" {
			head += " " + name + " := " + c.bind + "; _ = " + name + ";"
		}
		start, end := rw.off(c.cc.Case), rw.off(c.cc.Colon)+1
		rw.takeEdits(start, end)
		rw.add(edit{start: start, end: end, text: head, rank: rankReplace})
	}
}

// typeAssert rewrites x.(T) outside type switches when T is error or a
// type of the cells; commaOK says the assertion is the right side of
// v, ok := (or =).
func (rw *rewriter) typeAssert(ta *ast.TypeAssertExpr, commaOK bool, stack []ast.Node) {
	if rw.show == nil || ta.Type == nil {
		return
	}
	k, h := rw.classify(ta.Type)
	start, xEnd, end := rw.off(ta.X.Pos()), rw.off(ta.X.End()), rw.off(ta.End())
	it, _ := rw.infer.NamedType(ta.Type)
	compiledIface := it.RT != nil
	switch {
	case k == caseError:
		hook := "AsError"
		if commaOK {
			hook = "AsErrorOK"
		}
		rw.add(edit{start: start, end: start, text: hooksImport + "." + hook + "([]any{", rank: openRank(1001)})
		rw.add(edit{start: xEnd, end: end, text: "})", rank: rankReplace})
	case k == caseConcrete && commaOK:
		rw.commaOKAssert(ta, h, rw.involvesCells(ta.Type, k), stack)
	case k == caseConcrete && rw.involvesCells(ta.Type, k):
		open := hooksImport + ".AssertType(" + strconv.Itoa(h) + ", []any{"
		if !commaOK {
			src := cellNames{in: rw.infer}.typeString(rw.infer.TypeOf(ta.X), reflect.Value{})
			open = hooksImport + ".AssertTo(" + strconv.Itoa(h) + ", " + strconv.Quote(src) + ", []any{"
		}
		rw.add(edit{start: start, end: start, text: open, rank: openRank(1001)})
		rw.add(edit{start: xEnd, end: xEnd, text: "})", rank: closeRank(1001)})
	case k == caseIface && commaOK && blankValue(stack) && !compiledIface:
		rw.add(edit{start: start, end: start, text: hooksImport + ".ImplementsOK(" + strconv.Itoa(h) + ", []any{", rank: openRank(1001)})
		rw.add(edit{start: xEnd, end: end, text: "})", rank: rankReplace})
	case k == caseIface:
		conv := rw.ifaceConversion(ta.Type, "", commaOK, "the type assertion "+rw.text(ta))
		rw.add(edit{start: start, end: start, text: conv + "([]any{", rank: openRank(1001)})
		rw.add(edit{start: xEnd, end: end, text: "})", rank: rankReplace})
	}
}

// commaOKAssert rewrites v, ok := x.(T) for a concrete T. A failed
// assertion leaves v as it was in the interpreter (the previous
// iteration's value in a loop), so where v may already hold a value the
// statement is followed by a reset, or, where no statement can follow,
// the assertion runs in a function literal of its own, whose v starts
// from T's zero value. hooked says T is tested by AssertType.
func (rw *rewriter) commaOKAssert(ta *ast.TypeAssertExpr, h int, hooked bool, stack []ast.Node) {
	start, xEnd, end := rw.off(ta.X.Pos()), rw.off(ta.X.End()), rw.off(ta.End())
	t := rw.text(ta.Type)
	plain := func() {
		if hooked {
			rw.add(edit{start: start, end: start, text: hooksImport + ".AssertType(" + strconv.Itoa(h) + ", []any{", rank: openRank(1001)})
			rw.add(edit{start: xEnd, end: xEnd, text: "})", rank: closeRank(1001)})
		}
	}
	if fix, ok := rw.commaOKReset(ta, t, stack); ok {
		plain()
		if fix.text != "" {
			rw.add(fix)
		}
		return
	}
	assert := "_goeval_b.(" + t + ")"
	param := "_goeval_b any"
	arg, close := "(", ")"
	if hooked {
		assert = hooksImport + ".AssertType(" + strconv.Itoa(h) + ", _goeval_b).(" + t + ")"
		param, arg, close = "_goeval_b []any", "([]any{", "})"
	}
	open := "func(" + param + ") (" + t + ", bool) { _goeval_r, _goeval_ok := " + assert +
		"; return _goeval_r, _goeval_ok }" + arg
	rw.add(edit{start: start, end: start, text: open, rank: openRank(1001)})
	rw.add(edit{start: xEnd, end: end, text: close, rank: rankReplace})
}

// commaOKReset returns the statement that resets v after v, ok := x.(T)
// fails (an empty edit when none is needed), or false when the assertion
// is where no statement can follow it.
func (rw *rewriter) commaOKReset(ta *ast.TypeAssertExpr, t string, stack []ast.Node) (edit, bool) {
	if len(stack) == 0 {
		return edit{}, false
	}
	if as, ok := stack[len(stack)-1].(*ast.AssignStmt); enclosingFunc(stack) == nil && !inLoop(stack) && (!ok || as.Tok == token.DEFINE) {
		return edit{}, true // a top-level definition runs once, on fresh variables
	}
	var lhs []ast.Expr
	var stmt ast.Node
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		lhs, stmt = p.Lhs, p
		if len(stack) >= 2 {
			if ifs, ok := stack[len(stack)-2].(*ast.IfStmt); ok && ifs.Init == ast.Stmt(p) {
				// v lives in the if statement: with no else, it is only
				// read where the assertion held.
				return edit{}, ifs.Else == nil && p.Tok == token.DEFINE
			}
			switch stack[len(stack)-2].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			default:
				return edit{}, false
			}
		}
	case *ast.ValueSpec:
		if len(stack) < 3 {
			return edit{}, false
		}
		ds, ok := stack[len(stack)-3].(*ast.DeclStmt)
		if !ok {
			return edit{}, false
		}
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
		stmt = ds
	default:
		return edit{}, false
	}
	if len(lhs) != 2 {
		return edit{}, false
	}
	v, vok := lhs[0].(*ast.Ident)
	ok, okok := lhs[1].(*ast.Ident)
	if !vok || !okok {
		return edit{}, false
	}
	if v.Name == "_" {
		return edit{}, true
	}
	if ok.Name == "_" {
		return edit{}, false
	}
	at := rw.off(stmt.End())
	return edit{start: at, end: at, text: "; if !" + ok.Name + " { " + v.Name + " = *new(" + t + ") }", rank: closeRank(0)}, true
}

// ifaceConversion returns a function literal that converts the value in
// a one-element []any to interface type x, as x.(I) would: it asserts
// the value to each type of the cells that implements I (found here, so
// a type declared after the code compiles is not among them), then, for
// a compiled interface, lets the interpreter assert a compiled value.
// With arg, the literal is called on it. For an interface of the cells,
// a value of a compiled type that has its methods is refused, construct
// naming the assertion (see compiledcelliface.go).
func (rw *rewriter) ifaceConversion(x ast.Expr, arg string, commaOK bool, construct string) string {
	t, _ := rw.infer.NamedType(x)
	if t.RT != nil {
		construct = ""
	}
	return rw.ifaceLiteral(rw.text(x), x, arg, commaOK, t.RT != nil, construct)
}

// ifaceLiteral is ifaceConversion for interface type x written iface;
// bare says a value of no type of the cells is asserted by the
// interpreter too; a construct asks the CompiledIntoCellIface hook before
// the assertion fails.
func (rw *rewriter) ifaceLiteral(iface string, x ast.Expr, arg string, commaOK, bare bool, construct string) string {
	var b strings.Builder
	results, fail := iface, hooksImport+".NotImplemented(_goeval_b, "+strconv.Quote(rw.typeDisplay(x))+")"
	if commaOK {
		results, fail = "("+iface+", bool)", "return nil, false"
	}
	b.WriteString("func(_goeval_b []any) " + results + " { ")
	ok := ""
	if commaOK {
		ok = ", true"
	}
	for _, cand := range rw.implementers(x) {
		h := rw.show.handle(cand.t)
		b.WriteString("if _goeval_t, ok := " + hooksImport + ".Assert(" + strconv.Itoa(h) + ", _goeval_b).(" + cand.text + "); ok { return _goeval_t" + ok + " }; ")
	}
	if bare {
		// (Not on a nil interface value: the interpreter's comma-ok
		// assertion of nil to a compiled interface dereferences nil.)
		b.WriteString("if _goeval_v := " + hooksImport + ".Bare(_goeval_b); _goeval_v != nil { if _goeval_t, ok := _goeval_v.(" + iface +
			"); ok { return _goeval_t" + ok + " } }; ")
	}
	if construct != "" {
		t, _ := rw.infer.NamedType(x)
		b.WriteString(hooksImport + ".CompiledIntoCellIface(_goeval_b, " + strconv.Itoa(rw.show.handle(t)) + ", " + strconv.Quote(construct) + "); ")
	}
	if commaOK {
		b.WriteString(fail + " }")
	} else {
		b.WriteString("panic(" + fail + ") }")
	}
	if arg != "" {
		b.WriteString("(" + arg + ")")
	}
	return b.String()
}

// candidate is a type of the cells that may implement an interface.
type candidate struct {
	t    typeinfer.Type
	text string
}

// implementers lists the non-generic types of the cells (and pointers to
// them) whose method sets hold the methods of interface x.
func (rw *rewriter) implementers(x ast.Expr) []candidate {
	in := rw.infer
	t, _ := in.NamedType(x)
	var want []string
	for _, m := range interfaceMethods(t, in) {
		want = append(want, m)
	}
	names := map[string]bool{}
	for _, sc := range in.Scopes {
		for n := range sc.Types {
			names[n] = true
		}
	}
	if s, ok := in.Session.(sessionTypes); ok {
		for n, u := range s.reg.units {
			if u.kind == unitType {
				names[n] = true
			}
		}
	}
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var out []candidate
	for _, n := range sorted {
		ts := in.UserType(n)
		if ts == nil || ts.TypeParams != nil || isHidden(n) {
			continue
		}
		if in.Kind(typeinfer.Type{AST: ast.NewIdent(n)}) == reflect.Interface {
			continue
		}
		value, pointer := true, true
		for _, m := range want {
			mem, ok := in.LookupMember(typeinfer.Type{AST: ast.NewIdent(n)}, m)
			if !ok || mem.Kind != "method" {
				value, pointer = false, false
				break
			}
			if mem.PtrRecv {
				value = false
			}
		}
		if value {
			out = append(out, candidate{t: typeinfer.Type{AST: ast.NewIdent(n)}, text: n})
		}
		if pointer {
			out = append(out, candidate{t: typeinfer.Type{AST: &ast.StarExpr{X: ast.NewIdent(n)}}, text: "*" + n})
		}
	}
	return out
}

// typeDisplay is how a panic message names a type: main.Shape.
func (rw *rewriter) typeDisplay(x ast.Expr) string {
	p := cellNames{in: rw.infer}
	t, _ := rw.infer.NamedType(x)
	return p.typeString(t, reflect.Value{})
}

// stmtsMention reports whether an identifier named name appears in the
// statements (a shadowing declaration or a field of that name counts too).
func stmtsMention(body []ast.Stmt, name string) bool {
	found := false
	for _, st := range body {
		ast.Inspect(st, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				found = true
			}
			return !found
		})
	}
	return found
}

// blankValue reports whether the comma-ok assignment or declaration at
// the top of stack discards the value (_, ok := x.(T)).
func blankValue(stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	var first ast.Expr
	switch p := stack[len(stack)-1].(type) {
	case *ast.AssignStmt:
		first = p.Lhs[0]
	case *ast.ValueSpec:
		first = p.Names[0]
	}
	id, ok := first.(*ast.Ident)
	return ok && id.Name == "_"
}

// isCommaOK reports whether x is the value of a two-name assignment or
// definition (v, ok := x).
func isCommaOK(parent ast.Node, x ast.Expr) bool {
	switch p := parent.(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1 && p.Rhs[0] == x
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1 && p.Values[0] == x
	}
	return false
}
