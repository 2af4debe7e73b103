package goeval

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter compiles the top-level statements it is given as one
// unit, and a definition in that unit of a variable that already exists
// (x := 10 in a later cell) makes a new variable for the whole unit: the
// statements before it, and the definition's own right side, read the new
// variable, still zero. So x := x * 2 in a later cell gives 0, and
// fmt.Println(x); x := 10 prints 0. Statements are therefore cut into
// units: a unit ends before a definition of a name the unit has read, and
// a definition whose right side reads a name it defines is split in two,
// the values first going to hidden variables:
//
//	x := x * 2           ->  _goeval_s1 := x * 2   | x := _goeval_s1
//	a, b := b, a         ->  _goeval_s1, _goeval_s2 := b, a | a, b := _goeval_s1, _goeval_s2
//	var x = x + 1        ->  _goeval_s1 := x + 1   | var x = _goeval_s1
//
// A unit also ends after a redefinition of a variable of an earlier cell:
// the declarations that use it are compiled again then, before the
// statements that follow call them.

// stmtPart is a top-level statement, or half of a definition split at a
// redefinition.
type stmtPart struct {
	it *item
	// temps are the hidden variables of a split definition; bind marks
	// its second half, which defines the names from them.
	temps []string
	bind  bool
	names []string // the names the definition defines (blank ones as "_")
	// typ is the declared type of a var declaration (var x T = x + 1).
	typ   string
	isVar bool
}

// bindText writes the second half of a split definition.
func (p stmtPart) bindText() string {
	if p.isVar {
		t := ""
		if p.typ != "" {
			t = " " + p.typ
		}
		return "var " + strings.Join(p.names, ", ") + t + " = " + strings.Join(p.temps, ", ")
	}
	return strings.Join(p.names, ", ") + " := " + strings.Join(p.temps, ", ")
}

// stmtUnits cuts the statements of a chunk into units compiled one after
// the other.
func (run *cellRun) stmtUnits(items []*item) [][]stmtPart {
	var units [][]stmtPart
	var cur []stmtPart
	read := map[string]bool{}
	cut := func() {
		if len(cur) > 0 {
			units = append(units, cur)
		}
		cur, read = nil, map[string]bool{}
	}
	for _, it := range items {
		names, lhs, ok := definition(it)
		if ok && run.reassignOf(it) != nil {
			ok = false // an assignment: no new variable
		}
		if ok {
			free := run.refs[it].freeNames()
			self := false
			for _, n := range names {
				if n == "_" {
					continue
				}
				if read[n] {
					cut()
				}
				if free[n] {
					self = true
				}
			}
			if self {
				if p, ok := run.splitDefinition(it, names, lhs); ok {
					cur = append(cur, p)
					cut()
					p.bind = true
					cur = append(cur, p)
					for _, n := range p.temps {
						read[n] = true
					}
					if run.redefines(names) {
						cut()
					}
					continue
				}
			}
		}
		cur = append(cur, stmtPart{it: it})
		for _, id := range run.refs[it].free {
			read[id.Name] = true
		}
		if ok && run.redefines(names) {
			// The declarations that use the name are compiled again
			// after the unit: the statements after it must see them.
			cut()
		}
	}
	cut()
	return units
}

// redefines reports whether one of names is a package-level variable or
// constant of an earlier cell that a declaration uses (one the refresh
// compiles again) or a function literal stored by an earlier cell reads.
func (run *cellRun) redefines(names []string) bool {
	r := run.e.reg
	for _, n := range names {
		u := r.units[n]
		if u == nil || (u.kind != unitVar && u.kind != unitConst) {
			continue
		}
		for _, d := range r.all() {
			if d.declares(n) {
				continue
			}
			if d.kind != unitVar && d.uses[n] {
				return true
			}
			// A stored function literal that reads it: the redefinition
			// stops with an error (staleClosures) before the next unit.
			if d.kind == unitVar && d.cell != run.cell && d.node != nil && literalReads(d.node, n) {
				return true
			}
		}
	}
	return false
}

// definition returns the names a top-level := statement or var declaration
// defines, and the node that holds its left side.
func definition(it *item) ([]string, ast.Node, bool) {
	switch s := it.node().(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE {
			return nil, nil, false
		}
		var names []string
		for _, l := range s.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				return nil, nil, false
			}
			names = append(names, id.Name)
		}
		return names, s, true
	case *ast.GenDecl:
		if s.Tok != token.VAR {
			return nil, nil, false
		}
		var names []string
		for _, spec := range s.Specs {
			for _, id := range spec.(*ast.ValueSpec).Names {
				names = append(names, id.Name)
			}
		}
		return names, s, true
	}
	return nil, nil, false
}

// splitDefinition prepares the split of a definition whose right side
// reads a name it defines. A var declaration of several specs, or without
// values, is not split.
func (run *cellRun) splitDefinition(it *item, names []string, n ast.Node) (stmtPart, bool) {
	p := stmtPart{it: it, names: names}
	switch s := n.(type) {
	case *ast.AssignStmt:
		if len(s.Rhs) != len(s.Lhs) && len(s.Rhs) != 1 {
			return p, false
		}
	case *ast.GenDecl:
		if len(s.Specs) != 1 || s.Lparen.IsValid() {
			return p, false
		}
		vs := s.Specs[0].(*ast.ValueSpec)
		if len(vs.Values) == 0 {
			return p, false
		}
		p.isVar = true
		if vs.Type != nil {
			p.typ = run.cell.text[it.off(vs.Type.Pos()):it.off(vs.Type.End())]
		}
	}
	for range names {
		p.temps = append(p.temps, run.fresh("s"))
	}
	return p, true
}

// fresh returns a new hidden name of the cell.
func (run *cellRun) fresh(kind string) string {
	rw := rewriter{counter: &run.counter}
	return rw.fresh(kind)
}

// tempEdits are the edits of the first half of a split definition: its
// left side becomes the hidden variables, typed as typedDefineEdits would
// type the definition when the interpreter needs it.
func (run *cellRun) tempEdits(p stmtPart, in *typeinfer.Inferer) []edit {
	it := p.it
	var values []ast.Expr
	var valuesPos token.Pos
	var typ ast.Expr
	switch s := it.node().(type) {
	case *ast.AssignStmt:
		values, valuesPos = s.Rhs, s.Rhs[0].Pos()
	case *ast.GenDecl:
		vs := s.Specs[0].(*ast.ValueSpec)
		values, valuesPos, typ = vs.Values, vs.Values[0].Pos(), vs.Type
	}
	temps := make([]*ast.Ident, len(p.temps))
	for i, t := range p.temps {
		temps[i] = ast.NewIdent(t)
	}
	start, end := it.off(it.node().Pos()), it.off(valuesPos)
	text := strings.Join(p.temps, ", ") + " := "
	switch {
	case typ != nil:
		text = "var " + strings.Join(p.temps, ", ") + " " + p.typ + " = "
	case hasIndex(it.node()) || isMultiValueDefine(it.node()):
		if types, ok := run.definedTypes(it, in, temps, values); ok {
			text = declarations(temps, types) + strings.Join(p.temps, ", ") + " = "
		}
	}
	return []edit{{start: start, end: end, text: text, rank: rankReplace}}
}
