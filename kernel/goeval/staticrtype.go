package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// The compiled type of an expression, worked out from the syntax, the
// compiled package tables and the interpreter's globals. It serves the
// rewrite of top-level definitions (see typedDefines) and only answers
// when it is sure; interpreted types (structs, interfaces and methods the
// interpreter builds) are out of its reach and give no answer.

// compiledPredeclared maps the names of the predeclared types to their types.
var compiledPredeclared = map[string]reflect.Type{
	"bool": reflect.TypeOf(false), "string": reflect.TypeOf(""), "error": errorType,
	"int": reflect.TypeOf(0), "int8": reflect.TypeOf(int8(0)), "int16": reflect.TypeOf(int16(0)),
	"int32": reflect.TypeOf(int32(0)), "int64": reflect.TypeOf(int64(0)),
	"uint": reflect.TypeOf(uint(0)), "uint8": reflect.TypeOf(uint8(0)), "uint16": reflect.TypeOf(uint16(0)),
	"uint32": reflect.TypeOf(uint32(0)), "uint64": reflect.TypeOf(uint64(0)), "uintptr": reflect.TypeOf(uintptr(0)),
	"byte": reflect.TypeOf(byte(0)), "rune": reflect.TypeOf(rune(0)),
	"float32": reflect.TypeOf(float32(0)), "float64": reflect.TypeOf(float64(0)),
	"complex64": reflect.TypeOf(complex64(0)), "complex128": reflect.TypeOf(complex128(0)),
	"any": reflect.TypeOf((*any)(nil)).Elem(),
}

// interpPkgPath is the package of the interpreter's own value wrappers: a
// global of an interpreted interface or function type has such a type,
// which is not the type the cell sees.
const interpPkgPath = "github.com/traefik/yaegi"

// rtype returns the compiled type of x. untyped reports an untyped constant
// (a literal), whose type is then its default type.
func (in *inferer) rtype(x ast.Expr) (t reflect.Type, untyped bool) {
	if in.depth > 20 {
		return nil, false
	}
	in.depth++
	defer func() { in.depth-- }()
	switch x := x.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.INT:
			return compiledPredeclared["int"], true
		case token.FLOAT:
			return compiledPredeclared["float64"], true
		case token.IMAG:
			return compiledPredeclared["complex128"], true
		case token.CHAR:
			return compiledPredeclared["rune"], true
		case token.STRING:
			return compiledPredeclared["string"], true
		}
	case *ast.ParenExpr:
		return in.rtype(x.X)
	case *ast.Ident:
		return in.identRtype(x.Name)
	case *ast.SelectorExpr:
		return in.selectorRtype(x), false
	case *ast.IndexExpr:
		return indexedRtype(in.valueRtype(x.X)), false
	case *ast.SliceExpr:
		return slicedRtype(in.valueRtype(x.X)), false
	case *ast.StarExpr:
		if t := in.valueRtype(x.X); t != nil && t.Kind() == reflect.Ptr {
			return t.Elem(), false
		}
	case *ast.UnaryExpr:
		return in.unaryRtype(x)
	case *ast.BinaryExpr:
		return in.binaryRtype(x)
	case *ast.CallExpr:
		return in.callRtype(x), false
	case *ast.TypeAssertExpr:
		if x.Type != nil {
			return in.typeExprRtype(x.Type), false
		}
	case *ast.CompositeLit:
		if x.Type != nil {
			return in.typeExprRtype(x.Type), false
		}
	}
	return nil, false
}

// valueRtype is rtype for an operand whose untyped-ness does not matter.
func (in *inferer) valueRtype(x ast.Expr) reflect.Type {
	t, _ := in.rtype(x)
	return t
}

func (in *inferer) identRtype(name string) (reflect.Type, bool) {
	switch name {
	case "true", "false":
		if !in.shadowed(name) {
			return compiledPredeclared["bool"], true
		}
	}
	if _, ok := in.locals[name]; ok {
		return nil, false
	}
	if vs, ok := in.lk.cellVals[name]; ok {
		return in.sourcesRtype(vs), false
	}
	if in.funcDecl(name) != nil || in.typeSpec(name) != nil || in.lk.globals == nil {
		return nil, false
	}
	v, ok := in.lk.globals()[name]
	if !ok || !v.IsValid() || v.Type().Implements(constantType) || in.strict && v.Type().Name() == "" {
		return nil, false
	}
	return v.Type(), false
}

// sourcesRtype is the type of a name declared in the cell: the one type
// all its declarations agree on.
func (in *inferer) sourcesRtype(vs []valueSource) reflect.Type {
	var out reflect.Type
	for _, v := range vs {
		var t reflect.Type
		switch {
		case v.typ != nil:
			t = in.typeExprRtype(v.typ)
		case v.val != nil:
			t = in.valueRtype(v.val)
		case v.from != nil:
			if ft := in.valueRtype(v.from.Fun); ft != nil && ft.Kind() == reflect.Func && v.index < ft.NumOut() {
				t = ft.Out(v.index)
			}
		}
		if t == nil || out != nil && t != out {
			return nil
		}
		out = t
	}
	return out
}

func (in *inferer) selectorRtype(x *ast.SelectorExpr) reflect.Type {
	if v, ok := in.pkgSymbol(x); ok {
		if !v.IsValid() || isTypeSymbol(v) || v.Type().Implements(constantType) {
			return nil
		}
		return v.Type()
	}
	if id, ok := x.X.(*ast.Ident); ok && in.lk.pkgPath != nil && !in.shadowed(id.Name) {
		if _, isPkg := in.lk.pkgPath(id.Name); isPkg {
			return nil
		}
	}
	base := in.valueRtype(x.X)
	if base == nil {
		return nil
	}
	name := x.Sel.Name
	if base.Kind() == reflect.Interface {
		if m, ok := base.MethodByName(name); ok {
			return m.Type
		}
		return nil
	}
	for _, recv := range []reflect.Type{base, reflect.PointerTo(base)} {
		if m, ok := recv.MethodByName(name); ok {
			return methodValueType(m.Type)
		}
	}
	st := base
	if st.Kind() == reflect.Ptr {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		return nil
	}
	if f, ok := st.FieldByName(name); ok && f.IsExported() {
		return f.Type
	}
	return nil
}

// methodValueType drops the receiver from the type of a method expression.
func methodValueType(m reflect.Type) reflect.Type {
	ins := make([]reflect.Type, 0, m.NumIn())
	for i := 1; i < m.NumIn(); i++ {
		ins = append(ins, m.In(i))
	}
	outs := make([]reflect.Type, 0, m.NumOut())
	for i := 0; i < m.NumOut(); i++ {
		outs = append(outs, m.Out(i))
	}
	return reflect.FuncOf(ins, outs, m.IsVariadic())
}

func indexedRtype(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem()
	case reflect.String:
		return compiledPredeclared["byte"]
	case reflect.Ptr:
		if t.Elem().Kind() == reflect.Array {
			return t.Elem().Elem()
		}
	}
	return nil
}

func slicedRtype(t reflect.Type) reflect.Type {
	if t == nil {
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.String:
		return t
	case reflect.Array:
		return reflect.SliceOf(t.Elem())
	case reflect.Ptr:
		if t.Elem().Kind() == reflect.Array {
			return reflect.SliceOf(t.Elem().Elem())
		}
	}
	return nil
}

func (in *inferer) unaryRtype(x *ast.UnaryExpr) (reflect.Type, bool) {
	switch x.Op {
	case token.NOT:
		return compiledPredeclared["bool"], false
	case token.AND:
		if t := in.valueRtype(x.X); t != nil {
			return reflect.PointerTo(t), false
		}
	case token.ARROW:
		if t := in.valueRtype(x.X); t != nil && t.Kind() == reflect.Chan {
			return t.Elem(), false
		}
	case token.ADD, token.SUB, token.XOR:
		return in.rtype(x.X)
	}
	return nil, false
}

func (in *inferer) binaryRtype(x *ast.BinaryExpr) (reflect.Type, bool) {
	switch x.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
		return compiledPredeclared["bool"], false
	case token.SHL, token.SHR:
		return in.rtype(x.X)
	}
	a, ua := in.rtype(x.X)
	b, ub := in.rtype(x.Y)
	switch {
	case a == nil || b == nil:
		return nil, false
	case ua && ub:
		// Untyped constants: the kind that comes later in int, rune,
		// float, complex wins; strings stay strings.
		if constRank(b) > constRank(a) {
			return b, true
		}
		return a, true
	case ua:
		return b, false
	case ub:
		return a, false
	case a == b:
		return a, false
	}
	return nil, false
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

func (in *inferer) callRtype(call *ast.CallExpr) reflect.Type {
	fun := call.Fun
	for {
		p, ok := fun.(*ast.ParenExpr)
		if !ok {
			break
		}
		fun = p.X
	}
	if t := in.typeExprRtype(fun); t != nil {
		return t // a conversion
	}
	if id, ok := fun.(*ast.Ident); ok && !in.shadowed(id.Name) {
		switch id.Name {
		case "len", "cap", "copy":
			return compiledPredeclared["int"]
		case "append":
			if len(call.Args) > 0 {
				return in.valueRtype(call.Args[0])
			}
			return nil
		case "new":
			if len(call.Args) == 1 {
				if t := in.typeExprRtype(call.Args[0]); t != nil {
					return reflect.PointerTo(t)
				}
			}
			return nil
		case "make":
			if len(call.Args) > 0 {
				return in.typeExprRtype(call.Args[0])
			}
			return nil
		}
	}
	ft := in.valueRtype(fun)
	if ft == nil || ft.Kind() != reflect.Func || ft.NumOut() != 1 {
		return nil
	}
	return ft.Out(0)
}

// typeExprRtype returns the type a type expression denotes, or nil when x
// is not a type expression of compiled types.
func (in *inferer) typeExprRtype(x ast.Expr) reflect.Type {
	if in.depth > 20 {
		return nil
	}
	in.depth++
	defer func() { in.depth-- }()
	switch x := x.(type) {
	case *ast.Ident:
		if t := compiledPredeclared[x.Name]; t != nil && !in.shadowed(x.Name) {
			return t
		}
	case *ast.ParenExpr:
		return in.typeExprRtype(x.X)
	case *ast.SelectorExpr:
		if v, ok := in.pkgSymbol(x); ok && isTypeSymbol(v) {
			return v.Type().Elem()
		}
	case *ast.StarExpr:
		if t := in.typeExprRtype(x.X); t != nil {
			return reflect.PointerTo(t)
		}
	case *ast.ArrayType:
		elem := in.typeExprRtype(x.Elt)
		if elem == nil {
			return nil
		}
		if x.Len == nil {
			return reflect.SliceOf(elem)
		}
		if lit, ok := x.Len.(*ast.BasicLit); ok && lit.Kind == token.INT {
			if n, err := strconv.Atoi(lit.Value); err == nil && n >= 0 {
				return reflect.ArrayOf(n, elem)
			}
		}
	case *ast.MapType:
		k, v := in.typeExprRtype(x.Key), in.typeExprRtype(x.Value)
		if k != nil && v != nil && k.Comparable() {
			return reflect.MapOf(k, v)
		}
	case *ast.ChanType:
		if elem := in.typeExprRtype(x.Value); elem != nil {
			dir := reflect.BothDir
			switch x.Dir {
			case ast.SEND:
				dir = reflect.SendDir
			case ast.RECV:
				dir = reflect.RecvDir
			}
			return reflect.ChanOf(dir, elem)
		}
	case *ast.InterfaceType:
		if x.Methods == nil || len(x.Methods.List) == 0 {
			return compiledPredeclared["any"]
		}
	}
	return nil
}

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
