package goeval

import (
	"go/scanner"
	"go/token"
	"unicode"
	"unicode/utf8"
)

// The completer and the inspector work on cells being typed, which rarely
// parse: they find the expression before the cursor from the tokens alone.

// lexeme is one token of a cell.
type lexeme struct {
	tok        token.Token
	start, end int // byte offsets
	lit        string
}

// scanLexemes returns the tokens of src, without the semicolons the scanner
// inserts at line ends and ignoring errors.
func scanLexemes(src string) []lexeme {
	fset := token.NewFileSet()
	file := fset.AddFile(srcFile, -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	var out []lexeme
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		start := file.Offset(pos)
		end := start + len(lit)
		if lit == "" {
			end = start + len(tok.String())
		}
		out = append(out, lexeme{tok: tok, start: start, end: end, lit: lit})
	}
}

// matchingOpen returns the index of the bracket that the closing bracket
// at index i closes, or -1.
func matchingOpen(lx []lexeme, i int) int {
	depth := 0
	for j := i; j >= 0; j-- {
		switch lx[j].tok {
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth++
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// endsOperand reports whether a token can end an operand, so that a
// bracket right after it is a call, an index or a composite literal.
func endsOperand(t token.Token) bool {
	switch t {
	case token.IDENT, token.RPAREN, token.RBRACK, token.RBRACE, token.STRING:
		return true
	}
	return false
}

// primaryStart returns the index of the first token of the primary
// expression (operand, selectors, calls, indexes) that ends with token
// last, or -1 when the tokens there do not end such an expression.
func primaryStart(lx []lexeme, last int) int {
	i := last
	for i >= 0 {
		start := -1
		switch t := lx[i].tok; {
		case t == token.RPAREN || t == token.RBRACK || t == token.RBRACE:
			j := matchingOpen(lx, i)
			if j < 0 {
				return -1
			}
			if j > 0 && endsOperand(lx[j-1].tok) && !(t == token.RPAREN && lx[j-1].tok == token.RBRACE) {
				i = j - 1 // a call, index or literal of what precedes
				continue
			}
			start = j // a parenthesized expression
		case t == token.IDENT || t.IsLiteral():
			start = i
		default:
			return -1
		}
		if start >= 2 && lx[start-1].tok == token.PERIOD {
			i = start - 2
			continue
		}
		return start
	}
	return -1
}

// identBounds returns the identifier around byte cursor of code: [start,
// end) with start <= cursor <= end (empty when there is none).
func identBounds(code string, cursor int) (start, end int) {
	start = identStart(code, cursor)
	end = cursor
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		end += size
	}
	return start, end
}

// selectorBase returns the byte range of the expression before the dot
// that precedes byte offset identStart (as in base.ident), or ok false
// when there is no such dot or expression.
func selectorBase(code string, identStart int) (start, end int, ok bool) {
	dot := identStart
	for dot > 0 && (code[dot-1] == ' ' || code[dot-1] == '\t' || code[dot-1] == '\n' || code[dot-1] == '\r') {
		dot--
	}
	if dot == 0 || code[dot-1] != '.' {
		return 0, 0, false
	}
	lx := scanLexemes(code[:dot-1])
	if len(lx) == 0 {
		return 0, 0, false
	}
	first := primaryStart(lx, len(lx)-1)
	if first < 0 {
		return 0, 0, false
	}
	return lx[first].start, lx[len(lx)-1].end, true
}

// openBracket returns the index, in lx, of the innermost bracket still open
// at the end of lx, or -1.
func openBracket(lx []lexeme) int {
	var stack []int
	for i, l := range lx {
		switch l.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			stack = append(stack, i)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// literalType returns the byte range of the type of the composite literal
// whose braces are open at offset pos, when pos is where a key of the
// literal goes (just after "{" or ","): Point{X: 1, | or RunConfig{|.
func literalType(code string, pos int) (start, end int, ok bool) {
	lx := scanLexemes(code[:pos])
	if len(lx) == 0 {
		return 0, 0, false
	}
	if t := lx[len(lx)-1].tok; t != token.LBRACE && t != token.COMMA {
		return 0, 0, false
	}
	open := openBracket(lx)
	if open < 1 || lx[open].tok != token.LBRACE || !endsOperand(lx[open-1].tok) {
		return 0, 0, false
	}
	// The literal's keys so far must be keys (Name: value), not a
	// statement block's contents.
	first := primaryStart(lx, open-1)
	if first < 0 || (first > 0 && lx[first-1].tok == token.FUNC) {
		return 0, 0, false
	}
	for _, l := range lx[first:open] {
		if l.tok == token.RPAREN {
			return 0, 0, false // if f() {, for range g() {
		}
	}
	if first > 0 {
		switch lx[first-1].tok {
		case token.IF, token.FOR, token.SWITCH, token.RANGE, token.SELECT, token.ELSE:
			return 0, 0, false
		}
	}
	return lx[first].start, lx[open-1].end, true
}

// calleeAt returns the byte range of the function expression whose call's
// parentheses are open at byte offset pos (the name the help for a call's
// arguments is about), or ok false.
func calleeAt(code string, pos int) (start, end int, ok bool) {
	lx := scanLexemes(code[:pos])
	open := openBracket(lx)
	if open < 1 || lx[open].tok != token.LPAREN || !endsOperand(lx[open-1].tok) {
		return 0, 0, false
	}
	first := primaryStart(lx, open-1)
	if first < 0 {
		return 0, 0, false
	}
	return lx[first].start, lx[open-1].end, true
}

// closers returns the brackets that close the ones left open in src, in
// order, or ok false when src ends inside a string or comment.
func closers(src string) (string, bool) {
	fset := token.NewFileSet()
	file := fset.AddFile(srcFile, -1, len(src))
	var s scanner.Scanner
	broken := false
	s.Init(file, []byte(src), func(_ token.Position, msg string) { broken = true }, 0)
	var stack []byte
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN:
			stack = append(stack, ')')
		case token.LBRACK:
			stack = append(stack, ']')
		case token.LBRACE:
			stack = append(stack, '}')
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if broken {
		return "", false
	}
	out := make([]byte, len(stack))
	for i, c := range stack {
		out[len(stack)-1-i] = c
	}
	return string(out), true
}
