package docs

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/preload/docs/internal/godoc"
)

// Library looks documentation up: in the generated table for the compiled
// packages, else in the standard library's sources under GOROOT, parsed
// on first use and cached. It is safe for concurrent use.
type Library struct {
	goroot    func() string
	rootOnce  sync.Once
	root      string
	mu        sync.Mutex
	std       map[string]map[string]Entry // import path -> entries; nil: no sources
	generated map[string]Entry
	byPackage map[string][]string // import path -> generated keys (without the path)
	indexOnce sync.Once
}

// NewLibrary returns a Library that reads the standard library from the Go
// installation that built this program or, failing that, the one `go env
// GOROOT` names.
func NewLibrary() *Library { return newLibrary(FindGOROOT) }

// NewLibraryAt returns a Library that reads the standard library from
// goroot ("" for none).
func NewLibraryAt(goroot string) *Library {
	return newLibrary(func() string { return goroot })
}

func newLibrary(goroot func() string) *Library {
	return &Library{goroot: goroot, std: map[string]map[string]Entry{}, generated: generated}
}

// FindGOROOT returns a Go installation with sources: $GOROOT, the
// installation this program was built with, or `go env GOROOT`; "" when
// none has a src directory.
func FindGOROOT() string {
	hasSrc := func(dir string) bool {
		if dir == "" {
			return false
		}
		st, err := os.Stat(filepath.Join(dir, "src", "builtin", "builtin.go"))
		return err == nil && !st.IsDir()
	}
	if d := os.Getenv("GOROOT"); hasSrc(d) {
		return d
	}
	// The installation that built this program, when it is still there
	// (runtime.GOROOT is deprecated because it may be empty or moved,
	// which hasSrc checks).
	if d := runtime.GOROOT(); hasSrc(d) {
		return d
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); hasSrc(d) {
			return d
		}
	}
	return ""
}

// Lookup returns the documentation of name in the package importPath: ""
// for the package itself, "Name" for a package-level declaration,
// "Type.Name" for a method or a struct field. The builtin package
// ("builtin") documents len, append, error and the other predeclared names.
func (l *Library) Lookup(importPath, name string) (Entry, bool) {
	key := importPath
	if name != "" {
		key += "." + name
	}
	e, ok := l.generated[key]
	if !ok {
		e, ok = l.stdPackage(importPath)[name]
	}
	e.Package = importPath
	return e, ok
}

// Members returns the names documented under prefix in importPath, sorted:
// with prefix "" the package-level names, with prefix "Type" the methods
// and fields of Type.
func (l *Library) Members(importPath, prefix string) []string {
	var keys []string
	if gen := l.generatedKeys(importPath); gen != nil {
		keys = gen
	} else {
		for k := range l.stdPackage(importPath) {
			keys = append(keys, k)
		}
	}
	var out []string
	for _, k := range keys {
		head, tail, dotted := strings.Cut(k, ".")
		switch {
		case prefix == "" && !dotted && k != "":
			out = append(out, k)
		case prefix != "" && dotted && head == prefix:
			out = append(out, tail)
		}
	}
	sort.Strings(out)
	return out
}

// generatedKeys returns the generated table's keys of a package, without
// the import path, or nil when it has none.
func (l *Library) generatedKeys(importPath string) []string {
	l.indexOnce.Do(func() {
		l.byPackage = map[string][]string{}
		for k, e := range l.generated {
			if e.Kind == KindPackage {
				l.byPackage[k] = append(l.byPackage[k], "")
			}
		}
		for k, e := range l.generated {
			if e.Kind == KindPackage {
				continue
			}
			slash := strings.LastIndex(k, "/")
			dot := strings.Index(k[slash+1:], ".")
			if dot < 0 {
				continue
			}
			p := k[:slash+1+dot]
			l.byPackage[p] = append(l.byPackage[p], k[len(p)+1:])
		}
	})
	return l.byPackage[importPath]
}

// GOROOT returns the Go installation whose sources the library reads ("" for
// none).
func (l *Library) GOROOT() string {
	l.rootOnce.Do(func() { l.root = l.goroot() })
	return l.root
}

// stdPackage returns the entries of a standard library package, parsing it
// on first use; nil when it cannot be read.
func (l *Library) stdPackage(importPath string) map[string]Entry {
	if importPath == "" || strings.Contains(importPath, ".") {
		return nil // not a standard library path
	}
	root := l.GOROOT()
	if root == "" {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if pkg, ok := l.std[importPath]; ok {
		return pkg
	}
	pkg := loadStd(root, importPath)
	l.std[importPath] = pkg
	return pkg
}

// loadStd parses a standard library package's sources for this platform.
func loadStd(root, importPath string) map[string]Entry {
	dir := filepath.Join(root, "src", filepath.FromSlash(importPath))
	ctx := build.Default
	ctx.GOROOT = root
	var files []string
	if importPath == "builtin" {
		files = []string{"builtin.go"}
	} else {
		bp, err := ctx.ImportDir(dir, 0)
		if err != nil {
			return nil
		}
		files = append(bp.GoFiles, bp.CgoFiles...)
	}
	entries, err := godoc.ParseDir(importPath, dir, files)
	if err != nil {
		return nil
	}
	out := make(map[string]Entry, len(entries))
	for k, e := range entries {
		out[k] = Entry{Kind: e.Kind, Sig: e.Sig, Doc: e.Doc}
	}
	return out
}

// URL is the address of a declaration's documentation on pkg.go.dev; name
// is "" for the package, "Name" or "Type.Name".
func URL(importPath, name string) string {
	if name == "" {
		return "https://pkg.go.dev/" + importPath
	}
	return "https://pkg.go.dev/" + importPath + "#" + name
}
