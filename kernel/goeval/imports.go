package goeval

import (
	"fmt"
	"go/ast"
	"sort"
	"strconv"
	"strings"
)

// importReq is one package the cell needs imported.
type importReq struct {
	name string // the local name; "." for a dot import
	path string
	// std is set for the hidden import of a source package (stdsource.go):
	// the standard package it stands for, or stdgen.Predeclared.
	std string
}

// planImports returns the imports the cell needs that the session does not
// have yet: its own import declarations, minus those already loaded, plus
// the packages it uses without importing them (auto-import). A name that
// already stands for another package is an error.
func (run *cellRun) planImports(importItems []*item, selectorBases map[*ast.Ident]bool) ([]importReq, error) {
	e := run.e
	var reqs []importReq
	local := map[string]string{} // names bound by this cell's imports
	for _, it := range importItems {
		gd, ok := it.decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			is := spec.(*ast.ImportSpec)
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return nil, errorAt(run.cell, it, is, KindCompile, "invalid import path "+is.Path.Value)
			}
			pkgName, ok := e.pkgs.name(p)
			if !ok {
				var err error
				if pkgName, ok, err = run.resolveImport(p); err != nil {
					return nil, errorAt(run.cell, it, is.Path, KindCompile, err.Error())
				}
			}
			if !ok {
				return nil, errorAt(run.cell, it, is.Path, KindCompile, unavailableMessage(p))
			}
			name := pkgName
			if is.Name != nil {
				name = is.Name.Name
			}
			switch name {
			case "_":
				continue
			case ".":
				if _, done := e.imports["."+p]; !done && local["."+p] == "" {
					local["."+p] = p
					reqs = append(reqs, importReq{name: ".", path: p})
				}
				continue
			}
			if other, ok := local[name]; ok && other != p {
				return nil, errorAt(run.cell, it, is, KindCompile, fmt.Sprintf("%s redeclared: it is imported twice, as %q and %q", name, other, p))
			}
			if have, ok := e.imports[name]; ok {
				if have != p {
					return nil, errorAt(run.cell, it, is, KindCompile, fmt.Sprintf(
						"%s already names package %q in this session, and the interpreter cannot rebind a package name: "+
							"import %q under another name, e.g. import %s%s %q, or run %%reset",
						name, have, p, strings.ToLower(p[:1]), pkgName, p))
				}
				local[name] = p
				continue
			}
			if _, dup := local[name]; !dup {
				reqs = append(reqs, importReq{name: name, path: p})
			}
			local[name] = p
		}
	}
	// Auto-import: package selectors that nothing in the session declares.
	var auto []string
	seen := map[string]bool{}
	for id := range selectorBases {
		name := id.Name
		if seen[name] || run.cellTop[name] || local[name] != "" {
			continue
		}
		seen[name] = true
		if _, ok := e.imports[name]; ok {
			continue
		}
		if _, ok := e.reg.units[name]; ok {
			continue
		}
		if _, ok := e.pkgs.resolveName(name); ok {
			auto = append(auto, name)
		}
	}
	sort.Strings(auto)
	for _, name := range auto {
		p, _ := e.pkgs.resolveName(name)
		reqs = append(reqs, importReq{name: name, path: p})
		local[name] = p
	}
	run.cellImports = local
	return reqs, nil
}

// pkgPath resolves a package name as the cell sees it: its own imports
// first, then the session's.
func (run *cellRun) pkgPath(name string) (string, bool) {
	if p, ok := run.cellImports[name]; ok && p != "" {
		return p, true
	}
	p, ok := run.e.imports[name]
	return p, ok
}

// loadImports imports the packages into the interpreter.
func (run *cellRun) loadImports(reqs []importReq) error {
	if len(reqs) == 0 {
		return nil
	}
	var w emitter
	w.raw(declPrefix + "\nimport (\n")
	for _, r := range reqs {
		if r.name == "." {
			w.raw(". " + strconv.Quote(r.path) + "\n")
		} else {
			w.raw(r.name + " " + strconv.Quote(r.path) + "\n")
		}
	}
	w.raw(")\n")
	if err := run.e.runFile(run.ctx, w.String()); err != nil {
		return &CellError{Kind: KindCompile, Message: "importing packages: " + humanize(err.Error(), run.cell.seq)}
	}
	run.e.mu.Lock()
	for _, r := range reqs {
		if r.std != "" {
			run.e.sourceLoaded[r.std] = true
			continue
		}
		if r.name == "." {
			run.e.imports["."+r.path] = r.path
		} else {
			run.e.imports[r.name] = r.path
		}
	}
	run.e.mu.Unlock()
	return nil
}
