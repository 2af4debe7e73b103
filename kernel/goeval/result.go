package goeval

import (
	"fmt"
	"go/ast"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// Result is what a cell evaluates to.
type Result struct {
	// Value is the value of the cell's last expression when HasValue.
	// Values of interpreted types whose methods include String or Error
	// arrive wrapped so that fmt still calls those methods. The results of
	// a call that returns several values arrive as a Tuple. A value of a
	// cell's type with display methods (HTML, Markdown, ...) has a
	// DisplayMethod method that display.Bundle finds them through.
	Value reflect.Value
	// HasValue is true only when the last statement of the cell is an
	// expression statement whose expression has a value. It is decided from
	// the syntax and what the cell's functions return, never from the
	// interpreter's own last result, which can be stale.
	HasValue bool
}

// Tuple holds the results of a call that returns several values.
type Tuple []any

// String renders the tuple as fmt.Println of the call prints its results,
// without the newline: each result as fmt prints it, separated by spaces
// (3 2 for a call returning 3 and 2), which is what Go shows for the call.
func (t Tuple) String() string {
	return strings.TrimSuffix(fmt.Sprintln([]any(t)...), "\n")
}

// valueKind says whether the cell's last expression gives a result.
type valueKind int

const (
	noValue    valueKind = iota // not an expression, or one without a value
	someValue                   // an expression with known value count
	maybeValue                  // a call whose results are unknown until it runs
)

// lastValue decides, from the syntax, whether stmt (the cell's last
// statement) gives the cell a value. A call that returns nothing, or
// several results ending in an error (fmt.Println's (n, err)), does not.
func lastValue(stmt ast.Stmt, in *typeinfer.Inferer) (valueKind, resultShape) {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return noValue, resultShape{}
	}
	call, ok := unparen(es.X).(*ast.CallExpr)
	if !ok {
		return someValue, resultShape{known: true, count: 1}
	}
	shape := shapeOf(in.Results(call))
	switch {
	case !shape.known:
		return maybeValue, shape
	case shape.count == 0, shape.count > 1 && shape.lastError:
		return noValue, shape
	}
	return someValue, shape
}

// resultShape describes what a call returns.
type resultShape struct {
	known     bool
	count     int  // number of results
	lastError bool // the last result has type error
}

// shapeOf describes the results of a call as typeinfer found them.
func shapeOf(results []typeinfer.Type, known bool) resultShape {
	if !known {
		return resultShape{}
	}
	n := len(results)
	return resultShape{known: true, count: n, lastError: n > 0 && results[n-1].RT == typeinfer.ErrorType}
}

func unparen(x ast.Expr) ast.Expr { return typeinfer.Unparen(x) }

// resultFrom turns the captured values of the last expression into a
// Result.
func resultFrom(values []any, shape resultShape) Result {
	switch {
	case len(values) == 0:
		return Result{}
	case len(values) == 1:
		return Result{Value: anyValue(values[0]), HasValue: true}
	}
	if !shape.known {
		last := values[len(values)-1]
		if _, isErr := last.(error); isErr || last == nil {
			return Result{}
		}
	}
	return Result{Value: reflect.ValueOf(Tuple(values)), HasValue: true}
}

// anyValue returns a valid reflect.Value for v, a nil interface included.
func anyValue(v any) reflect.Value {
	if v == nil {
		return reflect.ValueOf(&v).Elem()
	}
	return reflect.ValueOf(v)
}
