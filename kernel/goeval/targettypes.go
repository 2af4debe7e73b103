package goeval

import (
	"go/ast"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The types a value is converted to where Go converts implicitly: a
// return statement's results, a call's arguments and a struct literal's
// fields. Boxing (boxing.go) and the conversions to error and
// fmt.Stringer (conversions.go) both find their conversions with them.

// returnTypes returns the types of the results of ret, one per result
// expression, from the innermost function of stack; nil when the
// function has none or they do not line up with ret's expressions.
func (rw *rewriter) returnTypes(ret *ast.ReturnStmt, stack []ast.Node) []typeinfer.Type {
	ft := enclosingFuncType(stack)
	if ft == nil || ft.Results == nil {
		return nil
	}
	var results []typeinfer.Type
	for _, f := range ft.Results.List {
		t := rw.infer.TypeExpr(f.Type)
		for range max(len(f.Names), 1) {
			results = append(results, t)
		}
	}
	if len(ret.Results) != len(results) {
		return nil
	}
	return results
}

// argTypes returns the type of the parameter each argument of c is
// passed to, one per argument: the zero Type where it is unknown, and
// for the arguments of a spread (f(xs...)).
func (rw *rewriter) argTypes(c *ast.CallExpr) []typeinfer.Type {
	params, variadic := rw.paramTypes(c.Fun)
	out := make([]typeinfer.Type, len(c.Args))
	for i := range c.Args {
		switch {
		case i < len(params)-1 || (i < len(params) && !variadic):
			out[i] = params[i]
		case variadic && len(params) > 0 && !c.Ellipsis.IsValid():
			out[i] = rw.infer.Elem(params[len(params)-1])
		}
	}
	return out
}

// structElemTypes returns the type of the field each element of c, a
// literal of struct type st, sets, one per element: the zero Type where
// it is unknown.
func structElemTypes(in *typeinfer.Inferer, st *ast.StructType, c *ast.CompositeLit) []typeinfer.Type {
	var fields []typeinfer.Type
	names := map[string]typeinfer.Type{}
	for _, f := range st.Fields.List {
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
	out := make([]typeinfer.Type, len(c.Elts))
	for i, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				out[i] = names[id.Name]
			}
			continue
		}
		if i < len(fields) {
			out[i] = fields[i]
		}
	}
	return out
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

// elemValue returns the value a composite literal's element sets: the
// value of a key: value pair, else the element itself.
func elemValue(e ast.Expr) ast.Expr {
	if kv, ok := e.(*ast.KeyValueExpr); ok {
		return kv.Value
	}
	return e
}
