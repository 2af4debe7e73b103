package goeval

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"

	"github.com/descentlab/descent/kernel/goeval/cellsyntax"
)

// itemKind says what a top-level item of a cell is.
type itemKind = cellsyntax.Kind

const (
	itemStmt    = cellsyntax.Stmt    // a statement, run in order
	itemDecl    = cellsyntax.Decl    // func, method, type, var or const declaration
	itemImport  = cellsyntax.Import  // an import declaration
	itemPackage = cellsyntax.Package // a package clause, ignored
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
		if sp.Kind == itemPackage {
			continue
		}
		text := c.text[sp.Start:sp.End]
		prefix, suffix := declPrefix, ""
		if sp.Kind == itemStmt {
			prefix, suffix = stmtPrefix, stmtSuffix
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, srcFile, prefix+text+suffix, parser.SkipObjectResolution)
		delta := sp.Start - len(prefix)
		if err != nil {
			return nil, syntaxError(c, err, delta)
		}
		file := fset.File(f.Pos())
		if sp.Kind != itemStmt {
			for _, d := range f.Decls {
				it := &item{kind: sp.Kind, file: file, delta: delta, decl: d, index: len(items)}
				it.start, it.end = max(it.off(d.Pos()), sp.Start), min(it.off(d.End()), sp.End)
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
			it.start, it.end = max(it.off(st.Pos()), sp.Start), min(it.off(st.End()), sp.End)
			items = append(items, it)
		}
	}
	return items, nil
}

// topLevelSpans cuts the cell into its top-level pieces (cellsyntax.Scan,
// which is_complete uses too). It returns a *CellError for the first
// scanner error.
func topLevelSpans(c *cellSource) ([]cellsyntax.Span, error) {
	scan := cellsyntax.Scan(c.text)
	if len(scan.Errors) > 0 {
		return nil, syntaxError(c, scan.Errors[:1], 0)
	}
	return scan.Spans, nil
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
