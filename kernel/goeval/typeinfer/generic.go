package typeinfer

import (
	"go/ast"
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
