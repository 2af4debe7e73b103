package goeval

import (
	"go/ast"
	"reflect"
	"sort"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/stdgen"
	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// sessionTypes is what the type inference engine knows of the session:
// the registry's declarations, the package tables, and a view of the
// interpreter's variables.
type sessionTypes struct {
	reg  *registry
	pkgs *packageIndex
	// pkg resolves a package name; global gives the type of an
	// interpreter variable worth trusting.
	pkg    func(name string) (string, bool)
	global func(name string) (reflect.Type, bool)
}

// Decl implements typeinfer.Session.
func (s sessionTypes) Decl(name string) (ast.Node, typeinfer.DeclKind) {
	u := s.reg.units[name]
	if u == nil {
		return nil, typeinfer.DeclNone
	}
	switch u.kind {
	case unitFunc:
		return u.node, typeinfer.DeclFunc
	case unitType:
		return u.node, typeinfer.DeclType
	case unitVar:
		return u.node, typeinfer.DeclVar
	case unitConst:
		return u.node, typeinfer.DeclConst
	}
	return nil, typeinfer.DeclNone
}

// Method implements typeinfer.Session.
func (s sessionTypes) Method(typeName, name string) *ast.FuncDecl {
	if u := s.reg.methods[typeName][name]; u != nil {
		fd, _ := u.node.(*ast.FuncDecl)
		return fd
	}
	return nil
}

// MethodNames implements typeinfer.Session.
func (s sessionTypes) MethodNames(typeName string) []string {
	var out []string
	for n := range s.reg.methods[typeName] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Package implements typeinfer.Session.
func (s sessionTypes) Package(name string) (string, bool) { return s.pkg(name) }

// Symbol implements typeinfer.Session.
func (s sessionTypes) Symbol(path, name string) (reflect.Value, bool) {
	return s.pkgs.symbol(path, name)
}

// Global implements typeinfer.Session.
func (s sessionTypes) Global(name string) (reflect.Type, bool) {
	if s.global == nil {
		return nil, false
	}
	return s.global(name)
}

// SourceFunc implements typeinfer.Session.
func (s sessionTypes) SourceFunc(path, name string) *ast.FuncDecl {
	if !stdgen.Provides(path) {
		return nil
	}
	return stdgen.Func(path, name)
}

// isHidden reports whether a name is one the evaluator added.
func isHidden(name string) bool { return strings.Contains(name, hiddenPrefix) }

// editingTypes returns the inference engine for a cell being edited: the
// declarations before the cursor, the session as the last cell left it.
// The caller holds e.mu for reading.
func (e *Evaluator) editingTypes(cell *cellScope) *typeinfer.Inferer {
	s := sessionTypes{reg: e.reg, pkgs: e.pkgs,
		pkg: func(name string) (string, bool) {
			if p, ok := e.imports[name]; ok {
				return p, true
			}
			return e.pkgs.resolveName(name)
		},
		global: func(name string) (reflect.Type, bool) {
			rt, ok := e.globalTypes[name]
			return rt, ok && rt != nil
		},
	}
	return &typeinfer.Inferer{Session: s, Scopes: []*typeinfer.Scope{cell.Scope}, Last: true, Hide: isHidden}
}

// types returns the inference engine for a top-level item of the running
// cell: its local names, then the cell's top-level names, then the
// session.
func (run *cellRun) types(n ast.Node) *typeinfer.Inferer {
	locals := typeinfer.NewScope()
	locals.Collect(n)
	return &typeinfer.Inferer{Session: run.session(), Scopes: []*typeinfer.Scope{locals, run.scope}, Hide: isHidden}
}

// session returns the session as the running cell sees it.
func (run *cellRun) session() sessionTypes {
	return sessionTypes{reg: run.e.reg, pkgs: run.e.pkgs, pkg: run.pkgPath, global: run.globalType}
}

// globalType returns the compiled type of the interpreter's variable
// name, when it is the type the cell sees: not one of the interpreter's
// value wrappers and, when the session declares a type that is not a
// struct or an interface (whose values the interpreter gives the compiled
// type of its underlying type), a named one. An untyped constant has its
// default type.
func (run *cellRun) globalType(name string) (reflect.Type, bool) {
	v, ok := run.globalValues()[name]
	if !ok || !v.IsValid() || isHidden(name) {
		return nil, false
	}
	if c, ok := typeinfer.ConstantOf(v); ok {
		t := typeinfer.ConstantType(c)
		return t.RT, t.RT != nil
	}
	t := v.Type()
	if !compiledType(t) {
		return nil, false
	}
	if t.Name() == "" && run.interpretedUnderlying() {
		return nil, false
	}
	return t, true
}
