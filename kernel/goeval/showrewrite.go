package goeval

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The print functions whose arguments go through Show (see show.go):
// where the format is (-1: none), where the printed values start, and
// whether the function separates operands as Print does.
type printFunc struct {
	format, first int
	printSpacing  bool
}

var printFuncs = map[string]map[string]printFunc{
	"fmt": {
		"Print": {-1, 0, true}, "Println": {-1, 0, false}, "Printf": {0, 1, false},
		"Sprint": {-1, 0, true}, "Sprintln": {-1, 0, false}, "Sprintf": {0, 1, false},
		"Fprint": {-1, 1, true}, "Fprintln": {-1, 1, false}, "Fprintf": {1, 2, false},
		"Append": {-1, 1, true}, "Appendln": {-1, 1, false}, "Appendf": {1, 2, false},
		"Errorf": {0, 1, false},
	},
	"log": {
		"Print": {-1, 0, true}, "Println": {-1, 0, false}, "Printf": {0, 1, false},
		"Fatal": {-1, 0, true}, "Fatalln": {-1, 0, false}, "Fatalf": {0, 1, false},
		"Panic": {-1, 0, true}, "Panicln": {-1, 0, false}, "Panicf": {0, 1, false},
	},
}

// printCall rewrites the arguments of a call of a print function whose
// static types need Show.
func (rw *rewriter) printCall(call *ast.CallExpr) {
	if rw.show == nil {
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return
	}
	path, ok := rw.infer.PackagePath(id.Name)
	if !ok {
		return
	}
	pf, ok := printFuncs[path][sel.Sel.Name]
	if !ok || len(call.Args) <= pf.first {
		return
	}
	args := call.Args[pf.first:]
	spread := call.Ellipsis.IsValid()
	isErrorf := path == "fmt" && sel.Sel.Name == "Errorf"
	// The verbs of a literal format: %T args get TypeName, %w args of
	// Errorf stay as they are.
	var verbs map[int][]rune
	var lit *ast.BasicLit
	if pf.format >= 0 {
		lit, _ = call.Args[pf.format].(*ast.BasicLit)
		if lit == nil || lit.Kind != token.STRING {
			if isErrorf {
				return
			}
		} else if format, err := strconv.Unquote(lit.Value); err == nil {
			verbs, ok = formatVerbs(format)
			if !ok {
				verbs = nil
				if isErrorf {
					return
				}
			}
		}
	}
	typeVerbs := map[int]bool{}
	for i, a := range args {
		if spread && i == len(args)-1 {
			break
		}
		uses := verbs[i]
		if hasVerb(uses, 'w') {
			rw.toError(a) // a value of a cell's error type, made an error fmt can wrap
			continue
		}
		t := rw.infer.TypeOf(a)
		if onlyVerb(uses, 'T') {
			if t.Untyped || t.RT != nil && !rtNeedsHelp(t.RT) {
				continue
			}
			rw.wrapArg(a, "TypeName", t)
			typeVerbs[i] = true
			continue
		}
		if hasVerb(uses, 'T') || !printHelps(t) {
			continue
		}
		hook := "Show"
		if pf.printSpacing {
			hook = "ShowV"
		}
		rw.wrapArg(a, hook, t)
	}
	if len(typeVerbs) > 0 && lit != nil {
		format, _ := strconv.Unquote(lit.Value)
		rw.add(edit{start: rw.off(lit.Pos()), end: rw.off(lit.End()), text: strconv.Quote(typeVerbsToS(format, typeVerbs)), rank: rankReplace})
	}
}

// printHelps reports whether a value of static type t may print wrong
// without Show.
func printHelps(t typeinfer.Type) bool {
	switch {
	case t.Untyped:
		return false
	case t.AST != nil:
		return true
	case t.RT != nil:
		return rtNeedsHelp(t.RT)
	}
	return true
}

// wrapArg puts an argument through a Show hook.
func (rw *rewriter) wrapArg(a ast.Expr, hook string, t typeinfer.Type) {
	h := rw.show.handle(t)
	start, end := rw.off(a.Pos()), rw.off(a.End())
	rw.add(edit{start: start, end: start, text: hooksImport + "." + hook + "(" + strconv.Itoa(h) + ", []any{", rank: openRank(1000)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(1000)})
}

// showResult is the text that wraps the cell's last expression for the
// Result, so that it shows as Go would print it.
func (rw *rewriter) showResult(x ast.Expr) (open, close string) {
	if rw.show == nil {
		return "", ""
	}
	t := rw.infer.TypeOf(x)
	if t.Untyped || t.AST == nil && (t.RT == nil || !rtNeedsHelp(t.RT)) {
		return "", ""
	}
	if call, ok := typeinfer.Unparen(x).(*ast.CallExpr); ok {
		if r, known := rw.infer.Results(call); !known || len(r) != 1 {
			return "", ""
		}
	}
	return hooksImport + ".Show(" + strconv.Itoa(rw.show.handle(t)) + ", []any{", "})"
}

func hasVerb(vs []rune, v rune) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// onlyVerb reports whether an argument is used, and only with verb v.
func onlyVerb(vs []rune, v rune) bool {
	if len(vs) == 0 {
		return false
	}
	for _, x := range vs {
		if x != v {
			return false
		}
	}
	return true
}

// formatVerbs returns, for each argument of a format, the verbs that
// print it. ok is false for a format with explicit argument indexes.
func formatVerbs(format string) (map[int][]rune, bool) {
	out := map[int][]rune{}
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.' || format[i] == '*') {
			if format[i] == '*' {
				arg++
			}
			i++
		}
		if i < len(format) && format[i] == '[' {
			return nil, false
		}
		if i >= len(format) {
			break
		}
		out[arg] = append(out[arg], rune(format[i]))
		arg++
	}
	return out, true
}

// typeVerbsToS turns the %T verbs of the arguments in args into %s.
func typeVerbsToS(format string, args map[int]bool) string {
	b := []byte(format)
	arg := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '%' {
			continue
		}
		i++
		if i < len(b) && b[i] == '%' {
			continue
		}
		for i < len(b) && strings.IndexByte("+-# 0", b[i]) >= 0 {
			i++
		}
		for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == '.' || b[i] == '*') {
			if b[i] == '*' {
				arg++
			}
			i++
		}
		if i >= len(b) {
			break
		}
		if b[i] == 'T' && args[arg] {
			b[i] = 's'
		}
		arg++
	}
	return string(b)
}
