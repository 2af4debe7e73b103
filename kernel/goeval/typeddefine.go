package goeval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
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
// type is then given. The same holds for an explicit instantiation
// (ys := Filter[int](xs, even): "constant definition loop" or "not a
// generic type"), and a top-level comma-ok type assertion or receive
// (v, ok := x.(float64), v, ok := <-ch) crashes its compiler ("nil type").
// So such a top-level definition becomes a var declaration with the type
// worked out here:
//
//	x := e            ->  var x T = e
//	a, b := e1, e2    ->  var a T1; var b T2; a, b = e1, e2
//	v, ok := m[k]     ->  var v T; var ok bool; v, ok = m[k]
//	v, ok := x.(T)    ->  var v T; var ok bool; v, ok = x.(T)
//	v, ok := <-ch     ->  var v T; var ok bool; v, ok = <-ch
//	var x = e         ->  var x T = e
//	var v, ok = x.(T) ->  var v T; var ok bool; v, ok = x.(T)
//
// Edits keep every original byte's position. A definition is left alone
// when a type is unknown or not sure (see cellRun.globalType), or when it
// uses one of the names it defines.

// typedDefineEdits returns the edits that give the top-level statement of
// it explicit types, or nil.
func (run *cellRun) typedDefineEdits(it *item, in *typeinfer.Inferer) []edit {
	isGeneric := func(name string) bool {
		fd := in.UserFunc(name)
		return fd != nil && fd.Type.TypeParams != nil
	}
	if !hasIndex(it.node()) && !isMultiValueDefine(it.node()) && !callsGeneric(it.node(), isGeneric) &&
		!callsStdGeneric(it.node(), in, run.predeclared) {
		return nil
	}
	switch s := it.node().(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return nil
		}
		names, ok := identList(s.Lhs)
		if !ok {
			return nil
		}
		types, ok := run.definedTypes(it, in, names, s.Rhs)
		if !ok {
			return nil
		}
		return declareEdits(it, names, types, s.Pos(), s.TokPos, s.TokPos+token.Pos(len(":=")), s.Rhs[0].Pos())
	case *ast.GenDecl:
		if s.Tok != token.VAR {
			return nil
		}
		var edits []edit
		for _, spec := range s.Specs {
			vs := spec.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) == 0 {
				continue
			}
			types, ok := run.definedTypes(it, in, vs.Names, vs.Values)
			if !ok {
				continue
			}
			if len(vs.Names) == 1 {
				at := it.off(vs.Names[0].End())
				edits = append(edits, edit{start: at, end: at, text: " " + types[0], rank: rankReplace})
				continue
			}
			if len(s.Specs) != 1 || s.Lparen.IsValid() {
				continue // var ( a, b = ... ): left alone
			}
			start, end := it.off(s.Pos()), it.off(vs.Values[0].Pos())
			edits = append(edits, edit{start: start, end: end, text: declarations(vs.Names, types) + namesText(vs.Names) + " = ", rank: rankReplace})
		}
		return edits
	}
	return nil
}

// declareEdits turns a := b into var declarations and an assignment.
func declareEdits(it *item, names []*ast.Ident, types []string, start, tok, tokEnd, rhs token.Pos) []edit {
	at := it.off(start)
	return []edit{
		{start: at, end: at, text: declarations(names, types), rank: openRank(0)},
		{start: it.off(tok), end: it.off(tokEnd), text: "=", rank: rankReplace},
	}
}

// declarations writes var n T; for each name that is not blank.
func declarations(names []*ast.Ident, types []string) string {
	var b strings.Builder
	for i, id := range names {
		if id.Name != "_" {
			b.WriteString("var " + id.Name + " " + types[i] + "; ")
		}
	}
	return b.String()
}

func namesText(names []*ast.Ident) string {
	parts := make([]string, len(names))
	for i, id := range names {
		parts[i] = id.Name
	}
	return strings.Join(parts, ", ")
}

// identList returns the identifiers of the left side of a definition.
func identList(xs []ast.Expr) ([]*ast.Ident, bool) {
	names := make([]*ast.Ident, len(xs))
	for i, l := range xs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil, false
		}
		names[i] = id
	}
	return names, true
}

// definedTypes returns how the code handed to the interpreter spells the
// types of names defined from values: one value each, or the results of
// one call, or a comma-ok form.
func (run *cellRun) definedTypes(it *item, in *typeinfer.Inferer, names []*ast.Ident, values []ast.Expr) ([]string, bool) {
	if usesAny(values, names) {
		return nil, false
	}
	var types []string
	switch {
	case len(names) == len(values):
		for _, r := range values {
			name, ok := run.spell(in, in.TypeOf(r))
			if !ok {
				return nil, false
			}
			types = append(types, name)
		}
		return types, true
	case len(values) != 1:
		return nil, false
	}
	switch x := unparen(values[0]).(type) {
	case *ast.CallExpr:
		ft := in.TypeOf(x.Fun).RT
		if ft == nil {
			// A generic function of a source package (slices.BinarySearch).
			rs, ok := in.Results(x)
			if !ok || len(rs) != len(names) {
				return nil, false
			}
			for _, r := range rs {
				name, ok := run.spell(in, r)
				if !ok {
					return nil, false
				}
				types = append(types, name)
			}
			return types, true
		}
		if ft.Kind() != reflect.Func || ft.NumOut() != len(names) {
			return nil, false
		}
		for i := range ft.NumOut() {
			name, ok := run.rtypeName(in, ft.Out(i))
			if !ok {
				return nil, false
			}
			types = append(types, name)
		}
		return types, true
	case *ast.IndexExpr:
		if len(names) != 2 || in.Kind(in.TypeOf(x.X)) != reflect.Map {
			return nil, false
		}
		name, ok := run.spell(in, in.TypeOf(x))
		return []string{name, "bool"}, ok
	case *ast.TypeAssertExpr:
		if len(names) != 2 || x.Type == nil {
			return nil, false
		}
		return []string{run.cell.text[it.off(x.Type.Pos()):it.off(x.Type.End())], "bool"}, true
	case *ast.UnaryExpr:
		if len(names) != 2 || x.Op != token.ARROW {
			return nil, false
		}
		name, ok := run.spell(in, in.TypeOf(x))
		return []string{name, "bool"}, ok
	}
	return nil, false
}

// isMultiValueDefine reports whether n defines several names from one
// value: a, b := f(...), v, ok := x.(T) or <-ch (at top level the
// interpreter mis-binds globals defined from a call: a function that uses
// one fails when it is called from inside a function literal, while the
// same names declared with var types work).
func isMultiValueDefine(n ast.Node) bool {
	var lhs int
	var rhs []ast.Expr
	switch s := n.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return false
		}
		lhs, rhs = len(s.Lhs), s.Rhs
	case *ast.GenDecl:
		if s.Tok != token.VAR || len(s.Specs) != 1 {
			return false
		}
		vs := s.Specs[0].(*ast.ValueSpec)
		lhs, rhs = len(vs.Names), vs.Values
	default:
		return false
	}
	if lhs < 2 || len(rhs) != 1 {
		return false
	}
	switch x := unparen(rhs[0]).(type) {
	case *ast.CallExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	}
	return false
}

// isCall reports whether x is a call, ignoring parentheses.
func isCall(x ast.Expr) bool {
	_, ok := unparen(x).(*ast.CallExpr)
	return ok
}

// hasIndex reports whether n holds an index expression (or an explicit
// instantiation) outside function literals.
func hasIndex(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		switch c.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IndexExpr, *ast.IndexListExpr:
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

// spell returns how the code handed to the interpreter names type t at the
// top level: a compiled type as rtypeName does, a type of the cells as
// written when every name in it is a package-level type.
func (run *cellRun) spell(in *typeinfer.Inferer, t typeinfer.Type) (string, bool) {
	switch {
	case t.RT != nil:
		return run.rtypeName(in, t.RT)
	case t.AST != nil && spellable(in, t.AST):
		return types.ExprString(t.AST), true
	}
	return "", false
}

// spellable reports whether a type expression of the cells means the same
// at the top level of a cell: its names are types declared in cells,
// predeclared types or package members.
func spellable(in *typeinfer.Inferer, x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		if in.UserType(x.Name) != nil {
			return !in.Scopes[0].Declares(x.Name) || in.Scopes[1].Types[x.Name] != nil
		}
		_, pre := typeinfer.Predeclared[x.Name]
		return pre && !in.Shadowed(x.Name)
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return false
		}
		_, isPkg := in.PackagePath(id.Name)
		return isPkg
	case *ast.ParenExpr:
		return spellable(in, x.X)
	case *ast.StarExpr:
		return spellable(in, x.X)
	case *ast.ArrayType:
		if x.Len != nil {
			if _, ok := typeinfer.ArrayLen(x.Len); !ok {
				return false
			}
		}
		return spellable(in, x.Elt)
	case *ast.MapType:
		return spellable(in, x.Key) && spellable(in, x.Value)
	case *ast.ChanType:
		return spellable(in, x.Value)
	case *ast.Ellipsis:
		return spellable(in, x.Elt)
	case *ast.FuncType:
		for _, fl := range []*ast.FieldList{x.Params, x.Results} {
			if fl == nil {
				continue
			}
			for _, f := range fl.List {
				if !spellable(in, f.Type) {
					return false
				}
			}
		}
		return true
	case *ast.StructType:
		for _, f := range x.Fields.List {
			if !spellable(in, f.Type) {
				return false
			}
		}
		return true
	case *ast.IndexExpr:
		return spellable(in, x.X) && spellable(in, x.Index)
	case *ast.IndexListExpr:
		for _, ix := range x.Indices {
			if !spellable(in, ix) {
				return false
			}
		}
		return spellable(in, x.X)
	}
	return false
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
