package goeval

import (
	"sort"
	"strings"
)

// Variable is a package-level variable of the session, for %who.
type Variable struct {
	Name string
	// Type is the variable's type as a cell would write it, or "" when it
	// is not known.
	Type string
}

// Variables returns the variables the cells have declared, sorted by
// name, with their types: worked out from the cells' source, else the
// type of the value the interpreter held when the last cell ended.
func (e *Evaluator) Variables() []Variable {
	e.mu.RLock()
	defer e.mu.RUnlock()
	cell := newCellScope()
	ty := e.editingTypes(cell)
	in := &inspector{e: e, ty: ty, cell: cell}
	names := map[string]bool{}
	for n, u := range e.reg.units {
		if u.kind == unitVar {
			names[n] = true
		}
	}
	for n := range e.globalTypes {
		names[n] = true
	}
	var out []Variable
	for n := range names {
		if strings.Contains(n, hiddenPrefix) || n == "_" {
			continue
		}
		typ := in.typeString(ty.IdentType(n))
		if typ == "" || strings.Contains(typ, hiddenPrefix) {
			if rt := e.globalTypes[n]; rt != nil {
				typ = rt.String()
			}
		}
		out = append(out, Variable{Name: n, Type: typ})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Declarations counts what the cells have declared.
type Declarations struct {
	Variables, Constants, Functions, Types, Methods int
	// Imports lists the packages imported besides the preloaded ones.
	Imports []string
}

// Declared counts the session's declarations, which Reset forgets.
func (e *Evaluator) Declared() Declarations {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var d Declarations
	for n, u := range e.reg.units {
		if strings.Contains(n, hiddenPrefix) || n == "_" {
			continue
		}
		switch u.kind {
		case unitVar:
			d.Variables++
		case unitConst:
			d.Constants++
		case unitFunc:
			d.Functions++
		case unitType:
			d.Types++
		}
	}
	for _, ms := range e.reg.methods {
		d.Methods += len(ms)
	}
	preloaded := map[string]bool{}
	for _, p := range e.opts.Preload {
		preloaded[p] = true
	}
	for _, p := range e.imports {
		if !preloaded[p] {
			d.Imports = append(d.Imports, p)
		}
	}
	sort.Strings(d.Imports)
	return d
}
