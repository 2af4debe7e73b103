package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A value of a type with methods (every defined type of the cells has
// one: tracked.go) keeps its type in an interface{} where the interpreter
// boxes it, which it does for most conversions to interface{} but not
// all: an explicit any(x), a return as an interface{} result, and a call
// or an operation (f(), w+1) handed to a function's interface{} parameter
// or assigned to an interface{} variable store the bare value
// (YAEGI_BUGS.md, 15). An element of a composite literal is always
// boxed, so those conversions of values of the cells' types (and of type
// parameters, which may be instantiated with them) are written as one:
//
//	any(w)           ->  []interface{}{w}[0]
//	return w         ->  return []interface{}{w}[0]
//	show(mk())       ->  show([]interface{}{mk()}[0])
//	var a any = w+1  ->  var a any = []interface{}{w+1}[0]
//
// The conversions found are those of return statements, calls of
// interpreted functions (arguments of compiled functions are what
// compiled code gets, bare: the printer's universe records their types,
// see untracked.go), panic and append, assignments, definitions with an
// interface{} type and sends on channels of interface{}. Conversions to a
// non-empty interface keep the type already; to error, see conversions.go.

// boxDepth ranks the edits of a boxing: inside the constructs of the
// statement, outside the hooks' wrappers of the value itself.
const boxDepth = 999

// boxing finds the conversions to interface{} in node c to write as
// composite literal elements; stack holds its ancestors.
func (rw *rewriter) boxing(c ast.Node, stack []ast.Node) {
	in := rw.infer
	switch c := c.(type) {
	case *ast.ReturnStmt:
		for i, t := range rw.returnTypes(c, stack) {
			if rw.emptyInterface(t) {
				rw.box(c.Results[i], stack)
			}
		}
	case *ast.CallExpr:
		rw.boxCall(c, stack)
	case *ast.AssignStmt:
		if c.Tok != token.ASSIGN || len(c.Lhs) != len(c.Rhs) {
			return
		}
		for i, l := range c.Lhs {
			if rw.emptyInterface(in.TypeOf(l)) {
				rw.box(c.Rhs[i], stack)
			}
		}
	case *ast.ValueSpec:
		if c.Type != nil && rw.emptyInterface(in.TypeExpr(c.Type)) {
			for _, v := range c.Values {
				rw.box(v, stack)
			}
		}
	case *ast.SendStmt:
		if rw.emptyInterface(in.Elem(in.TypeOf(c.Chan))) {
			rw.box(c.Value, stack)
		}
	case *ast.CompositeLit:
		rw.noteLiteral(c)
	}
}

// boxCall boxes the values a call converts to interface{}: an explicit
// conversion, panic's argument, append's elements and the arguments of
// an interpreted function's interface{} parameters.
func (rw *rewriter) boxCall(c *ast.CallExpr, stack []ast.Node) {
	in := rw.infer
	if t, ok := in.NamedType(c.Fun); ok {
		if t.IsType() && len(c.Args) == 1 && rw.emptyInterface(t) && !rw.boxable(c.Args[0], stack) {
			rw.noteUnnamed(c.Args[0])
		} else if t.IsType() && len(c.Args) == 1 && rw.emptyInterface(t) {
			lp, rp := rw.off(c.Lparen), rw.off(c.Rparen)
			rw.add(edit{start: rw.off(c.Fun.Pos()), end: lp + 1, text: "[]interface{}{", rank: rankReplace})
			rw.add(edit{start: rp, end: rp + 1, text: "}[0]", rank: rankReplace})
		}
		return
	}
	if id, ok := typeUnparen(c.Fun).(*ast.Ident); ok && !in.Shadowed(id.Name) {
		switch id.Name {
		case "panic":
			if len(c.Args) == 1 {
				rw.box(c.Args[0], stack)
			}
			return
		case "append":
			if len(c.Args) > 1 && !c.Ellipsis.IsValid() && rw.emptyInterface(in.Elem(in.TypeOf(c.Args[0]))) {
				for _, a := range c.Args[1:] {
					rw.box(a, stack)
				}
			}
			return
		}
	}
	if in.TypeOf(c.Fun).RT != nil {
		return // a compiled function: it gets the bare value
	}
	for i, t := range rw.argTypes(c) {
		if t.IsType() && rw.emptyInterface(t) {
			rw.box(c.Args[i], stack)
		}
	}
}

// emptyInterface reports whether t is interface{} (any).
func (rw *rewriter) emptyInterface(t typeinfer.Type) bool {
	if !t.IsType() || rw.infer.Kind(t) != reflect.Interface {
		return false
	}
	if t.RT != nil {
		return t.RT.NumMethod() == 0
	}
	return len(interfaceMethods(t, rw.infer)) == 0
}

// boxable reports whether x is a value of a cell's type, a pointer to
// one, or of a type parameter of the function it is in (or of a type the
// engine cannot tell there).
func (rw *rewriter) boxable(x ast.Expr, stack []ast.Node) bool {
	if x == nil {
		return false
	}
	if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
		return false
	}
	in := rw.infer
	t := in.TypeOf(x)
	if !t.IsType() {
		// In a generic function, an expression of a type parameter's
		// type has no type to the engine: boxing a value of another
		// type changes nothing.
		return len(typeParams(stack)) > 0
	}
	if t.AST == nil {
		return false
	}
	base := typeUnparen(t.AST)
	if s, ok := base.(*ast.StarExpr); ok {
		base = typeUnparen(s.X)
	}
	id, ok := base.(*ast.Ident)
	if !ok {
		return false
	}
	if typeParams(stack)[id.Name] {
		return true
	}
	return in.UserType(id.Name) != nil && in.Kind(typeinfer.Type{AST: id}) != reflect.Interface
}

// box writes x as the element of a one-element []interface{} when it is
// boxable; a value of an unnamed type holding a cell's type, which the
// interpreter cannot box, is noted instead (see noteUnnamed).
func (rw *rewriter) box(x ast.Expr, stack []ast.Node) {
	if rw.show == nil {
		return
	}
	if !rw.boxable(x, stack) {
		rw.noteUnnamed(x)
		return
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: "[]interface{}{", rank: openRank(boxDepth)})
	rw.add(edit{start: end, end: end, text: "}[0]", rank: closeRank(boxDepth)})
}

// typeParams returns the names of the type parameters in scope at the
// end of stack: those of the enclosing function declaration and of its
// receiver's type.
func typeParams(stack []ast.Node) map[string]bool {
	out := map[string]bool{}
	for _, n := range stack {
		fd, ok := n.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Type.TypeParams != nil {
			for _, f := range fd.Type.TypeParams.List {
				for _, n := range f.Names {
					out[n.Name] = true
				}
			}
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			rt := typeUnparen(fd.Recv.List[0].Type)
			if s, ok := rt.(*ast.StarExpr); ok {
				rt = typeUnparen(s.X)
			}
			var idx []ast.Expr
			switch r := rt.(type) {
			case *ast.IndexExpr:
				idx = []ast.Expr{r.Index}
			case *ast.IndexListExpr:
				idx = r.Indices
			}
			for _, x := range idx {
				if id, ok := x.(*ast.Ident); ok {
					out[id.Name] = true
				}
			}
		}
	}
	return out
}

// noteUnnamed records that a value of x's static type, when it is an
// unnamed type that holds a type of the cells ([]Weekday,
// map[string]Weekday), is stored in an interface: the interpreter stores
// it as a value of its representation ([]int), and from then on a []int
// in an interface may be either (untracked.go).
func (rw *rewriter) noteUnnamed(x ast.Expr) {
	if x == nil || rw.show == nil {
		return
	}
	t := rw.infer.TypeOf(x)
	if t.AST == nil || !t.IsType() {
		return
	}
	switch typeUnparen(t.AST).(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.StarExpr:
	default:
		return
	}
	name := cellNames{in: rw.infer}.typeString(t, reflect.Value{})
	if strings.Contains(name, "main.") {
		rw.show.noteUnnamed(name)
	}
}

// noteLiteral notes the elements of a composite literal whose element,
// value or field type is interface{} (see noteUnnamed).
func (rw *rewriter) noteLiteral(c *ast.CompositeLit) {
	in := rw.infer
	t := in.TypeExpr(c.Type)
	if c.Type == nil || !t.IsType() {
		return
	}
	if st, ok := in.Underlying(t.AST).(*ast.StructType); ok {
		for i, ft := range structElemTypes(in, st, c) {
			if rw.emptyInterface(ft) {
				rw.noteUnnamed(elemValue(c.Elts[i]))
			}
		}
		return
	}
	elemIface, keyIface := rw.emptyInterface(in.Elem(t)), rw.emptyInterface(in.MapKey(t))
	for _, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if keyIface {
				rw.noteUnnamed(kv.Key)
			}
			if elemIface {
				rw.noteUnnamed(kv.Value)
			}
			continue
		}
		if elemIface {
			rw.noteUnnamed(e)
		}
	}
}
