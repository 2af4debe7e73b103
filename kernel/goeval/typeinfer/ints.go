package typeinfer

import (
	"go/ast"
	"reflect"
)

// Tri is a three-valued answer.
type Tri int8

// The answers of a Tri.
const (
	Unknown Tri = 0
	Yes     Tri = 1
	No      Tri = -1
)

// IsInt tells whether expression x has an integer type (or is an untyped
// integer constant).
func (in *Inferer) IsInt(x ast.Expr) Tri {
	t := in.TypeOf(x)
	if !t.IsType() {
		return Unknown
	}
	switch k := in.Kind(t); {
	case IsIntKind(k):
		return Yes
	case k == reflect.Invalid:
		return Unknown
	}
	return No
}
