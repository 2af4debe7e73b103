package kernel

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
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
	segments, depth, open, bad := scanCell(code)
	switch {
	case bad || depth < 0:
		return Invalid, ""
	case open || depth > 0:
		return Incomplete, indentFor(code, max(depth, 1))
	}
	var decls, stmts []string
	for _, seg := range segments {
		switch {
		case seg.pkgClause:
		case seg.decl:
			decls = append(decls, seg.text)
		default:
			stmts = append(stmts, seg.text)
		}
	}
	// Only the group that holds the cell's last segment can end mid-construct;
	// an error at the end of the other group is an error inside the cell.
	last := segments[len(segments)-1]
	if len(decls) > 0 {
		src := "package cell\n" + strings.Join(decls, "\n")
		if st := parseStatus(src, len(src)); st != Complete {
			return finalStatus(code, st, last.decl)
		}
	}
	if len(stmts) > 0 {
		prefix := "package cell\nfunc _() {\n"
		body := strings.Join(stmts, "\n")
		if st := parseStatus(prefix+body+"\n}\n", len(prefix)+len(body)); st != Complete {
			return finalStatus(code, st, !last.decl && !last.pkgClause)
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

// segment is a top-level statement or declaration of a cell.
type segment struct {
	text      string
	decl      bool // import, func or method declaration, or const/var/type
	pkgClause bool // a package clause, which the cell ignores
}

// scanCell splits code into top-level segments at the semicolons (explicit
// or automatic) outside brackets. It reports the final bracket depth, whether
// a raw string or general comment is left open, and whether the scanner met
// an error that more input cannot fix.
func scanCell(code string) (segs []segment, depth int, open, bad bool) {
	src := []byte(code)
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(_ token.Position, msg string) {
		switch msg {
		case "raw string literal not terminated", "comment not terminated":
			open = true
		default:
			bad = true
		}
	}, 0)
	start := -1
	var toks []token.Token
	flush := func(end int) {
		if start >= 0 && end > start {
			text := strings.TrimSpace(code[start:end])
			if text != "" {
				decl, pkg := classify(toks)
				segs = append(segs, segment{text: text, decl: decl, pkgClause: pkg})
			}
		}
		start, toks = -1, toks[:0]
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if tok == token.SEMICOLON && depth == 0 {
			flush(off)
			continue
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		if start < 0 {
			start = off
		}
		if len(toks) < 8 {
			toks = append(toks, tok)
		}
		switch tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
			if depth < 0 {
				bad = true
			}
		}
	}
	flush(len(code))
	if len(segs) == 0 && !open && !bad && depth == 0 {
		// Only comments: nothing to run, which is complete.
		segs = []segment{{text: "", pkgClause: true}}
	}
	if len(segs) == 0 {
		segs = []segment{{}}
	}
	return segs, depth, open, bad
}

// classify tells declarations (which go at file level) from statements by
// their first tokens. A func followed by a name, or by a receiver and then a
// name and "(", is a declaration; any other func starts a function literal.
func classify(toks []token.Token) (decl, pkgClause bool) {
	if len(toks) == 0 {
		return false, false
	}
	switch toks[0] {
	case token.PACKAGE:
		return false, true
	case token.IMPORT, token.CONST, token.VAR, token.TYPE:
		return true, false
	case token.FUNC:
		if len(toks) > 1 && toks[1] == token.IDENT {
			return true, false
		}
		if len(toks) > 1 && toks[1] == token.LPAREN {
			// func (r T) Name( or func (r *T) Name(
			d := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i] {
				case token.LPAREN, token.LBRACK:
					d++
				case token.RPAREN, token.RBRACK:
					d--
				}
				if d == 0 {
					return i+2 < len(toks) && toks[i+1] == token.IDENT && toks[i+2] == token.LPAREN, false
				}
			}
		}
	}
	return false, false
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
