package goeval

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"
)

// The interpreter calls a method expression of a cell's type (Acc.Total,
// (*Acc).Add) with the receiver as an extra argument: "reflect: Call with
// too many input arguments". The rewriter turns it into the function
// literal it stands for:
//
//	Acc.Total   ->  func(_goeval_m1 Acc) int { return _goeval_m1.Total() }
//	(*Acc).Add  ->  func(_goeval_m1 *Acc, _goeval_m2 int) { _goeval_m1.Add(_goeval_m2) }
//
// Methods of generic types are left alone.

// methodExpr rewrites sel when it is a method expression of a cell's type.
func (rw *rewriter) methodExpr(sel *ast.SelectorExpr) {
	recv := typeUnparen(sel.X)
	ptr := false
	if s, ok := recv.(*ast.StarExpr); ok {
		recv, ptr = typeUnparen(s.X), true
	}
	id, ok := recv.(*ast.Ident)
	if !ok || rw.infer.UserType(id.Name) == nil || rw.infer.UserType(id.Name).TypeParams != nil {
		return
	}
	fd := rw.infer.UserMethod(id.Name, sel.Sel.Name)
	if fd == nil {
		return
	}
	recvText := id.Name
	if ptr {
		recvText = "*" + recvText
	}
	r := rw.fresh("m")
	params := []string{r + " " + recvText}
	var args []string
	variadic := false
	if fd.Type.Params != nil {
		for _, f := range fd.Type.Params.List {
			for range max(len(f.Names), 1) {
				p := rw.fresh("m")
				t := types.ExprString(f.Type)
				if _, ok := f.Type.(*ast.Ellipsis); ok {
					variadic = true
				}
				params = append(params, p+" "+t)
				args = append(args, p)
			}
		}
	}
	call := r + "." + sel.Sel.Name + "(" + strings.Join(args, ", ")
	if variadic {
		call += "..."
	}
	call += ")"
	results := ""
	body := call
	if fd.Type.Results != nil && len(fd.Type.Results.List) > 0 {
		var rs []string
		for _, f := range fd.Type.Results.List {
			for range max(len(f.Names), 1) {
				rs = append(rs, types.ExprString(f.Type))
			}
		}
		results = " (" + strings.Join(rs, ", ") + ")"
		body = "return " + call
	}
	text := "func(" + strings.Join(params, ", ") + ")" + results + " { " + body + " }"
	rw.add(edit{start: rw.off(sel.Pos()), end: rw.off(sel.End()), text: text, rank: rankReplace})
}

// typeUnparen strips the parentheses around a type expression.
func typeUnparen(x ast.Expr) ast.Expr {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			return x
		}
		x = p.X
	}
}

// A method value x.M of a method with a value receiver copies x when it is
// evaluated, in Go; the interpreter binds x itself, so later changes to x
// show through (snapshot := acc.Total). The rewriter copies the receiver
// first:
//
//	acc.Total  ->  func() func() float64 { _goeval_r1 := *acc; return _goeval_r1.Total }()
//
// (*acc when acc is a pointer). Methods of compiled types are left alone.

// methodValue rewrites sel when it is a method value of a value-receiver
// method of a cell's type; parent holds sel.
func (rw *rewriter) methodValue(sel *ast.SelectorExpr, parent ast.Node) {
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == sel {
		return
	}
	if id, ok := sel.X.(*ast.Ident); ok {
		if _, isPkg := rw.infer.PackagePath(id.Name); isPkg {
			return
		}
	}
	if _, isType := rw.infer.NamedType(sel.X); isType {
		return
	}
	t := rw.infer.TypeOf(sel.X)
	if t.AST == nil {
		return
	}
	m, ok := rw.infer.LookupMember(t, sel.Sel.Name)
	if !ok || m.Kind != "method" || m.Method == nil || m.PtrRecv {
		return
	}
	ft, ok := m.Type.AST.(*ast.FuncType)
	if !ok || !spellable(rw.infer, ft) {
		return
	}
	deref := ""
	if rw.infer.Kind(t) == reflect.Pointer {
		deref = "*"
	}
	start, end := rw.off(sel.X.Pos()), rw.off(sel.X.End())
	var sub emitter
	sub.piece(rw.cell, start, end, rw.takeEdits(start, end))
	r := rw.fresh("r")
	rw.add(edit{start: rw.off(sel.Pos()), end: rw.off(sel.End()),
		text: "func() " + types.ExprString(ft) + " { " + r + " := " + deref + "(" + sub.String() + "); return " + r + "." + sel.Sel.Name + " }()",
		rank: rankReplace})
}
