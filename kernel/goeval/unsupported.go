package goeval

import (
	"fmt"
	"go/ast"
	"regexp"
	"strings"
)

// Go that the interpreter (yaegi v0.16.1) cannot run is reported with what
// to write instead: before evaluation when the syntax shows it, otherwise by
// recognising the interpreter's message.

// builtinAdvice is for the Go 1.21 builtins the interpreter lacks.
var builtinAdvice = map[string]string{
	"min":   "the interpreter has no min/max builtins: use math.Min/math.Max for float64 or an if",
	"max":   "the interpreter has no min/max builtins: use math.Min/math.Max for float64 or an if",
	"clear": "the interpreter has no clear builtin: for a map, delete the keys in a loop (for k := range m { delete(m, k) }) or make a new map; for a slice, set the elements to zero in a loop",
}

// missingGeneric lists generic standard-library functions the interpreter
// does not provide, with advice.
var missingGeneric = map[string]map[string]string{
	"slices": {
		"Sort":             "sort.Ints, sort.Float64s, sort.Strings or sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })",
		"SortFunc":         "sort.Slice(xs, func(i, j int) bool { ... })",
		"SortStableFunc":   "sort.SliceStable(xs, func(i, j int) bool { ... })",
		"IsSorted":         "sort.IntsAreSorted, sort.Float64sAreSorted or sort.SliceIsSorted",
		"IsSortedFunc":     "sort.SliceIsSorted(xs, func(i, j int) bool { ... })",
		"Min":              "a loop over the slice (math.Min for float64)",
		"MinFunc":          "a loop over the slice",
		"Max":              "a loop over the slice (math.Max for float64)",
		"MaxFunc":          "a loop over the slice",
		"BinarySearch":     "sort.SearchInts, sort.SearchFloat64s or sort.Search",
		"BinarySearchFunc": "sort.Search(len(xs), func(i int) bool { ... })",
		"All":              "a for range loop",
		"Values":           "a for range loop",
		"Backward":         "a for loop counting down",
		"Collect":          "append in a for range loop",
		"AppendSeq":        "append in a for range loop",
		"Sorted":           "a copy sorted with the sort package",
		"Chunk":            "a for loop over xs[i:i+n]",
		"Repeat":           "append in a for loop",
	},
	"maps": {
		"Keys":    "a for range loop: for k := range m { keys = append(keys, k) }",
		"Values":  "a for range loop: for _, v := range m { vals = append(vals, v) }",
		"All":     "a for range loop",
		"Insert":  "a for range loop",
		"Collect": "a for range loop",
	},
}

// checkUnsupported looks through the cell for calls the interpreter cannot
// make. isFree tells whether an identifier refers to the predeclared one
// (nothing in the session declares it); pkgPath resolves package names.
func checkUnsupported(c *cellSource, items []*item, free map[*ast.Ident]bool, pkgPath func(string) (string, bool)) error {
	var found error
	for _, it := range items {
		if found != nil {
			break
		}
		ast.Inspect(it.node(), func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && free[id] {
					if advice, ok := builtinAdvice[id.Name]; ok {
						found = errorAt(c, it, id, KindUnsupported, advice)
					}
				}
			case *ast.SelectorExpr:
				id, ok := n.X.(*ast.Ident)
				if !ok || !free[id] {
					break
				}
				p, ok := pkgPath(id.Name)
				if !ok {
					break
				}
				if advice, ok := missingGeneric[p][n.Sel.Name]; ok {
					found = errorAt(c, it, n, KindUnsupported, fmt.Sprintf(
						"%s.%s is a generic standard-library function the interpreter does not provide: use %s",
						id.Name, n.Sel.Name, advice))
				}
			}
			return true
		})
	}
	return found
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
		return KindUnsupported, fmt.Sprintf("%s.%s is not available in the interpreter (its generic standard library is partial): "+
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
