package goeval

import (
	"go/ast"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/stdgen"
	"github.com/traefik/yaegi/interp"
)

// preferredPackage settles the package names that several importable
// packages share, the way goimports would for a Go programmer.
var preferredPackage = map[string]string{
	"rand":     "math/rand",
	"template": "text/template",
	"scanner":  "text/scanner",
	"pprof":    "runtime/pprof",
	"parse":    "text/template/parse",
	"syntax":   "regexp/syntax",
	"constant": "go/constant",
}

// packageIndex knows every package a cell may import: its import path, its
// package name and its exported symbols. It is built once; packages built
// natively later are added (native.go), so reads take mu.
type packageIndex struct {
	mu     sync.RWMutex
	byPath map[string]string                   // import path -> package name
	byName map[string][]string                 // package name -> import paths, preferred first
	syms   map[string]map[string]reflect.Value // import path -> symbols
}

func newPackageIndex(sets ...interp.Exports) *packageIndex {
	ix := &packageIndex{byPath: map[string]string{}, byName: map[string][]string{}, syms: map[string]map[string]reflect.Value{}}
	ix.add(sets...)
	return ix
}

// add indexes more packages. The caller holds mu for writing, or owns ix.
func (ix *packageIndex) add(sets ...interp.Exports) {
	for _, set := range sets {
		for key, syms := range set {
			p, name := path.Dir(key), path.Base(key)
			if p == "." || p == "" || strings.HasPrefix(p, "github.com/traefik/yaegi") {
				continue
			}
			if _, seen := ix.byPath[p]; !seen {
				ix.byName[name] = append(ix.byName[name], p)
			}
			ix.byPath[p] = name
			merged := ix.syms[p]
			if merged == nil {
				merged = map[string]reflect.Value{}
				ix.syms[p] = merged
			}
			for s, v := range syms {
				merged[s] = v
			}
		}
	}
	for name, paths := range ix.byName {
		pref := preferredPackage[name]
		sort.Slice(paths, func(i, j int) bool {
			if (paths[i] == pref) != (paths[j] == pref) {
				return paths[i] == pref
			}
			di, dj := strings.Count(paths[i], "/"), strings.Count(paths[j], "/")
			if di != dj {
				return di < dj
			}
			return paths[i] < paths[j]
		})
	}
}

// name returns the package name of an import path.
func (ix *packageIndex) name(importPath string) (string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.byPath[importPath]
	return n, ok
}

// resolveName returns the import path a bare package name stands for.
func (ix *packageIndex) resolveName(name string) (string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	paths := ix.byName[name]
	if len(paths) == 0 {
		return "", false
	}
	return paths[0], true
}

// symbol returns an exported symbol of a package.
func (ix *packageIndex) symbol(importPath, sym string) (reflect.Value, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	v, ok := ix.syms[importPath][sym]
	return v, ok
}

// names returns all package names, sorted.
func (ix *packageIndex) names() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]string, 0, len(ix.byName))
	for n := range ix.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// members returns the exported symbols of a package, sorted. Packages the
// interpreter provides as source (slices, maps, cmp) list the functions it
// has.
func (ix *packageIndex) members(importPath string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []string
	for s := range ix.syms[importPath] {
		if ast.IsExported(s) {
			out = append(out, s)
		}
	}
	out = append(out, sourcePackageFuncs[importPath]...)
	sort.Strings(out)
	return out
}

// sourcePackageFuncs lists the functions of the generic standard packages
// that the interpreter runs from source (package stdgen), which have no
// symbol table.
var sourcePackageFuncs = map[string][]string{
	"slices": stdgen.Funcs("slices"),
	"maps":   stdgen.Funcs("maps"),
	"cmp":    stdgen.Funcs("cmp"),
}
