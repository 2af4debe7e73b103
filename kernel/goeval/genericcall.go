package goeval

import (
	"go/ast"
	"go/types"
	"strings"
)

// The interpreter's inference of type arguments is limited: Filter(nums,
// f) at the top level fails to compile, Scale(0.5, xs) says "untyped float
// does not implement main.Float", and a func(int) float64 argument can be
// taken for func(int) int. The rewriter infers the type arguments of calls
// of the cells' generic functions (typeinfer) and writes them out:
//
//	evens := Filter(nums, isEven)  ->  evens := Filter[int](nums, isEven)
//
// A call whose type arguments cannot all be inferred, or spelled at the
// top level, is left to the interpreter.

// genericCall writes out the inferred type arguments of a call.
func (rw *rewriter) genericCall(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return
	}
	fd := rw.infer.UserFunc(id.Name)
	if fd == nil || fd.Type.TypeParams == nil {
		return
	}
	targs, ok := rw.infer.InferTypeArgs(fd.Type, call.Args, call.Ellipsis.IsValid())
	if !ok {
		return
	}
	var names []string
	for _, t := range targs {
		s, ok := rw.spellType(t)
		if !ok {
			return
		}
		names = append(names, s)
	}
	at := rw.off(id.End())
	rw.add(edit{start: at, end: at, text: "[" + strings.Join(names, ", ") + "]", rank: rankReplace})
}

// callsGeneric reports whether n calls a generic function of the cells
// without type arguments, outside function literals.
func callsGeneric(n ast.Node, isGeneric func(string) bool) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := c.Fun.(*ast.Ident); ok && isGeneric(id.Name) {
				found = true
			}
		}
		return !found
	})
	return found
}

// genericValue turns an instantiation with several type arguments used as
// a value (toInt := Convert[float64, int]), which the interpreter cannot
// assign ("invalid type in assignment"), into the function literal it
// stands for: func(p1 []float64) []int { return Convert[float64, int](p1) }.
func (rw *rewriter) genericValue(x *ast.IndexListExpr, parent ast.Node) {
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == x {
		return
	}
	id, ok := x.X.(*ast.Ident)
	if !ok {
		return
	}
	fd := rw.infer.UserFunc(id.Name)
	if fd == nil || fd.Type.TypeParams == nil {
		return
	}
	t := rw.infer.TypeOf(x)
	ft, ok := t.AST.(*ast.FuncType)
	if !ok {
		return
	}
	var params, args []string
	variadic := false
	if ft.Params != nil {
		for _, f := range ft.Params.List {
			for range max(len(f.Names), 1) {
				p := rw.fresh("g")
				params = append(params, p+" "+types.ExprString(f.Type))
				args = append(args, p)
				if _, ok := f.Type.(*ast.Ellipsis); ok {
					variadic = true
				}
			}
		}
	}
	call := rw.text(x) + "(" + strings.Join(args, ", ")
	if variadic {
		call += "..."
	}
	call += ")"
	results, body := "", call
	if rs := fieldsText(ft.Results); rs != "" {
		results, body = " ("+rs+")", "return "+call
	}
	rw.add(edit{start: rw.off(x.Pos()), end: rw.off(x.End()),
		text: "func(" + strings.Join(params, ", ") + ")" + results + " { " + body + " }", rank: rankReplace})
}
