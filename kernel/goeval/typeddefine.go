package goeval

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
	"github.com/traefik/yaegi/interp"
)

// The interpreter cannot type an index expression on a value of a compiled
// type (a slice, array, map or string returned by compiled code: its type
// analysis of package-level definitions handles only its own slice, array
// and map types). A top-level x := well.Saddles[0] or first := xs[0] then
// fails to compile ("constant definition loop", or a nil pointer
// dereference in the compiler), while var x T = ... compiles, since the
// type is then given. So a top-level definition whose right side indexes
// something becomes a var declaration with the type worked out here:
//
//	x := e            ->  var x T = e
//	a, b := e1, e2    ->  var a T1; var b T2; a, b = e1, e2
//	v, ok := m[k]     ->  var v T; var ok bool; v, ok = m[k]
//	var x = e         ->  var x T = e
//
// Edits keep every original byte's position. A definition is left alone
// when a type is unknown or not sure (see cellRun.globalType), or when it uses
// one of the names it defines.

// typedDefineEdits returns the edits that give the top-level statement of
// it explicit types, or nil.
func (run *cellRun) typedDefineEdits(it *item, in *typeinfer.Inferer) []edit {
	if !hasIndex(it.node()) && !isMultiValueCallDefine(it.node()) {
		return nil
	}
	switch s := it.node().(type) {
	case *ast.AssignStmt:
		return run.defineEdits(it, in, s)
	case *ast.GenDecl:
		if s.Tok != token.VAR {
			return nil
		}
		var edits []edit
		for _, spec := range s.Specs {
			vs := spec.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Names) != 1 || len(vs.Values) != 1 || usesAny(vs.Values, vs.Names) {
				continue
			}
			name, ok := run.typeName(in, vs.Values[0])
			if !ok {
				continue
			}
			at := it.off(vs.Names[0].End())
			edits = append(edits, edit{start: at, end: at, text: " " + name, rank: rankReplace})
		}
		return edits
	}
	return nil
}

func (run *cellRun) defineEdits(it *item, in *typeinfer.Inferer, s *ast.AssignStmt) []edit {
	if s.Tok != token.DEFINE {
		return nil
	}
	names := make([]*ast.Ident, len(s.Lhs))
	for i, l := range s.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil
		}
		names[i] = id
	}
	if usesAny(s.Rhs, names) {
		return nil
	}
	var types []string
	switch {
	case len(s.Lhs) == len(s.Rhs):
		for _, r := range s.Rhs {
			name, ok := run.typeName(in, r)
			if !ok {
				return nil
			}
			types = append(types, name)
		}
	case len(s.Lhs) >= 2 && len(s.Rhs) == 1 && isCall(s.Rhs[0]):
		ft := in.TypeOf(unparen(s.Rhs[0]).(*ast.CallExpr).Fun).RT
		if ft == nil || ft.Kind() != reflect.Func || ft.NumOut() != len(s.Lhs) {
			return nil
		}
		for i := range ft.NumOut() {
			name, ok := run.rtypeName(in, ft.Out(i))
			if !ok {
				return nil
			}
			types = append(types, name)
		}
	case len(s.Lhs) == 2 && len(s.Rhs) == 1:
		ix, ok := unparen(s.Rhs[0]).(*ast.IndexExpr)
		if !ok {
			return nil
		}
		if m := in.TypeOf(ix.X).RT; m == nil || m.Kind() != reflect.Map {
			return nil
		}
		name, ok := run.typeName(in, ix)
		if !ok {
			return nil
		}
		types = []string{name, "bool"}
	default:
		return nil
	}
	tok := it.off(s.TokPos)
	if len(names) == 1 && len(s.Rhs) == 1 {
		at := it.off(names[0].Pos())
		return []edit{
			{start: at, end: at, text: "var ", rank: openRank(0)},
			{start: tok, end: tok + len(":="), text: types[0] + " =", rank: rankReplace},
		}
	}
	var decls strings.Builder
	for i, id := range names {
		if id.Name != "_" {
			decls.WriteString("var " + id.Name + " " + types[i] + "; ")
		}
	}
	at := it.off(s.Pos())
	return []edit{
		{start: at, end: at, text: decls.String(), rank: openRank(0)},
		{start: tok, end: tok + len(":="), text: "=", rank: rankReplace},
	}
}

// isMultiValueCallDefine reports whether n is a, b := f(...). At top level
// the interpreter mis-binds such globals: a function that uses one fails
// when it is called from inside a function literal (so also from a wrapped
// top-level loop), while the same names declared with var types work.
func isMultiValueCallDefine(n ast.Node) bool {
	s, ok := n.(*ast.AssignStmt)
	return ok && s.Tok == token.DEFINE && len(s.Lhs) >= 2 && len(s.Rhs) == 1 && isCall(s.Rhs[0])
}

// isCall reports whether x is a call, ignoring parentheses.
func isCall(x ast.Expr) bool {
	_, ok := unparen(x).(*ast.CallExpr)
	return ok
}

// hasIndex reports whether n holds an index expression outside function
// literals.
func hasIndex(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		switch c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IndexExpr:
			found = true
		}
		return !found
	})
	return found
}

// usesAny reports whether one of exprs mentions one of names.
func usesAny(exprs []ast.Expr, names []*ast.Ident) bool {
	set := map[string]bool{}
	for _, id := range names {
		set[id.Name] = true
	}
	found := false
	for _, x := range exprs {
		ast.Inspect(x, func(c ast.Node) bool {
			if id, ok := c.(*ast.Ident); ok && set[id.Name] {
				found = true
			}
			return !found
		})
	}
	return found
}

// typeName returns how the code handed to the interpreter names the type
// of x: in Go syntax when it is built from predeclared types, else under a
// hidden name of the hooks package.
func (run *cellRun) typeName(in *typeinfer.Inferer, x ast.Expr) (string, bool) {
	return run.rtypeName(in, in.TypeOf(x).RT)
}

// rtypeName is typeName for a type already worked out.
func (run *cellRun) rtypeName(in *typeinfer.Inferer, t reflect.Type) (string, bool) {
	if t == nil || !compiledType(t) {
		return "", false
	}
	if s, ok := spellType(t); ok && !shadowsPredeclared(in, t) {
		return s, true
	}
	name, err := run.e.hiddenTypeName(t)
	if err != nil {
		return "", false
	}
	return hooksImport + "." + name, true
}

// shadowsPredeclared reports whether the cell or the session declares a
// name of a predeclared type used in t.
func shadowsPredeclared(in *typeinfer.Inferer, t reflect.Type) bool {
	for {
		if t.Name() != "" {
			return in.Shadowed(t.Name())
		}
		switch t.Kind() {
		case reflect.Map:
			if shadowsPredeclared(in, t.Key()) {
				return true
			}
			t = t.Elem()
		case reflect.Slice, reflect.Array, reflect.Ptr:
			t = t.Elem()
		default:
			return false
		}
	}
}

// spellType writes t in Go syntax when it is built from predeclared types
// by slices, arrays, maps and pointers.
func spellType(t reflect.Type) (string, bool) {
	if t.Name() != "" {
		if t.PkgPath() == "" && typeinfer.Predeclared[t.Name()] == t {
			return t.Name(), true
		}
		return "", false
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Ptr, reflect.Array:
		elem, ok := spellType(t.Elem())
		switch {
		case !ok:
			return "", false
		case t.Kind() == reflect.Slice:
			return "[]" + elem, true
		case t.Kind() == reflect.Ptr:
			return "*" + elem, true
		}
		return "[" + strconv.Itoa(t.Len()) + "]" + elem, true
	case reflect.Map:
		k, ok1 := spellType(t.Key())
		v, ok2 := spellType(t.Elem())
		if ok1 && ok2 {
			return "map[" + k + "]" + v, true
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "interface{}", true
		}
	}
	return "", false
}

// interpretedUnderlying reports whether the session or the cell declares a
// type that is not a struct or an interface (type Celsius float64): the
// interpreter gives values of such a type the compiled type of its
// underlying type, so a global's compiled type may then hide it.
func (run *cellRun) interpretedUnderlying() bool {
	if run.underlying == 0 {
		run.underlying = 1
		if run.findInterpretedUnderlying() {
			run.underlying = 2
		}
	}
	return run.underlying == 2
}

func (run *cellRun) findInterpretedUnderlying() bool {
	check := func(ts *ast.TypeSpec) bool {
		switch ts.Type.(type) {
		case *ast.StructType, *ast.InterfaceType:
			return false
		}
		return true
	}
	for _, ts := range run.scope.Types {
		if check(ts) {
			return true
		}
	}
	run.e.mu.RLock()
	defer run.e.mu.RUnlock()
	for _, u := range run.e.reg.units {
		if ts, ok := u.node.(*ast.TypeSpec); ok && u.kind == unitType && check(ts) {
			return true
		}
	}
	return false
}

// hiddenTypeName returns the name under which the hooks package exports
// type t, exporting it on first use.
func (e *Evaluator) hiddenTypeName(t reflect.Type) (string, error) {
	if name, ok := e.typeNames[t]; ok {
		return name, nil
	}
	name := "T" + strconv.Itoa(len(e.typeNames)+1)
	if err := e.in.Use(interp.Exports{hooksPath + "/hooks": {name: reflect.Zero(reflect.PointerTo(t))}}); err != nil {
		return "", fmt.Errorf("goeval: exporting type %v: %w", t, err)
	}
	e.typeNames[t] = name
	return name, nil
}

// interpPkgPath is the package of the interpreter's own value wrappers: a
// global of an interpreted interface or function type has such a type,
// which is not the type the cell sees.
const interpPkgPath = "github.com/traefik/yaegi"

// compiledType reports whether t is built only from compiled named types,
// predeclared types and the empty interface: a type the interpreter sees
// as the same whether it comes from a compiled package or from a name
// standing for it.
func compiledType(t reflect.Type) bool {
	if t.Name() != "" {
		return !strings.HasPrefix(t.PkgPath(), interpPkgPath)
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Ptr, reflect.Chan:
		return compiledType(t.Elem())
	case reflect.Map:
		return compiledType(t.Key()) && compiledType(t.Elem())
	case reflect.Interface:
		return t.NumMethod() == 0
	case reflect.Func:
		for i := 0; i < t.NumIn(); i++ {
			if !compiledType(t.In(i)) {
				return false
			}
		}
		for i := 0; i < t.NumOut(); i++ {
			if !compiledType(t.Out(i)) {
				return false
			}
		}
		return true
	}
	return false
}
