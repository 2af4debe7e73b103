package goeval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A shift by a negative count held in a variable panics in Go with
// "runtime error: negative shift amount"; the interpreter converts the
// count to an unsigned number and shifts everything out (YAEGI_BUGS.md 29).
// The rewriter checks the counts that can be negative: those of a signed
// integer type that are not constants. A count proven non-negative from
// the syntax is left alone: len(...) and cap(...), the key of a range over
// an integer, slice, array or string, and a counter of a loop
// for i := C; ...; i++ (C a non-negative constant, i an int or int64) that
// the loop does not otherwise assign. What is left is checked
// in one of two ways:
//
//   - a count that is a variable, in a statement of a block whose only
//     other work cannot panic or be seen (arithmetic, conversions, len,
//     append, the call the shift is an argument of), is checked by an
//     interpreted statement put before it, the cheap form (a shift-heavy
//     loop runs about 1.5 times as long):
//     s ^= x << n  ->  if n < 0 { _goeval_.NegativeShift() }; s ^= x << n
//   - any other count goes through a compiled hook (about 6.5 times):
//     x << f()  ->  x << _goeval_.Shift(int64(f()))
//
// Both panic with a runtime.Error whose message is Go's.

// negativeShift is the panic of a shift by a negative count.
var negativeShift = &runtimeError{msg: "runtime error: negative shift amount"}

// shiftCount is the Shift hook: the count of a shift, checked as Go checks
// it.
func shiftCount(n int64) uint64 {
	if n < 0 {
		panic(negativeShift)
	}
	return uint64(n)
}

// negativeShiftPanic is the NegativeShift hook: it panics as Go does for a
// shift by a negative count.
func negativeShiftPanic() { panic(negativeShift) }

// checkShift makes the shift x << n or x >> n (or the assignment x <<= n)
// whose count is n check the count as Go does; stack leads to the shift's
// node.
func (rw *rewriter) checkShift(count ast.Expr, stack []ast.Node) {
	count = unparen(count)
	if _, ok := rw.constValue(count, 0); ok || inConstant(stack) || rw.constName(count) {
		return
	}
	switch rw.infer.Kind(rw.infer.TypeOf(count)) {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
	default:
		return // unsigned, or not known to be an integer
	}
	if rw.infer.Shadowed("int64") || rw.nonNegative(count, stack) {
		return
	}
	if id, ok := count.(*ast.Ident); ok {
		if at, ok := rw.checkBefore(stack); ok {
			rw.add(edit{start: at, end: at, text: "if " + id.Name + " < 0 { " + hooksImport + ".NegativeShift() }; ", rank: openRank(0)})
			return
		}
	}
	depth := len(stack)
	start, end := rw.off(count.Pos()), rw.off(count.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".Shift(int64(", rank: openRank(depth)})
	rw.add(edit{start: end, end: end, text: "))", rank: closeRank(depth)})
}

// inConstant reports whether the node after stack is part of a constant
// expression: a constant declaration or an array length.
func inConstant(stack []ast.Node) bool {
	for i, n := range stack {
		switch n := n.(type) {
		case *ast.GenDecl:
			if n.Tok == token.CONST {
				return true
			}
		case *ast.ArrayType:
			if i+1 < len(stack) && stack[i+1] == n.Len {
				return true
			}
		}
	}
	return false
}

// constName reports whether x names a constant (a typed one, whose value
// constValue may not know).
func (rw *rewriter) constName(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	for _, s := range rw.infer.Scopes {
		if bs, ok := s.Vals[id.Name]; ok {
			return len(bs) == 1 && bs[0].Constant
		}
	}
	if rw.infer.Session != nil {
		_, k := rw.infer.Session.Decl(id.Name)
		return k == typeinfer.DeclConst
	}
	return false
}

// shiftCountOf returns the count of a shift expression or assignment.
func shiftCountOf(n ast.Node) (ast.Expr, bool) {
	switch n := n.(type) {
	case *ast.BinaryExpr:
		if n.Op == token.SHL || n.Op == token.SHR {
			return n.Y, true
		}
	case *ast.AssignStmt:
		if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
			return n.Rhs[0], true
		}
	}
	return nil, false
}

// nonNegative reports whether a count is non-negative whatever the code
// does: len or cap, or a loop variable that counts up from zero.
func (rw *rewriter) nonNegative(count ast.Expr, stack []ast.Node) bool {
	switch x := count.(type) {
	case *ast.CallExpr:
		id, ok := x.Fun.(*ast.Ident)
		return ok && (id.Name == "len" || id.Name == "cap") && !rw.infer.Shadowed(id.Name)
	case *ast.Ident:
		for i := len(stack) - 1; i >= 0; i-- {
			switch loop := stack[i].(type) {
			case *ast.FuncDecl:
				return false
			case *ast.RangeStmt:
				if key, ok := loop.Key.(*ast.Ident); ok && key.Name == x.Name {
					return loop.Tok == token.DEFINE && within(x, loop.Body) && rw.countingRange(loop) && !writes(loop.Body, x.Name)
				}
			case *ast.ForStmt:
				if rw.loopCounter(loop, x.Name) {
					return (within(x, loop.Body) || within(x, loop.Cond) || within(x, loop.Post)) &&
						!writes(loop.Body, x.Name) && !writes(loop.Cond, x.Name)
				}
			}
		}
	}
	return false
}

// within reports whether node x lies inside n.
func within(x, n ast.Node) bool {
	return n != nil && x.Pos() >= n.Pos() && x.End() <= n.End()
}

// countingRange reports whether a range loop's key counts up from zero: a
// range over an integer, slice, array, pointer to array or string.
func (rw *rewriter) countingRange(rs *ast.RangeStmt) bool {
	t := rw.infer.TypeOf(rs.X)
	k := rw.infer.Kind(t)
	if k == reflect.Pointer {
		k = rw.infer.Kind(rw.infer.Elem(t))
		return k == reflect.Array
	}
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Slice, reflect.Array, reflect.String:
		return true
	}
	return false
}

// loopCounter reports whether a 3-clause loop defines name from a
// non-negative constant and only adds a non-negative constant to it in its
// post statement, as an int or int64 (which cannot wrap in any loop that
// ends).
func (rw *rewriter) loopCounter(fs *ast.ForStmt, name string) bool {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return false
	}
	if id, ok := init.Lhs[0].(*ast.Ident); !ok || id.Name != name {
		return false
	}
	if v, ok := rw.constValue(init.Rhs[0], 0); !ok || v.Kind() != constant.Int || constant.Sign(v) < 0 {
		return false
	}
	switch rw.infer.Kind(rw.infer.TypeOf(init.Rhs[0])) {
	case reflect.Int, reflect.Int64:
	default:
		return false
	}
	switch post := fs.Post.(type) {
	case *ast.IncDecStmt:
		id, ok := post.X.(*ast.Ident)
		return ok && id.Name == name && post.Tok == token.INC
	case *ast.AssignStmt:
		if post.Tok != token.ADD_ASSIGN || len(post.Lhs) != 1 {
			return false
		}
		id, ok := post.Lhs[0].(*ast.Ident)
		v, isConst := rw.constValue(post.Rhs[0], 0)
		return ok && id.Name == name && isConst && v.Kind() == constant.Int && constant.Sign(v) >= 0
	}
	return false
}

// writes reports whether n may change or shadow the variable name: an
// assignment, definition, increment or declaration of it, or its address
// taken.
func writes(n ast.Node, name string) bool {
	if n == nil {
		return false
	}
	is := func(x ast.Expr) bool {
		id, ok := unparen(x).(*ast.Ident)
		return ok && id.Name == name
	}
	found := false
	ast.Inspect(n, func(c ast.Node) bool {
		switch c := c.(type) {
		case *ast.AssignStmt:
			for _, l := range c.Lhs {
				found = found || is(l)
			}
		case *ast.IncDecStmt:
			found = found || is(c.X)
		case *ast.UnaryExpr:
			found = found || c.Op == token.AND && is(c.X)
		case *ast.ValueSpec:
			for _, id := range c.Names {
				found = found || id.Name == name
			}
		case *ast.RangeStmt:
			found = found || c.Key != nil && is(c.Key) || c.Value != nil && is(c.Value)
		case *ast.Field:
			for _, id := range c.Names {
				found = found || id.Name == name
			}
		}
		return !found
	})
	return found
}

// checkBefore returns where a check of the shift after stack can go as a
// statement of its own: before the statement that holds it, when that
// statement is in a block and evaluating it does nothing visible, and
// nothing that can panic, before the shift (see quiet).
func (rw *rewriter) checkBefore(stack []ast.Node) (int, bool) {
	for i := len(stack) - 1; i > 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return 0, false
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				return 0, false // the shift may not be evaluated
			}
		case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt:
			switch stack[i-1].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			default:
				return 0, false
			}
			if !rw.quiet(n, stack[i+1:]) {
				return 0, false
			}
			return rw.off(n.Pos()), true
		case ast.Stmt:
			return 0, false
		}
	}
	return 0, false
}

// quiet reports whether evaluating statement s can do nothing visible or
// panic except through its shifts: it holds names, constants, arithmetic
// without division, conversions, len, cap and append, map lookups,
// composite literals, fields of names, and calls whose arguments include
// the shift (path, from s to the shift), which run after it.
func (rw *rewriter) quiet(s ast.Node, path []ast.Node) bool {
	onPath := map[ast.Node]bool{}
	for _, n := range path {
		onPath[n] = true
	}
	ok := true
	ast.Inspect(s, func(c ast.Node) bool {
		if !ok || c == nil {
			return false
		}
		switch c := c.(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt, *ast.GenDecl, *ast.ValueSpec,
			*ast.Ident, *ast.BasicLit, *ast.ParenExpr, *ast.KeyValueExpr, *ast.CompositeLit:
		case *ast.ArrayType, *ast.MapType, *ast.StructType, *ast.FieldList, *ast.Field, *ast.Ellipsis:
			return false // a type
		case *ast.BinaryExpr:
			ok = c.Op != token.QUO && c.Op != token.REM && c.Op != token.LAND && c.Op != token.LOR
		case *ast.UnaryExpr:
			ok = c.Op != token.ARROW
		case *ast.SelectorExpr:
			ok = rw.plainSelector(c)
			return false
		case *ast.IndexExpr:
			ok = rw.infer.Kind(rw.infer.TypeOf(c.X)) == reflect.Map
		case *ast.CallExpr:
			ok = rw.quietCall(c, onPath[c])
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// plainSelector reports whether x.f reads a package member or a field of
// a struct variable (no pointer to follow).
func (rw *rewriter) plainSelector(sel *ast.SelectorExpr) bool {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	if _, isPkg := rw.infer.PackagePath(id.Name); isPkg {
		return true
	}
	return rw.infer.Kind(rw.infer.TypeOf(id)) == reflect.Struct
}

// quietCall reports whether a call in a statement checked before its
// shift is harmless: a conversion to a basic type, len, cap or append, or
// (onPath) a call of a named function that takes the shift as an
// argument, which runs only after it.
func (rw *rewriter) quietCall(c *ast.CallExpr, onPath bool) bool {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		if rw.infer.Shadowed(f.Name) {
			return onPath || rw.basicType(f)
		}
		switch f.Name {
		case "len", "cap", "append":
			return true
		}
		return onPath || rw.basicType(f)
	case *ast.SelectorExpr:
		return onPath && rw.plainSelector(f)
	}
	return false
}

// basicType reports whether id names a numeric, boolean or string type.
func (rw *rewriter) basicType(id *ast.Ident) bool {
	if rw.infer.UserFunc(id.Name) != nil {
		return false
	}
	t := rw.infer.TypeExpr(id)
	switch rw.infer.Kind(t) {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}
