package goeval

import (
	"go/ast"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// cellScope is what the cell being edited declares before the cursor.
type cellScope struct {
	*typeinfer.Scope
	// docs holds the doc comments of the cell's funcs and types, and of
	// its methods as "Type.Name".
	docs map[string]string
}

func newCellScope() *cellScope {
	return &cellScope{Scope: typeinfer.NewScope(), docs: map[string]string{}}
}

// lastBinding returns the last binding of name before the cursor.
func (sc *cellScope) lastBinding(name string) (typeinfer.Binding, bool) {
	bs := sc.Vals[name]
	if len(bs) == 0 {
		return typeinfer.Binding{}, false
	}
	return bs[len(bs)-1], true
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
				sc.Collect(it.node())
				sc.collectDocs(attempt, it)
			}
			return sc
		}
	}
	for _, name := range declaredInCode(code, cut) {
		if _, ok := sc.Vals[name]; !ok {
			sc.Bind(ast.NewIdent(name), typeinfer.Binding{})
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
			base, _ := typeinfer.ReceiverBase(d.Recv)
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
