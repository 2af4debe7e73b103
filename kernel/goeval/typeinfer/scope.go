package typeinfer

import (
	"go/ast"
	"go/token"
)

// Binding is how a name got its value: from a declared type, or as the
// Index-th of the values of an expression (a, b := f(); k, v := range xs;
// v, ok := m[k]).
type Binding struct {
	Typ      ast.Expr
	Val      ast.Expr
	Index    int  // which of Val's values
	Multi    bool // Val has several values (a call, a comma-ok form)
	RangeOf  bool // Val is a range clause's expression (Index 0 key, 1 value)
	Constant bool
	Recv     bool // a method's receiver
	Params   bool // a function's parameter or result
}

// Scope is what a piece of code declares: a cell, the code before the
// cursor, or one top-level item with its local names. Blocks are not told
// apart: a name declared several times has several bindings, in source
// order.
type Scope struct {
	Vals    map[string][]Binding
	Funcs   map[string]*ast.FuncDecl
	Types   map[string]*ast.TypeSpec
	Methods map[string]map[string]*ast.FuncDecl // receiver type -> method
	// Names holds the declared names in the order they first appear.
	Names []string
}

// NewScope returns an empty scope.
func NewScope() *Scope {
	return &Scope{Vals: map[string][]Binding{}, Funcs: map[string]*ast.FuncDecl{},
		Types: map[string]*ast.TypeSpec{}, Methods: map[string]map[string]*ast.FuncDecl{}}
}

// Declares reports whether the scope declares name (a value, a function or
// a type).
func (s *Scope) Declares(name string) bool {
	if s == nil {
		return false
	}
	_, v := s.Vals[name]
	return v || s.Funcs[name] != nil || s.Types[name] != nil
}

// Bind records a binding of id.
func (s *Scope) Bind(id *ast.Ident, b Binding) {
	if id == nil || id.Name == "_" {
		return
	}
	s.note(id.Name)
	s.Vals[id.Name] = append(s.Vals[id.Name], b)
}

func (s *Scope) note(name string) {
	if _, v := s.Vals[name]; !v && s.Funcs[name] == nil && s.Types[name] == nil {
		s.Names = append(s.Names, name)
	}
}

// Declare records what a top-level declaration or statement declares at
// its own level: a function, a method, types, variables and constants, the
// variables of a := statement. Names inside function bodies and blocks are
// left out (see Collect).
func (s *Scope) Declare(n ast.Node) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		s.funcDecl(n)
	case *ast.GenDecl:
		s.genDecl(n)
	case *ast.DeclStmt:
		s.Declare(n.Decl)
	case *ast.AssignStmt:
		if n.Tok == token.DEFINE {
			BindAssign(n, s.Bind)
		}
	case *ast.LabeledStmt:
		s.Declare(n.Stmt)
	}
}

// Collect records every declaration inside n, local ones included.
func (s *Scope) Collect(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			s.funcDecl(n)
			if n.Recv != nil {
				for _, f := range n.Recv.List {
					for _, id := range f.Names {
						s.Bind(id, Binding{Typ: f.Type, Recv: true})
					}
				}
			}
		case *ast.FuncType:
			for _, fl := range []*ast.FieldList{n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for _, id := range f.Names {
						s.Bind(id, Binding{Typ: f.Type, Params: true})
					}
				}
			}
		case *ast.GenDecl:
			s.genDecl(n)
			return n.Tok != token.TYPE
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				BindAssign(n, s.Bind)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for i, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						s.Bind(id, Binding{Val: n.X, Index: i, RangeOf: true})
					}
				}
			}
		case *ast.TypeSwitchStmt:
			if a, ok := n.Assign.(*ast.AssignStmt); ok && len(a.Lhs) == 1 {
				if id, ok := a.Lhs[0].(*ast.Ident); ok {
					s.Bind(id, Binding{})
				}
			}
		}
		return true
	})
}

func (s *Scope) funcDecl(fd *ast.FuncDecl) {
	if fd.Recv != nil {
		if base, _ := ReceiverBase(fd.Recv); base != "" {
			if s.Methods[base] == nil {
				s.Methods[base] = map[string]*ast.FuncDecl{}
			}
			s.Methods[base][fd.Name.Name] = fd
		}
		return
	}
	if fd.Name.Name != "_" && fd.Name.Name != "init" {
		s.note(fd.Name.Name)
		s.Funcs[fd.Name.Name] = fd
	}
}

func (s *Scope) genDecl(gd *ast.GenDecl) {
	for _, spec := range gd.Specs {
		if ts, ok := spec.(*ast.TypeSpec); ok && ts.Name.Name != "_" {
			s.note(ts.Name.Name)
			s.Types[ts.Name.Name] = ts
		}
	}
	valueSpecs(gd, s.Bind)
}

// valueSpecs calls bind for the names of the const or var specs of gd. In
// a const declaration, a spec without type and values repeats the previous
// spec's (const ( A Weekday = iota; B )).
func valueSpecs(gd *ast.GenDecl, bind func(*ast.Ident, Binding)) {
	constant := gd.Tok == token.CONST
	var prev *ast.ValueSpec
	for _, spec := range gd.Specs {
		sp, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		if constant && sp.Type == nil && len(sp.Values) == 0 && prev != nil {
			sp = &ast.ValueSpec{Names: sp.Names, Type: prev.Type, Values: prev.Values}
		}
		valueSpec(sp, constant, bind)
		prev = sp
	}
}

// valueSpec calls bind for the names of a const or var spec.
func valueSpec(sp *ast.ValueSpec, constant bool, bind func(*ast.Ident, Binding)) {
	for i, id := range sp.Names {
		b := Binding{Typ: sp.Type, Constant: constant}
		if sp.Type == nil && len(sp.Values) == len(sp.Names) {
			b.Val = sp.Values[i]
		} else if sp.Type == nil && len(sp.Values) == 1 {
			b.Val, b.Index, b.Multi = sp.Values[0], i, true
		}
		bind(id, b)
	}
}

// BindAssign calls bind for every name a := statement declares.
func BindAssign(a *ast.AssignStmt, bind func(*ast.Ident, Binding)) {
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		switch {
		case len(a.Rhs) == len(a.Lhs):
			bind(id, Binding{Val: a.Rhs[i]})
		case len(a.Rhs) == 1:
			bind(id, Binding{Val: a.Rhs[0], Index: i, Multi: true})
		default:
			bind(id, Binding{})
		}
	}
}

// BindingIn returns the binding of name in a package-level var or const
// declaration (a GenDecl, a DeclStmt or a := statement).
func BindingIn(n ast.Node, name string) (Binding, bool) {
	var out Binding
	found := false
	record := func(id *ast.Ident, b Binding) {
		if id != nil && id.Name == name {
			out, found = b, true
		}
	}
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok == token.DEFINE {
			BindAssign(n, record)
		}
	case *ast.DeclStmt:
		return BindingIn(n.Decl, name)
	case *ast.GenDecl:
		valueSpecs(n, record)
	}
	return out, found
}

// ReceiverBase returns the type name of a method's receiver and whether
// that type is generic.
func ReceiverBase(recv *ast.FieldList) (string, bool) {
	if recv == nil || len(recv.List) == 0 {
		return "", false
	}
	t := recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	generic := false
	switch x := t.(type) {
	case *ast.IndexExpr:
		t, generic = x.X, true
	case *ast.IndexListExpr:
		t, generic = x.X, true
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name, generic
	}
	return "", generic
}
