package goeval

import (
	"go/ast"
	"go/token"
)

// binding is how a name got its value: from a declared type, or as the
// index-th of the values of an expression (a, b := f(); k, v := range xs;
// v, ok := m[k]).
type binding struct {
	typ      ast.Expr
	val      ast.Expr
	index    int  // which of val's values
	multi    bool // val has several values (a call, a comma-ok form)
	rangeOf  bool // val is a range clause's expression (index 0 key, 1 value)
	constant bool
	recv     bool // a method's receiver
	params   bool // a function's parameter or result
}

// cellScope is what the cell being edited declares before the cursor.
type cellScope struct {
	vals    map[string]binding
	funcs   map[string]*ast.FuncDecl
	types   map[string]*ast.TypeSpec
	methods map[string]map[string]*ast.FuncDecl // receiver type -> method
	// docs holds the doc comments of the cell's funcs and types, and of
	// its methods as "Type.Name".
	docs map[string]string
	// names holds the declared names, in the order they appear, for the
	// completer (variables the tolerant parse could not place included).
	names []string
}

func newCellScope() *cellScope {
	return &cellScope{vals: map[string]binding{}, funcs: map[string]*ast.FuncDecl{},
		types: map[string]*ast.TypeSpec{}, methods: map[string]map[string]*ast.FuncDecl{}, docs: map[string]string{}}
}

// scopeBefore parses code[:cut] as a cell with the expression at the cut
// replaced by a placeholder and the open brackets closed, and collects
// what it declares. Code that still does not parse gives the names
// declaredInCode finds, without types.
func scopeBefore(code string, cut int) *cellScope {
	sc := newCellScope()
	text := code[:cut]
	if shut, ok := closers(text + "_"); ok {
		for _, attempt := range []string{text + "_" + shut, text + "_ {}" + shut, text + "\n" + shut} {
			items, err := splitCell(newCellSource(0, attempt))
			if err != nil {
				continue
			}
			for _, it := range items {
				sc.collect(it.node())
				sc.collectDocs(attempt, it)
			}
			return sc
		}
	}
	for _, name := range declaredInCode(code, cut) {
		if _, ok := sc.vals[name]; !ok {
			sc.vals[name] = binding{}
			sc.names = append(sc.names, name)
		}
	}
	return sc
}

// collectDocs records the doc comments of the func, method and type
// declarations of an item of text.
func (sc *cellScope) collectDocs(text string, it *item) {
	switch d := it.decl.(type) {
	case *ast.FuncDecl:
		key := d.Name.Name
		if d.Recv != nil {
			base, _ := receiverBase(d.Recv)
			key = base + "." + key
		}
		sc.docs[key] = leadingComment(text, it.off(d.Pos()))
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			if ts, ok := spec.(*ast.TypeSpec); ok {
				sc.docs[ts.Name.Name] = leadingComment(text, it.off(ts.Pos()))
			}
		}
	}
}

// collect records the declarations in n, in source order, the later ones
// replacing the earlier: blocks are not told apart.
func (sc *cellScope) collect(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Recv != nil {
				if base, _ := receiverBase(n.Recv); base != "" {
					if sc.methods[base] == nil {
						sc.methods[base] = map[string]*ast.FuncDecl{}
					}
					sc.methods[base][n.Name.Name] = n
				}
				for _, f := range n.Recv.List {
					for _, id := range f.Names {
						sc.bind(id, binding{typ: f.Type, recv: true})
					}
				}
			} else if n.Name.Name != "_" {
				sc.funcs[n.Name.Name] = n
				sc.names = append(sc.names, n.Name.Name)
			}
		case *ast.FuncType:
			for _, fl := range []*ast.FieldList{n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for _, id := range f.Names {
						sc.bind(id, binding{typ: f.Type, params: true})
					}
				}
			}
		case *ast.TypeSpec:
			if n.Name.Name != "_" {
				sc.types[n.Name.Name] = n
				sc.names = append(sc.names, n.Name.Name)
			}
		case *ast.GenDecl:
			if n.Tok == token.CONST || n.Tok == token.VAR {
				for _, spec := range n.Specs {
					sc.valueSpec(spec.(*ast.ValueSpec), n.Tok == token.CONST)
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				bindAssign(n, sc.bind)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for i, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						sc.bind(id, binding{val: n.X, index: i, rangeOf: true})
					}
				}
			}
		case *ast.TypeSwitchStmt:
			if a, ok := n.Assign.(*ast.AssignStmt); ok && len(a.Lhs) == 1 {
				if id, ok := a.Lhs[0].(*ast.Ident); ok {
					sc.bind(id, binding{})
				}
			}
		}
		return true
	})
}

// valueSpec records the names of a const or var spec. A constant without
// a value repeats the previous spec's, which is not followed: its type
// stays unknown.
func (sc *cellScope) valueSpec(s *ast.ValueSpec, constant bool) {
	for i, id := range s.Names {
		b := binding{typ: s.Type, constant: constant}
		if s.Type == nil && len(s.Values) == len(s.Names) {
			b.val = s.Values[i]
		} else if s.Type == nil && len(s.Values) == 1 {
			b.val, b.index, b.multi = s.Values[0], i, true
		}
		sc.bind(id, b)
	}
}

// bindAssign calls bind for every name a := statement declares.
func bindAssign(a *ast.AssignStmt, bind func(*ast.Ident, binding)) {
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		switch {
		case len(a.Rhs) == len(a.Lhs):
			bind(id, binding{val: a.Rhs[i]})
		case len(a.Rhs) == 1:
			bind(id, binding{val: a.Rhs[0], index: i, multi: true})
		default:
			bind(id, binding{})
		}
	}
}

func (sc *cellScope) bind(id *ast.Ident, b binding) {
	if id == nil || id.Name == "_" {
		return
	}
	if _, seen := sc.vals[id.Name]; !seen {
		sc.names = append(sc.names, id.Name)
	}
	sc.vals[id.Name] = b
}

// unitBinding returns the binding of name in a var or const unit of an
// earlier cell.
func unitBinding(u *unit, name string) (binding, bool) {
	if u == nil || u.node == nil {
		return binding{}, false
	}
	var out binding
	found := false
	record := func(id *ast.Ident, b binding) {
		if id.Name == name {
			out, found = b, true
		}
	}
	switch n := u.node.(type) {
	case *ast.AssignStmt:
		bindAssign(n, record)
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok {
			sc := newCellScope()
			sc.collect(gd)
			out, found = sc.vals[name]
		}
	case *ast.GenDecl:
		sc := newCellScope()
		sc.collect(n)
		out, found = sc.vals[name]
	}
	return out, found
}
