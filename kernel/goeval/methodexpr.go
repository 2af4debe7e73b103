package goeval

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
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
	if !ok || rw.infer.UserType(id.Name) == nil || rw.infer.UserType(id.Name).Assign.IsValid() {
		rw.binMethodExpr(sel)
		return
	}
	if rw.infer.UserType(id.Name).TypeParams != nil {
		return
	}
	var ft *ast.FuncType
	if fd := rw.infer.UserMethod(id.Name, sel.Sel.Name); fd != nil {
		ft = fd.Type
	} else {
		// A method promoted from an embedded field, or one of an
		// interface type.
		m, ok := rw.infer.LookupMember(typeinfer.Type{AST: id}, sel.Sel.Name)
		if !ok || m.Kind != "method" || m.PtrRecv && !ptr {
			return
		}
		if m.Type.RT != nil {
			rw.methodLiteral(sel, m.Type.RT)
			return
		}
		if ft, ok = m.Type.AST.(*ast.FuncType); !ok || !spellable(rw.infer, ft) {
			return
		}
	}
	recvText := id.Name
	if ptr {
		recvText = "*" + recvText
	}
	r := rw.fresh("m")
	params := []string{r + " " + recvText}
	var args []string
	variadic := false
	if ft.Params != nil {
		for _, f := range ft.Params.List {
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
	if ft.Results != nil && len(ft.Results.List) > 0 {
		var rs []string
		for _, f := range ft.Results.List {
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

// The interpreter gets a method expression of a compiled type wrong too:
// (*strings.Builder).Len and time.Duration.String panic with "index out of
// range" or fail to assign, error.Error is called without its receiver. It
// becomes the function literal it stands for, the receiver's type as
// written, the method's other types spelled as the code handed to the
// interpreter names them (see rtypeName):
//
//	(*strings.Builder).Len       ->  func(_goeval_r1 (*strings.Builder)) int { return _goeval_r1.Len() }
//	(*bytes.Buffer).WriteString  ->  func(_goeval_r1 (*bytes.Buffer), _goeval_a2 string) (int, error) { return _goeval_r1.WriteString(_goeval_a2) }
//	error.Error                  ->  func(_goeval_r1 error) string { return _goeval_r1.Error() }

// binMethodExpr rewrites sel when it is a method expression of a compiled
// type (or an interface type of the standard library, or error).
func (rw *rewriter) binMethodExpr(sel *ast.SelectorExpr) {
	if id, ok := sel.X.(*ast.Ident); ok {
		if _, isPkg := rw.infer.PackagePath(id.Name); isPkg {
			return
		}
	}
	rt := rw.compiledTypeExpr(sel.X, 0)
	if rt == nil {
		return
	}
	m, ok := rt.MethodByName(sel.Sel.Name)
	if !ok {
		return
	}
	ft := m.Type
	if rt.Kind() != reflect.Interface {
		ft = typeinfer.DropReceiver(ft)
	}
	rw.methodLiteral(sel, ft)
}

// methodLiteral replaces method expression sel, of a method of type ft
// (without the receiver) of a compiled type, by its function literal.
func (rw *rewriter) methodLiteral(sel *ast.SelectorExpr, ft reflect.Type) {
	// The receiver's type as written names it where the expression is
	// (the interpreter's own stand-in for some types, log.Logger's, has
	// no other name).
	recvText := types.ExprString(sel.X)
	fn, ok := rw.spellFunc(ft)
	if !ok {
		return
	}
	r := rw.fresh("r")
	params := r + " " + recvText
	if fn.params != "" {
		params += ", " + fn.params
	}
	call := r + "." + sel.Sel.Name + "(" + fn.args + ")"
	if ft.NumOut() > 0 {
		call = "return " + call
	}
	rw.add(edit{start: rw.off(sel.Pos()), end: rw.off(sel.End()),
		text: "func(" + params + ")" + fn.results + " { " + call + " }", rank: rankReplace})
}

// compiledTypeExpr returns the compiled type type expression x names,
// through aliases of the cells (type R = strings.Reader), nil if it names
// none.
func (rw *rewriter) compiledTypeExpr(x ast.Expr, depth int) reflect.Type {
	if depth > 8 {
		return nil
	}
	switch x := typeUnparen(x).(type) {
	case *ast.StarExpr:
		if t := rw.compiledTypeExpr(x.X, depth+1); t != nil {
			return reflect.PointerTo(t)
		}
		return nil
	case *ast.Ident:
		if ts := rw.infer.UserType(x.Name); ts != nil {
			if !ts.Assign.IsValid() || ts.TypeParams != nil {
				return nil
			}
			return rw.compiledTypeExpr(ts.Type, depth+1)
		}
	}
	t, _ := rw.infer.NamedType(x)
	return t.RT
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
