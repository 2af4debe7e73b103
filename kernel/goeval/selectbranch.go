package goeval

import (
	"go/ast"
	"go/token"
)

// The interpreter gets two kinds of branch statements in the cases of a
// select wrong (YAEGI_BUGS.md, 23):
//
//   - a break without a label leaves the loop around the select, where Go
//     leaves only the select;
//   - the last statement of a case jumps to the end of the select, so a
//     break to a label, a continue or a goto there does nothing more
//     (case <-done: break loop never leaves the loop).
//
// Such a break is given the select's label, one is added when the select
// has none, and a branch statement that ends a case is put in a block of
// its own:
//
//	select { case <-a: if x { break }; f(); case <-done: break loop }
//	->  S: select { case <-a: if x { break S }; f(); case <-done: {break loop} }
//
// And a continue (or goto) in a case of a select in a loop whose body
// always leaves the loop after the select (for { select { case v := <-ch:
// ...; continue; default: }; break }) sends the interpreter into endless
// recursion while it prepares the function, a fatal stack overflow: it
// builds the cases of a select on the way from the select back to it, and
// finds the way back only through the case. A branch never taken right
// after the select gives it a way back first:
//
//	select { ... }  ->  select { ... }; if z := false; z { continue }

// selectBranches rewrites the branch statements of the cases of sel,
// whose label is label (or nil); stack holds the nodes that enclose it.
func (rw *rewriter) selectBranches(sel *ast.SelectStmt, label *ast.LabeledStmt, depth int, stack []ast.Node) {
	var breaks []*ast.BranchStmt
	loopsBack := false
	for _, s := range sel.Body.List {
		cc, ok := s.(*ast.CommClause)
		if !ok {
			continue
		}
		for _, st := range cc.Body {
			breaks = append(breaks, selectBreaks(st)...)
			loopsBack = loopsBack || jumpsBack(st)
		}
		if n := len(cc.Body); n > 0 {
			if br, ok := cc.Body[n-1].(*ast.BranchStmt); ok && (br.Tok != token.BREAK || br.Label != nil) {
				start, end := rw.off(br.Pos()), rw.off(br.End())
				rw.add(edit{start: start, end: start, text: "{", rank: openRank(depth + 3)})
				rw.add(edit{start: end, end: end, text: "}", rank: closeRank(depth + 3)})
			}
		}
	}
	if loopsBack && inLoop(stack) {
		z := rw.fresh("z")
		end := rw.off(sel.End())
		rw.add(edit{start: end, end: end, text: "; if " + z + " := false; " + z + " { continue }", rank: closeRank(depth)})
	}
	if len(breaks) == 0 {
		return
	}
	name := ""
	if label != nil {
		name = label.Label.Name
	} else {
		name = rw.fresh("s")
		at := rw.off(sel.Select)
		rw.add(edit{start: at, end: at, text: name + ": ", rank: openRank(depth)})
	}
	for _, br := range breaks {
		end := rw.off(br.End())
		rw.add(edit{start: end, end: end, text: " " + name, rank: closeRank(depth + 3)})
	}
}

// selectBreaks returns the breaks without a label in s, a statement of a
// select case, that leave the select: not those of a loop, switch or
// select inside it, nor of a function literal.
func selectBreaks(s ast.Stmt) []*ast.BranchStmt {
	var out []*ast.BranchStmt
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return false
		case *ast.BranchStmt:
			if n.Tok == token.BREAK && n.Label == nil {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// jumpsBack reports whether s, a statement of a select case, holds a goto
// or a continue of a loop around the select.
func jumpsBack(s ast.Stmt) bool {
	found := false
	var walk func(n ast.Node, inLoop bool)
	walk = func(n ast.Node, inLoop bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				walk(c.Body, true)
				return false
			case *ast.RangeStmt:
				walk(c.Body, true)
				return false
			case *ast.BranchStmt:
				switch {
				case c.Tok == token.GOTO, c.Tok == token.CONTINUE && (c.Label != nil || !inLoop):
					found = true
				}
			}
			return !found
		})
	}
	walk(s, false)
	return found
}
