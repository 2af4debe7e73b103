package goeval

import (
	"errors"
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// What recover() returns in the interpreter is not what Go's returns: a
// panic(v) of interpreted code recovers as the reflect.Value of v (so
// r.(StepPanic) and r.(error) fail), a run-time error of the interpreter is
// the reflect package's panic ("reflect: slice index out of range", "call
// of reflect.Value.Field on zero Value") or an error carrying the code's
// position ("cell.go:20007:9: interface conversion: ..."), not a
// runtime.Error. The rewriter puts every recover() through Recovered, which
// gives back Go's value:
//
//	r := recover()  ->  r := _goeval_.Recovered(recover())
//
// An index or slice expression out of range carries its index and length
// in Go's message ("index out of range [5] with length 3"), which the
// interpreter's panic lacks. Where a recover can catch it — in a function
// that defers a recover, and in function literals handed to such a
// function — index and slice expressions check their bounds first
// (Bounds, SliceBounds) and panic with Go's message. A recovered index
// panic without that message is refused (see refusal), rather than shown
// with a wrong one. recover() outside any function (at the top level of
// a cell) is nil, as in Go's main.

// refusal is a panic that stops the cell with an error of kind
// KindUnsupported.
type refusal struct{ msg string }

func (r *refusal) Error() string { return r.msg }

// indexRefusal is what a recovered index panic without Go's message says.
const indexRefusal = "recover() caught an index or slice expression out of range, whose index and length the interpreter does not report " +
	"(Go says: runtime error: index out of range [i] with length n): check the index against len(...) before indexing, " +
	"or index in the function that defers the recover"

// recovered is the Recovered hook. A panic value the interpreter keeps
// with its type (panic(v) of an interface v that holds a value of a cell
// type with methods) is given back so, as the value of an interface
// variable is, and prints as its type; a bare one stays bare.
func recovered(r any) any {
	if v, ok := r.(reflect.Value); ok {
		if !v.IsValid() || !v.CanInterface() {
			return nil
		}
		r = v.Interface()
		if bare, dt := bareValue(reflect.ValueOf(&r).Elem()); dt == nil && bare.IsValid() && bare.CanInterface() {
			r = bare.Interface()
		}
	}
	switch x := r.(type) {
	case nil:
		return nil
	case interface{ RuntimeError() }:
		return r
	case string:
		if m, ok := reflectRuntimeMessage(x); ok {
			return &runtimeError{msg: m}
		}
	case error:
		var p interface{ RuntimeError() }
		if errors.As(x, &p) {
			return r
		}
		msg := x.Error()
		if m, ok := reflectRuntimeMessage(msg); ok {
			return &runtimeError{msg: m}
		}
		if _, rest, ok := splitPosition(msg); ok && isRuntimeMessage(rest) {
			return &runtimeError{msg: rest}
		}
	}
	return r
}

// reflectRuntimeMessage words a reflect panic the interpreter raises for a
// run-time error as Go's runtime.Error says it; an index panic, whose
// numbers are lost, is refused.
func reflectRuntimeMessage(m string) (string, bool) {
	if !strings.HasPrefix(m, "reflect") {
		return "", false
	}
	switch {
	case strings.Contains(m, "index out of range"), strings.Contains(m, "out of bounds"), strings.Contains(m, "slice index"):
		panic(&refusal{msg: indexRefusal})
	case strings.Contains(m, "on zero Value"), strings.Contains(m, "nil pointer"), strings.Contains(m, "nil interface value"):
		return "runtime error: invalid memory address or nil pointer dereference", true
	}
	return "", false
}

// isRuntimeMessage reports whether an interpreter error is one Go raises
// as a runtime.Error.
func isRuntimeMessage(m string) bool {
	return strings.HasPrefix(m, "interface conversion:") || strings.HasPrefix(m, "runtime error:")
}

// bounds is the Bounds hook: the index of xs[i], checked as Go checks it.
func bounds(i, n int) int {
	if i < 0 || i >= n {
		panic(&runtimeError{msg: "runtime error: index out of range [" + strconv.Itoa(i) + "] with length " + strconv.Itoa(n)})
	}
	return i
}

// sliceBounds is the SliceBounds hook: the low bound of s[low:high],
// checked as Go checks it; n is the capacity of a slice (what, "capacity")
// or the length of a string ("length"). high is n when it was omitted.
func sliceBounds(low, high, n int, what string) int {
	switch {
	case high < 0 || high > n:
		panic(&runtimeError{msg: "runtime error: slice bounds out of range [:" + strconv.Itoa(high) + "] with " + what + " " + strconv.Itoa(n)})
	case low < 0 || low > high:
		panic(&runtimeError{msg: "runtime error: slice bounds out of range [" + strconv.Itoa(low) + ":" + strconv.Itoa(high) + "]"})
	}
	return low
}

// recoverCall rewrites a call of recover.
func (rw *rewriter) recoverCall(call *ast.CallExpr, stack []ast.Node) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok || id.Name != "recover" || len(call.Args) != 0 || rw.infer.Shadowed("recover") {
		return
	}
	start, end := rw.off(call.Pos()), rw.off(call.End())
	if enclosingFunc(stack) == nil {
		rw.add(edit{start: start, end: end, text: "any(nil)", rank: rankReplace})
		return
	}
	rw.add(edit{start: start, end: start, text: hooksImport + ".Recovered(", rank: openRank(1003)})
	rw.add(edit{start: end, end: end, text: ")", rank: closeRank(1003)})
}

// recovers reports whether a function body defers a call that recovers:
// a function literal calling recover, or a function of the cells that
// does.
func (rw *rewriter) recovers(body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			switch f := n.Call.Fun.(type) {
			case *ast.FuncLit:
				found = found || callsRecover(f)
			case *ast.Ident:
				if fd := rw.infer.UserFunc(f.Name); fd != nil && fd.Body != nil {
					found = found || bodyCallsRecover(fd.Body)
				}
			}
		}
		return !found
	})
	return found
}

// bodyCallsRecover reports whether a body calls recover, outside nested
// function literals.
func bodyCallsRecover(body *ast.BlockStmt) bool {
	return callsRecover(&ast.FuncLit{Body: body})
}

// guarded reports whether the node after stack runs where a recover may
// catch its panic: in a function that defers a recover, or in a function
// literal handed to a function of the cells that does.
func (rw *rewriter) guarded(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return rw.recovers(f.Body)
		case *ast.FuncLit:
			if rw.recovers(f.Body) {
				return true
			}
			if i > 0 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok && call.Fun != f {
					if id, ok := call.Fun.(*ast.Ident); ok {
						if fd := rw.infer.UserFunc(id.Name); fd != nil && rw.recovers(fd.Body) {
							return true
						}
					}
				}
			}
			return false
		}
	}
	return false
}

// pure reports whether evaluating x twice is the same as once: names,
// constants, fields, and arithmetic of them.
func pure(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return pure(x.X)
	case *ast.SelectorExpr:
		return pure(x.X)
	case *ast.BinaryExpr:
		return pure(x.X) && pure(x.Y)
	case *ast.UnaryExpr:
		return x.Op != token.ARROW && pure(x.X)
	case *ast.StarExpr:
		return pure(x.X)
	case *ast.IndexExpr:
		return pure(x.X) && pure(x.Index)
	}
	return false
}

// checkIndex makes xs[i] check its bounds as Go does, where a recover
// may catch the panic.
func (rw *rewriter) checkIndex(ix *ast.IndexExpr, stack []ast.Node) {
	if !pure(ix.X) || !pure(ix.Index) || !rw.guarded(stack) {
		return
	}
	switch rw.infer.Kind(rw.infer.TypeOf(ix.X)) {
	case reflect.Slice, reflect.Array, reflect.String:
	default:
		return
	}
	if _, isType := rw.infer.NamedType(ix.X); isType {
		return // a generic instantiation
	}
	start, end := rw.off(ix.Index.Pos()), rw.off(ix.Index.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".Bounds(", rank: openRank(1004)})
	rw.add(edit{start: end, end: end, text: ", len(" + rw.text(ix.X) + "))", rank: closeRank(1004)})
}

// checkSlice makes s[low:high] check its bounds as Go does, where a
// recover may catch the panic.
func (rw *rewriter) checkSlice(se *ast.SliceExpr, stack []ast.Node) {
	if se.Slice3 || !pure(se.X) || se.Low != nil && !pure(se.Low) || se.High != nil && !pure(se.High) || !rw.guarded(stack) {
		return
	}
	t := rw.infer.TypeOf(se.X)
	var size, what string
	switch rw.infer.Kind(t) {
	case reflect.Slice, reflect.Array:
		size, what = "cap("+rw.text(se.X)+")", "capacity"
	case reflect.String:
		size, what = "len("+rw.text(se.X)+")", "length"
	default:
		return
	}
	high := size
	if what == "capacity" && se.High == nil {
		high = "len(" + rw.text(se.X) + ")"
	}
	if se.High != nil {
		high = rw.text(se.High)
	}
	args := ", " + high + ", " + size + ", " + strconv.Quote(what) + ")"
	if se.Low != nil {
		start, end := rw.off(se.Low.Pos()), rw.off(se.Low.End())
		rw.add(edit{start: start, end: start, text: hooksImport + ".SliceBounds(", rank: openRank(1004)})
		rw.add(edit{start: end, end: end, text: args, rank: closeRank(1004)})
		return
	}
	at := rw.off(se.Lbrack) + 1
	rw.add(edit{start: at, end: at, text: hooksImport + ".SliceBounds(0" + args, rank: openRank(1004)})
}
