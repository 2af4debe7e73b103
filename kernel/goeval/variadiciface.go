package goeval

import (
	"go/ast"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter passes the variadic arguments of a compiled function
// unconverted: a value of a cell's type handed to a parameter ...I, I an
// interface with methods, fails with "reflect: cannot use *struct { ... }
// as type io.Writer in Call" (io.MultiWriter(&b, counter),
// optimlib.NewSequentialLR(ms, warmup, cosine); YAEGI_BUGS.md, 24). The
// elements of a []I literal are converted, so such arguments are passed as
// one:
//
//	io.MultiWriter(&b, lc)  ->  io.MultiWriter([]io.Writer{&b, lc}...)
//
// error is left to the conversions of conversions.go.

// variadicInterfaceCall rewrites the variadic arguments of call, a call
// of a compiled function whose variadic parameter's element type is an
// interface with methods, into a slice literal.
func (rw *rewriter) variadicInterfaceCall(call *ast.CallExpr) {
	if call.Ellipsis.IsValid() {
		return
	}
	rt := rw.infer.TypeOf(call.Fun).RT
	if rt == nil || rt.Kind() != reflect.Func || !rt.IsVariadic() {
		return
	}
	fixed := rt.NumIn() - 1
	if len(call.Args) <= fixed {
		return
	}
	elem := rt.In(fixed).Elem()
	if elem.Kind() != reflect.Interface || elem.NumMethod() == 0 || elem == typeinfer.ErrorType {
		return
	}
	name, ok := rw.spellType(typeinfer.Type{RT: elem})
	if !ok {
		return
	}
	slice := "[]" + name
	first, last := call.Args[fixed], call.Args[len(call.Args)-1]
	start, end := rw.off(first.Pos()), rw.off(last.End())
	rw.add(edit{start: start, end: start, text: slice + "{", rank: openRank(1001)})
	rw.add(edit{start: end, end: end, text: "}...", rank: closeRank(1001)})
}
