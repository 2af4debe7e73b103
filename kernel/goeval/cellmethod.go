package goeval

import (
	"go/ast"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// cellMethod returns the method name of t when t is a type of the cells
// (or a pointer to one) whose method set has it: a method with a pointer
// receiver is in the method set of the pointer only.
func (rw *rewriter) cellMethod(t typeinfer.Type, name string) (typeinfer.Member, bool) {
	if t.AST == nil {
		return typeinfer.Member{}, false
	}
	x := typeUnparen(t.AST)
	ptr := false
	if s, ok := x.(*ast.StarExpr); ok {
		x, ptr = typeUnparen(s.X), true
	}
	id, ok := x.(*ast.Ident)
	if !ok || rw.infer.UserType(id.Name) == nil {
		return typeinfer.Member{}, false
	}
	m, ok := rw.infer.LookupMember(typeinfer.Type{AST: id}, name)
	if !ok || m.Kind != "method" || (!ptr && m.PtrRecv) {
		return typeinfer.Member{}, false
	}
	return m, true
}
