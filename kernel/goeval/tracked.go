package goeval

import "go/ast"

// The interpreter stores a value of a cell's type in an interface with its
// type (boxed, as interp.valueInterface) only when the type has methods;
// a value of a type without methods (type Weekday int) is stored as its
// representation, an int, and a type switch, an assertion, == and fmt can
// no longer tell it from an int (YAEGI_BUGS.md, 15). So every defined
// type of the cells that may have methods is given one, hidden:
//
//	type Weekday_goeval_v1 int
//	type Weekday = Weekday_goeval_v1
//	func (Weekday_goeval_v1) _goeval_tracked() {}
//	func (*Weekday_goeval_v1) _goeval_trackedp() {}
//
// (the second for pointers: the interpreter boxes a pointer only when the
// pointer type has methods of its own).
// The method is written only into the code handed to the interpreter:
// the registry, the type engine, completion and inspection never see it,
// and the printer and the hooks skip hidden names. The conversions where
// the interpreter still stores the bare value are rewritten so that it
// boxes (see boxing.go).

// trackedMethod is the name of the hidden method, trackedPtrMethod of
// the one with a pointer receiver.
const (
	trackedMethod    = hiddenPrefix + "tracked"
	trackedPtrMethod = hiddenPrefix + "trackedp"
)

// trackedDecl is the declaration of the hidden methods on the version of
// a type.
func trackedDecl(version string) string {
	return "func (" + version + ") " + trackedMethod + "() {}\n" +
		"func (*" + version + ") " + trackedPtrMethod + "() {}\n"
}

// trackable reports whether the type u declares may be given the hidden
// method: a defined, non-generic type that is neither an interface nor a
// pointer type, nor defined from a compiled type (which may be either).
// plan holds the types declared with it, not yet in the registry.
func (r *registry) trackable(u *unit, plan map[string]*unit) bool {
	ts, ok := u.node.(*ast.TypeSpec)
	if !ok || ts.Assign.IsValid() || ts.TypeParams != nil {
		return false
	}
	x := ts.Type
	for depth := 0; depth < 32; depth++ {
		switch t := x.(type) {
		case *ast.ParenExpr:
			x = t.X
			continue
		case *ast.InterfaceType, *ast.StarExpr, *ast.SelectorExpr:
			return false
		case *ast.IndexExpr:
			x = t.X
			continue
		case *ast.IndexListExpr:
			x = t.X
			continue
		case *ast.Ident:
			next := plan[t.Name]
			if next == nil {
				next = r.units[t.Name]
			}
			if next == nil || next.kind != unitType {
				// A predeclared type: only error and any are interfaces.
				return t.Name != "error" && t.Name != "any" && t.Name != "comparable"
			}
			nts, ok := next.node.(*ast.TypeSpec)
			if !ok {
				return false
			}
			x = nts.Type
			continue
		}
		return true
	}
	return false
}
