package goeval

import (
	"errors"
	"go/ast"
	"go/token"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A later cell's x := e (or var x = e, or var x T = e) where x is a
// variable of an earlier cell stands, in the one program the notebook is,
// for the assignment x = e: function literals stored earlier, pointers
// taken with &x and running goroutines see the new value. When the new
// value has exactly the type x has, the definition is compiled as that
// assignment:
//
//	x := e             ->  x = e
//	var x T = e        ->  x = e
//	a, b := e1, e2     ->  var b T; a, b = e1, e2   (a existing, b new)
//
// Nothing that uses x needs compiling again, and the old value is
// released. When a type differs or is not known, the definition makes a
// new variable as before (redefine.go, refresh.go). Should the interpreter
// reject the assignment, the definition is compiled as a definition.

// reassignment is how a definition is compiled as an assignment.
type reassignment struct {
	assigned map[string]bool // the variables of earlier cells it assigns
	declare  string          // var n T; for each new name it defines
}

// reassignOf returns the assignment a definition item is compiled as, or
// nil when it stays a definition.
func (run *cellRun) reassignOf(it *item) *reassignment {
	if run.reassigned == nil {
		run.reassigned = map[*item]*reassignment{}
	}
	if ra, ok := run.reassigned[it]; ok {
		return ra
	}
	ra := run.findReassignment(it)
	run.reassigned[it] = ra
	return ra
}

// findReassignment decides whether every variable of an earlier cell the
// definition names keeps its type.
func (run *cellRun) findReassignment(it *item) *reassignment {
	if run.keepDefinition[it] {
		return nil
	}
	names, values, typ, ok := definitionParts(it.node())
	if !ok {
		return nil
	}
	in := run.types(it.node())
	types, ok := newValueTypes(in, names, values, typ)
	if !ok {
		return nil
	}
	r := run.e.reg
	old := &typeinfer.Inferer{Session: run.session(), Hide: isHidden}
	ra := &reassignment{assigned: map[string]bool{}}
	var fresh []int
	for i, id := range names {
		if id.Name == "_" {
			continue
		}
		u := r.units[id.Name]
		if u == nil {
			fresh = append(fresh, i)
			continue
		}
		if u.kind != unitVar || r.broken[id.Name] || !sameType(old, id.Name, types[i]) {
			return nil
		}
		ra.assigned[id.Name] = true
	}
	if len(ra.assigned) == 0 {
		return nil
	}
	if len(fresh) > 0 {
		if _, isDefine := it.node().(*ast.AssignStmt); !isDefine {
			return nil
		}
		var b strings.Builder
		for _, i := range fresh {
			s, ok := run.spell(in, types[i])
			if !ok {
				return nil
			}
			b.WriteString("var " + names[i].Name + " " + s + "; ")
		}
		ra.declare = b.String()
	}
	return ra
}

// sameType reports whether the variable name of the session is known to
// have type t.
func sameType(old *typeinfer.Inferer, name string, t typeinfer.Type) bool {
	ot := old.IdentType(name)
	if !ot.IsType() || !typeinfer.Same(ot, t) {
		return false
	}
	// The interpreter's own record of the variable, when it has one,
	// must agree with what its declaration says.
	if rt, ok := old.Session.Global(name); ok && rt != nil && ot.RT != nil && rt != ot.RT {
		return false
	}
	return true
}

// newValueTypes returns the types a definition gives its names: the
// declared type, or the default types of its values.
func newValueTypes(in *typeinfer.Inferer, names []*ast.Ident, values []ast.Expr, typ ast.Expr) ([]typeinfer.Type, bool) {
	out := make([]typeinfer.Type, len(names))
	switch {
	case typ != nil:
		t := in.TypeExpr(typ)
		for i := range out {
			out[i] = t
		}
	case len(values) == len(names):
		for i, v := range values {
			out[i] = in.TypeOf(v)
		}
	case len(values) == 1:
		call, ok := ast.Unparen(values[0]).(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		rs, ok := in.Results(call)
		if !ok || len(rs) != len(names) {
			return nil, false
		}
		copy(out, rs)
	default:
		return nil, false
	}
	for i := range out {
		if names[i].Name == "_" {
			continue
		}
		if !out[i].IsType() {
			return nil, false
		}
		out[i].Untyped = false
	}
	return out, true
}

// definitionParts returns the names, values and declared type of a
// top-level x := e, or of a var declaration of one spec with values.
func definitionParts(n ast.Node) ([]*ast.Ident, []ast.Expr, ast.Expr, bool) {
	switch s := n.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return nil, nil, nil, false
		}
		names, ok := identList(s.Lhs)
		return names, s.Rhs, nil, ok
	case *ast.GenDecl:
		if s.Tok != token.VAR || len(s.Specs) != 1 || s.Lparen.IsValid() {
			return nil, nil, nil, false
		}
		vs := s.Specs[0].(*ast.ValueSpec)
		if len(vs.Values) == 0 {
			return nil, nil, nil, false
		}
		return vs.Names, vs.Values, vs.Type, true
	}
	return nil, nil, nil, false
}

// reassignEdits turn the definition of it into its assignment.
func (run *cellRun) reassignEdits(it *item, ra *reassignment) []edit {
	switch s := it.node().(type) {
	case *ast.AssignStmt:
		at := it.off(s.Pos())
		edits := []edit{{start: it.off(s.TokPos), end: it.off(s.TokPos + token.Pos(len(":="))), text: "=", rank: rankReplace}}
		if ra.declare != "" {
			edits = append(edits, edit{start: at, end: at, text: ra.declare, rank: openRank(0)})
		}
		return edits
	case *ast.GenDecl:
		vs := s.Specs[0].(*ast.ValueSpec)
		last := vs.Names[len(vs.Names)-1]
		return []edit{
			{start: it.off(s.Pos()), end: it.off(vs.Names[0].Pos()), text: "", rank: rankReplace},
			{start: it.off(last.End()), end: it.off(vs.Values[0].Pos()), text: " = ", rank: rankReplace},
		}
	}
	return nil
}

// errKeepDefinitions says a unit did not compile with definitions turned
// into assignments: it is to be compiled again with them kept.
var errKeepDefinitions = errors.New("goeval: definitions compiled as assignments did not compile")

// dropReassignments keeps the definitions of parts compiled as
// assignments as definitions from now on, and reports whether there was
// one.
func (run *cellRun) dropReassignments(parts []stmtPart) bool {
	dropped := false
	for _, p := range parts {
		if run.reassigned[p.it] != nil {
			if run.keepDefinition == nil {
				run.keepDefinition = map[*item]bool{}
			}
			run.keepDefinition[p.it] = true
			run.reassigned[p.it] = nil
			dropped = true
		}
	}
	return dropped
}

// itemsFrom returns the items from first on.
func itemsFrom(items []*item, first *item) []*item {
	for i, it := range items {
		if it == first {
			return items[i:]
		}
	}
	return nil
}
