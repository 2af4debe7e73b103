package goeval

import (
	"go/ast"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A method value x.M of a pointer-receiver method of a compiled type, where
// the interpreter knows x as a pointer it built to the compiled type (a
// field, parameter or variable written *pkg.T in a cell), gets the type of
// the method expression, receiver first: passing c.land.Func where a
// func([]float64) float64 is wanted fails to compile with "cannot use type
// func(*optimlib.Landscape, []float64) float64", and f := c.land.Func
// panics in reflect.Set (YAEGI_BUGS.md, 17). A call x.M(...) works, so the
// rewriter turns the method value into a function literal calling it on
// the receiver evaluated once, where the method value is:
//
//	c.land.Func  ->  func() func([]float64) float64 { _goeval_r1 := c.land; return func(_goeval_a2 []float64) float64 { return _goeval_r1.Func(_goeval_a2) } }()
//
// The receiver's text stays in place, so the edits inside it apply. A
// receiver that comes from compiled code is left alone (compiledOrigin).

// binMethodValue rewrites sel when it is a method value of a
// pointer-receiver method of a compiled type on a pointer; parent holds
// sel and depth is sel's depth in the item.
func (rw *rewriter) binMethodValue(sel *ast.SelectorExpr, parent ast.Node, depth int) {
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
	if star, ok := typeUnparen(sel.X).(*ast.StarExpr); ok {
		if _, isType := rw.infer.NamedType(star.X); isType {
			return // (*pkg.T).M is a method expression
		}
	}
	if rw.compiledOrigin(sel.X, 0) {
		return // the interpreter has the compiled pointer type itself
	}
	pt := rw.infer.TypeOf(sel.X).RT
	if pt == nil || pt.Kind() != reflect.Pointer || pt.Elem().Name() == "" || pt.Elem().Kind() == reflect.Interface {
		return
	}
	name := sel.Sel.Name
	m, ok := pt.MethodByName(name)
	if !ok {
		return
	}
	if _, byValue := pt.Elem().MethodByName(name); byValue {
		return
	}
	ft := typeinfer.DropReceiver(m.Type)
	fn, ok := rw.spellFunc(ft)
	if !ok {
		return
	}
	r := rw.fresh("r")
	call := r + "." + name + "(" + fn.args + ")"
	if ft.NumOut() > 0 {
		call = "return " + call
	}
	start, xEnd := rw.off(sel.X.Pos()), rw.off(sel.X.End())
	rw.add(edit{start: start, end: start, text: "func() func(" + fn.types + ")" + fn.results + " { " + r + " := ", rank: openRank(depth)})
	rw.add(edit{start: xEnd, end: rw.off(sel.End()),
		text: "; return func(" + fn.params + ")" + fn.results + " { " + call + " } }()",
		rank: rankReplace})
}

// compiledOrigin reports whether the value of x surely comes from compiled
// code, so that the interpreter knows its type as the compiled type and
// its method values work: a call of a package's function or of a compiled
// value's method, an element of such a value, or a name defined only
// from those (r := optimlib.Rastrigin(2)). The rewrite is then left out:
// it would make every call of the method value go through interpreted
// code.
func (rw *rewriter) compiledOrigin(x ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	in := rw.infer
	switch x := x.(type) {
	case *ast.ParenExpr:
		return rw.compiledOrigin(x.X, depth+1)
	case *ast.CallExpr:
		sel, ok := typeUnparen(x.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if id, ok := sel.X.(*ast.Ident); ok {
			if _, isPkg := in.PackagePath(id.Name); isPkg {
				return true
			}
		}
		return in.TypeOf(sel.X).RT != nil && rw.compiledOrigin(sel.X, depth+1)
	case *ast.IndexExpr:
		return rw.compiledOrigin(x.X, depth+1)
	case *ast.Ident:
		bs := rw.bindings(x.Name)
		if len(bs) == 0 {
			return false
		}
		for _, b := range bs {
			if b.Typ != nil || b.Val == nil || b.Recv || b.Params || b.RangeOf {
				return false
			}
			if b.Multi {
				if _, ok := b.Val.(*ast.CallExpr); !ok || !rw.compiledOrigin(b.Val, depth+1) {
					return false
				}
				continue
			}
			if !rw.compiledOrigin(b.Val, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// bindings returns the bindings of name in the innermost scope that binds
// it, or in the session's declaration of it.
func (rw *rewriter) bindings(name string) []typeinfer.Binding {
	in := rw.infer
	for _, s := range in.Scopes {
		if bs, ok := s.Vals[name]; ok {
			return bs
		}
		if s.Funcs[name] != nil || s.Types[name] != nil {
			return nil
		}
	}
	if in.Session == nil {
		return nil
	}
	n, k := in.Session.Decl(name)
	if k != typeinfer.DeclVar {
		return nil
	}
	if b, ok := typeinfer.BindingIn(n, name); ok {
		return []typeinfer.Binding{b}
	}
	return nil
}

// spelledFunc is a function type spelled for the code handed to the
// interpreter.
type spelledFunc struct {
	types   string // the parameter types: int, ...string
	params  string // the parameters with fresh names: _goeval_a1 int, _goeval_a2 ...string
	args    string // the arguments passing them on: _goeval_a1, _goeval_a2...
	results string // the results, with a leading space: "", " int", " (int, error)"
}

// spellFunc spells the function type ft, or reports that a type in it
// cannot be spelled.
func (rw *rewriter) spellFunc(ft reflect.Type) (spelledFunc, bool) {
	var types, params, args []string
	for i := range ft.NumIn() {
		t := ft.In(i)
		dots := ft.IsVariadic() && i == ft.NumIn()-1
		if dots {
			t = t.Elem()
		}
		s, ok := rw.spellType(typeinfer.Type{RT: t})
		if !ok {
			return spelledFunc{}, false
		}
		a := rw.fresh("a")
		if dots {
			s = "..." + s
		}
		types = append(types, s)
		params = append(params, a+" "+s)
		if dots {
			a += "..."
		}
		args = append(args, a)
	}
	var out []string
	for i := range ft.NumOut() {
		s, ok := rw.spellType(typeinfer.Type{RT: ft.Out(i)})
		if !ok {
			return spelledFunc{}, false
		}
		out = append(out, s)
	}
	f := spelledFunc{types: strings.Join(types, ", "), params: strings.Join(params, ", "), args: strings.Join(args, ", ")}
	switch len(out) {
	case 0:
	case 1:
		f.results = " " + out[0]
	default:
		f.results = " (" + strings.Join(out, ", ") + ")"
	}
	return f, true
}
