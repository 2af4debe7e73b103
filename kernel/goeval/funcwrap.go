package goeval

import (
	"go/ast"
	"go/token"
)

// The interpreter runs the statements of a cell at the package level, where
// a variable declared inside a block by a multi-value definition
// (v, err := f() in the body of a for or an if) is never declared: its
// compiler leaves package-level multi-value definitions to its global type
// analysis, which skips nested blocks, so the variable is "undefined". A
// top-level compound statement (for, range, if, switch, type switch,
// select, block) declares nothing visible after it, so it runs inside
// (func() { ... })(), where the interpreter compiles it as function code.
// This also keeps the variables of an if or switch header out of the
// package scope, as in Go.
//
// A statement is left alone when wrapping would change what it means: it
// holds a return, or a goto, or it carries a label that a goto targets.

// wrapsInFunc reports whether the top-level statement s runs inside a
// function literal; gotoTargets holds the labels that top-level gotos of the
// cell jump to.
func wrapsInFunc(s ast.Stmt, gotoTargets map[string]bool) bool {
	for {
		l, ok := s.(*ast.LabeledStmt)
		if !ok {
			break
		}
		if gotoTargets[l.Label.Name] {
			return false
		}
		s = l.Stmt
	}
	switch s.(type) {
	case *ast.BlockStmt, *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt,
		*ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
	default:
		return false
	}
	leaves := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				leaves = true
			}
		}
		return !leaves
	})
	return !leaves
}

// gotoTargets returns the labels that gotos outside function bodies jump
// to, in the given statements.
func gotoTargets(items []*item) map[string]bool {
	out := map[string]bool{}
	for _, it := range items {
		if it.stmt == nil {
			continue
		}
		ast.Inspect(it.stmt, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				if n.Tok == token.GOTO && n.Label != nil {
					out[n.Label.Name] = true
				}
			}
			return true
		})
	}
	return out
}
