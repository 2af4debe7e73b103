package goeval

import (
	"go/ast"
	"go/token"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// unitsOf turns declaration items into registry units, with their loops
// rewritten. It also returns how many ranges had an unknown type.
func (run *cellRun) unitsOf(items []*item) ([]*unit, int) {
	var out []*unit
	unknownRanges := 0
	for _, it := range items {
		switch d := it.decl.(type) {
		case *ast.FuncDecl:
			rw := run.newRewriter(it)
			edits := rw.rewrite(d, false)
			unknownRanges += rw.unknown
			u := &unit{kind: unitFunc, cell: run.cell, start: it.off(d.Pos()), end: it.off(d.End()), node: d,
				uses: run.refs[it].freeNames(), generic: d.Type.TypeParams != nil}
			u.text = run.cell.text[u.start:u.end]
			switch {
			case d.Recv != nil:
				var gen bool
				u.kind, u.names = unitMethod, []string{d.Name.Name}
				u.recv, gen = typeinfer.ReceiverBase(d.Recv)
				u.generic = u.generic || gen
			case d.Name.Name == "main" && d.Type.TypeParams == nil:
				u.names = []string{mainName}
				edits = append(edits, edit{start: it.off(d.Name.Pos()), end: it.off(d.Name.End()), text: mainName, rank: rankReplace})
				sortEdits(edits)
			case d.Name.Name != "init" && d.Name.Name != "_":
				u.names = []string{d.Name.Name}
			}
			u.edits = edits
			out = append(out, u)
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					if ts.Name.Name == "_" {
						continue
					}
					u := &unit{kind: unitType, names: []string{ts.Name.Name}, cell: run.cell, node: ts,
						start: it.off(ts.Pos()), end: it.off(ts.End()), generic: ts.TypeParams != nil,
						nameStart: it.off(ts.Name.Pos()), nameEnd: it.off(ts.Name.End()), uses: map[string]bool{}}
					u.text = run.cell.text[u.start:u.end]
					u.edits = fieldTagEdits(it, ts)
					embedded := embeddedIdents(ts)
					for _, id := range typeSpecRefs(ts) {
						u.uses[id.Name] = true
						if embedded[id] {
							u.embeds = append(u.embeds, id.Name)
							continue
						}
						u.refs = append(u.refs, identRef{start: it.off(id.Pos()), end: it.off(id.End()), name: id.Name})
					}
					out = append(out, u)
				}
			case token.CONST:
				rw := run.newRewriter(it)
				edits := rw.rewrite(d, false)
				unknownRanges += rw.unknown
				u := &unit{kind: unitConst, names: run.refs[it].top, cell: run.cell, node: d,
					start: it.off(d.Pos()), end: it.off(d.End()), uses: run.refs[it].freeNames(), edits: edits}
				u.text = run.cell.text[u.start:u.end]
				out = append(out, u)
			}
		}
	}
	return out, unknownRanges
}
