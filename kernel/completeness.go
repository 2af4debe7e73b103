package kernel

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/cellsyntax"
)

// Completeness is the status of an is_complete_reply.
type Completeness string

// The statuses IsComplete returns.
const (
	Complete   Completeness = "complete"
	Incomplete Completeness = "incomplete"
	Invalid    Completeness = "invalid"
)

// indentUnit is the indentation suggested per open bracket, unless the
// cell indents with tabs.
const indentUnit = "    "

// indentFor returns the indentation of depth levels in the style of code:
// a tab per level when its lines are indented with tabs, else four spaces.
func indentFor(code string, depth int) string {
	unit := indentUnit
	for _, line := range strings.Split(code, "\n") {
		if strings.HasPrefix(line, "\t") {
			unit = "\t"
			break
		}
		if strings.HasPrefix(line, " ") {
			break
		}
	}
	return strings.Repeat(unit, depth)
}

// IsComplete tells a console whether code, a cell of Go that may mix
// imports, declarations and statements, is ready to run: incomplete when
// brackets, a raw string or a comment are still open or the code stops in the
// middle of a construct (then indent is the suggested indentation of the
// next line), invalid when it has a syntax error elsewhere, complete
// otherwise. It only parses; it never runs or type-checks the code.
func IsComplete(code string) (status Completeness, indent string) {
	if strings.TrimSpace(code) == "" {
		return Complete, ""
	}
	cell := cellsyntax.Scan(code)
	switch {
	case cell.Malformed():
		return Invalid, ""
	case cell.Unterminated() || cell.Depth > 0:
		return Incomplete, indentFor(code, max(cell.Depth, 1))
	case len(cell.Spans) == 0:
		return Complete, "" // only comments: nothing to run
	}
	var decls, stmts []string
	for _, sp := range cell.Spans {
		switch sp.Kind {
		case cellsyntax.Package:
		case cellsyntax.Decl, cellsyntax.Import:
			decls = append(decls, code[sp.Start:sp.End])
		default:
			stmts = append(stmts, code[sp.Start:sp.End])
		}
	}
	// Only the group that holds the cell's last piece can end mid-construct;
	// an error at the end of the other group is an error inside the cell.
	last := cell.Spans[len(cell.Spans)-1].Kind
	if len(decls) > 0 {
		src := "package cell\n" + strings.Join(decls, "\n")
		if st := parseStatus(src, len(src)); st != Complete {
			return finalStatus(code, st, last == cellsyntax.Decl || last == cellsyntax.Import)
		}
	}
	if len(stmts) > 0 {
		prefix := "package cell\nfunc _() {\n"
		body := strings.Join(stmts, "\n")
		if st := parseStatus(prefix+body+"\n}\n", len(prefix)+len(body)); st != Complete {
			return finalStatus(code, st, last == cellsyntax.Stmt)
		}
	}
	return Complete, ""
}

// finalStatus turns a group's parse status into the cell's: incomplete only
// when the group ends the cell, then with one level of indentation for the
// continued line.
func finalStatus(code string, st Completeness, groupEndsCell bool) (Completeness, string) {
	if st == Incomplete && groupEndsCell {
		return Incomplete, indentFor(code, 1)
	}
	return Invalid, ""
}

// parseStatus parses src as a Go file. An error at or after codeEnd (the
// end of the cell's own text) means the cell stops mid-construct.
func parseStatus(src string, codeEnd int) Completeness {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell", src, parser.SkipObjectResolution)
	if err != nil {
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 && list[0].Pos.Offset >= codeEnd {
			return Incomplete
		}
		return Invalid
	}
	if impossibleOperand(f) {
		return Invalid
	}
	return Complete
}

// impossibleOperand finds the few constructs that parse but are never valid
// Go, such as "*2" or "&1" (indirecting or taking the address of a literal),
// which a console user means as a typo.
func impossibleOperand(f *ast.File) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		switch e := n.(type) {
		case *ast.StarExpr:
			if _, lit := e.X.(*ast.BasicLit); lit {
				found = true
			}
		case *ast.UnaryExpr:
			if _, lit := e.X.(*ast.BasicLit); lit && e.Op == token.AND {
				found = true
			}
		}
		return !found
	})
	return found
}
