package goeval

import (
	"go/ast"
	"go/token"
)

// In an assignment or definition of several values (a, b := x, y;
// a, b = x, y; var a, b = x, y), the interpreter lets a composite literal,
// a channel receive or, in an assignment with =, a function call write its
// result straight into its variable, and then skips the whole statement's
// assignment: the other values are never assigned (s, w := []float64{}, -1
// leaves w 0), and calls writing straight into their variables break the
// parallel semantics (a, b = f(b), f(a) gives f a's new value). See
// YAEGI_BUGS.md, 16.
//
// Wrapped in parentheses, such a value is an ordinary operand and the
// statement assigns every value after evaluating them all, as Go does.

// parallelAssign parenthesises the values of n, an assignment or value
// specification of several values, that the interpreter would write
// straight into their variables. depth is n's depth in the item.
func (rw *rewriter) parallelAssign(n ast.Node, depth int) {
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return
		}
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, name := range n.Names {
			lhs = append(lhs, name)
		}
		rhs = n.Values
	default:
		return
	}
	if len(lhs) < 2 || len(rhs) != len(lhs) {
		return
	}
	for _, v := range rhs {
		if !writesStraight(v) {
			continue
		}
		rw.add(edit{start: rw.off(v.Pos()), end: rw.off(v.Pos()), text: "(", rank: openRank(depth)})
		rw.add(edit{start: rw.off(v.End()), end: rw.off(v.End()), text: ")", rank: closeRank(depth)})
	}
}

// writesStraight reports whether the interpreter may compile the value v,
// one of several assigned at once, as writing into its variable itself: a
// composite literal, a call, a receive, or an operand another rewrite may
// turn into a call (a selector, index, type assertion...). Names,
// literal constants, operators other than a receive and function literals
// are assigned normally, and so are values already in parentheses.
func writesStraight(v ast.Expr) bool {
	switch v := v.(type) {
	case *ast.Ident, *ast.BasicLit, *ast.ParenExpr, *ast.BinaryExpr, *ast.FuncLit:
		return false
	case *ast.UnaryExpr:
		return v.Op == token.ARROW
	}
	return true
}
