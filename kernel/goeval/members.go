package goeval

import (
	"go/ast"
	"reflect"
	"sort"
	"strings"
)

// member is a field or method of a type.
type member struct {
	name string
	kind string // "field" or "method"
	typ  ctype  // the field's type, or the method's function type
	// Where it is declared, for its documentation: a compiled type
	// (methods and fields of embedded types included), or a cell's
	// declaration.
	rt     reflect.Type
	field  *ast.Field
	method *ast.FuncDecl
	// owner is the name of the cell type that declares it.
	owner string
}

// members returns the fields and methods of a value of type t, exported
// ones first, then by name.
func (ty *typer) members(t ctype) []member {
	var out []member
	switch {
	case t.rt != nil:
		out = reflectMembers(t.rt)
	case t.ast != nil:
		out = ty.astMembers(t.ast, map[string]bool{}, 0)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ei, ej := ast.IsExported(out[i].name), ast.IsExported(out[j].name)
		if ei != ej {
			return ei
		}
		return out[i].name < out[j].name
	})
	return out
}

// lookupMember returns the member name of a value of type t.
func (ty *typer) lookupMember(t ctype, name string) (member, bool) {
	for _, m := range ty.members(t) {
		if m.name == name {
			return m, true
		}
	}
	return member{}, false
}

// member returns the type of the field or method value t.name.
func (ty *typer) member(t ctype, name string) ctype {
	m, _ := ty.lookupMember(t, name)
	return m.typ
}

// reflectMembers lists the exported methods (of an addressable value) and
// fields (promoted ones included) of a compiled type.
func reflectMembers(rt reflect.Type) []member {
	var out []member
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
			ft = dropReceiver(ft)
		}
		seen[m.Name] = true
		out = append(out, member{name: m.Name, kind: "method", typ: ctype{rt: ft}, rt: rt})
	}
	st := rt
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(st) {
			if !f.IsExported() || seen[f.Name] || strings.HasPrefix(f.Name, hiddenPrefix) {
				continue
			}
			seen[f.Name] = true
			out = append(out, member{name: f.Name, kind: "field", typ: ctype{rt: f.Type}, rt: st})
		}
	}
	return out
}

// dropReceiver returns a method's function type without its receiver.
func dropReceiver(ft reflect.Type) reflect.Type {
	if ft.NumIn() == 0 {
		return ft
	}
	in := make([]reflect.Type, ft.NumIn()-1)
	for i := range in {
		in[i] = ft.In(i + 1)
	}
	out := make([]reflect.Type, ft.NumOut())
	for i := range out {
		out[i] = ft.Out(i)
	}
	return reflect.FuncOf(in, out, ft.IsVariadic())
}

// astMembers lists the fields and methods of a type written in a cell:
// a type declared in a cell (its methods, and its struct's fields with
// those of embedded types), a struct or an interface literal, or a
// compiled type it is defined from.
func (ty *typer) astMembers(x ast.Expr, seen map[string]bool, depth int) []member {
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
	var out []member
	add := func(m member) {
		if !seen[m.name] && !strings.HasPrefix(m.name, hiddenPrefix) {
			seen[m.name] = true
			out = append(out, m)
		}
	}
	owner := ""
	if id, ok := x.(*ast.Ident); ok && ty.userType(id.Name) != nil {
		owner = id.Name
		names := map[string]bool{}
		for n := range ty.e.reg.methods[owner] {
			names[n] = true
		}
		for n := range ty.cell.methods[owner] {
			names[n] = true
		}
		for n := range names {
			if fd := ty.userMethod(owner, n); fd != nil {
				add(member{name: n, kind: "method", typ: ctype{ast: fd.Type}, method: fd, owner: owner})
			}
		}
		x = ty.userType(owner).Type
	}
	switch u := ty.underlying(x).(type) {
	case *ast.StructType:
		var embedded []ast.Expr
		for _, f := range u.Fields.List {
			if len(f.Names) == 0 {
				if name := embeddedName(f.Type); name != "" {
					add(member{name: name, kind: "field", typ: ty.typeExpr(f.Type), field: f, owner: owner})
				}
				embedded = append(embedded, f.Type)
				continue
			}
			for _, n := range f.Names {
				add(member{name: n.Name, kind: "field", typ: ty.typeExpr(f.Type), field: f, owner: owner})
			}
		}
		for _, e := range embedded {
			t := ty.typeExpr(e)
			var promoted []member
			if t.rt != nil {
				promoted = reflectMembers(t.rt)
			} else if t.ast != nil {
				promoted = ty.astMembers(t.ast, map[string]bool{}, depth+1)
			}
			for _, m := range promoted {
				add(m)
			}
		}
	case *ast.InterfaceType:
		for _, f := range u.Methods.List {
			for _, n := range f.Names {
				add(member{name: n.Name, kind: "method", typ: ctype{ast: f.Type}, field: f, owner: owner})
			}
		}
	default:
		if t := ty.typeExpr(u); t.rt != nil {
			for _, m := range reflectMembers(t.rt) {
				add(m)
			}
		}
	}
	return out
}

// embeddedName is the field name of an embedded type: T for T, *T, pkg.T.
func embeddedName(t ast.Expr) string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	}
	return ""
}
