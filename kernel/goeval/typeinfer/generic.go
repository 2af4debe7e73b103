package typeinfer

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
)

// genericBase splits an instantiation F[A] or F[A, B] into the generic
// name and the type arguments.
func genericBase(x ast.Expr) (*ast.Ident, []ast.Expr, bool) {
	switch x := x.(type) {
	case *ast.IndexExpr:
		id, ok := x.X.(*ast.Ident)
		return id, []ast.Expr{x.Index}, ok
	case *ast.IndexListExpr:
		id, ok := x.X.(*ast.Ident)
		return id, x.Indices, ok
	}
	return nil, nil, false
}

// typeParamNames lists the names of a type parameter list.
func typeParamNames(fl *ast.FieldList) []string {
	var out []string
	if fl == nil {
		return nil
	}
	for _, f := range fl.List {
		for _, id := range f.Names {
			out = append(out, id.Name)
		}
	}
	return out
}

// instantiated returns the function type of an explicit instantiation of
// a generic function of the cells, F[int] or Map[int, string], with the
// type arguments substituted.
func (in *Inferer) instantiated(x ast.Expr) (Type, bool) {
	base, args, ok := genericBase(x)
	if !ok {
		return Type{}, false
	}
	fd := in.UserFunc(base.Name)
	if fd == nil || fd.Type.TypeParams == nil {
		return Type{}, false
	}
	names := typeParamNames(fd.Type.TypeParams)
	if len(args) != len(names) {
		return Type{}, false // partial instantiation: inferred arguments
	}
	ft := Substitute(&ast.FuncType{Params: fd.Type.Params, Results: fd.Type.Results}, names, args).(*ast.FuncType)
	return Type{AST: ft}, true
}

// Substitute returns a copy of the type expression x with the identifiers
// names replaced by the expressions args.
func Substitute(x ast.Expr, names []string, args []ast.Expr) ast.Expr {
	if len(names) == 0 {
		return x
	}
	sub := map[string]ast.Expr{}
	for i, n := range names {
		if i < len(args) {
			sub[n] = args[i]
		}
	}
	return subst(x, sub)
}

func subst(x ast.Expr, sub map[string]ast.Expr) ast.Expr {
	switch t := x.(type) {
	case nil:
		return nil
	case *ast.Ident:
		if r, ok := sub[t.Name]; ok {
			return r
		}
		return t
	case *ast.ParenExpr:
		return &ast.ParenExpr{X: subst(t.X, sub)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: subst(t.X, sub)}
	case *ast.ArrayType:
		return &ast.ArrayType{Len: t.Len, Elt: subst(t.Elt, sub)}
	case *ast.MapType:
		return &ast.MapType{Key: subst(t.Key, sub), Value: subst(t.Value, sub)}
	case *ast.ChanType:
		return &ast.ChanType{Dir: t.Dir, Value: subst(t.Value, sub)}
	case *ast.Ellipsis:
		return &ast.Ellipsis{Elt: subst(t.Elt, sub)}
	case *ast.FuncType:
		return &ast.FuncType{Params: substFields(t.Params, sub), Results: substFields(t.Results, sub)}
	case *ast.StructType:
		return &ast.StructType{Fields: substFields(t.Fields, sub)}
	case *ast.InterfaceType:
		return &ast.InterfaceType{Methods: substFields(t.Methods, sub)}
	case *ast.IndexExpr:
		return &ast.IndexExpr{X: subst(t.X, sub), Index: subst(t.Index, sub)}
	case *ast.IndexListExpr:
		out := &ast.IndexListExpr{X: subst(t.X, sub)}
		for _, ix := range t.Indices {
			out.Indices = append(out.Indices, subst(ix, sub))
		}
		return out
	}
	return x
}

func substFields(fl *ast.FieldList, sub map[string]ast.Expr) *ast.FieldList {
	if fl == nil {
		return nil
	}
	out := &ast.FieldList{}
	for _, f := range fl.List {
		out.List = append(out.List, &ast.Field{Names: f.Names, Type: subst(f.Type, sub), Tag: f.Tag})
	}
	return out
}

// InferTypeArgs works out the type arguments of a call of a generic
// function of type ft (its type parameters included) from the types of
// the arguments, as Go's function argument type inference does for the
// common cases: typed arguments first, then untyped constants with their
// default types. ok is false unless every type parameter is inferred.
func (in *Inferer) InferTypeArgs(ft *ast.FuncType, args []ast.Expr, spread bool) ([]Type, bool) {
	return in.inferTypeArgs(ft, args, spread, nil)
}

// inferTypeArgs is InferTypeArgs with some type arguments given. A type
// parameter with a core type (S ~[]E) also binds the type parameters of
// that core type from its own type argument, as Go's constraint type
// inference does.
func (in *Inferer) inferTypeArgs(ft *ast.FuncType, args []ast.Expr, spread bool, given map[string]Type) ([]Type, bool) {
	names := typeParamNames(ft.TypeParams)
	if len(names) == 0 || ft.Params == nil {
		return nil, false
	}
	isParam := map[string]bool{}
	for _, n := range names {
		isParam[n] = true
	}
	var params []ast.Expr
	variadic := false
	for _, f := range ft.Params.List {
		for range max(len(f.Names), 1) {
			params = append(params, f.Type)
		}
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			variadic = true
		}
	}
	paramOf := func(i int) ast.Expr {
		switch {
		case i < len(params)-1 || (i < len(params) && !variadic):
			return params[i]
		case variadic && len(params) > 0:
			ell := params[len(params)-1].(*ast.Ellipsis)
			if spread {
				return &ast.ArrayType{Elt: ell.Elt}
			}
			return ell.Elt
		}
		return nil
	}
	if !variadic && len(args) != len(params) {
		return nil, false
	}
	bound := map[string]Type{}
	for n, t := range given {
		if t.IsType() {
			bound[n] = t
		}
	}
	cores := coreTypes(ft.TypeParams)
	constrain := func() bool {
		for n, core := range cores {
			if t, ok := bound[n]; ok && !in.unify(core, t, isParam, bound, 0) {
				return false
			}
		}
		return true
	}
	var untyped []int
	for i, a := range args {
		p := paramOf(i)
		if p == nil {
			return nil, false
		}
		t := in.TypeOf(a)
		if t.Untyped {
			untyped = append(untyped, i)
			continue
		}
		if !t.IsType() {
			continue
		}
		if !in.unify(p, t, isParam, bound, 0) {
			return nil, false
		}
	}
	if !constrain() {
		return nil, false
	}
	for _, i := range untyped {
		if id, ok := Unparen(paramOf(i)).(*ast.Ident); ok && isParam[id.Name] {
			if _, done := bound[id.Name]; !done {
				t := in.TypeOf(args[i])
				t.Untyped = false
				bound[id.Name] = t
			}
		}
	}
	if !constrain() {
		return nil, false
	}
	out := make([]Type, len(names))
	for i, n := range names {
		t, ok := bound[n]
		if !ok {
			return nil, false
		}
		out[i] = t
	}
	return out, true
}

// unify matches parameter type p, which may mention the type parameters,
// with argument type a, binding the type parameters.
func (in *Inferer) unify(p ast.Expr, a Type, isParam map[string]bool, bound map[string]Type, depth int) bool {
	if depth > 16 || !a.IsType() {
		return true
	}
	switch p := p.(type) {
	case *ast.Ident:
		if !isParam[p.Name] {
			return true
		}
		if b, ok := bound[p.Name]; ok {
			return Same(b, a)
		}
		bound[p.Name] = a
		return true
	case *ast.ParenExpr:
		return in.unify(p.X, a, isParam, bound, depth+1)
	case *ast.StarExpr:
		return in.unify(p.X, in.Deref(a), isParam, bound, depth+1)
	case *ast.ArrayType:
		return in.unify(p.Elt, in.Elem(a), isParam, bound, depth+1)
	case *ast.MapType:
		return in.unify(p.Key, in.MapKey(a), isParam, bound, depth+1) && in.unify(p.Value, in.Elem(a), isParam, bound, depth+1)
	case *ast.ChanType:
		return in.unify(p.Value, in.Elem(a), isParam, bound, depth+1)
	case *ast.FuncType:
		ins, outs, ok := in.funcParts(a)
		if !ok {
			return true
		}
		pins, pouts := fieldTypes(p.Params), fieldTypes(p.Results)
		if len(pins) != len(ins) || len(pouts) != len(outs) {
			return false
		}
		for i := range pins {
			if !in.unify(pins[i], ins[i], isParam, bound, depth+1) {
				return false
			}
		}
		for i := range pouts {
			if !in.unify(pouts[i], outs[i], isParam, bound, depth+1) {
				return false
			}
		}
		return true
	case *ast.IndexExpr, *ast.IndexListExpr:
		pb, pargs, ok := genericBase(p)
		if !ok || a.AST == nil {
			return true
		}
		ab, aargs, ok := genericBase(Unparen(a.AST))
		if !ok || ab.Name != pb.Name || len(aargs) != len(pargs) {
			return true
		}
		for i := range pargs {
			if !in.unify(pargs[i], in.TypeExpr(aargs[i]), isParam, bound, depth+1) {
				return false
			}
		}
		return true
	}
	return true
}

// funcParts returns the parameter and result types of a function type.
func (in *Inferer) funcParts(t Type) (ins, outs []Type, ok bool) {
	if t.RT != nil {
		if t.RT.Kind() != reflect.Func {
			return nil, nil, false
		}
		for i := 0; i < t.RT.NumIn(); i++ {
			ins = append(ins, Type{RT: t.RT.In(i)})
		}
		for i := 0; i < t.RT.NumOut(); i++ {
			outs = append(outs, Type{RT: t.RT.Out(i)})
		}
		return ins, outs, true
	}
	ft, isFunc := in.Underlying(t.AST).(*ast.FuncType)
	if !isFunc {
		return nil, nil, false
	}
	for _, x := range fieldTypes(ft.Params) {
		ins = append(ins, in.TypeExpr(x))
	}
	for _, x := range fieldTypes(ft.Results) {
		outs = append(outs, in.TypeExpr(x))
	}
	return ins, outs, true
}

// fieldTypes lists the type of each parameter or result of a list.
func fieldTypes(fl *ast.FieldList) []ast.Expr {
	if fl == nil {
		return nil
	}
	var out []ast.Expr
	for _, f := range fl.List {
		for range max(len(f.Names), 1) {
			out = append(out, f.Type)
		}
	}
	return out
}

// substType returns the type of type expression x with the type
// parameters bound as in bind.
func (in *Inferer) substType(x ast.Expr, bind map[string]Type, depth int) Type {
	if depth > 16 {
		return Type{}
	}
	switch t := x.(type) {
	case *ast.Ident:
		if b, ok := bind[t.Name]; ok {
			return b
		}
		return in.TypeExpr(t)
	case *ast.ParenExpr:
		return in.substType(t.X, bind, depth+1)
	case *ast.StarExpr:
		return PointerTo(in.substType(t.X, bind, depth+1))
	case *ast.ArrayType:
		el := in.substType(t.Elt, bind, depth+1)
		if el.RT != nil {
			if t.Len == nil {
				return Type{RT: reflect.SliceOf(el.RT)}
			}
			if n, ok := ArrayLen(t.Len); ok {
				return Type{RT: reflect.ArrayOf(n, el.RT)}
			}
		}
		if e, ok := asExpr(el); ok {
			return Type{AST: &ast.ArrayType{Len: t.Len, Elt: e}}
		}
	case *ast.MapType:
		k, v := in.substType(t.Key, bind, depth+1), in.substType(t.Value, bind, depth+1)
		if k.RT != nil && v.RT != nil && k.RT.Comparable() {
			return Type{RT: reflect.MapOf(k.RT, v.RT)}
		}
		ke, ok1 := asExpr(k)
		ve, ok2 := asExpr(v)
		if ok1 && ok2 {
			return Type{AST: &ast.MapType{Key: ke, Value: ve}}
		}
	case *ast.FuncType:
		return in.substFunc(t, bind, depth)
	case *ast.IndexExpr, *ast.IndexListExpr:
		base, args, ok := genericBase(t)
		if !ok {
			return Type{}
		}
		var es []ast.Expr
		for _, a := range args {
			e, ok := asExpr(in.substType(a, bind, depth+1))
			if !ok {
				return Type{}
			}
			es = append(es, e)
		}
		if len(es) == 1 {
			return Type{AST: &ast.IndexExpr{X: base, Index: es[0]}}
		}
		return Type{AST: &ast.IndexListExpr{X: base, Indices: es}}
	default:
		return in.TypeExpr(Substitute(x, nil, nil))
	}
	return Type{}
}

// asExpr writes a type as a type expression: a cell's as it is, a
// compiled one built from predeclared types by slices, arrays, maps,
// pointers and channels.
func asExpr(t Type) (ast.Expr, bool) {
	if t.AST != nil {
		return t.AST, true
	}
	if t.RT == nil {
		return nil, false
	}
	return rtExpr(t.RT, 0)
}

func rtExpr(rt reflect.Type, depth int) (ast.Expr, bool) {
	if depth > 8 {
		return nil, false
	}
	if rt.Name() != "" {
		if rt.PkgPath() == "" && Predeclared[rt.Name()] == rt {
			return ast.NewIdent(rt.Name()), true
		}
		return nil, false
	}
	switch rt.Kind() {
	case reflect.Slice:
		el, ok := rtExpr(rt.Elem(), depth+1)
		return &ast.ArrayType{Elt: el}, ok
	case reflect.Array:
		el, ok := rtExpr(rt.Elem(), depth+1)
		return &ast.ArrayType{Len: &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(rt.Len())}, Elt: el}, ok
	case reflect.Pointer:
		el, ok := rtExpr(rt.Elem(), depth+1)
		return &ast.StarExpr{X: el}, ok
	case reflect.Map:
		k, ok1 := rtExpr(rt.Key(), depth+1)
		v, ok2 := rtExpr(rt.Elem(), depth+1)
		return &ast.MapType{Key: k, Value: v}, ok1 && ok2
	case reflect.Interface:
		if rt.NumMethod() == 0 {
			return ast.NewIdent("any"), true
		}
	}
	return nil, false
}

// inferredResults returns the results of a call of generic function fd
// without type arguments, when they can be inferred.
func (in *Inferer) inferredResults(fd *ast.FuncDecl, call *ast.CallExpr) ([]Type, bool) {
	targs, ok := in.InferTypeArgs(fd.Type, call.Args, call.Ellipsis.IsValid())
	if !ok {
		return nil, false
	}
	bind := map[string]Type{}
	for i, n := range typeParamNames(fd.Type.TypeParams) {
		bind[n] = targs[i]
	}
	var out []Type
	for _, x := range fieldTypes(fd.Type.Results) {
		out = append(out, in.substType(x, bind, 0))
	}
	return out, true
}

// sourceFunc returns the declaration of a function of a package run from
// source that fun calls (pkg.F, or pkg.F[A, ...] with the explicit type
// arguments).
func (in *Inferer) sourceFunc(fun ast.Expr) (*ast.FuncDecl, []ast.Expr) {
	var explicit []ast.Expr
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun, explicit = f.X, []ast.Expr{f.Index}
	case *ast.IndexListExpr:
		fun, explicit = f.X, f.Indices
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok || in.Session == nil {
		return nil, nil
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	p, ok := in.PackagePath(id.Name)
	if !ok {
		return nil, nil
	}
	return in.Session.SourceFunc(p, sel.Sel.Name), explicit
}

// sourceResults returns the results of a call of a function of a package
// run from source, its type arguments given (explicit) or inferred.
func (in *Inferer) sourceResults(fd *ast.FuncDecl, explicit []ast.Expr, call *ast.CallExpr) ([]Type, bool) {
	names := typeParamNames(fd.Type.TypeParams)
	bind := map[string]Type{}
	if len(names) > 0 {
		given := map[string]Type{}
		for i, x := range explicit {
			if i < len(names) {
				given[names[i]] = in.TypeExpr(x)
			}
		}
		targs, ok := in.inferTypeArgs(fd.Type, call.Args, call.Ellipsis.IsValid(), given)
		if !ok {
			return nil, false
		}
		for i, n := range names {
			bind[n] = targs[i]
		}
	}
	var out []Type
	for _, x := range fieldTypes(fd.Type.Results) {
		out = append(out, in.substType(x, bind, 0))
	}
	return out, true
}

// coreTypes returns, for each type parameter constrained by a single
// type or type set ~T (S ~[]E, M ~map[K]V), that core type.
func coreTypes(fl *ast.FieldList) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	if fl == nil {
		return out
	}
	for _, f := range fl.List {
		c := Unparen(f.Type)
		if u, ok := c.(*ast.UnaryExpr); ok && u.Op == token.TILDE {
			c = u.X
		}
		switch c.(type) {
		case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType:
			for _, id := range f.Names {
				out[id.Name] = c
			}
		}
	}
	return out
}

// substFunc returns the type of a function type expression with the type
// parameters bound as in bind: a reflect type when every part is one.
func (in *Inferer) substFunc(ft *ast.FuncType, bind map[string]Type, depth int) Type {
	var ins, outs []Type
	variadic := false
	for _, x := range fieldTypes(ft.Params) {
		if ell, ok := x.(*ast.Ellipsis); ok {
			variadic = true
			x = &ast.ArrayType{Elt: ell.Elt}
		}
		ins = append(ins, in.substType(x, bind, depth+1))
	}
	for _, x := range fieldTypes(ft.Results) {
		outs = append(outs, in.substType(x, bind, depth+1))
	}
	allRT := true
	for _, t := range append(append([]Type{}, ins...), outs...) {
		if t.RT == nil {
			allRT = false
		}
	}
	if allRT {
		rins := make([]reflect.Type, len(ins))
		for i, t := range ins {
			rins[i] = t.RT
		}
		routs := make([]reflect.Type, len(outs))
		for i, t := range outs {
			routs[i] = t.RT
		}
		return Type{RT: reflect.FuncOf(rins, routs, variadic)}
	}
	fields := func(ts []Type, last bool) (*ast.FieldList, bool) {
		fl := &ast.FieldList{}
		for i, t := range ts {
			e, ok := asExpr(t)
			if !ok {
				return nil, false
			}
			if last && variadic && i == len(ts)-1 {
				if a, ok := e.(*ast.ArrayType); ok {
					e = &ast.Ellipsis{Elt: a.Elt}
				}
			}
			fl.List = append(fl.List, &ast.Field{Type: e})
		}
		return fl, true
	}
	params, ok1 := fields(ins, true)
	results, ok2 := fields(outs, false)
	if !ok1 || !ok2 {
		return Type{}
	}
	if len(results.List) == 0 {
		results = nil
	}
	return Type{AST: &ast.FuncType{Params: params, Results: results}}
}
