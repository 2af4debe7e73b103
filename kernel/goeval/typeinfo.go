package goeval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"
)

// The completer and the inspector need the type of an expression such as
// opt or res.Trace. The evaluator has no type checker, so types are worked
// out from the cells' syntax the way go/types would for the common cases,
// with the compiled packages' reflect types, and failing that from the
// type of the value the interpreter holds. A type declared in a cell stays
// a type expression: the interpreter's reflect type for it has no methods.

// ctype is what is known of an expression's type.
type ctype struct {
	rt  reflect.Type // a compiled type, or the runtime type of a value
	ast ast.Expr     // a type expression of the cells, when rt is nil
	pkg string       // the expression names a package: its import path
}

func (t ctype) known() bool { return t.rt != nil || t.ast != nil || t.pkg != "" }

// maxInferDepth bounds the recursion through names defined by other names.
const maxInferDepth = 32

// typer answers type questions about the cell being edited, with the
// Evaluator's state read-locked.
type typer struct {
	e     *Evaluator
	cell  *cellScope
	depth int
}

// predeclaredTypes maps the predeclared type names to their types.
var predeclaredTypes = map[string]reflect.Type{
	"bool": reflect.TypeFor[bool](), "string": reflect.TypeFor[string](),
	"int": reflect.TypeFor[int](), "int8": reflect.TypeFor[int8](), "int16": reflect.TypeFor[int16](),
	"int32": reflect.TypeFor[int32](), "int64": reflect.TypeFor[int64](),
	"uint": reflect.TypeFor[uint](), "uint8": reflect.TypeFor[uint8](), "uint16": reflect.TypeFor[uint16](),
	"uint32": reflect.TypeFor[uint32](), "uint64": reflect.TypeFor[uint64](), "uintptr": reflect.TypeFor[uintptr](),
	"byte": reflect.TypeFor[byte](), "rune": reflect.TypeFor[rune](),
	"float32": reflect.TypeFor[float32](), "float64": reflect.TypeFor[float64](),
	"complex64": reflect.TypeFor[complex64](), "complex128": reflect.TypeFor[complex128](),
	"error": reflect.TypeFor[error](), "any": reflect.TypeFor[any](),
}

// enter guards the recursion; leave must follow a true enter.
func (ty *typer) enter() bool {
	if ty.depth >= maxInferDepth {
		return false
	}
	ty.depth++
	return true
}

func (ty *typer) leave() { ty.depth-- }

// userType returns the declaration of a type declared in the cell or in an
// earlier cell.
func (ty *typer) userType(name string) *ast.TypeSpec {
	if _, shadow := ty.cell.vals[name]; shadow {
		return nil
	}
	if ts := ty.cell.types[name]; ts != nil {
		return ts
	}
	if u := ty.e.reg.units[name]; u != nil && u.kind == unitType {
		ts, _ := u.node.(*ast.TypeSpec)
		return ts
	}
	return nil
}

// userMethod returns the declaration of a method of a type declared in a
// cell.
func (ty *typer) userMethod(typeName, name string) *ast.FuncDecl {
	if fd := ty.cell.methods[typeName][name]; fd != nil {
		return fd
	}
	if u := ty.e.reg.methods[typeName][name]; u != nil {
		fd, _ := u.node.(*ast.FuncDecl)
		return fd
	}
	return nil
}

// packagePath returns the import path a name stands for, unless a
// variable, function or type of the cells hides the package.
func (ty *typer) packagePath(name string) (string, bool) {
	if ty.shadowed(name) {
		return "", false
	}
	if p, ok := ty.e.imports[name]; ok {
		return p, true
	}
	return ty.e.pkgs.resolveName(name)
}

// shadowed reports whether the cells declare name.
func (ty *typer) shadowed(name string) bool {
	if _, ok := ty.cell.vals[name]; ok {
		return true
	}
	if ty.cell.funcs[name] != nil || ty.cell.types[name] != nil {
		return true
	}
	if _, ok := ty.e.reg.units[name]; ok {
		return true
	}
	_, ok := ty.e.globalTypes[name]
	return ok
}

// typeOf returns the type of expression x.
func (ty *typer) typeOf(x ast.Expr) ctype {
	if x == nil || !ty.enter() {
		return ctype{}
	}
	defer ty.leave()
	switch x := x.(type) {
	case *ast.Ident:
		return ty.identType(x.Name)
	case *ast.ParenExpr:
		return ty.typeOf(x.X)
	case *ast.BasicLit:
		switch x.Kind {
		case token.INT:
			return ctype{rt: predeclaredTypes["int"]}
		case token.FLOAT:
			return ctype{rt: predeclaredTypes["float64"]}
		case token.IMAG:
			return ctype{rt: predeclaredTypes["complex128"]}
		case token.CHAR:
			return ctype{rt: predeclaredTypes["rune"]}
		case token.STRING:
			return ctype{rt: predeclaredTypes["string"]}
		}
	case *ast.CompositeLit:
		return ty.typeExpr(x.Type)
	case *ast.FuncLit:
		return ctype{ast: x.Type}
	case *ast.UnaryExpr:
		switch x.Op {
		case token.AND:
			return pointerTo(ty.typeOf(x.X))
		case token.ARROW:
			return ty.elem(ty.typeOf(x.X))
		case token.NOT:
			return ctype{rt: predeclaredTypes["bool"]}
		}
		return ty.typeOf(x.X)
	case *ast.StarExpr:
		return ty.deref(ty.typeOf(x.X))
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return ctype{rt: predeclaredTypes["bool"]}
		case token.SHL, token.SHR:
			return ty.typeOf(x.X)
		}
		// An untyped constant operand takes the other operand's type.
		if _, lit := x.X.(*ast.BasicLit); !lit {
			if t := ty.typeOf(x.X); t.known() {
				return t
			}
		}
		if t := ty.typeOf(x.Y); t.known() {
			return t
		}
		return ty.typeOf(x.X)
	case *ast.IndexExpr:
		if t := ty.typeOf(x.X); t.rt != nil || t.ast != nil {
			return ty.elem(t)
		}
	case *ast.SliceExpr:
		t := ty.typeOf(x.X)
		if t.rt != nil && t.rt.Kind() == reflect.Array {
			return ctype{rt: reflect.SliceOf(t.rt.Elem())}
		}
		return t
	case *ast.TypeAssertExpr:
		return ty.typeExpr(x.Type)
	case *ast.SelectorExpr:
		base := ty.typeOf(x.X)
		if base.pkg != "" {
			return ty.packageMemberType(base.pkg, x.Sel.Name)
		}
		return ty.member(base, x.Sel.Name)
	case *ast.CallExpr:
		if r := ty.results(x); len(r) > 0 {
			return r[0]
		}
	}
	return ctype{}
}

// identType returns the type of a name: a variable of the cell, a function
// or variable of the session, a package, or a predeclared constant.
func (ty *typer) identType(name string) ctype {
	if b, ok := ty.cell.vals[name]; ok {
		return ty.bindingType(b)
	}
	if fd := ty.cell.funcs[name]; fd != nil {
		return ctype{ast: fd.Type}
	}
	if ty.cell.types[name] != nil {
		return ctype{}
	}
	if u := ty.e.reg.units[name]; u != nil {
		switch u.kind {
		case unitFunc:
			if fd, ok := u.node.(*ast.FuncDecl); ok {
				return ctype{ast: fd.Type}
			}
		case unitVar, unitConst:
			if b, ok := unitBinding(u, name); ok {
				if t := ty.bindingType(b); t.known() {
					return t
				}
			}
		}
	}
	if rt := ty.e.globalTypes[name]; rt != nil {
		return ctype{rt: rt}
	}
	if p, ok := ty.packagePath(name); ok {
		return ctype{pkg: p}
	}
	switch name {
	case "true", "false":
		return ctype{rt: predeclaredTypes["bool"]}
	}
	return ctype{}
}

// bindingType returns the type a binding gives its name.
func (ty *typer) bindingType(b binding) ctype {
	if b.typ != nil {
		if ell, ok := b.typ.(*ast.Ellipsis); ok && b.params {
			return ty.typeExpr(&ast.ArrayType{Elt: ell.Elt})
		}
		return ty.typeExpr(b.typ)
	}
	if b.val == nil {
		return ctype{}
	}
	switch {
	case b.rangeOf:
		return ty.rangeType(ty.typeOf(b.val), b.index)
	case b.multi:
		return ty.valueAt(b.val, b.index)
	}
	return ty.typeOf(b.val)
}

// valueAt returns the type of the index-th value of a multi-valued
// expression: a call, or a comma-ok map index, type assertion or receive.
func (ty *typer) valueAt(x ast.Expr, index int) ctype {
	if p, ok := x.(*ast.ParenExpr); ok {
		return ty.valueAt(p.X, index)
	}
	if call, ok := x.(*ast.CallExpr); ok {
		if r := ty.results(call); index < len(r) {
			return r[index]
		}
		return ctype{}
	}
	if index == 1 {
		return ctype{rt: predeclaredTypes["bool"]}
	}
	return ty.typeOf(x)
}

// rangeType returns the type of a range clause's key (index 0) or value.
func (ty *typer) rangeType(t ctype, index int) ctype {
	intType := ctype{rt: predeclaredTypes["int"]}
	if t.rt != nil {
		rt := t.rt
		if rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Array {
			rt = rt.Elem()
		}
		switch rt.Kind() {
		case reflect.Slice, reflect.Array:
			if index == 0 {
				return intType
			}
			return ctype{rt: rt.Elem()}
		case reflect.Map:
			if index == 0 {
				return ctype{rt: rt.Key()}
			}
			return ctype{rt: rt.Elem()}
		case reflect.String:
			if index == 0 {
				return intType
			}
			return ctype{rt: predeclaredTypes["rune"]}
		case reflect.Chan:
			return ctype{rt: rt.Elem()}
		}
		if isIntKind(rt.Kind()) {
			return t
		}
		return ctype{}
	}
	switch u := ty.underlying(t.ast).(type) {
	case *ast.ArrayType:
		if index == 0 {
			return intType
		}
		return ty.typeExpr(u.Elt)
	case *ast.MapType:
		if index == 0 {
			return ty.typeExpr(u.Key)
		}
		return ty.typeExpr(u.Value)
	case *ast.ChanType:
		return ty.typeExpr(u.Value)
	}
	return ctype{}
}

// results returns the types of a call's results: of a function, a method,
// a conversion or a builtin.
func (ty *typer) results(call *ast.CallExpr) []ctype {
	if t, ok := ty.namedType(call.Fun); ok {
		return []ctype{t} // a conversion
	}
	if id, ok := call.Fun.(*ast.Ident); ok && !ty.shadowed(id.Name) {
		arg := func(i int) ast.Expr {
			if i < len(call.Args) {
				return call.Args[i]
			}
			return nil
		}
		switch id.Name {
		case "new":
			return []ctype{pointerTo(ty.typeExpr(arg(0)))}
		case "make":
			return []ctype{ty.typeExpr(arg(0))}
		case "append", "min", "max":
			return []ctype{ty.typeOf(arg(0))}
		case "len", "cap", "copy":
			return []ctype{{rt: predeclaredTypes["int"]}}
		case "complex":
			return []ctype{{rt: predeclaredTypes["complex128"]}}
		case "real", "imag":
			return []ctype{{rt: predeclaredTypes["float64"]}}
		case "recover":
			return []ctype{{rt: predeclaredTypes["any"]}}
		}
	}
	fn := ty.typeOf(call.Fun)
	if fn.rt != nil && fn.rt.Kind() == reflect.Func {
		out := make([]ctype, fn.rt.NumOut())
		for i := range out {
			out[i] = ctype{rt: fn.rt.Out(i)}
		}
		return out
	}
	if ft, ok := fn.ast.(*ast.FuncType); ok && ft.Results != nil {
		var out []ctype
		for _, f := range ft.Results.List {
			t := ty.typeExpr(f.Type)
			for range max(len(f.Names), 1) {
				out = append(out, t)
			}
		}
		return out
	}
	return nil
}

// namedType reports whether x names a type, and which.
func (ty *typer) namedType(x ast.Expr) (ctype, bool) {
	switch x := x.(type) {
	case *ast.Ident:
		if rt, ok := predeclaredTypes[x.Name]; ok && !ty.shadowed(x.Name) {
			return ctype{rt: rt}, true
		}
		if ty.userType(x.Name) != nil {
			return ctype{ast: x}, true
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if p, ok := ty.packagePath(id.Name); ok {
				if v, ok := ty.e.pkgs.symbol(p, x.Sel.Name); ok && isTypeSymbol(v) {
					return ctype{rt: v.Type().Elem()}, true
				}
			}
		}
	case *ast.ParenExpr:
		return ty.namedType(x.X)
	case *ast.StarExpr:
		if t, ok := ty.namedType(x.X); ok {
			return pointerTo(t), true
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
		return ty.typeExpr(x), true
	}
	return ctype{}, false
}

// typeExpr resolves a type expression: to a reflect type when every part
// is compiled or predeclared, else it stays the expression.
func (ty *typer) typeExpr(x ast.Expr) ctype {
	if x == nil || !ty.enter() {
		return ctype{}
	}
	defer ty.leave()
	switch t := x.(type) {
	case *ast.Ident:
		if ty.userType(t.Name) != nil {
			return ctype{ast: t}
		}
		if rt, ok := predeclaredTypes[t.Name]; ok {
			return ctype{rt: rt}
		}
		return ctype{}
	case *ast.SelectorExpr:
		nt, _ := ty.namedType(t)
		return nt
	case *ast.ParenExpr:
		return ty.typeExpr(t.X)
	case *ast.StarExpr:
		inner := ty.typeExpr(t.X)
		if inner.rt != nil {
			return ctype{rt: reflect.PointerTo(inner.rt)}
		}
		if inner.ast != nil {
			return ctype{ast: t}
		}
		return ctype{}
	case *ast.ArrayType:
		if el := ty.typeExpr(t.Elt); el.rt != nil {
			if n, ok := arrayLen(t.Len); ok {
				return ctype{rt: reflect.ArrayOf(n, el.rt)}
			}
			return ctype{rt: reflect.SliceOf(el.rt)}
		}
		return ctype{ast: t}
	case *ast.MapType:
		k, v := ty.typeExpr(t.Key), ty.typeExpr(t.Value)
		if k.rt != nil && v.rt != nil && k.rt.Comparable() {
			return ctype{rt: reflect.MapOf(k.rt, v.rt)}
		}
		return ctype{ast: t}
	case *ast.Ellipsis:
		return ty.typeExpr(&ast.ArrayType{Elt: t.Elt})
	case *ast.FuncType, *ast.StructType, *ast.InterfaceType, *ast.ChanType:
		return ctype{ast: t}
	}
	return ctype{}
}

// arrayLen returns the length of [N]T when N is an integer literal; a slice
// or [...]T gives false.
func arrayLen(x ast.Expr) (int, bool) {
	lit, ok := x.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return 0, false
	}
	v := constant.MakeFromLiteral(lit.Value, token.INT, 0)
	n, exact := constant.Int64Val(v)
	if !exact || n < 0 || n > 1<<20 {
		return 0, false
	}
	return int(n), true
}

// underlying returns the type expression a cell's type expression stands
// for: the definition of a type declared in a cell, through pointers too
// when deref is set.
func (ty *typer) underlying(x ast.Expr) ast.Expr {
	for range maxInferDepth {
		switch t := x.(type) {
		case *ast.ParenExpr:
			x = t.X
			continue
		case *ast.Ident:
			ts := ty.userType(t.Name)
			if ts == nil {
				return x
			}
			x = ts.Type
			continue
		}
		return x
	}
	return x
}

// packageMemberType returns the type of the value pkg.name: a function, a
// variable or a typed constant (an untyped one takes its default type).
func (ty *typer) packageMemberType(pkg, name string) ctype {
	v, ok := ty.e.pkgs.symbol(pkg, name)
	if !ok || !v.IsValid() || isTypeSymbol(v) {
		return ctype{}
	}
	if v.Type().Implements(constantType) && v.CanInterface() {
		switch v.Interface().(constant.Value).Kind() {
		case constant.Int:
			return ctype{rt: predeclaredTypes["int"]}
		case constant.Float:
			return ctype{rt: predeclaredTypes["float64"]}
		case constant.String:
			return ctype{rt: predeclaredTypes["string"]}
		case constant.Bool:
			return ctype{rt: predeclaredTypes["bool"]}
		}
		return ctype{}
	}
	return ctype{rt: v.Type()}
}

// pointerTo returns *t.
func pointerTo(t ctype) ctype {
	switch {
	case t.rt != nil:
		return ctype{rt: reflect.PointerTo(t.rt)}
	case t.ast != nil:
		return ctype{ast: &ast.StarExpr{X: t.ast}}
	}
	return ctype{}
}

// deref returns the type *t points to.
func (ty *typer) deref(t ctype) ctype {
	if t.rt != nil {
		if t.rt.Kind() == reflect.Pointer {
			return ctype{rt: t.rt.Elem()}
		}
		return ctype{}
	}
	if s, ok := ty.underlying(t.ast).(*ast.StarExpr); ok {
		return ty.typeExpr(s.X)
	}
	return ctype{}
}

// elem returns the element type of an indexed, received or dereferenced
// value.
func (ty *typer) elem(t ctype) ctype {
	if t.rt != nil {
		rt := t.rt
		if rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Array {
			rt = rt.Elem()
		}
		switch rt.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
			return ctype{rt: rt.Elem()}
		case reflect.String:
			return ctype{rt: predeclaredTypes["byte"]}
		}
		return ctype{}
	}
	switch u := ty.underlying(t.ast).(type) {
	case *ast.ArrayType:
		return ty.typeExpr(u.Elt)
	case *ast.MapType:
		return ty.typeExpr(u.Value)
	case *ast.ChanType:
		return ty.typeExpr(u.Value)
	}
	return ctype{}
}
