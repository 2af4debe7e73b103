package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter makes a value of a cell's type an error (a return
// value, an argument, an element of []error) by wrapping it in a struct
// that keeps only a struct's last field and turns a nil pointer into a
// nil error, so err.(TimeoutError), errors.As and a nil *MyErr returned as
// error (non-nil in Go) go wrong. The rewriter makes such conversions
// through ToError (dynamic.go), which keeps the value:
//
//	return TimeoutError{5}        ->  return _goeval_.ToError(7, []any{TimeoutError{5}})
//	errs := []error{RangeErr{3}}  ->  errs := []error{_goeval_.ToError(8, []any{RangeErr{3}})}
//
// The conversions found are those of return statements, call arguments,
// assignments and definitions with an error type, elements of composite
// literals, sends on channels of errors and error(x).

// cellErrorType reports whether t is a type of the cells (or a pointer to
// one) whose method set has Error.
func (rw *rewriter) cellErrorType(t typeinfer.Type) bool {
	if t.AST == nil {
		return false
	}
	x := typeUnparen(t.AST)
	ptr := false
	if s, ok := x.(*ast.StarExpr); ok {
		x, ptr = typeUnparen(s.X), true
	}
	id, ok := x.(*ast.Ident)
	if !ok || rw.infer.UserType(id.Name) == nil {
		return false
	}
	m, ok := rw.infer.LookupMember(typeinfer.Type{AST: id}, "Error")
	return ok && m.Kind == "method" && (ptr || !m.PtrRecv)
}

// isErrorType reports whether t is the predeclared error.
func isErrorType(t typeinfer.Type) bool { return t.RT == typeinfer.ErrorType }

// convertTo wraps x when it converts a value of a cell's type to error or
// fmt.Stringer, the compiled interfaces whose interpreter wrappers lose the
// value (see stringers.go for fmt.Stringer).
func (rw *rewriter) convertTo(target typeinfer.Type, x ast.Expr) {
	switch {
	case isErrorType(target):
		rw.toError(x)
	case isStringerType(target):
		rw.toStringer(x)
	}
}

// toError wraps x when it converts a cell's error type to error.
func (rw *rewriter) toError(x ast.Expr) {
	if rw.show == nil || x == nil {
		return
	}
	t := rw.infer.TypeOf(x)
	if !rw.cellErrorType(t) {
		return
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".ToError(" + strconv.Itoa(rw.show.handle(t)) + ", []any{", rank: openRank(1002)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(1002)})
}

// conversions finds the conversions to error in node c; stack holds its
// ancestors.
func (rw *rewriter) conversions(c ast.Node, stack []ast.Node) {
	in := rw.infer
	switch c := c.(type) {
	case *ast.ReturnStmt:
		ft := enclosingFuncType(stack)
		if ft == nil || ft.Results == nil {
			return
		}
		var results []typeinfer.Type
		for _, f := range ft.Results.List {
			t := in.TypeExpr(f.Type)
			for range max(len(f.Names), 1) {
				results = append(results, t)
			}
		}
		if len(c.Results) != len(results) {
			return
		}
		for i, r := range c.Results {
			rw.convertTo(results[i], r)
		}
	case *ast.CallExpr:
		if t, ok := in.NamedType(c.Fun); ok {
			if len(c.Args) == 1 {
				rw.convertTo(t, c.Args[0])
			}
			return
		}
		params, variadic := rw.paramTypes(c.Fun)
		for i, a := range c.Args {
			var t typeinfer.Type
			switch {
			case i < len(params)-1 || (i < len(params) && !variadic):
				t = params[i]
			case variadic && len(params) > 0 && !c.Ellipsis.IsValid():
				t = in.Elem(params[len(params)-1])
			}
			rw.convertTo(t, a)
		}
	case *ast.AssignStmt:
		if len(c.Lhs) != len(c.Rhs) {
			return
		}
		for i, l := range c.Lhs {
			if c.Tok == token.ASSIGN {
				rw.convertTo(in.TypeOf(l), c.Rhs[i])
			}
		}
	case *ast.ValueSpec:
		if c.Type != nil {
			t := in.TypeExpr(c.Type)
			for _, v := range c.Values {
				rw.convertTo(t, v)
			}
		}
	case *ast.SendStmt:
		rw.convertTo(in.Elem(in.TypeOf(c.Chan)), c.Value)
	case *ast.CompositeLit:
		rw.literalConversions(c)
	}
}

// literalConversions wraps the elements of a composite literal whose
// type is error.
func (rw *rewriter) literalConversions(c *ast.CompositeLit) {
	in := rw.infer
	t := in.TypeExpr(c.Type)
	if !t.IsType() {
		return
	}
	switch u := in.Underlying(t.AST).(type) {
	case *ast.StructType:
		var fields []typeinfer.Type
		names := map[string]typeinfer.Type{}
		for _, f := range u.Fields.List {
			ft := in.TypeExpr(f.Type)
			if len(f.Names) == 0 {
				fields = append(fields, ft)
				names[typeinfer.EmbeddedName(f.Type)] = ft
			}
			for _, n := range f.Names {
				fields = append(fields, ft)
				names[n.Name] = ft
			}
		}
		for i, e := range c.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					rw.convertTo(names[id.Name], kv.Value)
				}
				continue
			}
			if i < len(fields) {
				rw.convertTo(fields[i], e)
			}
		}
		return
	}
	elem := in.Elem(t)
	if !isErrorType(elem) && !isStringerType(elem) {
		return
	}
	for _, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			rw.convertTo(elem, kv.Value)
			continue
		}
		rw.convertTo(elem, e)
	}
}

// paramTypes returns the parameter types of the function fun, and
// whether it is variadic.
func (rw *rewriter) paramTypes(fun ast.Expr) ([]typeinfer.Type, bool) {
	in := rw.infer
	ft := in.TypeOf(fun)
	if ft.RT != nil {
		if ft.RT.Kind() != reflect.Func {
			return nil, false
		}
		out := make([]typeinfer.Type, ft.RT.NumIn())
		for i := range out {
			out[i] = typeinfer.Type{RT: ft.RT.In(i)}
		}
		return out, ft.RT.IsVariadic()
	}
	fnType, ok := in.Underlying(ft.AST).(*ast.FuncType)
	if !ok || fnType.Params == nil || fnType.TypeParams != nil {
		return nil, false
	}
	var out []typeinfer.Type
	variadic := false
	for _, f := range fnType.Params.List {
		t := in.TypeExpr(f.Type)
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			variadic = true
		}
		for range max(len(f.Names), 1) {
			out = append(out, t)
		}
	}
	return out, variadic
}

// enclosingFuncType returns the type of the innermost function of stack.
func enclosingFuncType(stack []ast.Node) *ast.FuncType {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			return f.Type
		case *ast.FuncDecl:
			return f.Type
		}
	}
	return nil
}
