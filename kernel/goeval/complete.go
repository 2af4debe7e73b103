package goeval

import (
	"go/parser"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

var goKeywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var",
}

// goBuiltins lists the builtin functions the interpreter has (min, max and
// clear are rewritten or refused, but a student may still type them).
var goBuiltins = []string{
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new",
	"panic", "print", "println", "real", "recover",
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

// goPredeclaredConsts are the predeclared constants and nil.
var goPredeclaredConsts = []string{"true", "false", "iota", "nil"}

// The kinds of Candidate, as JupyterLab names them.
const (
	KindFunction = "function"
	KindVariable = "variable"
	KindType     = "type"
	KindModule   = "module"
	KindKeyword  = "keyword"
	KindField    = "field"
	KindMethod   = "method"
	KindConstant = "constant"
)

// Candidate is one completion: the text that replaces the identifier being
// typed, and the kind of thing it names.
type Candidate struct {
	Text string
	Kind string
}

// Groups order the candidates for a name: what the cells declare first,
// then the packages in use, the builtins and keywords, and the other
// importable packages last.
const (
	groupCells = iota
	groupImported
	groupBuiltin
	groupKeyword
	groupImportable
)

// Complete proposes completions for the identifier that ends at byte
// cursorByte of code, a cell being edited. Matches replace code[start:end].
// See Completions.
func (e *Evaluator) Complete(code string, cursorByte int) (matches []string, start, end int) {
	cands, start, end := e.Completions(code, cursorByte)
	for _, c := range cands {
		matches = append(matches, c.Text)
	}
	return matches, start, end
}

// Completions proposes completions, with their kinds, for the identifier
// that ends at byte cursorByte of code:
//
//   - after "pkg." the exported members of the package;
//   - after "x." (x any expression whose type is known: opt, res.Trace,
//     xs[0], f()) the fields and methods of its type, from the cells'
//     syntax, the compiled packages' types, or the value the interpreter
//     holds;
//   - at a key of a composite literal (RunConfig{Max|) the struct's fields,
//     then the names in scope;
//   - otherwise the names the cell and earlier cells declare, the packages
//     in use, builtins, keywords and importable packages.
//
// Candidates match the typed prefix, or when none does, the prefix in any
// case. The replaced range is code[start:end]: the whole identifier under
// the cursor.
func (e *Evaluator) Completions(code string, cursorByte int) (cands []Candidate, start, end int) {
	cursorByte = max(0, min(cursorByte, len(code)))
	for cursorByte > 0 && cursorByte < len(code) && !utf8.RuneStart(code[cursorByte]) {
		cursorByte--
	}
	start = identStart(code, cursorByte)
	_, end = identBounds(code, cursorByte)
	prefix := code[start:cursorByte]

	e.mu.RLock()
	defer e.mu.RUnlock()

	if bs, be, ok := selectorBase(code, start); ok {
		ty := e.editingTypes(scopeBefore(code, bs))
		base, err := parser.ParseExpr(code[bs:be])
		if err != nil {
			return nil, start, end
		}
		return filterCandidates(e.memberCandidates(ty, ty.TypeOf(base)), prefix), start, end
	}
	cell := scopeBefore(code, start)
	ty := e.editingTypes(cell)
	var out []Candidate
	if ls, le, ok := literalType(code, start); ok {
		if x, err := parser.ParseExpr(code[ls:le]); err == nil {
			if t, ok := ty.NamedType(x); ok {
				for _, m := range ty.Members(t) {
					if m.Kind == "field" {
						out = append(out, Candidate{Text: m.Name, Kind: KindField})
					}
				}
			}
		}
	}
	out = append(out, filterCandidates(e.scopeCandidates(cell), prefix)...)
	return dedupe(filterCandidates(out, prefix)), start, end
}

// memberCandidates lists what may follow "x." for x of type t.
func (e *Evaluator) memberCandidates(ty *typeinfer.Inferer, t typeinfer.Type) []Candidate {
	if t.Pkg != "" {
		return e.packageCandidates(t.Pkg)
	}
	var out []Candidate
	for _, m := range ty.Members(t) {
		kind := KindField
		if m.Kind == "method" {
			kind = KindMethod
		}
		out = append(out, Candidate{Text: m.Name, Kind: kind})
	}
	return out
}

// packageCandidates lists the exported members of a package with their
// kinds, sorted.
func (e *Evaluator) packageCandidates(importPath string) []Candidate {
	var out []Candidate
	for _, name := range e.pkgs.members(importPath) {
		kind := KindFunction
		if v, ok := e.pkgs.symbol(importPath, name); ok {
			kind = symbolKind(v)
		}
		out = append(out, Candidate{Text: name, Kind: kind})
	}
	return out
}

// symbolKind tells what a compiled package's symbol is.
func symbolKind(v reflect.Value) string {
	switch {
	case !v.IsValid():
		return KindVariable
	case typeinfer.IsTypeSymbol(v):
		return KindType
	case isConstant(v):
		return KindConstant
	case v.Kind() == reflect.Func:
		return KindFunction
	}
	return KindVariable
}

// scopeCandidates lists every name that can start an expression, in
// group order.
func (e *Evaluator) scopeCandidates(cell *cellScope) []Candidate {
	type ranked struct {
		Candidate
		group int
	}
	var all []ranked
	add := func(group int, kind string, names ...string) {
		for _, n := range names {
			all = append(all, ranked{Candidate{Text: n, Kind: kind}, group})
		}
	}
	for _, n := range cell.Names {
		kind := KindVariable
		b, _ := cell.lastBinding(n)
		switch {
		case cell.Funcs[n] != nil:
			kind = KindFunction
		case cell.Types[n] != nil:
			kind = KindType
		case b.Constant:
			kind = KindConstant
		}
		add(groupCells, kind, n)
	}
	for n, u := range e.reg.units {
		add(groupCells, unitCandidateKind(u.kind), n)
	}
	for n := range e.globalTypes {
		add(groupCells, KindVariable, n)
	}
	for n := range e.imports {
		if !strings.HasPrefix(n, ".") {
			add(groupImported, KindModule, n)
		}
	}
	add(groupBuiltin, KindFunction, goBuiltins...)
	for n := range typeinfer.Predeclared {
		add(groupBuiltin, KindType, n)
	}
	add(groupBuiltin, KindType, "comparable")
	add(groupBuiltin, KindConstant, goPredeclaredConsts...)
	add(groupKeyword, KindKeyword, goKeywords...)
	add(groupImportable, KindModule, e.pkgs.names()...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].group != all[j].group {
			return all[i].group < all[j].group
		}
		return all[i].Text < all[j].Text
	})
	out := make([]Candidate, len(all))
	for i, r := range all {
		out[i] = r.Candidate
	}
	return out
}

func unitCandidateKind(k unitKind) string {
	switch k {
	case unitFunc:
		return KindFunction
	case unitType:
		return KindType
	case unitConst:
		return KindConstant
	}
	return KindVariable
}

// filterCandidates keeps the candidates that start with prefix; when none
// does, those that start with it in any case. Hidden names never pass.
func filterCandidates(cands []Candidate, prefix string) []Candidate {
	var exact, folded []Candidate
	for _, c := range cands {
		if strings.Contains(c.Text, hiddenPrefix) {
			continue
		}
		switch {
		case strings.HasPrefix(c.Text, prefix):
			exact = append(exact, c)
		case len(c.Text) >= len(prefix) && strings.EqualFold(c.Text[:len(prefix)], prefix):
			folded = append(folded, c)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return folded
}

// dedupe keeps the first candidate of each text.
func dedupe(cands []Candidate) []Candidate {
	seen := map[string]bool{}
	out := cands[:0]
	for _, c := range cands {
		if !seen[c.Text] {
			seen[c.Text] = true
			out = append(out, c)
		}
	}
	return out
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

// declaredInCode finds the names code declares, from its tokens, so that
// it works on code that does not parse: names after func, type, var and
// const, and the names on the left of :=. The identifier at offset skip
// (the one being typed) is left out.
func declaredInCode(code string, skip int) []string {
	var out, run []string
	prev := lexeme{}
	for _, l := range scanLexemes(code) {
		switch l.tok {
		case token.IDENT:
			if l.start == skip {
				run = nil
				break
			}
			switch prev.tok {
			case token.FUNC, token.TYPE, token.VAR, token.CONST:
				out = append(out, l.lit)
			}
			if prev.tok == token.COMMA && run != nil {
				run = append(run, l.lit)
			} else {
				run = []string{l.lit}
			}
		case token.COMMA:
		case token.DEFINE:
			out = append(out, run...)
			run = nil
		default:
			run = nil
		}
		prev = l
	}
	return out
}

// isConstant reports whether a package symbol is an untyped constant.
func isConstant(v reflect.Value) bool {
	_, ok := typeinfer.ConstantOf(v)
	return ok
}
