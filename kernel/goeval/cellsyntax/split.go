package cellsyntax

import (
	"go/scanner"
	"go/token"
	"strings"
	"unicode/utf8"
)

// Kind says what a top-level piece of a cell is.
type Kind int

// The kinds of piece.
const (
	Stmt    Kind = iota // one or more statements, run in order
	Decl                // a func, method, type, var or const declaration
	Import              // an import declaration
	Package             // a package clause, which a cell ignores
)

// Span is the byte range of one top-level piece of a cell, from its first
// token to the end of its last.
type Span struct {
	Kind       Kind
	Start, End int
}

// Cell is what scanning a cell found.
type Cell struct {
	// Spans are the cell's pieces in order. Consecutive statements form
	// one span, which go/parser then cuts into statements (a for or if
	// header has semicolons outside brackets too).
	Spans []Span
	// Depth is the number of brackets still open at the end.
	Depth int
	// Unbalanced reports a closing bracket that closes nothing.
	Unbalanced bool
	// Errors are the scanner's errors, in order.
	Errors scanner.ErrorList
}

// Scan cuts src at the semicolons (written or implied by a newline) that
// are outside any bracket. Each piece that starts a declaration (import,
// package, type, var, const, func or method) is a span of its own;
// consecutive other pieces form one statement span.
func Scan(src string) Cell {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var c Cell
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		c.Errors.Add(pos, msg)
	}, 0)
	var cur []scanned
	flush := func() {
		if len(cur) > 0 {
			c.add(cur)
		}
		cur = cur[:0]
	}
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			c.Depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if c.Depth == 0 {
				c.Unbalanced = true
			} else {
				c.Depth--
			}
		case token.SEMICOLON:
			if c.Depth == 0 {
				if n := len(cur); n > 0 && cur[n-1].tok == token.COLON {
					// "L:;" labels an empty statement: the semicolon is
					// that statement, so it belongs to the piece.
					off := file.Offset(pos)
					cur = append(cur, scanned{off: off, end: tokenEnd(src, off, t, lit), tok: t})
				}
				flush()
				continue
			}
		}
		off := file.Offset(pos)
		cur = append(cur, scanned{off: off, end: tokenEnd(src, off, t, lit), tok: t})
	}
	flush()
	return c
}

// scanned is one token of a piece.
type scanned struct {
	off, end int // its bytes in the source
	tok      token.Token
}

// add appends the piece made of toks, merging it into the previous span
// when both are statements.
func (c *Cell) add(toks []scanned) {
	end := toks[len(toks)-1].end
	kind := classify(toks)
	if n := len(c.Spans); kind == Stmt && n > 0 && c.Spans[n-1].Kind == Stmt {
		c.Spans[n-1].End = end
		return
	}
	c.Spans = append(c.Spans, Span{Kind: kind, Start: toks[0].off, End: end})
}

// Unterminated reports whether a raw string or general comment is still
// open at the end: more input can finish the cell.
func (c *Cell) Unterminated() bool {
	for _, e := range c.Errors {
		if unterminated(e.Msg) {
			return true
		}
	}
	return false
}

// Malformed reports a scanner error that more input cannot fix, or a
// closing bracket that closes nothing.
func (c *Cell) Malformed() bool {
	for _, e := range c.Errors {
		if !unterminated(e.Msg) {
			return true
		}
	}
	return c.Unbalanced
}

// unterminated tells go/scanner's errors for a raw string or general
// comment that runs to the end of the input.
func unterminated(msg string) bool {
	return msg == "raw string literal not terminated" || msg == "comment not terminated"
}

// classify decides the kind of a piece from its first tokens. A func
// followed by a name, or by a receiver and then a name and "(", is a
// declaration; any other func starts a function literal.
func classify(toks []scanned) Kind {
	at := func(i int) token.Token {
		if i < len(toks) {
			return toks[i].tok
		}
		return token.ILLEGAL
	}
	switch at(0) {
	case token.PACKAGE:
		return Package
	case token.IMPORT:
		return Import
	case token.TYPE, token.VAR, token.CONST:
		return Decl
	case token.FUNC:
		switch at(1) {
		case token.IDENT:
			return Decl
		case token.LPAREN:
			if end, ok := closing(toks, 1); ok && at(end+1) == token.IDENT &&
				(at(end+2) == token.LPAREN || at(end+2) == token.LBRACK) {
				return Decl
			}
		}
	}
	return Stmt
}

// closing returns the index of the bracket that closes toks[open].
func closing(toks []scanned, open int) (int, bool) {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if depth == 0 {
			return i, true
		}
	}
	return 0, false
}

// tokenEnd is where the token t at off ends in src. A literal, name or
// comment is its text, but for three tokens: a semicolon the scanner adds
// at a newline spans the newline, or nothing at the end of the input; an
// illegal byte (invalid UTF-8) is reported as U+FFFD, three bytes, for one
// byte of source; and a raw string loses its carriage returns.
func tokenEnd(src string, off int, t token.Token, lit string) int {
	switch {
	case t == token.STRING && src[off] == '`':
		if i := strings.IndexByte(src[off+1:], '`'); i >= 0 {
			return off + 1 + i + 1
		}
		return len(src)
	case t == token.SEMICOLON && lit == "\n":
		return min(off+1, len(src))
	case t == token.ILLEGAL:
		_, w := utf8.DecodeRuneInString(src[off:])
		return off + max(w, 1)
	case lit != "":
		return off + len(lit)
	}
	return off + len(t.String())
}
