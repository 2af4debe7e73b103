package goeval

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
)

// itemKind says what a top-level item of a cell is.
type itemKind int

const (
	itemStmt    itemKind = iota // a statement, run in order
	itemDecl                    // func, method, type, var or const declaration
	itemImport                  // an import declaration
	itemPackage                 // a package clause, ignored
)

// item is one top-level declaration or statement of a cell.
type item struct {
	kind       itemKind
	start, end int // byte range in the cell
	// delta converts an offset of file (the private parse of this item)
	// into an offset of the cell.
	file  *token.File
	delta int
	decl  ast.Decl // itemDecl, itemImport
	stmt  ast.Stmt // itemStmt
	index int      // position in the cell, 0-based
}

// off converts a position of the item's AST into a cell byte offset.
func (it *item) off(p token.Pos) int { return it.file.Offset(p) + it.delta }

// runsAsStatement reports whether the item runs in a statement chunk: a
// statement, or a var declaration. The interpreter cannot initialize a
// package-level var from a variable of an earlier compilation ("variable
// definition loop"), but a var statement at the top level declares the same
// global and runs in order.
func (it *item) runsAsStatement() bool {
	if it.kind == itemStmt {
		return true
	}
	gd, ok := it.decl.(*ast.GenDecl)
	return ok && gd.Tok == token.VAR
}

// node returns the item's AST.
func (it *item) node() ast.Node {
	if it.stmt != nil {
		return it.stmt
	}
	return it.decl
}

const (
	declPrefix = "package main;"
	stmtPrefix = "package main; func _() {"
	stmtSuffix = "\n}"
)

// splitCell cuts a cell into its top-level items and parses each one. It
// returns a *CellError for a syntax error.
func splitCell(c *cellSource) ([]*item, error) {
	spans, err := topLevelSpans(c)
	if err != nil {
		return nil, err
	}
	var items []*item
	for _, sp := range spans {
		if sp.kind == itemPackage {
			continue
		}
		text := c.text[sp.start:sp.end]
		prefix, suffix := declPrefix, ""
		if sp.kind == itemStmt {
			prefix, suffix = stmtPrefix, stmtSuffix
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, srcFile, prefix+text+suffix, parser.SkipObjectResolution)
		delta := sp.start - len(prefix)
		if err != nil {
			return nil, syntaxError(c, err, delta)
		}
		file := fset.File(f.Pos())
		if sp.kind != itemStmt {
			for _, d := range f.Decls {
				it := &item{kind: sp.kind, file: file, delta: delta, decl: d, index: len(items)}
				it.start, it.end = max(it.off(d.Pos()), sp.start), min(it.off(d.End()), sp.end)
				items = append(items, it)
			}
			continue
		}
		// A statement region: one item per statement.
		for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
			if _, empty := st.(*ast.EmptyStmt); empty {
				continue
			}
			it := &item{kind: itemStmt, file: file, delta: delta, stmt: st, index: len(items)}
			// Clamped: an implicit empty statement (L: at the end) ends
			// after the text.
			it.start, it.end = max(it.off(st.Pos()), sp.start), min(it.off(st.End()), sp.end)
			items = append(items, it)
		}
	}
	return items, nil
}

// span is the byte range of one top-level item before parsing.
type span struct {
	kind       itemKind
	start, end int
}

// topLevelSpans scans the cell and cuts it at the semicolons (written or
// implied by a newline) that are outside any bracket. Each piece that starts
// a declaration (import, package, type, var, const, func or method) is a
// span of its own; consecutive other pieces form one statement span, which
// go/parser then cuts into statements (a for or if header has semicolons
// outside brackets too).
func topLevelSpans(c *cellSource) ([]span, error) {
	fset := token.NewFileSet()
	file := fset.AddFile(srcFile, -1, len(c.text))
	var s scanner.Scanner
	var firstErr error
	s.Init(file, []byte(c.text), func(pos token.Position, msg string) {
		if firstErr == nil {
			firstErr = syntaxError(c, scanner.ErrorList{&scanner.Error{Pos: pos, Msg: msg}}, 0)
		}
	}, 0)
	type tok struct {
		off int
		tok token.Token
		lit string
	}
	var spans []span
	var cur []tok
	depth := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		last := cur[len(cur)-1]
		end := last.off + tokenLen(last.tok, last.lit)
		kind := classify(cur[0].tok, func(i int) (token.Token, bool) {
			if i < len(cur) {
				return cur[i].tok, true
			}
			return token.ILLEGAL, false
		})
		if n := len(spans); kind == itemStmt && n > 0 && spans[n-1].kind == itemStmt {
			spans[n-1].end = end
		} else {
			spans = append(spans, span{kind: kind, start: cur[0].off, end: end})
		}
		cur = cur[:0]
	}
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 {
				flush()
				continue
			}
		}
		cur = append(cur, tok{off: off, tok: t, lit: lit})
	}
	flush()
	if firstErr != nil {
		return nil, firstErr
	}
	return spans, nil
}

// classify decides the kind of an item from its first tokens; at(i) returns
// the item's i-th token.
func classify(first token.Token, at func(int) (token.Token, bool)) itemKind {
	switch first {
	case token.PACKAGE:
		return itemPackage
	case token.IMPORT:
		return itemImport
	case token.TYPE, token.VAR, token.CONST:
		return itemDecl
	case token.FUNC:
		t, _ := at(1)
		if t == token.IDENT {
			return itemDecl
		}
		if t != token.LPAREN {
			return itemStmt
		}
		// func (recv T) Name( ... is a method; func (params) ... is a literal.
		depth := 0
		for i := 1; ; i++ {
			t, ok := at(i)
			if !ok {
				return itemStmt
			}
			switch t {
			case token.LPAREN, token.LBRACK, token.LBRACE:
				depth++
			case token.RPAREN, token.RBRACK, token.RBRACE:
				depth--
			}
			if depth == 0 {
				name, _ := at(i + 1)
				next, _ := at(i + 2)
				if name == token.IDENT && (next == token.LPAREN || next == token.LBRACK) {
					return itemDecl
				}
				return itemStmt
			}
		}
	}
	return itemStmt
}

// tokenLen is the length in bytes of a scanned token.
func tokenLen(t token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(t.String())
}

// syntaxError converts a go/parser or go/scanner error into a CellError;
// delta converts the error's file offset into a cell offset.
func syntaxError(c *cellSource, err error, delta int) error {
	list, ok := err.(scanner.ErrorList)
	if !ok || len(list) == 0 {
		return &CellError{Kind: KindCompile, Message: err.Error()}
	}
	first := list[0]
	off := first.Pos.Offset + delta
	if off < 0 {
		off = 0
	}
	if off > len(c.text) {
		off = len(c.text)
	}
	line, col := c.lineCol(off)
	return &CellError{Kind: KindCompile, Message: first.Msg, Line: line, Col: col, SourceLine: c.line(line)}
}
