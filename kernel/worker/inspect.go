package worker

import (
	"fmt"
	"go/constant"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// symbolInspector describes compiled package symbols (fmt.Println,
// optimlib.Objective) from the export tables, for an evaluator that cannot
// inspect: the kind and Go type of the symbol and a link to its
// documentation. Names declared in cells are not found.
type symbolInspector struct {
	byName map[string]string                   // package name -> import path
	syms   map[string]map[string]reflect.Value // import path -> symbols
}

// newSymbolInspector indexes exports; of two packages with the same name
// the preloaded one wins, then the one with the shorter path.
func newSymbolInspector(preload []string, exports ...interp.Exports) *symbolInspector {
	in := &symbolInspector{byName: map[string]string{}, syms: map[string]map[string]reflect.Value{}}
	better := func(a, b string) bool {
		if pa, pb := slices.Contains(preload, a), slices.Contains(preload, b); pa != pb {
			return pa
		}
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	}
	for _, set := range exports {
		for key, syms := range set {
			p, name := path.Dir(key), path.Base(key)
			if p == "." || strings.HasPrefix(p, "github.com/traefik/yaegi") {
				continue
			}
			in.syms[p] = syms
			if cur, ok := in.byName[name]; !ok || better(p, cur) {
				in.byName[name] = p
			}
		}
	}
	return in
}

// Inspect describes the pkg.Name (or pkg) under the cursor.
func (in *symbolInspector) Inspect(code string, cursorByte, detail int) (map[string]any, bool) {
	word := dottedWordAt(code, cursorByte)
	pkgName, sym, _ := strings.Cut(word, ".")
	p, ok := in.byName[pkgName]
	if !ok {
		return nil, false
	}
	if sym == "" {
		return map[string]any{"text/plain": fmt.Sprintf("package %s // import %q\n\n%s", pkgName, p, docLink(p, ""))}, true
	}
	v, ok := in.syms[p][sym]
	if !ok || strings.HasPrefix(sym, "_") {
		return nil, false
	}
	return map[string]any{"text/plain": describeSymbol(pkgName+"."+sym, v) + "\n\n" + docLink(p, sym)}, true
}

// describeSymbol says what an exported symbol is, as Go would declare it.
func describeSymbol(name string, v reflect.Value) string {
	if c, ok := v.Interface().(constant.Value); ok {
		return fmt.Sprintf("const %s = %s", name, c.String())
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Func:
		return fmt.Sprintf("func %s%s", name, strings.TrimPrefix(t.String(), "func"))
	case t.Kind() == reflect.Pointer && v.IsNil():
		// Types are exported as a nil pointer to the type.
		el := t.Elem()
		return fmt.Sprintf("type %s %s", name, underlying(el))
	case v.CanAddr():
		return fmt.Sprintf("var %s %s", name, t)
	}
	return fmt.Sprintf("%s %s", name, t)
}

// underlying describes a type's structure: its kind, or its method set for
// an interface.
func underlying(t reflect.Type) string {
	if t.Kind() != reflect.Interface {
		return t.Kind().String()
	}
	var ms []string
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		ms = append(ms, m.Name+strings.TrimPrefix(m.Type.String(), "func"))
	}
	return "interface { " + strings.Join(ms, "; ") + " }"
}

// docLink points at the symbol's documentation.
func docLink(importPath, sym string) string {
	if sym == "" {
		return "https://pkg.go.dev/" + importPath
	}
	return "https://pkg.go.dev/" + importPath + "#" + sym
}

// dottedWordAt returns the identifier, with dots, that the cursor is in or
// just after.
func dottedWordAt(code string, cursor int) string {
	cursor = max(0, min(cursor, len(code)))
	isWord := func(b byte) bool {
		return b == '_' || b == '.' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
	}
	start, end := cursor, cursor
	for start > 0 && isWord(code[start-1]) {
		start--
	}
	for end < len(code) && isWord(code[end]) {
		end++
	}
	return strings.Trim(code[start:end], ".")
}
