package goeval

import (
	"go/ast"
	"go/token"
	"strconv"
)

// A chunk of top-level statements that defines no function literal and
// starts no goroutine leaves no code behind once it has run: nothing can
// refer to its source positions, to the frame slots of the values it
// computed or to its print sites. The interpreter keeps the first two for
// the whole session anyway: every parsed file stays in its file set, with
// its line table (about 400 bytes a cell), and every slot in its global
// frame (see frameslots.go); the evaluator keeps a record for every print
// call. The evaluator releases all three when it compiles the next chunk.

// disposable reports whether the statements of f leave no code that could
// run after them: no go statement, and no function literal other than one
// called where it stands, as in (func() { ... })(), which the evaluator
// writes around loops (a closure that is stored or passed may run later).
func disposable(f *ast.File) bool {
	keep := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if keep {
			return false
		}
		switch x := n.(type) {
		case *ast.GoStmt, *ast.FuncLit:
			keep = true
			return false
		case *ast.CallExpr:
			if lit, ok := unparen(x.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, visit)
				for _, a := range x.Args {
					ast.Inspect(a, visit)
				}
				return false
			}
		}
		return true
	}
	ast.Inspect(f, visit)
	return !keep
}

// spentChunk is a disposable statement chunk that has been compiled (and,
// by the next compilation, run).
type spentChunk struct {
	file  *token.File // its file in the interpreter's file set
	slots int         // the global frame's slots before it was compiled
	sites []int       // the print sites its print calls were given
}

// printSites lists the print sites the rewritten chunk f calls:
// _goeval_fmt.At(id).
func printSites(f *ast.File) []int {
	var ids []int
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "At" {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != fmtSitesImport {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.INT {
			if id, err := strconv.Atoi(lit.Value); err == nil {
				ids = append(ids, id)
			}
		}
		return true
	})
	return ids
}

// forget drops the print sites ids, whose code will not run again.
func (s *fmtSites) forget(ids []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		delete(s.sites, id)
	}
}

// keepCompiled keeps the file and frame slots of the chunk just compiled,
// for a program that runs more than once.
func (e *Evaluator) keepCompiled() { e.spent = nil }

// releaseSpentChunk drops the file and the frame slots of the last
// disposable chunk, if any.
func (e *Evaluator) releaseSpentChunk() {
	c := e.spent
	if c == nil {
		return
	}
	e.spent = nil
	if c.file != nil {
		e.in.FileSet().RemoveFile(c.file)
	}
	if c.slots >= 0 {
		releaseFrameSlots(e.in, c.slots)
	}
	if e.fmt != nil && len(c.sites) > 0 {
		e.fmt.forget(c.sites)
	}
}
