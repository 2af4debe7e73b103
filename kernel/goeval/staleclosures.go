package goeval

import (
	"fmt"
	"go/ast"
	"sort"
	"strings"
)

// A later cell's x := e of a variable x of an earlier cell is compiled as
// the assignment x = e when e has x's type (reassign.go). Otherwise, or
// for a constant, the definition makes a new x. The declarations that use
// x are compiled again (refresh.go), and functions compiled again replace
// their old declarations (funcreplace.go), but a function literal an
// earlier cell stored in a variable (f := func() int { return x }) is not
// a declaration: it keeps reading the old x. Nothing can point the literal
// at the new variable, so the redefinition stops with an error that names
// the values and says what to write instead.

// staleClosures returns an error naming the variables of earlier cells
// whose value holds a function literal that reads one of the names in
// changed that are now variables or constants, or nil.
func (run *cellRun) staleClosures(changed map[string]bool) error {
	r := run.e.reg
	var redefined []string
	for n := range changed {
		if u := r.units[n]; u != nil && (u.kind == unitVar || u.kind == unitConst) {
			redefined = append(redefined, n)
		}
	}
	if len(redefined) == 0 {
		return nil
	}
	sort.Strings(redefined)
	var holders []string
	var read []string
	readSeen := map[string]bool{}
	for _, u := range r.all() {
		if u.kind != unitVar || u.cell == run.cell || u.node == nil || run.redefinedHere(u) {
			continue
		}
		hit := false
		for _, n := range redefined {
			if u.declares(n) || !literalReads(u.node, n) {
				continue
			}
			hit = true
			if !readSeen[n] {
				readSeen[n] = true
				read = append(read, n)
			}
		}
		if hit {
			holders = append(holders, strings.Join(u.names, ", "))
		}
	}
	if len(holders) == 0 {
		return nil
	}
	sort.Strings(holders)
	fix := "give the new value another name, or re-run the cell that makes " + strings.Join(holders, ", ")
	return &CellError{Kind: KindUnsupported, Message: fmt.Sprintf(
		"this cell redefines %s, but the function value in %s, made by an earlier cell, still reads the old %s: %s",
		strings.Join(read, ", "), strings.Join(holders, ", "), strings.Join(read, ", "), fix)}
}

// redefinedHere reports whether the cell being run declares one of u's
// names again: the new value replaces the stale one.
func (run *cellRun) redefinedHere(u *unit) bool {
	for _, n := range u.names {
		if run.cellTop[n] {
			return true
		}
	}
	return false
}

// literalReads reports whether a function literal in n, other than one
// called where it is written, reads the package-level name: a parameter,
// local or field of that name is not it.
func literalReads(n ast.Node, name string) bool {
	called := map[*ast.FuncLit]bool{}
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found {
			return false
		}
		switch x := x.(type) {
		case *ast.CallExpr:
			if fl, ok := ast.Unparen(x.Fun).(*ast.FuncLit); ok {
				called[fl] = true
			}
		case *ast.FuncLit:
			if called[x] {
				return true
			}
			found = resolve(&ast.ExprStmt{X: x}).freeNames()[name]
			return false
		}
		return true
	})
	return found
}
