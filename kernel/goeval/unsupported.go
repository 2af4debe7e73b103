package goeval

import (
	"fmt"
	"go/ast"
	"reflect"
	"regexp"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// Go that the interpreter (yaegi v0.16.1) cannot run is reported with what
// to write instead: before evaluation when the syntax shows it, otherwise by
// recognising the interpreter's message.

// builtinAdvice is for a min or max whose type the rewriter cannot work
// out (stdsource.go), and for a clear the interpreter reports undefined.
var builtinAdvice = map[string]string{
	"min": "cannot tell the type of the arguments of min here (a type parameter, or a value whose type is not known before it runs): " +
		"convert one argument to the type you mean, e.g. min(float64(a), b), or write the comparison out with an if",
	"max": "cannot tell the type of the arguments of max here (a type parameter, or a value whose type is not known before it runs): " +
		"convert one argument to the type you mean, e.g. max(float64(a), b), or write the comparison out with an if",
	"clear": "clear is not available here: for a map, delete the keys in a loop (for k := range m { delete(m, k) }) or make a new map; for a slice, set the elements to zero in a loop",
}

// checkUnsupported looks through the cell for what the interpreter cannot
// run: a range over a function (an iterator such as maps.Keys(m)), a min
// or max whose type cannot be worked out, and type arguments written for
// a function of the generic standard packages. predeclared holds the
// identifiers that refer to predeclared names and packages.
func (run *cellRun) checkUnsupported(predeclared map[*ast.Ident]bool) error {
	var found error
	for _, it := range run.items {
		if found != nil {
			break
		}
		var rw *rewriter
		lazy := func() *rewriter {
			if rw == nil {
				rw = run.newRewriter(it)
			}
			return rw
		}
		ast.Inspect(it.node(), func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.RangeStmt:
				if rangesOverFunc(n.X, lazy().infer, predeclared) {
					found = errorAt(run.cell, it, n.X, KindUnsupported, rangeFuncAdvice)
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && predeclared[id] && (id.Name == "min" || id.Name == "max") {
					if !lazy().minMaxTyped(n, id.Name == "min") {
						found = errorAt(run.cell, it, id, KindUnsupported, builtinAdvice[id.Name])
					}
				}
				if arg, msg := lazy().embedRefusal(n); arg != nil {
					found = errorAt(run.cell, it, arg, KindUnsupported, msg)
					return false
				}
				if sel, bad := lazy().needsTypeArgs(n); bad {
					found = errorAt(run.cell, it, sel, KindUnsupported, fmt.Sprintf(
						"cannot tell the type of the arguments of %s.%s here (a type parameter, or a value whose type is not known before it runs), "+
							"and the interpreter cannot work it out: give the argument a known type, e.g. assign it to a variable declared with its type, "+
							"or copy the slice or map with a loop", sel.X.(*ast.Ident).Name, sel.Sel.Name))
				}
			case *ast.IndexExpr:
				found = run.explicitStd(it, lazy, n.X)
			case *ast.IndexListExpr:
				found = run.explicitStd(it, lazy, n.X)
			}
			return true
		})
	}
	return found
}

// explicitStd refuses type arguments written for a function of a source
// package: its type parameters are not the standard ones.
func (run *cellRun) explicitStd(it *item, rw func() *rewriter, x ast.Expr) error {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	p, ok := rw().stdPackage(sel)
	if !ok {
		return nil
	}
	return errorAt(run.cell, it, x, KindUnsupported, fmt.Sprintf(
		"write %s.%s without type arguments: the interpreter's %s package works them out from the arguments "+
			"(convert an argument, e.g. []float64(xs), to choose them)", sel.X.(*ast.Ident).Name, sel.Sel.Name, p))
}

// rangeFuncAdvice says what to write instead of a range over a function.
const rangeFuncAdvice = "the interpreter cannot range over a function (an iterator such as maps.Keys(m) or slices.Values(s)): " +
	"collect its values first, e.g. for _, k := range slices.Sorted(maps.Keys(m)) or for _, v := range slices.Collect(seq), " +
	"or range over the map or slice itself"

// iteratorFuncs are the functions of the source packages that return
// iterators.
var iteratorFuncs = map[string]map[string]bool{
	"slices": {"All": true, "Values": true, "Backward": true, "Chunk": true},
	"maps":   {"All": true, "Keys": true, "Values": true},
}

// rangesOverFunc reports whether the expression of a range clause is a
// function: an iterator of the source packages, or a value whose type is
// known to be a function type.
func rangesOverFunc(x ast.Expr, in *typeinfer.Inferer, predeclared map[*ast.Ident]bool) bool {
	if call, ok := typeinfer.Unparen(x).(*ast.CallExpr); ok {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && predeclared[id] {
				if p, ok := in.PackagePath(id.Name); ok && iteratorFuncs[p][sel.Sel.Name] {
					return true
				}
			}
		}
	}
	return in.Kind(in.TypeOf(x)) == reflect.Func
}

// errorAt builds a CellError at the start of node n of item it.
func errorAt(c *cellSource, it *item, n ast.Node, kind ErrorKind, msg string) *CellError {
	line, col := c.lineCol(it.off(n.Pos()))
	return &CellError{Kind: kind, Message: msg, Line: line, Col: col, SourceLine: c.line(line)}
}

func redefineGenericError(u *unit, what string) error {
	line, col := u.cell.lineCol(u.start)
	return &CellError{
		Kind: KindUnsupported,
		Message: fmt.Sprintf("generic %s %s is already defined differently, and the interpreter cannot redefine generic code: "+
			"give it a new name, or run %%reset and re-run the cells", what, u.names[0]),
		Line: line, Col: col, SourceLine: u.cell.line(line),
	}
}

var (
	undefinedTypeRE  = regexp.MustCompile(`^undefined type for ([A-Za-z_][A-Za-z0-9_]*)`)
	undefinedSelRE   = regexp.MustCompile(`^undefined selector: (slices|maps|cmp)\.([A-Za-z0-9_]+)`)
	undefinedBuiltin = regexp.MustCompile(`^undefined: (min|max|clear)$`)
	importErrorRE    = regexp.MustCompile(`^import "([^"]+)" error: `)
	funcInferRE      = regexp.MustCompile(`^cannot use type func\(`)
)

// interpretMessage maps what the interpreter says to a kind and a message
// that says what to do.
func interpretMessage(msg string) (ErrorKind, string) {
	switch {
	case undefinedTypeRE.MatchString(msg):
		return KindUnsupported, msg + ": the interpreter could not infer the type arguments of a generic call: " +
			"write the type arguments explicitly, e.g. Sum[float64](a, b)"
	case undefinedSelRE.MatchString(msg):
		m := undefinedSelRE.FindStringSubmatch(msg)
		return KindUnsupported, fmt.Sprintf("%s.%s is not available in the interpreter: "+
			"write a loop, or use the sort package", m[1], m[2])
	case undefinedBuiltin.MatchString(msg):
		m := undefinedBuiltin.FindStringSubmatch(msg)
		return KindUnsupported, builtinAdvice[m[1]]
	case importErrorRE.MatchString(msg):
		m := importErrorRE.FindStringSubmatch(msg)
		return KindCompile, unavailableMessage(m[1])
	case msg == "nil type":
		return KindUnsupported, "cannot tell that the expression of a for ... range is an integer: " +
			"write the loop as for i := 0; i < n; i++"
	}
	return KindCompile, msg
}

// genericHint adds advice to a type error at a call of a generic function
// without explicit type arguments, where the interpreter's inference is
// known to go wrong (it infers func(int) int for func(int) float64).
func genericHint(msg string) (string, bool) {
	if funcInferRE.MatchString(msg) && !strings.Contains(msg, "type arguments") {
		return msg + ": the interpreter's generic type inference is limited: write the type arguments explicitly, e.g. Map[int, float64](xs, f)", true
	}
	return msg, false
}
