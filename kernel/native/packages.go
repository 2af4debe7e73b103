package native

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
)

// Package is a Go package built into a plugin and loaded.
type Package struct {
	// ImportPath and Name are the package's.
	ImportPath, Name string
	// Symbols is its symbol table for the interpreter (yaegi's Exports:
	// "import/path/name" -> symbol -> value).
	Symbols map[string]map[string]reflect.Value
	// Cached is true when the plugin was not compiled now.
	Cached bool
}

// NotFoundError is the error of Import for a package no module of the
// workspace provides.
type NotFoundError struct {
	ImportPath string
	Detail     string // the go command's words
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("package %q is not available: no module this kernel has provides it (%s); fetch its module first with %%go get MODULE", e.ImportPath, e.Detail)
}

// Import builds the package importPath of a module of the workspace (a
// module descent-worker links, or one fetched with Get) into a plugin,
// loads it and returns its symbol table. progress receives notes on long
// builds.
func (b *Builder) Import(ctx context.Context, importPath string, progress io.Writer) (*Package, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if p := b.loadedPackage(importPath); p != nil {
		return p, nil
	}
	name, err := b.listPackage(ctx, importPath)
	if err != nil {
		return nil, err
	}
	table, err := b.extractTable(ctx, importPath)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"symbols.go": table,
		"table.go":   []byte("package main\n\nimport \"reflect\"\n\n// Symbols is the symbol table of the package, for the interpreter.\nvar Symbols = map[string]map[string]reflect.Value{}\n"),
	}
	out, err := b.build(ctx, files, progress)
	if err != nil {
		return nil, fmt.Errorf("building %s: %w", importPath, err)
	}
	sym, err := b.loadPlugin(ctx, out.file, "Symbols")
	if err != nil {
		return nil, err
	}
	tab, ok := sym.(*map[string]map[string]reflect.Value)
	if !ok {
		return nil, fmt.Errorf("the plugin of %s has a symbol table of type %T", importPath, sym)
	}
	p := &Package{ImportPath: importPath, Name: name, Symbols: *tab, Cached: out.cached}
	b.loaded[importPath] = &Loaded{pkg: p}
	return p, nil
}

// Loaded is something this process has loaded from a plugin.
type Loaded struct {
	pkg *Package
}

func (b *Builder) loadedPackage(importPath string) *Package {
	if l := b.loaded[importPath]; l != nil {
		return l.pkg
	}
	return nil
}

// listPackage asks the go command whether the workspace provides the
// package and returns its name.
func (b *Builder) listPackage(ctx context.Context, importPath string) (string, error) {
	if strings.HasPrefix(importPath, "-") {
		return "", &NotFoundError{ImportPath: importPath, Detail: "not an import path"}
	}
	out, err := b.goCmd(ctx, nil, "list", b.ws.modFlag(), "-e", "-json=Name,Error", "--", importPath)
	if err != nil {
		var ge *GoError
		if errors.As(err, &ge) && notProvided(ge.Output) {
			return "", &NotFoundError{ImportPath: importPath, Detail: firstLine(ge.Output)}
		}
		return "", fmt.Errorf("go list %s: %w", importPath, err)
	}
	var listed struct {
		Name  string
		Error *struct{ Err string }
	}
	if err := json.Unmarshal(out, &listed); err != nil {
		return "", fmt.Errorf("go list %s: %w", importPath, err)
	}
	name, msg := listed.Name, ""
	if listed.Error != nil {
		msg = listed.Error.Err
	}
	switch {
	case msg != "" && notProvided(msg):
		return "", &NotFoundError{ImportPath: importPath, Detail: firstLine(msg)}
	case msg != "":
		return "", fmt.Errorf("package %s: %s", importPath, msg)
	case name == "main":
		return "", fmt.Errorf("%s is a program (package main), not a package a cell can import", importPath)
	case name == "":
		return "", &NotFoundError{ImportPath: importPath, Detail: "the go command found no package"}
	}
	return name, nil
}

// notProvided reports whether a go command message says that no module
// provides a package.
func notProvided(msg string) bool {
	for _, s := range []string{"no required module provides", "is not in std", "cannot find module", "malformed import path", "not in GOROOT", "no Go files"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// extractTable runs the symbol extraction for a package of the workspace.
func (b *Builder) extractTable(ctx context.Context, importPath string) ([]byte, error) {
	helper, err := b.extractHelper(ctx)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, helper, importPath)
	cmd.Dir = b.root
	cmd.Env = append(b.goEnv(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" "+b.ws.modFlag()))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("reading the exported names of %s: %v: %s", importPath, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// extractHelperSource is a program that writes the yaegi symbol table of
// the package named by its argument, as a file of package main, reading
// the package from the module of its working directory (with the go
// command's flags in GOFLAGS). It is built once per program build, so that
// descent-worker does not carry go/types and the extractor.
const extractHelperSource = `package main

import (
	"fmt"
	"os"

	"github.com/traefik/yaegi/extract"
)

func main() {
	ext := extract.Extractor{Dest: "main"}
	if _, err := ext.Extract(os.Args[1], "", os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "extract %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}
`

// extractHelper returns the extraction program, building it on first use.
func (b *Builder) extractHelper(ctx context.Context) (string, error) {
	exe := filepath.Join(b.ws.dir, "extract")
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	src := filepath.Join(b.ws.dir, "src", "extract")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	defer os.RemoveAll(src)
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(extractHelperSource), 0o644); err != nil {
		return "", err
	}
	ov, _ := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(b.root, cellsDir, "extract", "main.go"): filepath.Join(src, "main.go")}})
	ovFile := src + ".overlay.json"
	if err := os.WriteFile(ovFile, ov, 0o644); err != nil {
		return "", err
	}
	defer os.Remove(ovFile)
	tmp := exe + fmt.Sprintf(".%d.tmp", os.Getpid())
	defer os.Remove(tmp)
	if _, err := b.goCmd(ctx, nil, "build", b.ws.modFlag(), "-overlay="+ovFile, "-buildvcs=false", "-o", tmp, b.module+"/"+cellsDir+"/extract"); err != nil {
		return "", fmt.Errorf("building the symbol extractor: %w", err)
	}
	if err := os.Rename(tmp, exe); err != nil {
		return "", err
	}
	return exe, nil
}
