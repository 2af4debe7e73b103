package goeval

import (
	"go/ast"
	"go/token"
)

// A chunk of top-level statements that defines no function literal and
// starts no goroutine leaves no code behind once it has run: nothing can
// refer to its source positions or to the frame slots of the values it
// computed. The interpreter keeps both for the whole session anyway: every
// parsed file stays in its file set, with its line table (about 400 bytes
// a cell), and every slot in its global frame (see frameslots.go). The
// evaluator releases both when it compiles the next chunk.

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
}
