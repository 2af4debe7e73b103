package goeval

import (
	"go/ast"
	"go/token"
)

// refs is what a piece of code refers to and declares.
type refs struct {
	// free lists the identifiers that refer to something declared outside
	// the piece (package-level names of earlier cells, packages, builtins).
	free []*ast.Ident
	// top holds the names the piece declares at its own top level: the name
	// of a declaration, or the variables of a top-level := statement.
	top []string
	// all holds every name declared anywhere inside the piece.
	all map[string]bool
}

// freeNames returns the set of names in r.free.
func (r *refs) freeNames() map[string]bool {
	m := make(map[string]bool, len(r.free))
	for _, id := range r.free {
		m[id.Name] = true
	}
	return m
}

// resolve walks a top-level declaration or statement and sorts its
// identifiers into free uses and declarations, following Go's block scopes.
// It needs no type information: a key in a composite literal of a named or
// struct type is taken as a field name.
func resolve(n ast.Node) *refs {
	r := &resolver{out: &refs{all: map[string]bool{}}}
	r.push()
	switch d := n.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil && d.Name.Name != "init" && d.Name.Name != "_" {
			r.out.top = append(r.out.top, d.Name.Name)
		}
		r.funcDecl(d)
	case *ast.GenDecl:
		r.genDecl(d, true)
	case ast.Stmt:
		r.stmt(d, true)
	default:
		r.walk(n)
	}
	return r.out
}

type resolver struct {
	scopes []map[string]bool
	out    *refs
}

func (r *resolver) push() { r.scopes = append(r.scopes, map[string]bool{}) }
func (r *resolver) pop()  { r.scopes = r.scopes[:len(r.scopes)-1] }

func (r *resolver) declare(id *ast.Ident) {
	if id == nil || id.Name == "_" {
		return
	}
	r.scopes[len(r.scopes)-1][id.Name] = true
	r.out.all[id.Name] = true
}

func (r *resolver) declared(name string) bool {
	for i := len(r.scopes) - 1; i >= 0; i-- {
		if r.scopes[i][name] {
			return true
		}
	}
	return false
}

func (r *resolver) use(id *ast.Ident) {
	if id.Name == "_" || r.declared(id.Name) {
		return
	}
	r.out.free = append(r.out.free, id)
}

// walk visits n's children with the generic rules.
func (r *resolver) walk(n ast.Node) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(c ast.Node) bool {
		if c == nil || c == n {
			return c == n
		}
		r.node(c)
		return false
	})
}

func (r *resolver) node(n ast.Node) {
	switch n := n.(type) {
	case nil:
	case *ast.Ident:
		r.use(n)
	case *ast.SelectorExpr:
		r.node(n.X)
	case *ast.CompositeLit:
		r.node(n.Type)
		fieldKeys := compositeHasFieldKeys(n)
		for _, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if _, isID := kv.Key.(*ast.Ident); !(isID && fieldKeys) {
					r.node(kv.Key)
				}
				r.node(kv.Value)
				continue
			}
			r.node(e)
		}
	case *ast.FuncLit:
		r.push()
		r.funcType(n.Type, true)
		r.block(n.Body)
		r.pop()
	case *ast.FuncType:
		r.funcType(n, false)
	case *ast.StructType:
		for _, f := range n.Fields.List {
			r.node(f.Type)
		}
	case *ast.InterfaceType:
		for _, f := range n.Methods.List {
			r.node(f.Type)
		}
	case *ast.FuncDecl:
		r.funcDecl(n)
	case *ast.GenDecl:
		r.genDecl(n, false)
	case ast.Stmt:
		r.stmt(n, false)
	default:
		r.walk(n)
	}
}

// compositeHasFieldKeys reports whether keys of the literal name struct
// fields rather than map keys or array indices.
func compositeHasFieldKeys(lit *ast.CompositeLit) bool {
	switch lit.Type.(type) {
	case *ast.MapType, *ast.ArrayType:
		return false
	}
	return true
}

func (r *resolver) funcType(t *ast.FuncType, declare bool) {
	if t.TypeParams != nil {
		for _, f := range t.TypeParams.List {
			if declare {
				for _, id := range f.Names {
					r.declare(id)
				}
			}
		}
		for _, f := range t.TypeParams.List {
			r.node(f.Type)
		}
	}
	for _, fl := range []*ast.FieldList{t.Params, t.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			r.node(f.Type)
		}
	}
	if !declare {
		return
	}
	for _, fl := range []*ast.FieldList{t.Params, t.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, id := range f.Names {
				r.declare(id)
			}
		}
	}
}

func (r *resolver) funcDecl(d *ast.FuncDecl) {
	r.push()
	if d.Recv != nil {
		for _, f := range d.Recv.List {
			// The receiver type's parameters (T[K]) are declared, not used.
			r.recvType(f.Type)
			for _, id := range f.Names {
				r.declare(id)
			}
		}
	}
	r.funcType(d.Type, true)
	if d.Body != nil {
		r.block(d.Body)
	}
	r.pop()
}

// recvType handles a receiver type: T, *T, T[K], *T[K, V].
func (r *resolver) recvType(t ast.Expr) {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.IndexExpr:
		r.node(t.X)
		if id, ok := t.Index.(*ast.Ident); ok {
			r.declare(id)
		}
	case *ast.IndexListExpr:
		r.node(t.X)
		for _, ix := range t.Indices {
			if id, ok := ix.(*ast.Ident); ok {
				r.declare(id)
			}
		}
	default:
		r.node(t)
	}
}

func (r *resolver) genDecl(d *ast.GenDecl, top bool) {
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.ValueSpec:
			r.node(s.Type)
			for _, v := range s.Values {
				r.node(v)
			}
			for _, id := range s.Names {
				r.declare(id)
				if top && id.Name != "_" {
					r.out.top = append(r.out.top, id.Name)
				}
			}
		case *ast.TypeSpec:
			r.declare(s.Name)
			if top {
				r.out.top = append(r.out.top, s.Name.Name)
			}
			r.push()
			if s.TypeParams != nil {
				for _, f := range s.TypeParams.List {
					for _, id := range f.Names {
						r.declare(id)
					}
				}
				for _, f := range s.TypeParams.List {
					r.node(f.Type)
				}
			}
			r.node(s.Type)
			r.pop()
		}
	}
}

func (r *resolver) block(b *ast.BlockStmt) {
	if b == nil {
		return
	}
	r.push()
	for _, s := range b.List {
		r.stmt(s, false)
	}
	r.pop()
}

func (r *resolver) stmt(s ast.Stmt, top bool) {
	switch s := s.(type) {
	case nil:
	case *ast.BlockStmt:
		r.block(s)
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			r.node(e)
		}
		for _, e := range s.Lhs {
			id, ok := e.(*ast.Ident)
			if s.Tok == token.DEFINE && ok {
				r.declare(id)
				if top && id.Name != "_" {
					r.out.top = append(r.out.top, id.Name)
				}
				continue
			}
			r.node(e)
		}
	case *ast.DeclStmt:
		if d, ok := s.Decl.(*ast.GenDecl); ok {
			r.genDecl(d, top)
		}
	case *ast.RangeStmt:
		r.node(s.X)
		r.push()
		if s.Tok == token.DEFINE {
			if id, ok := s.Key.(*ast.Ident); ok {
				r.declare(id)
			}
			if id, ok := s.Value.(*ast.Ident); ok {
				r.declare(id)
			}
		} else {
			r.node(s.Key)
			r.node(s.Value)
		}
		r.block(s.Body)
		r.pop()
	case *ast.ForStmt:
		r.push()
		r.stmt(s.Init, false)
		r.node(s.Cond)
		r.stmt(s.Post, false)
		r.block(s.Body)
		r.pop()
	case *ast.IfStmt:
		r.push()
		r.stmt(s.Init, false)
		r.node(s.Cond)
		r.block(s.Body)
		r.stmt(s.Else, false)
		r.pop()
	case *ast.SwitchStmt:
		r.push()
		r.stmt(s.Init, false)
		r.node(s.Tag)
		r.block(s.Body)
		r.pop()
	case *ast.TypeSwitchStmt:
		r.push()
		r.stmt(s.Init, false)
		var bound *ast.Ident
		switch a := s.Assign.(type) {
		case *ast.AssignStmt:
			for _, e := range a.Rhs {
				r.node(e)
			}
			if len(a.Lhs) == 1 {
				bound, _ = a.Lhs[0].(*ast.Ident)
			}
		default:
			r.stmt(a, false)
		}
		for _, cs := range s.Body.List {
			cc := cs.(*ast.CaseClause)
			for _, e := range cc.List {
				r.node(e)
			}
			r.push()
			r.declare(bound)
			for _, st := range cc.Body {
				r.stmt(st, false)
			}
			r.pop()
		}
		r.pop()
	case *ast.CaseClause:
		for _, e := range s.List {
			r.node(e)
		}
		r.push()
		for _, st := range s.Body {
			r.stmt(st, false)
		}
		r.pop()
	case *ast.SelectStmt:
		r.block(s.Body)
	case *ast.CommClause:
		r.push()
		r.stmt(s.Comm, false)
		for _, st := range s.Body {
			r.stmt(st, false)
		}
		r.pop()
	case *ast.LabeledStmt:
		r.stmt(s.Stmt, top)
	case *ast.BranchStmt:
	default:
		r.walk(s)
	}
}

// typeSpecRefs returns the identifiers of a type spec's definition that
// name something outside it, its own name included (a recursive type).
func typeSpecRefs(ts *ast.TypeSpec) []*ast.Ident {
	r := &resolver{out: &refs{all: map[string]bool{}}}
	r.push()
	if ts.TypeParams != nil {
		for _, f := range ts.TypeParams.List {
			for _, id := range f.Names {
				r.declare(id)
			}
		}
		for _, f := range ts.TypeParams.List {
			r.node(f.Type)
		}
	}
	r.node(ts.Type)
	return r.out.free
}

// embeddedIdents returns the identifiers that name embedded fields of a
// struct type spec (A in struct{ A; *B }): they are field names too.
func embeddedIdents(ts *ast.TypeSpec) map[*ast.Ident]bool {
	out := map[*ast.Ident]bool{}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return out
	}
	for _, f := range st.Fields.List {
		if len(f.Names) > 0 {
			continue
		}
		t := f.Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		switch x := t.(type) {
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		}
		if id, ok := t.(*ast.Ident); ok {
			out[id] = true
		}
	}
	return out
}
