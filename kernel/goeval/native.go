package goeval

import (
	"context"
	"errors"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Natively compiled Go (built into plugins by the worker) reaches cells in
// two ways:
//
//   - packages: AddPackages makes more compiled packages importable, and an
//     ImportResolver is asked for an imported package nobody has loaded yet;
//   - a %%compile cell's declarations: BindCompiled binds them to their
//     names, as if an interpreted cell had declared them. A function becomes
//     a variable holding the compiled function (so that compiled code it is
//     passed to calls it natively), a type an alias of the compiled type, a
//     constant a constant of the compiled value. A variable stays the
//     compiled one: cells read and write it through a pointer, since the
//     interpreter cannot assign to a compiled variable, so every use of its
//     name in a later cell is rewritten to (*P.name). Binding names again (a
//     re-run) compiles again what used them, as a redefinition does.
//
// The yaegi defect (v0.16.1; related: traefik/yaegi#1632, open), with
// i.Use(interp.Exports{"p/p": {"V": reflect.ValueOf(&v).Elem(), "S":
// reflect.ValueOf(&s).Elem()}}) for an int v and a []float64 s: `p.V = 1`
// fails to compile with "cannot assign to 0 (int constant)", and `p.S =
// []float64{1}` compiles, runs and leaves s unchanged.
// TestYaegiCannotAssignCompiledVariables watches for a fix.

// ImportResolver builds a package a cell imports that is not loaded: it
// returns the package's symbol table, or an error saying why it cannot.
type ImportResolver func(ctx context.Context, importPath string) (interp.Exports, error)

// CompiledCell is the declarations of a natively compiled cell.
type CompiledCell struct {
	// Path is an import path unique to this compilation.
	Path string
	// Symbols maps each name to its value: the function, (*T)(nil) for a
	// type, the constant (a go/constant value when untyped) and, for a
	// variable, a pointer to it. "_I" is the wrapper of interface I (as
	// yaegi extract makes them), through which interpreted types satisfy
	// it.
	Symbols map[string]reflect.Value
	// Funcs, Types, Consts and Vars name the declarations by kind.
	Funcs, Types, Consts, Vars []string
}

// nativeVarsPath is the package under which the compiled variables are
// exported to the interpreter (each binding replaces its names there), and
// nativeVarsAlias the name it is imported as.
const (
	nativeVarsPath  = "descent.native/vars"
	nativeVarsAlias = hiddenPrefix + "nativevars"
)

// nativeState is the Evaluator's state for natively compiled code.
type nativeState struct {
	resolve ImportResolver
	// bound holds the compiled variables bound in the interpreter it
	// names; a Reset leaves it behind (a fresh interpreter has none).
	bound *nativeBindings
}

// nativeBindings are the compiled variables of one interpreter.
type nativeBindings struct {
	in           *interp.Interpreter
	vars         map[string]boundVar
	varsImported bool
	count        int // numbers the hidden imports of compiled cells
}

// boundVar is a compiled variable bound to its name.
type boundVar struct {
	order int          // the registry's order when it was bound
	typ   reflect.Type // its type
}

// SetImportResolver sets the function asked for imported packages that are
// not loaded.
func (e *Evaluator) SetImportResolver(r ImportResolver) {
	e.mu.Lock()
	e.native.resolve = r
	e.mu.Unlock()
}

// AddPackages makes compiled packages importable from the next cell on,
// and after a Reset. It must not be called while a cell runs.
func (e *Evaluator) AddPackages(ex interp.Exports) error {
	if !e.running.TryLock() {
		return errors.New("goeval: AddPackages called while a cell is running")
	}
	defer e.running.Unlock()
	return e.addPackages(ex)
}

// addPackages is AddPackages for the goroutine running a cell.
func (e *Evaluator) addPackages(ex interp.Exports) error {
	if err := e.in.Use(ex); err != nil {
		return err
	}
	e.opts.Exports = append(e.opts.Exports, ex)
	e.pkgs.mu.Lock()
	e.pkgs.add(ex)
	e.pkgs.mu.Unlock()
	return nil
}

// PackagePath returns the import path a package name stands for: a package
// the session imported under that name, or else the one a cell would
// import automatically.
func (e *Evaluator) PackagePath(name string) (string, bool) {
	e.mu.RLock()
	p, ok := e.imports[name]
	e.mu.RUnlock()
	if ok {
		return p, true
	}
	return e.pkgs.resolveName(name)
}

// resolveImport asks the resolver for a package that is not loaded and
// adds it. ok is false when there is no resolver.
func (run *cellRun) resolveImport(importPath string) (name string, ok bool, err error) {
	e := run.e
	e.mu.RLock()
	resolve := e.native.resolve
	e.mu.RUnlock()
	if resolve == nil {
		return "", false, nil
	}
	ex, err := resolve(run.ctx, importPath)
	if err != nil {
		return "", false, err
	}
	if err := e.addPackages(ex); err != nil {
		return "", false, err
	}
	name, ok = e.pkgs.name(importPath)
	if !ok {
		return "", false, fmt.Errorf("package %q was built, but its symbol table does not name it", importPath)
	}
	return name, true, nil
}

// bindings returns the compiled variables of the current interpreter.
func (e *Evaluator) bindings() *nativeBindings {
	if b := e.native.bound; b != nil && b.in == e.in {
		return b
	}
	e.native.bound = &nativeBindings{in: e.in, vars: map[string]boundVar{}}
	return e.native.bound
}

// BindCompiled binds the declarations of a compiled cell to their names in
// the session, replacing earlier ones of the same names, and compiles again
// the declarations of earlier cells that use them.
func (e *Evaluator) BindCompiled(ctx context.Context, c CompiledCell) error {
	if !e.running.TryLock() {
		return errors.New("goeval: BindCompiled called while another cell is running")
	}
	defer e.running.Unlock()
	if err := e.checkPending(); err != nil {
		return err
	}
	b := e.bindings()
	b.count++
	alias := hiddenPrefix + "native" + strconv.Itoa(b.count)
	table := map[string]reflect.Value{}
	vars := map[string]reflect.Value{}
	for _, n := range c.Vars {
		vars[n] = c.Symbols[n]
	}
	for n, v := range c.Symbols {
		if _, isVar := vars[n]; !isVar {
			table[n] = v
		}
	}
	// The package is named by its hidden alias, so that the type engine
	// finds its symbols (the index knows it) while completion hides it.
	own := interp.Exports{c.Path + "/" + alias: table}
	ex := interp.Exports{c.Path + "/" + alias: table}
	// The interpreter looks a wrapper up under the package path of the
	// interface's type.
	for n, w := range c.Symbols {
		if it, ok := c.Symbols[strings.TrimPrefix(n, "_")]; strings.HasPrefix(n, "_") && ok && it.Kind() == reflect.Pointer {
			p := it.Type().Elem().PkgPath()
			key := p + "/" + path.Base(p)
			if ex[key] == nil {
				ex[key] = map[string]reflect.Value{}
			}
			ex[key][n] = w
		}
	}
	if len(vars) > 0 {
		ex[nativeVarsPath+"/"+path.Base(nativeVarsPath)] = vars
	}
	if err := e.in.Use(ex); err != nil {
		return fmt.Errorf("goeval: loading the compiled cell: %w", err)
	}
	e.pkgs.mu.Lock()
	e.pkgs.add(own)
	e.pkgs.mu.Unlock()
	imports := map[string]string{alias: c.Path}
	if len(vars) > 0 && !b.varsImported {
		imports[nativeVarsAlias] = nativeVarsPath
	}
	var src strings.Builder
	src.WriteString(declPrefix + "\nimport (\n")
	for a, p := range imports {
		src.WriteString(a + " " + strconv.Quote(p) + "\n")
	}
	src.WriteString(")\n")
	if err := e.runFile(ctx, src.String()); err != nil {
		return fmt.Errorf("goeval: importing the compiled cell: %w", err)
	}
	if _, ok := imports[nativeVarsAlias]; ok {
		b.varsImported = true
	}
	e.mu.Lock()
	for a, p := range imports {
		e.imports[a] = p
	}
	// A compiled variable replaces an interpreted one of its name, and a
	// compiled function, type or constant a compiled variable.
	changed := map[string]bool{}
	for _, n := range c.Vars {
		delete(e.reg.units, n)
		b.vars[n] = boundVar{order: e.reg.nextOrder, typ: vars[n].Type().Elem()}
		changed[n] = true
	}
	for n := range table {
		delete(b.vars, n)
	}
	e.mu.Unlock()

	var cell strings.Builder
	for _, group := range []struct {
		names  []string
		format string
	}{
		{c.Types, "type %s = %s.%s\n"},
		{c.Consts, "const %s = %s.%s\n"},
		{c.Funcs, "var %s = %s.%s\n"},
	} {
		for _, n := range group.names {
			fmt.Fprintf(&cell, group.format, n, alias, n)
		}
	}
	e.seq = e.seq%maxSeq + 1
	run := &cellRun{e: e, ctx: ctx, cell: newCellSource(e.seq, cell.String())}
	defer e.recordGlobalTypes()
	if _, err := run.eval(); err != nil {
		return err
	}
	return run.refresh(changed, nil)
}

// nativeVarEdits rewrites the uses of compiled variables in an item of the
// cell into dereferences of their pointers.
func (run *cellRun) nativeVarEdits(it *item) []edit {
	e := run.e
	b := e.native.bound
	if b == nil || b.in != e.in || len(b.vars) == 0 {
		return nil
	}
	var out []edit
	for _, id := range run.refs[it].free {
		bv, ok := b.vars[id.Name]
		if !ok || run.cellTop[id.Name] {
			continue
		}
		if u := e.reg.units[id.Name]; u != nil && u.order > bv.order {
			continue // declared by a cell since
		}
		out = append(out, edit{start: it.off(id.Pos()), end: it.off(id.End()),
			text: "(*" + nativeVarsAlias + "." + id.Name + ")", rank: rankReplace})
	}
	return out
}

// CompiledVariables returns the names of the compiled variables the
// session has, with the type of each.
func (e *Evaluator) CompiledVariables() []Variable {
	b := e.native.bound
	if b == nil || b.in != e.in {
		return nil
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []Variable
	for n, bv := range b.vars {
		if u := e.reg.units[n]; u != nil && u.order > bv.order {
			continue
		}
		out = append(out, Variable{Name: n, Type: bv.typ.String()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
