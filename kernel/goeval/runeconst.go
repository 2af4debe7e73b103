package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
)

// A variable that a top-level statement of a cell defines from an untyped
// rune constant (c := 'a', var sep = ',') is an int to the interpreter
// (its global type analysis gives the constant the type int), where Go
// makes it a rune: %T prints int and prev = r, r a rune, fails with
// "cannot use type int32 as type int in assignment" (YAEGI_BUGS.md, 26).
// Inside functions the interpreter is right. Such a value is converted:
//
//	prev := ' '  ->  prev := rune(' ')

// untypedRunes converts the untyped rune constants that n, a statement or
// a var declaration at the top level of a cell, defines variables from.
func (rw *rewriter) untypedRunes(n ast.Node) {
	var values []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			return
		}
		values = n.Rhs
	case *ast.DeclStmt, *ast.GenDecl:
		gd, ok := n.(*ast.GenDecl)
		if ds, isStmt := n.(*ast.DeclStmt); isStmt {
			gd, ok = ds.Decl.(*ast.GenDecl)
		}
		if !ok || gd.Tok != token.VAR {
			return
		}
		for _, s := range gd.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok && vs.Type == nil {
				values = append(values, vs.Values...)
			}
		}
	default:
		return
	}
	if len(values) == 1 {
		if _, multi := values[0].(*ast.CallExpr); multi {
			return // f() of several results, or a conversion: typed
		}
	}
	for _, v := range values {
		t := rw.infer.TypeOf(v)
		if !t.Untyped || t.RT == nil || t.RT.Kind() != reflect.Int32 {
			continue
		}
		start, end := rw.off(v.Pos()), rw.off(v.End())
		rw.add(edit{start: start, end: start, text: "rune(", rank: openRank(-1)})
		rw.add(edit{start: end, end: end, text: ")", rank: closeRank(-1)})
	}
}
