package goeval

import (
	"go/scanner"
	"go/token"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var goKeywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var",
}

// goPredeclared lists the builtins the interpreter has (no min, max or
// clear), the predeclared types and constants.
var goPredeclared = []string{
	"append", "cap", "close", "complex", "copy", "delete", "imag", "len", "make", "new",
	"panic", "print", "println", "real", "recover",
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string",
	"uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"true", "false", "iota", "nil",
}

// Complete proposes completions for the identifier that ends at byte
// cursorByte of code, a cell being edited: after "pkg." the exported members
// of that package (standard library or Options.Exports); otherwise
// keywords, builtins, package names, names declared by earlier cells and
// names declared in code itself. Matches replace code[start:end].
func (e *Evaluator) Complete(code string, cursorByte int) (matches []string, start, end int) {
	if cursorByte < 0 {
		cursorByte = 0
	}
	if cursorByte > len(code) {
		cursorByte = len(code)
	}
	start = identStart(code, cursorByte)
	end = cursorByte
	prefix := code[start:cursorByte]

	e.mu.RLock()
	defer e.mu.RUnlock()

	if start > 0 && code[start-1] == '.' {
		base := code[identStart(code, start-1) : start-1]
		if base == "" {
			return nil, start, end
		}
		p, ok := e.imports[base]
		if !ok {
			if _, user := e.reg.units[base]; user {
				return nil, start, end
			}
			p, ok = e.pkgs.resolveName(base)
		}
		if !ok {
			return nil, start, end
		}
		return filterPrefix(e.pkgs.members(p), prefix), start, end
	}

	var cands []string
	cands = append(cands, goKeywords...)
	cands = append(cands, goPredeclared...)
	cands = append(cands, e.pkgs.names()...)
	for name := range e.imports {
		if !strings.HasPrefix(name, ".") {
			cands = append(cands, name)
		}
	}
	for name := range e.reg.units {
		cands = append(cands, name)
	}
	cands = append(cands, declaredInCode(code, start)...)
	return filterPrefix(cands, prefix), start, end
}

// identStart returns where the identifier that ends at byte i of s begins.
func identStart(s string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= size
	}
	return i
}

// filterPrefix returns the candidates that start with prefix, sorted and
// without duplicates or hidden names.
func filterPrefix(cands []string, prefix string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cands {
		if seen[c] || !strings.HasPrefix(c, prefix) || strings.HasPrefix(c, hiddenPrefix) || strings.Contains(c, hiddenPrefix) {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// declaredInCode finds the names code declares, from its tokens, so that
// it works on code that does not parse yet: names after func, type, var and
// const, and the names on the left of :=. The identifier at offset skip
// (the one being typed) is left out.
func declaredInCode(code string, skip int) []string {
	fset := token.NewFileSet()
	file := fset.AddFile(srcFile, -1, len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), func(token.Position, string) {}, 0)
	var out, run []string
	prev := token.ILLEGAL
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.IDENT:
			if file.Offset(pos) == skip {
				run = nil
				break
			}
			switch prev {
			case token.FUNC, token.TYPE, token.VAR, token.CONST:
				out = append(out, lit)
			}
			if prev == token.COMMA && run != nil {
				run = append(run, lit)
			} else {
				run = []string{lit}
			}
		case token.COMMA:
		case token.DEFINE:
			out = append(out, run...)
			run = nil
		default:
			run = nil
		}
		prev = tok
	}
	return out
}
