package goeval

import (
	"go/ast"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/stdgen"
	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The generic standard packages slices, maps and cmp, and the builtins
// min, max and clear, run the evaluator's own source (package stdgen),
// imported under hidden names: the interpreter resolves the names slices,
// maps and cmp to its own partial sources before any import, so the
// rewriter renames the package of each call:
//
//	slices.Sort(xs)            ->  _goeval_std_slices.Sort[int](xs)
//	w := slices.Clone(v)       ->  var w Vec = _goeval_std_slices.Clone[Vec, float64](v)
//	clipped := max(0, min(x, 5))
//	    ->  var clipped float64 = _goeval_std_pre.Max[float64](0, _goeval_std_pre.Min[float64](x, 5))
//	min(a, b, c)               ->  _goeval_std_pre.Min[T](_goeval_std_pre.Min[T](a, b), c)
//	min(3, 1, 2)               ->  (1)
//	clear(m)                   ->  _goeval_std_pre.Clear(m)
//
// The type arguments are those Go infers (typeinfer), written out because
// the interpreter's own inference fails on S ~[]E and on untyped
// constants. A call whose type arguments cannot be worked out is left to
// the interpreter: the functions that return their slice's type S then
// fail to compile ("undefined type for E"), which is reported with
// advice, and the others take []E, which the interpreter infers. A min or
// max whose type cannot be worked out stays a call of an undefined min,
// reported with advice too. min and max of untyped constants stay
// constants: the argument that wins is written in place of the call.

// stdImportName is the hidden name a source package is imported under.
func stdImportName(stdPath string) string {
	if stdPath == stdgen.Predeclared {
		return hiddenPrefix + "std_pre"
	}
	return hiddenPrefix + "std_" + stdPath
}

// builtinRewritten lists the builtins the rewriter provides.
var builtinRewritten = map[string]bool{"min": true, "max": true, "clear": true}

// sourceImports returns the hidden imports of source packages that the
// cell's items need and the session has not loaded yet: one for each
// standard package provided as source that the cell refers to, and the
// helpers of the builtins when the cell calls min, max or clear.
func (run *cellRun) sourceImports(predeclared map[*ast.Ident]bool) []importReq {
	need := map[string]bool{}
	for id := range predeclared {
		if builtinRewritten[id.Name] {
			need[stdgen.Predeclared] = true
			continue
		}
		if p, ok := run.pkgPath(id.Name); ok && stdgen.Provides(p) {
			need[p] = true
		}
	}
	var reqs []importReq
	for _, p := range []string{"cmp", "maps", "slices", stdgen.Predeclared} {
		if !need[p] || run.e.sourceLoaded[p] {
			continue
		}
		path := p
		if sp, ok := stdgen.Path(p); ok {
			path = sp
		}
		reqs = append(reqs, importReq{name: stdImportName(p), path: path, std: p})
	}
	return reqs
}

// stdPackage returns the standard package a selector's base stands for,
// when it is one provided as source and the selected name is one of its
// functions.
func (rw *rewriter) stdPackage(sel *ast.SelectorExpr) (string, bool) {
	id, ok := sel.X.(*ast.Ident)
	if !ok || !rw.predeclared[id] {
		return "", false
	}
	p, ok := rw.infer.PackagePath(id.Name)
	if !ok || !stdgen.Provides(p) || stdgen.Func(p, sel.Sel.Name) == nil {
		return "", false
	}
	return p, true
}

// stdSelector renames the package of a selector of a source package's
// function to its hidden import.
func (rw *rewriter) stdSelector(sel *ast.SelectorExpr) {
	p, ok := rw.stdPackage(sel)
	if !ok {
		return
	}
	rw.add(edit{start: rw.off(sel.X.Pos()), end: rw.off(sel.X.End()), text: stdImportName(p), rank: rankReplace})
}

// stdCall writes out the type arguments of a call of a generic function
// of a source package, when they can all be worked out and spelled.
func (rw *rewriter) stdCall(call *ast.CallExpr) {
	sel, names, ok := rw.stdTypeArgs(call)
	if !ok || len(names) == 0 {
		return
	}
	at := rw.off(sel.End())
	rw.add(edit{start: at, end: at, text: "[" + strings.Join(names, ", ") + "]", rank: rankReplace})
}

// stdTypeArgs returns, for a call of a function of a source package, the
// selector and how the type arguments are spelled (none for a function
// that is not generic); ok is false when the call is of something else or
// a type argument cannot be worked out or spelled.
func (rw *rewriter) stdTypeArgs(call *ast.CallExpr) (*ast.SelectorExpr, []string, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	p, ok := rw.stdPackage(sel)
	if !ok {
		return nil, nil, false
	}
	fd := stdgen.Func(p, sel.Sel.Name)
	if fd.Type.TypeParams == nil {
		return sel, nil, true
	}
	targs, ok := rw.infer.InferTypeArgs(fd.Type, call.Args, call.Ellipsis.IsValid())
	if !ok {
		return sel, nil, false
	}
	names := make([]string, 0, len(targs))
	for _, t := range targs {
		s, ok := rw.spellType(t)
		if !ok {
			return sel, nil, false
		}
		names = append(names, s)
	}
	return sel, names, true
}

// needsTypeArgs reports whether a call of a source package's function
// cannot run without the type arguments written out: the function has a
// type parameter for its argument's own type (S ~[]E), which the
// interpreter cannot infer, and they cannot be worked out here.
func (rw *rewriter) needsTypeArgs(call *ast.CallExpr) (*ast.SelectorExpr, bool) {
	sel, _, ok := rw.stdTypeArgs(call)
	if sel == nil || ok {
		return nil, false
	}
	p, _ := rw.stdPackage(sel)
	fd := stdgen.Func(p, sel.Sel.Name)
	return sel, stdgen.KeepsType(fd)
}

// builtinCall rewrites a call of the builtin min, max or clear.
func (rw *rewriter) builtinCall(call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || !rw.predeclared[id] || !builtinRewritten[id.Name] {
		return
	}
	pkg := stdImportName(stdgen.Predeclared)
	if id.Name == "clear" {
		rw.add(edit{start: rw.off(id.Pos()), end: rw.off(id.End()), text: pkg + ".Clear", rank: rankReplace})
		return
	}
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return
	}
	if text, ok := rw.constMinMax(call, id.Name == "min"); ok {
		rw.add(edit{start: rw.off(call.Pos()), end: rw.off(call.End()), text: text, rank: rankReplace})
		return
	}
	t := rw.infer.TypeOf(call)
	if !t.IsType() {
		return
	}
	t.Untyped = false
	name, ok := rw.spellType(t)
	if !ok {
		return
	}
	if len(call.Args) == 1 {
		// min(x) is x, of the call's type: a conversion.
		rw.add(edit{start: rw.off(id.Pos()), end: rw.off(id.End()), text: "(" + name + ")", rank: rankReplace})
		return
	}
	fn := pkg + ".Min[" + name + "]"
	if id.Name == "max" {
		fn = pkg + ".Max[" + name + "]"
	}
	// Floating-point values go through compiled code: the interpreter
	// passes -0.0 to an interpreted function as 0.0 (YAEGI_BUGS.md).
	conv, outer := "", ""
	switch k := rw.infer.Kind(t); k {
	case reflect.Float32, reflect.Float64:
		fn = hooksImport + "." + map[string]string{"min": "Min", "max": "Max"}[id.Name] +
			map[reflect.Kind]string{reflect.Float32: "Float32", reflect.Float64: "Float64"}[k]
		if t.RT == nil || t.RT.Name() != k.String() || t.RT.PkgPath() != "" {
			conv, outer = k.String(), name
		}
	}
	// min(a, b, c) -> Min[T](Min[T](a, b), c)
	n := len(call.Args)
	prefix := strings.Repeat(fn+"(", n-1)
	if outer != "" {
		prefix = outer + "(" + prefix
	}
	rw.add(edit{start: rw.off(id.Pos()), end: rw.off(call.Lparen) + 1, text: prefix, rank: rankReplace})
	for i, a := range call.Args {
		start, end := rw.off(a.Pos()), rw.off(a.End())
		if conv != "" {
			rw.add(edit{start: start, end: start, text: conv + "(", rank: openRank(1)})
			rw.add(edit{start: end, end: end, text: ")", rank: closeRank(1)})
		}
		if i >= 1 && i < n-1 {
			rw.add(edit{start: end, end: end, text: ")", rank: closeRank(0)})
		}
	}
	if outer != "" {
		at := rw.off(call.Rparen) + 1
		rw.add(edit{start: at, end: at, text: ")", rank: closeRank(-1)})
	}
}

// minMaxTyped reports whether the rewriter can provide a call of min or
// max: of constants it evaluates, or of a type it can name.
func (rw *rewriter) minMaxTyped(call *ast.CallExpr, isMin bool) bool {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return true // the interpreter reports what is wrong
	}
	if _, ok := rw.constMinMax(call, isMin); ok {
		return true
	}
	t := rw.infer.TypeOf(call)
	if !t.IsType() {
		return false
	}
	t.Untyped = false
	_, ok := rw.spellType(t)
	return ok
}

// callsStdGeneric reports whether n calls, outside function literals, a
// builtin min or max or a generic function of a source package: calls
// the rewriter instantiates explicitly, which the interpreter cannot use
// to define a top-level variable without a type.
func callsStdGeneric(n ast.Node, in *typeinfer.Inferer, predeclared map[*ast.Ident]bool) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			switch f := c.Fun.(type) {
			case *ast.Ident:
				found = predeclared[f] && (f.Name == "min" || f.Name == "max")
			case *ast.SelectorExpr:
				if id, ok := f.X.(*ast.Ident); ok && predeclared[id] {
					if p, ok := in.PackagePath(id.Name); ok && stdgen.Provides(p) {
						fd := stdgen.Func(p, f.Sel.Name)
						found = fd != nil && fd.Type.TypeParams != nil
					}
				}
			}
		}
		return !found
	})
	return found
}
