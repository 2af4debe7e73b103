package goeval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"
)

// The evaluator has no type checker (the interpreter holds the state), so
// the few questions that need types — is this range over an integer, does
// this call return a value — are answered from the syntax, the cell, the
// registry, the package tables and the interpreter's globals. Answers are
// yes, no or unknown; callers treat unknown with care.

// tri is a three-valued answer.
type tri int8

const (
	unknown tri = 0
	yes     tri = 1
	no      tri = -1
)

// valueSource is one declaration of a name: its type, its value, or
// neither (multi: assigned from a multi-value expression or a range).
type valueSource struct {
	typ, val ast.Expr
	multi    bool
	// from and index locate a name defined from a multi-value call
	// (index of the result), when known.
	from  *ast.CallExpr
	index int
}

// lookup gives the analyses what the cell and the session know about names.
type lookup struct {
	cellFuncs map[string]*ast.FuncDecl
	cellTypes map[string]*ast.TypeSpec
	cellVals  map[string][]valueSource
	reg       *registry
	pkgs      *packageIndex
	pkgPath   func(name string) (string, bool) // local package name -> import path
	globals   func() map[string]reflect.Value
}

var predeclaredInts = map[string]bool{
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"uintptr": true, "byte": true, "rune": true,
}

var predeclaredNonInts = map[string]bool{
	"float32": true, "float64": true, "complex64": true, "complex128": true,
	"string": true, "bool": true, "error": true, "any": true,
}

func isIntKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Uintptr
}

func kindTri(k reflect.Kind) tri {
	if isIntKind(k) {
		return yes
	}
	if k == reflect.Invalid || k == reflect.Interface {
		return unknown
	}
	return no
}

// localValues collects every declaration inside n (parameters, :=, var,
// range variables), without regard to scopes.
func localValues(n ast.Node) map[string][]valueSource {
	m := map[string][]valueSource{}
	add := func(id *ast.Ident, vs valueSource) {
		if id != nil && id.Name != "_" {
			m[id.Name] = append(m[id.Name], vs)
		}
	}
	fields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, id := range f.Names {
				add(id, valueSource{typ: f.Type})
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType:
			fields(n.Params)
			fields(n.Results)
		case *ast.FuncDecl:
			fields(n.Recv)
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				break
			}
			for i, l := range n.Lhs {
				id, _ := l.(*ast.Ident)
				if len(n.Rhs) == len(n.Lhs) {
					add(id, valueSource{val: n.Rhs[i]})
				} else {
					add(id, valueSource{multi: true})
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				switch {
				case n.Type != nil:
					add(id, valueSource{typ: n.Type})
				case len(n.Values) == len(n.Names):
					add(id, valueSource{val: n.Values[i]})
				default:
					add(id, valueSource{multi: true})
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				k, _ := n.Key.(*ast.Ident)
				v, _ := n.Value.(*ast.Ident)
				add(k, valueSource{multi: true})
				add(v, valueSource{multi: true})
			}
		case *ast.TypeSwitchStmt:
			if a, ok := n.Assign.(*ast.AssignStmt); ok && len(a.Lhs) == 1 {
				id, _ := a.Lhs[0].(*ast.Ident)
				add(id, valueSource{multi: true})
			}
		}
		return true
	})
	return m
}

// inferer answers type questions inside one top-level item.
type inferer struct {
	lk     *lookup
	locals map[string][]valueSource
	depth  int
	// strict makes rtype trust a global's compiled type only when it is a
	// named type (see cellRun.interpretedUnderlying).
	strict bool
}

func (lk *lookup) inferer(n ast.Node) *inferer {
	return &inferer{lk: lk, locals: localValues(n)}
}

// combine merges the answers for several declarations of one name.
func combine(answers []tri) tri {
	if len(answers) == 0 {
		return unknown
	}
	out := answers[0]
	for _, a := range answers[1:] {
		if a != out {
			return unknown
		}
	}
	return out
}

func (in *inferer) sources(vs []valueSource) tri {
	var answers []tri
	for _, v := range vs {
		switch {
		case v.typ != nil:
			answers = append(answers, in.isIntType(v.typ))
		case v.val != nil:
			answers = append(answers, in.isInt(v.val))
		default:
			answers = append(answers, unknown)
		}
	}
	return combine(answers)
}

// isInt tells whether expression x has an integer type (or is an untyped
// integer constant).
func (in *inferer) isInt(x ast.Expr) tri {
	if in.depth > 20 {
		return unknown
	}
	in.depth++
	defer func() { in.depth-- }()
	switch x := x.(type) {
	case *ast.BasicLit:
		if x.Kind == token.INT || x.Kind == token.CHAR {
			return yes
		}
		return no
	case *ast.ParenExpr:
		return in.isInt(x.X)
	case *ast.UnaryExpr:
		switch x.Op {
		case token.ARROW, token.AND:
			return unknown
		case token.NOT:
			return no
		}
		return in.isInt(x.X)
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return no
		case token.SHL, token.SHR:
			return in.isInt(x.X)
		}
		a, b := in.isInt(x.X), in.isInt(x.Y)
		switch {
		case a == no || b == no:
			return no
		case a == yes && b == yes:
			return yes
		}
		return unknown
	case *ast.CompositeLit, *ast.FuncLit:
		return no
	case *ast.CallExpr:
		return in.callIsInt(x)
	case *ast.Ident:
		return in.identIsInt(x.Name)
	case *ast.SelectorExpr:
		if v, ok := in.pkgSymbol(x); ok {
			return symbolIsInt(v)
		}
	}
	return unknown
}

func (in *inferer) identIsInt(name string) tri {
	switch name {
	case "true", "false", "nil":
		return no
	case "iota":
		return yes
	}
	if vs, ok := in.locals[name]; ok {
		return in.sources(vs)
	}
	if vs, ok := in.lk.cellVals[name]; ok {
		return in.sources(vs)
	}
	if _, ok := in.lk.cellFuncs[name]; ok {
		return no
	}
	if in.lk.globals != nil {
		if v, ok := in.lk.globals()[name]; ok && v.IsValid() {
			// Only constants are read: variables may be written by
			// goroutines of earlier cells.
			if v.Type().Implements(constantType) && v.CanInterface() {
				if v.Interface().(constant.Value).Kind() == constant.Int {
					return yes
				}
				return no
			}
			return kindTri(v.Kind())
		}
	}
	return unknown
}

func (in *inferer) callIsInt(call *ast.CallExpr) tri {
	fun := call.Fun
	for {
		p, ok := fun.(*ast.ParenExpr)
		if !ok {
			break
		}
		fun = p.X
	}
	switch f := fun.(type) {
	case *ast.Ident:
		if fd := in.funcDecl(f.Name); fd != nil {
			res := fd.Type.Results
			if res == nil || len(res.List) != 1 || len(res.List[0].Names) > 1 {
				return no
			}
			return in.isIntType(res.List[0].Type)
		}
		if ts := in.typeSpec(f.Name); ts != nil {
			return in.isIntType(ts.Type)
		}
		if in.shadowed(f.Name) {
			return unknown
		}
		switch f.Name {
		case "len", "cap", "copy":
			return yes
		case "make", "new", "append", "real", "imag", "complex":
			return no
		}
		if predeclaredInts[f.Name] {
			return yes
		}
		if predeclaredNonInts[f.Name] {
			return no
		}
	case *ast.SelectorExpr:
		v, ok := in.pkgSymbol(f)
		if !ok {
			return unknown
		}
		if isTypeSymbol(v) {
			return kindTri(v.Type().Elem().Kind())
		}
		if v.Kind() == reflect.Func {
			t := v.Type()
			if t.NumOut() != 1 {
				return no
			}
			return kindTri(t.Out(0).Kind())
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType:
		return no
	}
	return unknown
}

// isIntType tells whether type expression t denotes an integer type.
func (in *inferer) isIntType(t ast.Expr) tri {
	if in.depth > 20 {
		return unknown
	}
	in.depth++
	defer func() { in.depth-- }()
	switch t := t.(type) {
	case *ast.Ident:
		if predeclaredInts[t.Name] {
			return yes
		}
		if predeclaredNonInts[t.Name] {
			return no
		}
		if ts := in.typeSpec(t.Name); ts != nil {
			return in.isIntType(ts.Type)
		}
	case *ast.ParenExpr:
		return in.isIntType(t.X)
	case *ast.SelectorExpr:
		if v, ok := in.pkgSymbol(t); ok && isTypeSymbol(v) {
			return kindTri(v.Type().Elem().Kind())
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType,
		*ast.StarExpr, *ast.InterfaceType, *ast.Ellipsis:
		return no
	}
	return unknown
}

// shadowed reports whether a name is declared by the user (so it is not the
// builtin or predeclared type of that name).
func (in *inferer) shadowed(name string) bool {
	if _, ok := in.locals[name]; ok {
		return true
	}
	if _, ok := in.lk.cellVals[name]; ok {
		return true
	}
	if _, ok := in.lk.cellFuncs[name]; ok {
		return true
	}
	if _, ok := in.lk.cellTypes[name]; ok {
		return true
	}
	if in.lk.reg != nil {
		if _, ok := in.lk.reg.units[name]; ok {
			return true
		}
	}
	return false
}

// funcDecl finds the declaration of a package-level function, in the cell
// first, then in earlier cells.
func (in *inferer) funcDecl(name string) *ast.FuncDecl {
	if _, ok := in.locals[name]; ok {
		return nil
	}
	if fd := in.lk.cellFuncs[name]; fd != nil {
		return fd
	}
	if _, ok := in.lk.cellVals[name]; ok {
		return nil
	}
	if in.lk.reg != nil {
		if u := in.lk.reg.units[name]; u != nil && u.kind == unitFunc {
			fd, _ := u.node.(*ast.FuncDecl)
			return fd
		}
	}
	return nil
}

// typeSpec finds the declaration of a package-level type.
func (in *inferer) typeSpec(name string) *ast.TypeSpec {
	if _, ok := in.locals[name]; ok {
		return nil
	}
	if ts := in.lk.cellTypes[name]; ts != nil {
		return ts
	}
	if in.lk.reg != nil {
		if u := in.lk.reg.units[name]; u != nil && u.kind == unitType {
			ts, _ := u.node.(*ast.TypeSpec)
			return ts
		}
	}
	return nil
}

// pkgSymbol resolves pkg.Name when pkg is a package of a compiled package
// table.
func (in *inferer) pkgSymbol(sel *ast.SelectorExpr) (reflect.Value, bool) {
	id, ok := sel.X.(*ast.Ident)
	if !ok || in.lk.pkgPath == nil || in.shadowed(id.Name) {
		return reflect.Value{}, false
	}
	p, ok := in.lk.pkgPath(id.Name)
	if !ok {
		return reflect.Value{}, false
	}
	return in.lk.pkgs.symbol(p, sel.Sel.Name)
}

// isTypeSymbol reports whether a package symbol stands for a type: the
// symbol tables hold a type T as a nil *T.
func isTypeSymbol(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Ptr && v.IsNil()
}

func symbolIsInt(v reflect.Value) tri {
	if !v.IsValid() || isTypeSymbol(v) {
		return unknown
	}
	if v.Type().Implements(constantType) && v.CanInterface() {
		if v.Interface().(constant.Value).Kind() == constant.Int {
			return yes
		}
		return no
	}
	return kindTri(v.Kind())
}

// resultShape describes what a call returns.
type resultShape struct {
	known     bool
	count     int  // number of results
	lastError bool // the last result has type error
}

// callResults works out what a call returns, when the callee is a builtin,
// a conversion, a function of the cell or of an earlier cell, a function
// literal or a function of a compiled package.
func (in *inferer) callResults(call *ast.CallExpr) resultShape {
	fun := call.Fun
	for {
		switch f := fun.(type) {
		case *ast.ParenExpr:
			fun = f.X
			continue
		case *ast.IndexExpr:
			fun = f.X
			continue
		case *ast.IndexListExpr:
			fun = f.X
			continue
		}
		break
	}
	one := resultShape{known: true, count: 1}
	switch f := fun.(type) {
	case *ast.Ident:
		if !in.shadowed(f.Name) {
			switch f.Name {
			case "len", "cap", "append", "make", "new", "complex", "real", "imag", "min", "max", "recover", "copy":
				return one
			case "print", "println", "panic", "close", "delete", "clear":
				return resultShape{known: true}
			}
			if predeclaredInts[f.Name] || predeclaredNonInts[f.Name] {
				return one
			}
		}
		if fd := in.funcDecl(f.Name); fd != nil {
			return shapeOf(fd.Type)
		}
		if in.typeSpec(f.Name) != nil {
			return one
		}
	case *ast.FuncLit:
		return shapeOf(f.Type)
	case *ast.SelectorExpr:
		v, ok := in.pkgSymbol(f)
		if !ok {
			break
		}
		if isTypeSymbol(v) {
			return one
		}
		if v.Kind() == reflect.Func {
			t := v.Type()
			n := t.NumOut()
			return resultShape{known: true, count: n, lastError: n > 0 && t.Out(n-1) == errorType}
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StarExpr, *ast.InterfaceType, *ast.StructType:
		return one
	}
	return resultShape{}
}

var (
	errorType    = reflect.TypeOf((*error)(nil)).Elem()
	constantType = reflect.TypeOf((*constant.Value)(nil)).Elem()
)

func shapeOf(ft *ast.FuncType) resultShape {
	if ft.Results == nil {
		return resultShape{known: true}
	}
	n := 0
	for _, f := range ft.Results.List {
		if len(f.Names) == 0 {
			n++
		} else {
			n += len(f.Names)
		}
	}
	last := ft.Results.List[len(ft.Results.List)-1].Type
	id, isID := last.(*ast.Ident)
	return resultShape{known: true, count: n, lastError: isID && id.Name == "error"}
}
