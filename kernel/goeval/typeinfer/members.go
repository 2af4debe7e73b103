package typeinfer

import (
	"go/ast"
	"reflect"
	"sort"
)

// Member is a field or method of a type.
type Member struct {
	Name string
	Kind string // "field" or "method"
	Type Type   // the field's type, or the method's function type
	// Where it is declared, for its documentation: a compiled type
	// (methods and fields of embedded types included), or a cell's
	// declaration.
	RT     reflect.Type
	Field  *ast.Field
	Method *ast.FuncDecl
	// Owner is the name of the cell type that declares it.
	Owner string
	// PtrRecv marks a method of a cell type with a pointer receiver.
	PtrRecv bool
}

// Members returns the fields and methods of a value of type t, exported
// ones first, then by name.
func (in *Inferer) Members(t Type) []Member {
	var out []Member
	switch {
	case t.RT != nil:
		out = in.ReflectMembers(t.RT)
	case t.AST != nil:
		out = in.astMembers(t.AST, map[string]bool{}, 0)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ei, ej := ast.IsExported(out[i].Name), ast.IsExported(out[j].Name)
		if ei != ej {
			return ei
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// LookupMember returns the member name of a value of type t.
func (in *Inferer) LookupMember(t Type, name string) (Member, bool) {
	for _, m := range in.Members(t) {
		if m.Name == name {
			return m, true
		}
	}
	return Member{}, false
}

// Member returns the type of the field or method value t.name.
func (in *Inferer) Member(t Type, name string) Type {
	m, _ := in.LookupMember(t, name)
	return m.Type
}

// ReflectMembers lists the exported methods (of an addressable value) and
// fields (promoted ones included) of a compiled type.
func (in *Inferer) ReflectMembers(rt reflect.Type) []Member {
	var out []Member
	seen := map[string]bool{}
	mt := rt
	if k := rt.Kind(); k != reflect.Interface && k != reflect.Pointer {
		mt = reflect.PointerTo(rt)
	}
	for i := 0; i < mt.NumMethod(); i++ {
		m := mt.Method(i)
		if !m.IsExported() {
			continue
		}
		ft := m.Type
		if mt.Kind() != reflect.Interface {
			ft = DropReceiver(ft)
		}
		seen[m.Name] = true
		out = append(out, Member{Name: m.Name, Kind: "method", Type: Type{RT: ft}, RT: rt})
	}
	st := rt
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(st) {
			if !f.IsExported() || seen[f.Name] || in.hidden(f.Name) {
				continue
			}
			seen[f.Name] = true
			out = append(out, Member{Name: f.Name, Kind: "field", Type: Type{RT: f.Type}, RT: st})
		}
	}
	return out
}

// astMembers lists the fields and methods of a type written in a cell: a
// type declared in a cell (its methods, and its struct's fields with those
// of embedded types), a struct or an interface literal, or a compiled type
// it is defined from.
func (in *Inferer) astMembers(x ast.Expr, seen map[string]bool, depth int) []Member {
	if depth > 8 {
		return nil
	}
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
			continue
		case *ast.ParenExpr:
			x = t.X
			continue
		}
		break
	}
	var out []Member
	add := func(m Member) {
		if !seen[m.Name] && !in.hidden(m.Name) {
			seen[m.Name] = true
			out = append(out, m)
		}
	}
	owner, ts := "", (*ast.TypeSpec)(nil)
	var targs []ast.Expr
	switch t := x.(type) {
	case *ast.Ident:
		owner, ts = t.Name, in.UserType(t.Name)
	case *ast.IndexExpr, *ast.IndexListExpr:
		if base, args, ok := genericBase(t); ok {
			owner, ts, targs = base.Name, in.UserType(base.Name), args
		}
	}
	if ts != nil {
		names := in.UserMethodNames(owner)
		sort.Strings(names)
		for _, n := range names {
			fd := in.UserMethod(owner, n)
			if fd == nil {
				continue
			}
			var ft ast.Expr = fd.Type
			if ts.TypeParams != nil {
				ft = Substitute(ft, recvTypeParams(fd), targs)
			}
			add(Member{Name: n, Kind: "method", Type: Type{AST: ft}, Method: fd, Owner: owner, PtrRecv: ptrReceiver(fd)})
		}
	} else {
		owner = ""
	}
	switch u := in.Underlying(x).(type) {
	case *ast.StructType:
		var embedded []ast.Expr
		for _, f := range u.Fields.List {
			if len(f.Names) == 0 {
				if name := EmbeddedName(f.Type); name != "" {
					add(Member{Name: name, Kind: "field", Type: in.TypeExpr(f.Type), Field: f, Owner: owner})
				}
				embedded = append(embedded, f.Type)
				continue
			}
			for _, n := range f.Names {
				add(Member{Name: n.Name, Kind: "field", Type: in.TypeExpr(f.Type), Field: f, Owner: owner})
			}
		}
		for _, e := range embedded {
			t := in.TypeExpr(e)
			var promoted []Member
			if t.RT != nil {
				promoted = in.ReflectMembers(t.RT)
			} else if t.AST != nil {
				promoted = in.astMembers(t.AST, map[string]bool{}, depth+1)
			}
			for _, m := range promoted {
				add(m)
			}
		}
	case *ast.InterfaceType:
		for _, f := range u.Methods.List {
			if len(f.Names) == 0 {
				// An embedded interface: its methods.
				t := in.TypeExpr(f.Type)
				var promoted []Member
				if t.RT != nil {
					promoted = in.ReflectMembers(t.RT)
				} else if t.AST != nil {
					promoted = in.astMembers(t.AST, map[string]bool{}, depth+1)
				}
				for _, m := range promoted {
					if m.Kind == "method" {
						add(m)
					}
				}
				continue
			}
			for _, n := range f.Names {
				add(Member{Name: n.Name, Kind: "method", Type: Type{AST: f.Type}, Field: f, Owner: owner})
			}
		}
	default:
		if t := in.TypeExpr(u); t.RT != nil {
			for _, m := range in.ReflectMembers(t.RT) {
				add(m)
			}
		}
	}
	return out
}

// recvTypeParams lists the names a method gives its receiver's type
// parameters: K, V in func (m Map[K, V]) ...
func recvTypeParams(fd *ast.FuncDecl) []string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return nil
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	_, args, _ := genericBase(t)
	var out []string
	for _, a := range args {
		if id, ok := a.(*ast.Ident); ok {
			out = append(out, id.Name)
		} else {
			out = append(out, "_")
		}
	}
	return out
}

// ptrReceiver reports whether a method has a pointer receiver.
func ptrReceiver(fd *ast.FuncDecl) bool {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	_, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
	return ok
}

// EmbeddedName is the field name of an embedded type: T for T, *T, pkg.T.
func EmbeddedName(t ast.Expr) string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.IndexExpr:
		return EmbeddedName(t.X)
	case *ast.IndexListExpr:
		return EmbeddedName(t.X)
	}
	return ""
}

// hidden reports whether a member name is one the evaluator added.
func (in *Inferer) hidden(name string) bool { return in.Hide != nil && in.Hide(name) }
