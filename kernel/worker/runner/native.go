package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/descentlab/descent/kernel/goeval"
	"github.com/descentlab/descent/kernel/magic"
	"github.com/descentlab/descent/kernel/native"
)

// NativeHost is implemented by an Evaluator that can take natively
// compiled Go: packages built into plugins and the declarations of
// %%compile cells.
type NativeHost interface {
	// AddPackages makes compiled packages importable.
	AddPackages(interp.Exports) error
	// SetImportResolver sets what builds an imported package that is not
	// loaded.
	SetImportResolver(goeval.ImportResolver)
	// BindCompiled binds a compiled cell's declarations to their names.
	BindCompiled(context.Context, goeval.CompiledCell) error
	// PackagePath returns the import path a package name stands for.
	PackagePath(name string) (string, bool)
}

// nativeGo holds the plugin builder, made on first use. A builder that
// could not be made is tried again next time (the user may have installed
// what was missing).
type nativeGo struct {
	mu      sync.Mutex
	builder *native.Builder
	opts    native.Options
}

// get returns the builder, making it if needed.
func (n *nativeGo) get(ctx context.Context) (*native.Builder, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.builder != nil {
		return n.builder, nil
	}
	b, err := native.New(ctx, n.opts)
	if err != nil {
		return nil, err
	}
	n.builder = b
	return b, nil
}

// setupNative connects the evaluator to the plugin builder: imports of
// packages that are not loaded are built on demand.
func (w *runner) setupNative() {
	host, ok := w.eval.(NativeHost)
	if !ok {
		return
	}
	host.SetImportResolver(func(ctx context.Context, importPath string) (interp.Exports, error) {
		if importPath == "unsafe" || importPath == "C" {
			return nil, fmt.Errorf("package %q is not available in cells", importPath)
		}
		b, err := w.native.get(ctx)
		if err != nil {
			return nil, fmt.Errorf("package %q is not available: cells import the standard library and the preloaded packages; "+
				"other packages are built as Go plugins, and %w", importPath, err)
		}
		p, err := b.Import(ctx, importPath, w.stderr)
		if err != nil {
			return nil, err
		}
		return p.Symbols, nil
	})
}

// goCommand runs %go: only `%go get MODULE[@VERSION]...` exists.
func (w *runner) goCommand(ctx context.Context, args string, spec magic.Spec) error {
	fields := strings.Fields(args)
	if len(fields) < 2 || fields[0] != "get" {
		return usageError("usage: " + spec.Usage + " (the only %go command is get)")
	}
	for _, f := range fields[1:] {
		if strings.HasPrefix(f, "-") {
			return usageError("%go get takes modules, not flags (" + f + "); usage: " + spec.Usage)
		}
	}
	host, ok := w.eval.(NativeHost)
	if !ok {
		return usageError("%go get is not available with this interpreter")
	}
	b, err := w.native.get(ctx)
	if err != nil {
		return fmt.Errorf("%%go get: %w", err)
	}
	for _, mod := range fields[1:] {
		f, err := b.Get(ctx, mod, w.stderr)
		if err != nil {
			return fmt.Errorf("%%go get: %w", err)
		}
		if f.Linked {
			fmt.Fprintf(w.stdout, "%s %s is part of descent-worker: import its packages.\n", f.Module, f.Version)
			continue
		}
		// The module's root package, when it has one, is built now so that
		// cells can use it by its name right away.
		p, err := b.Import(ctx, f.Module, w.stderr)
		var nf *native.NotFoundError
		switch {
		case errors.As(err, &nf):
			fmt.Fprintf(w.stdout, "added %s %s: import its packages by their paths (%s/...).\n", f.Module, f.Version, f.Module)
		case err != nil:
			return fmt.Errorf("%%go get: added %s %s, but building its package failed: %w", f.Module, f.Version, err)
		default:
			if err := host.AddPackages(p.Symbols); err != nil {
				return fmt.Errorf("%%go get: loading %s: %w", f.Module, err)
			}
			fmt.Fprintf(w.stdout, "added %s %s: import %q (package %s).\n", f.Module, f.Version, p.ImportPath, p.Name)
		}
	}
	return nil
}

// compileCell runs a %%compile cell: its declarations are built into a
// plugin, loaded and bound to their names.
func (w *runner) compileCell(ctx context.Context, body string) error {
	host, ok := w.eval.(NativeHost)
	if !ok {
		return usageError("%%compile is not available with this interpreter")
	}
	b, err := w.native.get(ctx)
	if err != nil {
		return fmt.Errorf("%%%%compile: %w", err)
	}
	c, err := b.CompileCell(ctx, body, host.PackagePath, w.stderr)
	if err != nil {
		var ce *native.CompileError
		if errors.As(err, &ce) {
			msg := ce.Msg
			for _, m := range ce.More {
				msg += "\n" + m
			}
			return goevalError{&goeval.CellError{Kind: goeval.KindCompile, Message: msg, Line: ce.Line, Col: ce.Col, SourceLine: ce.SourceLine}}
		}
		return fmt.Errorf("%%%%compile: %w", err)
	}
	err = host.BindCompiled(ctx, goeval.CompiledCell{Path: c.Path, Symbols: c.Symbols, Funcs: c.Funcs, Types: c.Types, Consts: c.Consts, Vars: c.Vars})
	if err != nil {
		var ce *goeval.CellError
		if errors.As(err, &ce) {
			return goevalError{ce}
		}
		return fmt.Errorf("%%%%compile: %w", err)
	}
	if len(c.Generic) > 0 {
		fmt.Fprintf(w.stderr, "note: %s generic, so only this cell's own code can use it (the interpreter cannot use compiled generic code)\n",
			joinList(c.Generic)+map[bool]string{true: " is", false: " are"}[len(c.Generic) == 1])
	}
	return nil
}
