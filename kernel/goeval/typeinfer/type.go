package typeinfer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
)

// Type is what is known of an expression's type.
type Type struct {
	// RT is a compiled or predeclared type (for an untyped constant, its
	// default type).
	RT reflect.Type
	// AST is a type expression of the cells, when RT is nil.
	AST ast.Expr
	// Pkg is the import path when the expression names a package.
	Pkg string
	// Untyped marks an untyped constant, whose type is RT's only by
	// default (1 << 3, 2.5, math.Pi).
	Untyped bool
}

// Known reports whether anything is known of the type.
func (t Type) Known() bool { return t.RT != nil || t.AST != nil || t.Pkg != "" }

// IsType reports whether t is a type (not a package or nothing).
func (t Type) IsType() bool { return t.RT != nil || t.AST != nil }

// String writes the type as Go source: reflect's spelling for a compiled
// type, the cell's text for a type expression.
func (t Type) String() string {
	switch {
	case t.RT != nil:
		return t.RT.String()
	case t.AST != nil:
		return types.ExprString(t.AST)
	case t.Pkg != "":
		return "package " + t.Pkg
	}
	return ""
}

// Same reports whether a and b are known to be the same type.
func Same(a, b Type) bool {
	switch {
	case a.RT != nil && b.RT != nil:
		return a.RT == b.RT
	case a.AST != nil && b.AST != nil:
		return types.ExprString(a.AST) == types.ExprString(b.AST)
	}
	return false
}

// Predeclared maps the names of the predeclared types to their types.
var Predeclared = map[string]reflect.Type{
	"bool": reflect.TypeFor[bool](), "string": reflect.TypeFor[string](),
	"int": reflect.TypeFor[int](), "int8": reflect.TypeFor[int8](), "int16": reflect.TypeFor[int16](),
	"int32": reflect.TypeFor[int32](), "int64": reflect.TypeFor[int64](),
	"uint": reflect.TypeFor[uint](), "uint8": reflect.TypeFor[uint8](), "uint16": reflect.TypeFor[uint16](),
	"uint32": reflect.TypeFor[uint32](), "uint64": reflect.TypeFor[uint64](), "uintptr": reflect.TypeFor[uintptr](),
	"byte": reflect.TypeFor[byte](), "rune": reflect.TypeFor[rune](),
	"float32": reflect.TypeFor[float32](), "float64": reflect.TypeFor[float64](),
	"complex64": reflect.TypeFor[complex64](), "complex128": reflect.TypeFor[complex128](),
	"error": reflect.TypeFor[error](), "any": reflect.TypeFor[any](),
}

// Types of the reflect values the analyses meet.
var (
	ErrorType    = reflect.TypeFor[error]()
	constantType = reflect.TypeFor[constant.Value]()
	boolType     = Predeclared["bool"]
	intType      = Predeclared["int"]
)

func compiled(rt reflect.Type) Type { return Type{RT: rt} }

// IsTypeSymbol reports whether a package symbol stands for a type: the
// symbol tables hold a type T as a nil *T.
func IsTypeSymbol(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Pointer && v.IsNil()
}

// ConstantOf returns the value of a package symbol that is an untyped
// constant (the symbol tables hold those as constant.Value).
func ConstantOf(v reflect.Value) (constant.Value, bool) {
	if !v.IsValid() || IsTypeSymbol(v) || !v.Type().Implements(constantType) || !v.CanInterface() {
		return nil, false
	}
	c, ok := v.Interface().(constant.Value)
	return c, ok && c != nil
}

// ConstantType returns the default type of an untyped constant, marked
// untyped.
func ConstantType(c constant.Value) Type {
	switch c.Kind() {
	case constant.Int:
		return Type{RT: intType, Untyped: true}
	case constant.Float:
		return Type{RT: Predeclared["float64"], Untyped: true}
	case constant.Complex:
		return Type{RT: Predeclared["complex128"], Untyped: true}
	case constant.String:
		return Type{RT: Predeclared["string"], Untyped: true}
	case constant.Bool:
		return Type{RT: boolType, Untyped: true}
	}
	return Type{}
}

// literalType returns the default type of a basic literal.
func literalType(lit *ast.BasicLit) Type {
	switch lit.Kind {
	case token.INT:
		return Type{RT: intType, Untyped: true}
	case token.FLOAT:
		return Type{RT: Predeclared["float64"], Untyped: true}
	case token.IMAG:
		return Type{RT: Predeclared["complex128"], Untyped: true}
	case token.CHAR:
		return Type{RT: Predeclared["rune"], Untyped: true}
	case token.STRING:
		return Type{RT: Predeclared["string"], Untyped: true}
	}
	return Type{}
}

// IsIntKind reports whether k is an integer kind.
func IsIntKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Uintptr
}

// ArrayLen returns the length of [N]T when N is an integer literal; a
// slice or [...]T gives false.
func ArrayLen(x ast.Expr) (int, bool) {
	lit, ok := x.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return 0, false
	}
	v := constant.MakeFromLiteral(lit.Value, token.INT, 0)
	n, exact := constant.Int64Val(v)
	if !exact || n < 0 || n > 1<<20 {
		return 0, false
	}
	return int(n), true
}

// DropReceiver returns a method's function type without its receiver.
func DropReceiver(ft reflect.Type) reflect.Type {
	if ft.NumIn() == 0 {
		return ft
	}
	in := make([]reflect.Type, ft.NumIn()-1)
	for i := range in {
		in[i] = ft.In(i + 1)
	}
	out := make([]reflect.Type, ft.NumOut())
	for i := range out {
		out[i] = ft.Out(i)
	}
	return reflect.FuncOf(in, out, ft.IsVariadic())
}

// Unparen strips the parentheses around x.
func Unparen(x ast.Expr) ast.Expr {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			return x
		}
		x = p.X
	}
}
