package native

import (
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"
)

// An interpreted type can satisfy a compiled interface only through a
// wrapper: a compiled struct that has the interface's methods and calls,
// for each, a function the interpreter fills in. yaegi finds the wrapper of
// interface I of package P as the symbol "_I" of P, a struct whose first
// field is IValue (the interpreted value) followed by one field W<Method>
// per method, of the method's function type. For a %%compile cell the
// wrappers are written from the cell's own interface declarations: their
// methods, those of interfaces of the cell they embed, and of error and
// fmt.Stringer. An interface embedding anything else (an interface of
// another package, a type constraint) gets no wrapper; only compiled types
// can satisfy it.

// wrapperPrefix starts the names of the wrapper types.
const wrapperPrefix = tablePrefix + "wrap_"

// method is one method of an interface, as source text.
type method struct {
	name   string
	params []string // parameter types; the last may start with "..."
	result string   // "", "T" or "(T1, T2)"
}

// wrappers returns the source of the wrappers of the cell's interfaces (to
// append to the cell's file, whose imports their signatures use) and the
// names of the interfaces that have one.
func wrappers(f *ast.File, fset *token.FileSet) (src string, names []string) {
	ifaces := map[string]*ast.InterfaceType{}
	var order []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if it, ok := ts.Type.(*ast.InterfaceType); ok && ts.TypeParams == nil && ts.Name.Name != "_" {
				ifaces[ts.Name.Name] = it
				order = append(order, ts.Name.Name)
			}
		}
	}
	var b strings.Builder
	for _, name := range order {
		ms, ok := methodsOf(ifaces[name], ifaces, fset, map[string]bool{name: true})
		if !ok || len(ms) == 0 {
			continue
		}
		names = append(names, name)
		w := wrapperPrefix + name
		fmt.Fprintf(&b, "\n// %s lets values of interpreted types be %s values.\ntype %s struct {\n\tIValue any\n", w, name, w)
		for _, m := range ms {
			fmt.Fprintf(&b, "\tW%s func(%s) %s\n", m.name, strings.Join(m.params, ", "), m.result)
		}
		b.WriteString("}\n")
		for _, m := range ms {
			var params, args []string
			for i, p := range m.params {
				a := fmt.Sprintf("a%d", i)
				params = append(params, a+" "+p)
				if strings.HasPrefix(p, "...") {
					a += "..."
				}
				args = append(args, a)
			}
			ret := ""
			if m.result != "" {
				ret = "return "
			}
			fmt.Fprintf(&b, "\nfunc (w %s) %s(%s) %s { %sw.W%s(%s) }\n", w, m.name, strings.Join(params, ", "), m.result, ret, m.name, strings.Join(args, ", "))
		}
	}
	return b.String(), names
}

// methodsOf lists the methods of an interface of the cell, following the
// interfaces it embeds; ok is false when one of them cannot be followed.
func methodsOf(it *ast.InterfaceType, cell map[string]*ast.InterfaceType, fset *token.FileSet, seen map[string]bool) (ms []method, ok bool) {
	for _, field := range it.Methods.List {
		ft, isFunc := field.Type.(*ast.FuncType)
		if isFunc && len(field.Names) > 0 {
			m := method{name: field.Names[0].Name, result: resultText(ft.Results, fset)}
			for _, p := range fieldTypes(ft.Params, fset) {
				m.params = append(m.params, p)
			}
			ms = append(ms, m)
			continue
		}
		var embedded []method
		switch t := field.Type.(type) {
		case *ast.Ident:
			switch {
			case t.Name == "error":
				embedded = []method{{name: "Error", result: "string"}}
			case cell[t.Name] != nil && !seen[t.Name]:
				seen[t.Name] = true
				if embedded, ok = methodsOf(cell[t.Name], cell, fset, seen); !ok {
					return nil, false
				}
			default:
				return nil, false
			}
		case *ast.SelectorExpr:
			if x, isIdent := t.X.(*ast.Ident); !isIdent || x.Name != "fmt" || t.Sel.Name != "Stringer" {
				return nil, false
			}
			embedded = []method{{name: "String", result: "string"}}
		default:
			return nil, false // a type constraint
		}
		ms = append(ms, embedded...)
	}
	return ms, true
}

// fieldTypes returns the type of each parameter of a list, one per name.
func fieldTypes(list *ast.FieldList, fset *token.FileSet) []string {
	if list == nil {
		return nil
	}
	var out []string
	for _, f := range list.List {
		t := exprText(f.Type, fset)
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, t)
		}
	}
	return out
}

// resultText renders a result list as a signature writes it, without
// names.
func resultText(list *ast.FieldList, fset *token.FileSet) string {
	ts := fieldTypes(list, fset)
	switch len(ts) {
	case 0:
		return ""
	case 1:
		return ts[0]
	}
	return "(" + strings.Join(ts, ", ") + ")"
}

func exprText(x ast.Expr, fset *token.FileSet) string {
	var b strings.Builder
	if el, ok := x.(*ast.Ellipsis); ok {
		b.WriteString("...")
		x = el.Elt
	}
	_ = printer.Fprint(&b, fset, x)
	return b.String()
}
