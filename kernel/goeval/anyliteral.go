package goeval

import (
	"go/ast"
	"go/token"
)

// The interpreter stores a composite literal assigned to a variable of an
// empty interface type (var y any = Both{8}, y = Both{8}) as its bare
// representation, dropping its type: fmt then cannot tell a Both from a
// struct{ N int }, and y.(fmt.Stringer) fails. In parentheses the literal
// is made first and then assigned, which keeps its type. So the literals
// of such assignments are parenthesized:
//
//	var y any = Both{8}  becomes  var y any = (Both{8})
//	y = Both{8}          becomes  y = (Both{8})
//
// An assignment with = may have any destination, so its literals are all
// parenthesized; a definition with := has the literal's own type, and a
// var declaration is left alone unless its type is written any or
// interface{}. (interptype refuses to guess where a literal still reaches
// an interface{} bare.)

// parenAnyLiterals parenthesizes, in f, the composite literals assigned to
// what may be a variable of an empty interface type.
func parenAnyLiterals(f *ast.File) {
	wrap := func(xs []ast.Expr) {
		for i, x := range xs {
			if cl, ok := x.(*ast.CompositeLit); ok {
				xs[i] = &ast.ParenExpr{Lparen: cl.Pos(), X: cl, Rparen: cl.End() - 1}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.ASSIGN {
				wrap(s.Rhs)
			}
		case *ast.ValueSpec:
			if isEmptyInterfaceExpr(s.Type) {
				wrap(s.Values)
			}
		}
		return true
	})
}

// isEmptyInterfaceExpr reports whether type expression x is written any
// or interface{}.
func isEmptyInterfaceExpr(x ast.Expr) bool {
	switch t := x.(type) {
	case *ast.Ident:
		return t.Name == "any"
	case *ast.InterfaceType:
		return t.Methods == nil || len(t.Methods.List) == 0
	}
	return false
}
