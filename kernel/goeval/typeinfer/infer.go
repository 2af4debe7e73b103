package typeinfer

import (
	"go/ast"
	"go/token"
	"reflect"
)

// maxDepth bounds the recursion through names defined by other names.
const maxDepth = 32

// Inferer answers type questions about a piece of code.
type Inferer struct {
	// Session is what earlier cells and the packages declare.
	Session Session
	// Scopes are searched innermost first (the locals of an item, then
	// the cell), before the Session.
	Scopes []*Scope
	// Last makes the last of a name's bindings in a scope give its type
	// (completion, where the bindings come before the cursor); otherwise
	// they must all agree, or the type is unknown.
	Last bool
	// Hide tells the names the evaluator adds to the code it runs (fields
	// among them), which Members leaves out.
	Hide func(name string) bool

	depth int
	busy  map[busyKey]bool // bindings being resolved (x := x * 2)
}

// busyKey names the bindings of a name in a scope (layer -1: the session).
type busyKey struct {
	layer int
	name  string
}

// New returns an Inferer over the session and scopes, innermost first.
func New(s Session, scopes ...*Scope) *Inferer {
	return &Inferer{Session: s, Scopes: scopes}
}

func (in *Inferer) enter() bool {
	if in.depth >= maxDepth {
		return false
	}
	in.depth++
	return true
}

func (in *Inferer) leave() { in.depth-- }

// hold marks the bindings of name in layer as being resolved; release
// undoes it.
func (in *Inferer) hold(layer int, name string) bool {
	k := busyKey{layer, name}
	if in.busy[k] {
		return false
	}
	if in.busy == nil {
		in.busy = map[busyKey]bool{}
	}
	in.busy[k] = true
	return true
}

func (in *Inferer) release(layer int, name string) { delete(in.busy, busyKey{layer, name}) }

// Shadowed reports whether the code or the session declares name, so that
// it is not the predeclared identifier or the package of that name.
func (in *Inferer) Shadowed(name string) bool {
	for _, s := range in.Scopes {
		if s.Declares(name) {
			return true
		}
	}
	if in.Session == nil {
		return false
	}
	if _, k := in.Session.Decl(name); k != DeclNone {
		return true
	}
	_, ok := in.Session.Global(name)
	return ok
}

// PackagePath returns the import path a name stands for, unless a
// declaration hides the package.
func (in *Inferer) PackagePath(name string) (string, bool) {
	if in.Session == nil || in.Shadowed(name) {
		return "", false
	}
	return in.Session.Package(name)
}

// UserType returns the declaration of a type declared in the code or in an
// earlier cell.
func (in *Inferer) UserType(name string) *ast.TypeSpec {
	for _, s := range in.Scopes {
		if _, v := s.Vals[name]; v {
			return nil
		}
		if s.Funcs[name] != nil {
			return nil
		}
		if ts := s.Types[name]; ts != nil {
			return ts
		}
	}
	if in.Session != nil {
		if n, k := in.Session.Decl(name); k == DeclType {
			ts, _ := n.(*ast.TypeSpec)
			return ts
		}
	}
	return nil
}

// UserFunc returns the declaration of a package-level function of the
// code or of an earlier cell.
func (in *Inferer) UserFunc(name string) *ast.FuncDecl {
	for _, s := range in.Scopes {
		if _, v := s.Vals[name]; v {
			return nil
		}
		if s.Types[name] != nil {
			return nil
		}
		if fd := s.Funcs[name]; fd != nil {
			return fd
		}
	}
	if in.Session != nil {
		if n, k := in.Session.Decl(name); k == DeclFunc {
			fd, _ := n.(*ast.FuncDecl)
			return fd
		}
	}
	return nil
}

// UserMethod returns the declaration of a method of a type declared in the
// code or in an earlier cell.
func (in *Inferer) UserMethod(typeName, name string) *ast.FuncDecl {
	for _, s := range in.Scopes {
		if fd := s.Methods[typeName][name]; fd != nil {
			return fd
		}
	}
	if in.Session != nil {
		return in.Session.Method(typeName, name)
	}
	return nil
}

// UserMethodNames lists the methods of a type declared in the code or in
// an earlier cell.
func (in *Inferer) UserMethodNames(typeName string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if in.Session != nil {
		for _, n := range in.Session.MethodNames(typeName) {
			add(n)
		}
	}
	for _, s := range in.Scopes {
		for n := range s.Methods[typeName] {
			add(n)
		}
	}
	return out
}

// TypeOf returns the type of expression x.
func (in *Inferer) TypeOf(x ast.Expr) Type {
	if x == nil || !in.enter() {
		return Type{}
	}
	defer in.leave()
	switch x := x.(type) {
	case *ast.Ident:
		return in.IdentType(x.Name)
	case *ast.ParenExpr:
		return in.TypeOf(x.X)
	case *ast.BasicLit:
		return literalType(x)
	case *ast.CompositeLit:
		return in.TypeExpr(x.Type)
	case *ast.FuncLit:
		return Type{AST: x.Type}
	case *ast.UnaryExpr:
		switch x.Op {
		case token.AND:
			return PointerTo(in.TypeOf(x.X))
		case token.ARROW:
			return in.Elem(in.TypeOf(x.X))
		case token.NOT:
			t := in.TypeOf(x.X)
			if !t.IsType() {
				return Type{RT: boolType, Untyped: true}
			}
			return t
		}
		return in.TypeOf(x.X)
	case *ast.StarExpr:
		return in.Deref(in.TypeOf(x.X))
	case *ast.BinaryExpr:
		return in.binary(x)
	case *ast.IndexExpr:
		if ft, ok := in.instantiated(x); ok {
			return ft
		}
		return in.Elem(in.TypeOf(x.X))
	case *ast.IndexListExpr:
		if ft, ok := in.instantiated(x); ok {
			return ft
		}
	case *ast.SliceExpr:
		t := in.TypeOf(x.X)
		if t.RT != nil {
			rt := t.RT
			if rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Array {
				rt = rt.Elem()
			}
			if rt.Kind() == reflect.Array {
				return Type{RT: reflect.SliceOf(rt.Elem())}
			}
			if rt.Kind() == reflect.Slice || rt.Kind() == reflect.String {
				return Type{RT: t.RT}
			}
			return Type{}
		}
		if a, ok := in.Underlying(t.AST).(*ast.ArrayType); ok && a.Len != nil {
			return Type{AST: &ast.ArrayType{Elt: a.Elt}}
		}
		return Type{AST: t.AST}
	case *ast.TypeAssertExpr:
		return in.TypeExpr(x.Type)
	case *ast.SelectorExpr:
		return in.selector(x)
	case *ast.CallExpr:
		if r, _ := in.Results(x); len(r) > 0 {
			return r[0]
		}
	}
	return Type{}
}

// binary returns the type of a binary expression.
func (in *Inferer) binary(x *ast.BinaryExpr) Type {
	switch x.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
		return Type{RT: boolType, Untyped: true}
	case token.SHL, token.SHR:
		return in.TypeOf(x.X)
	}
	a, b := in.TypeOf(x.X), in.TypeOf(x.Y)
	switch {
	case a.IsType() && !a.Untyped:
		return a
	case b.IsType() && !b.Untyped:
		return b
	case a.Untyped && b.Untyped:
		// Untyped constants: the kind that comes later in int, rune,
		// float, complex wins; strings stay strings.
		if constRank(b.RT) > constRank(a.RT) {
			return b
		}
		return a
	}
	return Type{}
}

func constRank(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Int32:
		return 1
	case reflect.Float64:
		return 2
	case reflect.Complex128:
		return 3
	}
	return 0
}

// IdentType returns the type of a name used as a value: a variable or
// function of the code or of the session, a package, or a predeclared
// constant.
func (in *Inferer) IdentType(name string) Type {
	for i, s := range in.Scopes {
		if bs, ok := s.Vals[name]; ok {
			if !in.hold(i, name) {
				continue // x := x * 2: the x on the right is an outer one
			}
			t := in.bindingsType(bs)
			in.release(i, name)
			return t
		}
		if fd := s.Funcs[name]; fd != nil {
			return Type{AST: fd.Type}
		}
		if s.Types[name] != nil {
			return Type{}
		}
	}
	if in.Session != nil {
		n, k := in.Session.Decl(name)
		switch k {
		case DeclFunc:
			if fd, ok := n.(*ast.FuncDecl); ok {
				return Type{AST: fd.Type}
			}
		case DeclType:
			return Type{}
		case DeclVar, DeclConst:
			if b, ok := BindingIn(n, name); ok && in.hold(-1, name) {
				t := in.BindingType(b)
				in.release(-1, name)
				if t.Known() {
					return t
				}
			}
		}
		if rt, ok := in.Session.Global(name); ok && rt != nil {
			return Type{RT: rt}
		}
		if k == DeclNone {
			if p, ok := in.Session.Package(name); ok {
				return Type{Pkg: p}
			}
		}
	}
	switch name {
	case "true", "false":
		return Type{RT: boolType, Untyped: true}
	case "iota":
		return Type{RT: intType, Untyped: true}
	}
	return Type{}
}

// bindingsType returns the type the bindings of one name in a scope agree
// on (or, with Last, the last one's).
func (in *Inferer) bindingsType(bs []Binding) Type {
	if len(bs) == 0 {
		return Type{}
	}
	if in.Last {
		return in.BindingType(bs[len(bs)-1])
	}
	out := in.BindingType(bs[0])
	for _, b := range bs[1:] {
		if !out.IsType() {
			return Type{}
		}
		t := in.BindingType(b)
		if !Same(t, out) || t.Untyped != out.Untyped {
			return Type{}
		}
	}
	return out
}

// BindingType returns the type a binding gives its name.
func (in *Inferer) BindingType(b Binding) Type {
	if b.Typ != nil {
		if ell, ok := b.Typ.(*ast.Ellipsis); ok && b.Params {
			return in.TypeExpr(&ast.ArrayType{Elt: ell.Elt})
		}
		return in.TypeExpr(b.Typ)
	}
	if b.Val == nil {
		return Type{}
	}
	var t Type
	switch {
	case b.RangeOf:
		t = in.rangeType(in.TypeOf(b.Val), b.Index)
	case b.Multi:
		t = in.valueAt(b.Val, b.Index)
	default:
		t = in.TypeOf(b.Val)
	}
	if !b.Constant {
		t.Untyped = false // a variable has the constant's default type
	}
	return t
}

// valueAt returns the type of the index-th value of a multi-valued
// expression: a call, or a comma-ok map index, type assertion or receive.
func (in *Inferer) valueAt(x ast.Expr, index int) Type {
	x = Unparen(x)
	if call, ok := x.(*ast.CallExpr); ok {
		if _, conv := in.NamedType(call.Fun); !conv {
			if r, _ := in.Results(call); index < len(r) {
				return r[index]
			}
			return Type{}
		}
	}
	if index == 1 {
		return Type{RT: boolType}
	}
	if index == 0 {
		return in.TypeOf(x)
	}
	return Type{}
}

// rangeType returns the type of a range clause's key (index 0) or value
// over a value of type t.
func (in *Inferer) rangeType(t Type, index int) Type {
	integer := Type{RT: intType}
	if t.RT != nil {
		rt := t.RT
		if rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Array {
			rt = rt.Elem()
		}
		switch rt.Kind() {
		case reflect.Slice, reflect.Array:
			if index == 0 {
				return integer
			}
			return Type{RT: rt.Elem()}
		case reflect.Map:
			if index == 0 {
				return Type{RT: rt.Key()}
			}
			return Type{RT: rt.Elem()}
		case reflect.String:
			if index == 0 {
				return integer
			}
			return Type{RT: Predeclared["rune"]}
		case reflect.Chan:
			return Type{RT: rt.Elem()}
		}
		if IsIntKind(rt.Kind()) && index == 0 {
			return Type{RT: t.RT}
		}
		return Type{}
	}
	switch u := in.Underlying(t.AST).(type) {
	case *ast.ArrayType:
		if index == 0 {
			return integer
		}
		return in.TypeExpr(u.Elt)
	case *ast.MapType:
		if index == 0 {
			return in.TypeExpr(u.Key)
		}
		return in.TypeExpr(u.Value)
	case *ast.ChanType:
		return in.TypeExpr(u.Value)
	}
	if in.Kind(t) != reflect.Invalid && IsIntKind(in.Kind(t)) && index == 0 {
		return t
	}
	return Type{}
}

// selector returns the type of x.Sel: a package member, a field, a method
// value, or a method expression (T.M, (*T).M).
func (in *Inferer) selector(x *ast.SelectorExpr) Type {
	if id, ok := x.X.(*ast.Ident); ok {
		if p, ok := in.PackagePath(id.Name); ok {
			return in.PackageMemberType(p, x.Sel.Name)
		}
	}
	if recv, ok := in.NamedType(x.X); ok {
		return in.methodExpr(recv, x.Sel.Name)
	}
	return in.Member(in.TypeOf(x.X), x.Sel.Name)
}

// methodExpr returns the type of the method expression T.M: M's function
// type with the receiver as first parameter.
func (in *Inferer) methodExpr(recv Type, name string) Type {
	m, ok := in.LookupMember(recv, name)
	if !ok || m.Kind != "method" {
		return Type{}
	}
	switch {
	case m.Type.RT != nil && recv.RT != nil:
		ft := m.Type.RT
		ins := []reflect.Type{recv.RT}
		for i := 0; i < ft.NumIn(); i++ {
			ins = append(ins, ft.In(i))
		}
		outs := make([]reflect.Type, ft.NumOut())
		for i := range outs {
			outs[i] = ft.Out(i)
		}
		return Type{RT: reflect.FuncOf(ins, outs, ft.IsVariadic())}
	case recv.IsType():
		ft, ok := m.Type.AST.(*ast.FuncType)
		if !ok {
			return Type{}
		}
		rx := recv.AST
		if rx == nil {
			return Type{}
		}
		params := &ast.FieldList{List: []*ast.Field{{Type: rx}}}
		if ft.Params != nil {
			params.List = append(params.List, ft.Params.List...)
		}
		return Type{AST: &ast.FuncType{Params: params, Results: ft.Results}}
	}
	return Type{}
}

// PackageMemberType returns the type of the value pkg.name: a function, a
// variable or a constant (an untyped one has its default type, marked
// untyped).
func (in *Inferer) PackageMemberType(pkg, name string) Type {
	if in.Session == nil {
		return Type{}
	}
	v, ok := in.Session.Symbol(pkg, name)
	if !ok || !v.IsValid() || IsTypeSymbol(v) {
		return Type{}
	}
	if c, ok := ConstantOf(v); ok {
		return ConstantType(c)
	}
	return Type{RT: v.Type()}
}

// Results returns the types of a call's results (a function, a method, a
// conversion or a builtin) and whether their number is known; the types
// of some may still be unknown.
func (in *Inferer) Results(call *ast.CallExpr) ([]Type, bool) {
	if !in.enter() {
		return nil, false
	}
	defer in.leave()
	fun := Unparen(call.Fun)
	if t, ok := in.NamedType(fun); ok {
		t.Untyped = false
		return []Type{t}, true // a conversion
	}
	if id, ok := fun.(*ast.Ident); ok && !in.Shadowed(id.Name) {
		if r, ok := in.builtinResults(id.Name, call); ok {
			return r, true
		}
	}
	if ft, ok := in.instantiated(fun); ok {
		return in.funcResults(ft)
	}
	if fd, explicit := in.sourceFunc(fun); fd != nil {
		if r, ok := in.sourceResults(fd, explicit, call); ok {
			return r, true
		}
		return make([]Type, resultCount(fd.Type)), true
	}
	if id, ok := fun.(*ast.Ident); ok {
		if fd := in.UserFunc(id.Name); fd != nil && fd.Type.TypeParams != nil {
			// A generic function called without type arguments: the
			// number of results is known, their types when the type
			// arguments can be inferred.
			if r, ok := in.inferredResults(fd, call); ok {
				return r, true
			}
			return make([]Type, resultCount(fd.Type)), true
		}
	}
	return in.funcResults(in.TypeOf(fun))
}

// funcResults returns the results of a function of type fn.
func (in *Inferer) funcResults(fn Type) ([]Type, bool) {
	if fn.RT != nil {
		if fn.RT.Kind() != reflect.Func {
			return nil, false
		}
		out := make([]Type, fn.RT.NumOut())
		for i := range out {
			out[i] = Type{RT: fn.RT.Out(i)}
		}
		return out, true
	}
	ft, ok := in.Underlying(fn.AST).(*ast.FuncType)
	if !ok {
		return nil, false
	}
	if ft.Results == nil {
		return nil, true
	}
	var out []Type
	for _, f := range ft.Results.List {
		t := in.TypeExpr(f.Type)
		for range max(len(f.Names), 1) {
			out = append(out, t)
		}
	}
	return out, true
}

// resultCount returns the number of results of a function type.
func resultCount(ft *ast.FuncType) int {
	if ft.Results == nil {
		return 0
	}
	n := 0
	for _, f := range ft.Results.List {
		n += max(len(f.Names), 1)
	}
	return n
}

// builtinResults returns the results of a call of a builtin function.
func (in *Inferer) builtinResults(name string, call *ast.CallExpr) ([]Type, bool) {
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	one := func(t Type) ([]Type, bool) { return []Type{t}, true }
	switch name {
	case "new":
		return one(PointerTo(in.TypeExpr(arg(0))))
	case "make":
		return one(in.TypeExpr(arg(0)))
	case "append":
		return one(in.TypeOf(arg(0)))
	case "min", "max":
		var t Type
		for _, a := range call.Args {
			at := in.TypeOf(a)
			if at.IsType() && !at.Untyped {
				return one(at)
			}
			if !t.IsType() || (at.IsType() && constRank(at.RT) > constRank(t.RT)) {
				t = at
			}
		}
		return one(t)
	case "len", "cap", "copy":
		return one(Type{RT: intType})
	case "complex":
		return one(Type{RT: Predeclared["complex128"]})
	case "real", "imag":
		return one(Type{RT: Predeclared["float64"]})
	case "recover":
		return one(Type{RT: Predeclared["any"]})
	case "print", "println", "panic", "close", "delete", "clear":
		return nil, true
	}
	return nil, false
}

// NamedType reports whether x denotes a type (the function of a call that
// is a conversion), and which.
func (in *Inferer) NamedType(x ast.Expr) (Type, bool) {
	switch x := x.(type) {
	case *ast.Ident:
		if rt, ok := Predeclared[x.Name]; ok && !in.Shadowed(x.Name) {
			return Type{RT: rt}, true
		}
		if in.UserType(x.Name) != nil {
			return Type{AST: x}, true
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if p, ok := in.PackagePath(id.Name); ok && in.Session != nil {
				if v, ok := in.Session.Symbol(p, x.Sel.Name); ok && IsTypeSymbol(v) {
					return Type{RT: v.Type().Elem()}, true
				}
			}
		}
	case *ast.ParenExpr:
		return in.NamedType(x.X)
	case *ast.StarExpr:
		if t, ok := in.NamedType(x.X); ok {
			return PointerTo(t), true
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		if base, _, ok := genericBase(x); ok {
			if ts := in.UserType(base.Name); ts != nil && ts.TypeParams != nil {
				return Type{AST: x}, true
			}
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
		return in.TypeExpr(x), true
	}
	return Type{}, false
}

// TypeExpr resolves a type expression: to a reflect type when every part
// is compiled or predeclared, else it stays the expression.
func (in *Inferer) TypeExpr(x ast.Expr) Type {
	if x == nil || !in.enter() {
		return Type{}
	}
	defer in.leave()
	switch t := x.(type) {
	case *ast.Ident:
		if in.UserType(t.Name) != nil {
			return Type{AST: t}
		}
		if rt, ok := Predeclared[t.Name]; ok && !in.Shadowed(t.Name) {
			return Type{RT: rt}
		}
		return Type{}
	case *ast.SelectorExpr:
		nt, _ := in.NamedType(t)
		return nt
	case *ast.ParenExpr:
		return in.TypeExpr(t.X)
	case *ast.StarExpr:
		// A composite type whose parts are unknown (type parameters) is
		// still known to be a composite: it stays the expression.
		inner := in.TypeExpr(t.X)
		if inner.RT != nil {
			return Type{RT: reflect.PointerTo(inner.RT)}
		}
		return Type{AST: t}
	case *ast.ArrayType:
		el := in.TypeExpr(t.Elt)
		if el.RT != nil {
			if t.Len == nil {
				return Type{RT: reflect.SliceOf(el.RT)}
			}
			if n, ok := ArrayLen(t.Len); ok {
				return Type{RT: reflect.ArrayOf(n, el.RT)}
			}
		}
		return Type{AST: t}
	case *ast.MapType:
		k, v := in.TypeExpr(t.Key), in.TypeExpr(t.Value)
		if k.RT != nil && v.RT != nil && k.RT.Comparable() {
			return Type{RT: reflect.MapOf(k.RT, v.RT)}
		}
		return Type{AST: t}
	case *ast.ChanType:
		el := in.TypeExpr(t.Value)
		if el.RT != nil {
			dir := reflect.BothDir
			switch t.Dir {
			case ast.SEND:
				dir = reflect.SendDir
			case ast.RECV:
				dir = reflect.RecvDir
			}
			return Type{RT: reflect.ChanOf(dir, el.RT)}
		}
		return Type{AST: t}
	case *ast.Ellipsis:
		return in.TypeExpr(&ast.ArrayType{Elt: t.Elt})
	case *ast.InterfaceType:
		if t.Methods == nil || len(t.Methods.List) == 0 {
			return Type{RT: Predeclared["any"]}
		}
		return Type{AST: t}
	case *ast.FuncType, *ast.StructType:
		return Type{AST: t}
	case *ast.IndexExpr, *ast.IndexListExpr:
		if nt, ok := in.NamedType(t); ok {
			return nt
		}
	}
	return Type{}
}

// Underlying returns the type expression a cell's type expression stands
// for: the definition of a type declared in a cell (a generic one with its
// type arguments substituted).
func (in *Inferer) Underlying(x ast.Expr) ast.Expr {
	for range maxDepth {
		switch t := x.(type) {
		case *ast.ParenExpr:
			x = t.X
			continue
		case *ast.Ident:
			ts := in.UserType(t.Name)
			if ts == nil || ts.TypeParams != nil {
				return x
			}
			x = ts.Type
			continue
		case *ast.IndexExpr, *ast.IndexListExpr:
			base, args, _ := genericBase(t)
			if base == nil {
				return x
			}
			ts := in.UserType(base.Name)
			if ts == nil || ts.TypeParams == nil {
				return x
			}
			x = Substitute(ts.Type, typeParamNames(ts.TypeParams), args)
			continue
		}
		return x
	}
	return x
}

// Kind returns the kind of a type: of its compiled type, or of the
// underlying type expression of a cell's type.
func (in *Inferer) Kind(t Type) reflect.Kind {
	if t.RT != nil {
		return t.RT.Kind()
	}
	if t.AST == nil {
		return reflect.Invalid
	}
	switch u := in.Underlying(t.AST).(type) {
	case *ast.ArrayType:
		if u.Len == nil {
			return reflect.Slice
		}
		return reflect.Array
	case *ast.MapType:
		return reflect.Map
	case *ast.ChanType:
		return reflect.Chan
	case *ast.FuncType:
		return reflect.Func
	case *ast.StructType:
		return reflect.Struct
	case *ast.InterfaceType:
		return reflect.Interface
	case *ast.StarExpr:
		return reflect.Pointer
	case *ast.Ident, *ast.SelectorExpr:
		if rt := in.TypeExpr(u).RT; rt != nil {
			return rt.Kind()
		}
	}
	return reflect.Invalid
}

// PointerTo returns *t.
func PointerTo(t Type) Type {
	switch {
	case t.RT != nil:
		return Type{RT: reflect.PointerTo(t.RT)}
	case t.AST != nil:
		return Type{AST: &ast.StarExpr{X: t.AST}}
	}
	return Type{}
}

// Deref returns the type *t points to.
func (in *Inferer) Deref(t Type) Type {
	if t.RT != nil {
		if t.RT.Kind() == reflect.Pointer {
			return Type{RT: t.RT.Elem()}
		}
		return Type{}
	}
	if s, ok := in.Underlying(t.AST).(*ast.StarExpr); ok {
		return in.TypeExpr(s.X)
	}
	return Type{}
}

// Elem returns the element type of an indexed or received value of type t.
func (in *Inferer) Elem(t Type) Type {
	if t.RT != nil {
		rt := t.RT
		if rt.Kind() == reflect.Pointer && rt.Elem().Kind() == reflect.Array {
			rt = rt.Elem()
		}
		switch rt.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
			return Type{RT: rt.Elem()}
		case reflect.String:
			return Type{RT: Predeclared["byte"]}
		}
		return Type{}
	}
	u := in.Underlying(t.AST)
	if s, ok := u.(*ast.StarExpr); ok {
		if a, ok := in.Underlying(s.X).(*ast.ArrayType); ok && a.Len != nil {
			u = a
		}
	}
	switch u := u.(type) {
	case *ast.ArrayType:
		return in.TypeExpr(u.Elt)
	case *ast.MapType:
		return in.TypeExpr(u.Value)
	case *ast.ChanType:
		return in.TypeExpr(u.Value)
	case *ast.Ident, *ast.SelectorExpr:
		if rt := in.TypeExpr(u).RT; rt != nil {
			return in.Elem(Type{RT: rt})
		}
	}
	return Type{}
}

// MapKey returns the key type of a map type.
func (in *Inferer) MapKey(t Type) Type {
	if t.RT != nil {
		if t.RT.Kind() == reflect.Map {
			return Type{RT: t.RT.Key()}
		}
		return Type{}
	}
	if m, ok := in.Underlying(t.AST).(*ast.MapType); ok {
		return in.TypeExpr(m.Key)
	}
	return Type{}
}
