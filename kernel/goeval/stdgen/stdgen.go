// Package stdgen holds the interpreter's own source of the generic
// standard packages slices, maps and cmp, and of the helpers that stand
// for the builtins min, max and clear (package predeclared). The
// interpreter (yaegi v0.16.1) ships generated symbol tables for slices
// and maps that are empty, and partial sources whose standard signatures
// (func Sort[S ~[]E, E cmp.Ordered](x S)) its type inference cannot
// handle. The evaluator imports these packages instead, under hidden
// names, from the file system FS returns, and instantiates their
// generic functions explicitly where it can work out the type arguments.
//
// The subpackages are ordinary Go packages too, so their tests compare
// them with the standard library compiled.
package stdgen

import (
	"embed"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"testing/fstest"
)

//go:embed cmp/*.go maps/*.go slices/*.go predeclared/*.go
var sources embed.FS

// Base is the import path of this package; the sources are its
// subpackages.
const Base = "github.com/descentlab/descent/kernel/goeval/stdgen"

// Predeclared is the import path of the helpers for min, max and clear.
const Predeclared = Base + "/predeclared"

// std maps the standard import paths provided here to their subpackage.
var std = map[string]string{"slices": "slices", "maps": "maps", "cmp": "cmp"}

// Path returns the import path of the source that stands for standard
// package stdPath, if there is one.
func Path(stdPath string) (string, bool) {
	sub, ok := std[stdPath]
	if !ok {
		return "", false
	}
	return Base + "/" + sub, true
}

// Provides reports whether stdPath is one of the standard packages whose
// source is here.
func Provides(stdPath string) bool {
	_, ok := std[stdPath]
	return ok
}

// GoPath is the GOPATH under which FS lays out the sources.
const GoPath = "."

var (
	fsOnce sync.Once
	fsys   fstest.MapFS
)

// FS returns a file system laid out as a GOPATH (src/IMPORTPATH/FILE.go)
// holding the sources, for interp.Options.SourcecodeFilesystem.
func FS() fs.FS {
	fsOnce.Do(func() {
		fsys = fstest.MapFS{}
		_ = fs.WalkDir(sources, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			data, err := sources.ReadFile(p)
			if err != nil {
				return err
			}
			fsys[path.Join("src", Base, p)] = &fstest.MapFile{Data: data, Mode: 0o444}
			return nil
		})
	})
	return fsys
}

// pkgFuncs holds the exported functions of each subpackage.
type pkgFuncs map[string]*ast.FuncDecl

var (
	declOnce sync.Once
	decls    map[string]pkgFuncs // standard import path -> functions
)

func parseAll() {
	decls = map[string]pkgFuncs{}
	fset := token.NewFileSet()
	for stdPath, sub := range std {
		funcs := pkgFuncs{}
		entries, _ := sources.ReadDir(sub)
		for _, e := range entries {
			data, err := sources.ReadFile(sub + "/" + e.Name())
			if err != nil {
				continue
			}
			f, err := parser.ParseFile(fset, e.Name(), data, parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
					funcs[fd.Name.Name] = fd
				}
			}
		}
		decls[stdPath] = funcs
	}
}

// Func returns the declaration of function name of standard package
// stdPath as written here, or nil. Callers must not change it.
func Func(stdPath, name string) *ast.FuncDecl {
	declOnce.Do(parseAll)
	return decls[stdPath][name]
}

// Funcs lists the exported functions of standard package stdPath
// provided here, sorted.
func Funcs(stdPath string) []string {
	declOnce.Do(parseAll)
	var out []string
	for n := range decls[stdPath] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// KeepsType reports whether a function of the sources has a type
// parameter constrained by a core type (S ~[]E, M ~map[K]V): the type of
// its argument, which its result keeps, and which the interpreter cannot
// infer.
func KeepsType(fd *ast.FuncDecl) bool {
	if fd == nil || fd.Type.TypeParams == nil {
		return false
	}
	for _, f := range fd.Type.TypeParams.List {
		if u, ok := f.Type.(*ast.UnaryExpr); ok && u.Op == token.TILDE {
			return true
		}
	}
	return false
}
