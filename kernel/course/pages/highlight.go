package pages

import (
	"go/scanner"
	"go/token"
	"html"
	"strings"
)

// Code is highlighted with the standard library's Go scanner, which
// tokenizes Go exactly as the compiler does. A general highlighting library
// was measured instead: registering its hundreds of lexers and styles at
// package initialization took ~25 ms of every start of the kernel and of
// its worker (the same binary), for pages that only this package renders.
// Code in another language (a fenced block marked ```bash, say) is shown
// as plain text.

// codeCSS colors the classes Highlight emits: a light theme that prints
// well, after GitHub's.
const codeCSS = `
pre.code .k, pre.code .kd { color: #d73a49; }
pre.code .kt, pre.code .nb { color: #005cc5; }
pre.code .nf { color: #6f42c1; }
pre.code .s { color: #032f62; }
pre.code .m { color: #005cc5; }
pre.code .c1 { color: #6a737d; font-style: italic; }
pre.code .o { color: #d73a49; }
`

// highlighter renders source code as a <pre class="code"> whose tokens
// carry the classes codeCSS defines.
type highlighter struct{}

func newHighlighter() *highlighter { return &highlighter{} }

// CSS is the stylesheet of the highlighted code's classes.
func (h *highlighter) CSS() (string, error) { return codeCSS, nil }

// isGo reports whether a fenced block's language names Go; a code cell's
// empty language is the kernel's, Go.
func isGo(language string) bool {
	switch strings.ToLower(language) {
	case "", "go", "golang":
		return true
	}
	return false
}

// Highlight renders src, in language ("go" when empty), as a highlighted
// <pre>. Source in another language is escaped as plain text.
func (h *highlighter) Highlight(src, language string) string {
	var b strings.Builder
	b.WriteString(`<pre class="code"><code>`)
	if isGo(language) {
		highlightGo(&b, src)
	} else {
		b.WriteString(html.EscapeString(src))
	}
	b.WriteString("</code></pre>")
	return b.String()
}

// highlightGo writes src with its Go tokens in spans. The text between
// tokens (spaces, and anything the scanner rejects) is copied as it is.
func highlightGo(b *strings.Builder, src string) {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	last := 0
	prevIdent := -1 // the class slot of the previous identifier, to mark calls
	var out []span
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit != ";" {
			continue // inserted at a newline, not in the source
		}
		start := file.Offset(pos)
		text := lit
		if text == "" {
			text = tok.String()
		}
		end := min(len(src), start+len(text))
		if start < last || start > len(src) {
			continue
		}
		class := tokenClass(tok, text)
		if tok == token.LPAREN && prevIdent >= 0 && out[prevIdent].class == "" {
			out[prevIdent].class = "nf" // a call, or a function being declared
		}
		prevIdent = -1
		if tok == token.IDENT {
			prevIdent = len(out)
		}
		out = append(out, span{start: start, end: end, class: class})
		last = end
	}
	last = 0
	for _, sp := range out {
		b.WriteString(html.EscapeString(src[last:sp.start]))
		text := html.EscapeString(src[sp.start:sp.end])
		if sp.class == "" {
			b.WriteString(text)
		} else {
			b.WriteString(`<span class="` + sp.class + `">` + text + "</span>")
		}
		last = sp.end
	}
	b.WriteString(html.EscapeString(src[last:]))
}

// span is a token of the source and its class ("" for none).
type span struct {
	start, end int
	class      string
}

// tokenClass is the CSS class of a token.
func tokenClass(tok token.Token, text string) string {
	switch {
	case tok == token.COMMENT:
		return "c1"
	case tok == token.STRING || tok == token.CHAR:
		return "s"
	case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
		return "m"
	case tok == token.FUNC || tok == token.VAR || tok == token.CONST || tok == token.TYPE ||
		tok == token.IMPORT || tok == token.PACKAGE:
		return "kd"
	case tok.IsKeyword():
		return "k"
	case tok == token.IDENT:
		return identClass(text)
	case tok.IsOperator() && tok != token.LPAREN && tok != token.RPAREN && tok != token.LBRACE &&
		tok != token.RBRACE && tok != token.LBRACK && tok != token.RBRACK && tok != token.COMMA &&
		tok != token.PERIOD && tok != token.SEMICOLON && tok != token.COLON:
		return "o"
	}
	return ""
}

// predeclaredTypes and predeclaredFuncs are Go's predeclared identifiers
// (the language specification's "Predeclared identifiers").
var (
	predeclaredTypes = set("any", "bool", "byte", "comparable", "complex64", "complex128", "error",
		"float32", "float64", "int", "int8", "int16", "int32", "int64", "rune", "string",
		"uint", "uint8", "uint16", "uint32", "uint64", "uintptr")
	predeclaredOther = set("true", "false", "iota", "nil", "append", "cap", "clear", "close",
		"complex", "copy", "delete", "imag", "len", "make", "max", "min", "new", "panic",
		"print", "println", "real", "recover")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// identClass is the class of an identifier: predeclared types and
// builtins stand out, other names are left plain (calls are marked later).
func identClass(name string) string {
	switch {
	case predeclaredTypes[name]:
		return "kt"
	case predeclaredOther[name]:
		return "nb"
	}
	return ""
}
