package symbols

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/preload"
)

// TestTablesAreFresh checks that every exported top-level function, type,
// variable and constant in the source of the preloaded project packages is in
// the generated tables, so a change to optimlib without `go generate` here
// fails instead of leaving cells without the new API.
func TestTablesAreFresh(t *testing.T) {
	// The project's own packages, by their directory in the module.
	const module = "github.com/descentlab/descent/"
	dirs := map[string]string{}
	for _, p := range preload.Packages {
		if rel, ok := strings.CutPrefix(p, module); ok {
			dirs[filepath.Join("..", "..", "..", filepath.FromSlash(rel))] = p + "/" + path.Base(p)
		}
	}
	if len(dirs) == 0 {
		t.Fatal("preload.Packages names none of the project's packages")
	}
	for dir, key := range dirs {
		table, ok := Symbols[key]
		if !ok {
			t.Errorf("no table %s: run `go generate` in kernel/preload/symbols", key)
			continue
		}
		for _, name := range exportedNames(t, dir) {
			if _, ok := table[name]; !ok {
				t.Errorf("%s.%s is missing from the tables: run `go generate` in kernel/preload/symbols", key, name)
			}
		}
	}
}

// exportedNames lists the exported package-level names declared in the
// non-test Go files of dir.
func exportedNames(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "//go:build ignore") {
			continue
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							names = append(names, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatalf("no exported names found in %s", dir)
	}
	return names
}
