package goeval

import (
	"go/ast"
	"go/token"
	"strconv"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter makes a value of a cell's type an error (a return
// value, an argument, an element of []error) by wrapping it in a struct
// that keeps only a struct's last field and turns a nil pointer into a
// nil error, so err.(TimeoutError), errors.As and a nil *MyErr returned as
// error (non-nil in Go) go wrong. The rewriter makes such conversions
// through ToError (dynamic.go), which keeps the value:
//
//	return TimeoutError{5}        ->  return _goeval_.ToError(7, []any{TimeoutError{5}})
//	errs := []error{RangeErr{3}}  ->  errs := []error{_goeval_.ToError(8, []any{RangeErr{3}})}
//
// The conversions found are those of return statements, call arguments,
// assignments and definitions with an error type, elements of composite
// literals, sends on channels of errors and error(x).

// cellErrorType reports whether t is a type of the cells (or a pointer to
// one) whose method set has Error.
func (rw *rewriter) cellErrorType(t typeinfer.Type) bool {
	_, ok := rw.cellMethod(t, "Error")
	return ok
}

// isErrorType reports whether t is the predeclared error.
func isErrorType(t typeinfer.Type) bool { return t.RT == typeinfer.ErrorType }

// convertTo wraps x when it converts a value of a cell's type to error or
// fmt.Stringer, the compiled interfaces whose interpreter wrappers lose the
// value (see stringers.go for fmt.Stringer).
func (rw *rewriter) convertTo(target typeinfer.Type, x ast.Expr) {
	switch {
	case isErrorType(target):
		rw.toError(x)
	case isStringerType(target):
		rw.toStringer(x)
	}
}

// toError wraps x when it converts a cell's error type to error.
func (rw *rewriter) toError(x ast.Expr) { rw.convertThrough("ToError", rw.cellErrorType, x) }

// convertThrough writes x, when its static type is one that fits, as a
// call of the hook that keeps the value and that type:
// _goeval_.hook(handle, []any{x}).
func (rw *rewriter) convertThrough(hook string, fits func(typeinfer.Type) bool, x ast.Expr) {
	if rw.show == nil || x == nil {
		return
	}
	t := rw.infer.TypeOf(x)
	if !fits(t) {
		return
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: hooksImport + "." + hook + "(" + strconv.Itoa(rw.show.handle(t)) + ", []any{", rank: openRank(1002)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(1002)})
}

// conversions finds the conversions to error in node c; stack holds its
// ancestors.
func (rw *rewriter) conversions(c ast.Node, stack []ast.Node) {
	in := rw.infer
	switch c := c.(type) {
	case *ast.ReturnStmt:
		for i, t := range rw.returnTypes(c, stack) {
			rw.convertTo(t, c.Results[i])
		}
	case *ast.CallExpr:
		if t, ok := in.NamedType(c.Fun); ok {
			if len(c.Args) == 1 {
				rw.convertTo(t, c.Args[0])
			}
			return
		}
		for i, t := range rw.argTypes(c) {
			rw.convertTo(t, c.Args[i])
		}
	case *ast.AssignStmt:
		if len(c.Lhs) != len(c.Rhs) {
			return
		}
		for i, l := range c.Lhs {
			if c.Tok == token.ASSIGN {
				rw.convertTo(in.TypeOf(l), c.Rhs[i])
			}
		}
	case *ast.ValueSpec:
		if c.Type != nil {
			t := in.TypeExpr(c.Type)
			for _, v := range c.Values {
				rw.convertTo(t, v)
			}
		}
	case *ast.SendStmt:
		rw.convertTo(in.Elem(in.TypeOf(c.Chan)), c.Value)
	case *ast.CompositeLit:
		rw.literalConversions(c)
	}
}

// literalConversions wraps the elements of a composite literal whose
// type is error.
func (rw *rewriter) literalConversions(c *ast.CompositeLit) {
	in := rw.infer
	t := in.TypeExpr(c.Type)
	if !t.IsType() {
		return
	}
	if st, ok := in.Underlying(t.AST).(*ast.StructType); ok {
		for i, ft := range structElemTypes(in, st, c) {
			rw.convertTo(ft, elemValue(c.Elts[i]))
		}
		return
	}
	elem := in.Elem(t)
	if !isErrorType(elem) && !isStringerType(elem) {
		return
	}
	for _, e := range c.Elts {
		rw.convertTo(elem, elemValue(e))
	}
}
