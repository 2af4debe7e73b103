package goeval

import (
	"go/scanner"
	"go/token"
	"strings"
)

// The statuses IsComplete reports, as Jupyter's is_complete_reply names them.
const (
	StatusComplete   = "complete"
	StatusIncomplete = "incomplete"
	StatusInvalid    = "invalid"
)

// IsComplete tells a console whether code is ready to run: "complete",
// "incomplete" (an open bracket, an unterminated raw string or comment, a
// line ending in an operator), with the indent to offer on the next line,
// or "invalid" (a syntax error more typing cannot fix).
func IsComplete(code string) (status string, indent string) {
	if strings.TrimSpace(code) == "" {
		return StatusComplete, ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile(srcFile, -1, len(code))
	var s scanner.Scanner
	scanErr := ""
	s.Init(file, []byte(code), func(_ token.Position, msg string) {
		if scanErr == "" {
			scanErr = msg
		}
	}, 0)
	depth, last := 0, token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if !(tok == token.SEMICOLON && lit == "\n") {
			last = tok
		}
	}
	switch {
	case scanErr != "" && strings.Contains(scanErr, "not terminated"):
		return StatusIncomplete, strings.Repeat("\t", max(depth, 0))
	case scanErr != "", depth < 0:
		return StatusInvalid, ""
	case depth > 0:
		return StatusIncomplete, strings.Repeat("\t", depth)
	case continuesLine(last):
		return StatusIncomplete, "\t"
	}
	if _, err := splitCell(newCellSource(0, code)); err != nil {
		return StatusInvalid, ""
	}
	return StatusComplete, ""
}

// continuesLine reports whether a line ending in tok must go on: a binary
// operator, an assignment, a comma or a dot.
func continuesLine(tok token.Token) bool {
	switch tok {
	case token.COMMA, token.PERIOD, token.ASSIGN, token.DEFINE, token.ARROW:
		return true
	}
	return tok.IsOperator() && tok.Precedence() > 0 ||
		tok >= token.ADD_ASSIGN && tok <= token.AND_NOT_ASSIGN
}
