package native

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Compiled is a %%compile cell built into a plugin and loaded.
type Compiled struct {
	// Path is an import path unique to this compilation.
	Path string
	// Symbols maps each declared name to its value: the function, a
	// pointer to the variable, (*T)(nil) for a type, the constant (a
	// go/constant value for an untyped one); "_I" is the wrapper of
	// interface I, through which interpreted types satisfy it.
	Symbols map[string]reflect.Value
	// Funcs, Types, Consts and Vars name the declarations by kind, in
	// source order.
	Funcs, Types, Consts, Vars []string
	// Generic names the generic functions and types, which only the
	// cell's own code can use.
	Generic []string
	// Cached is true when the plugin was not compiled now.
	Cached bool
}

// CompileError is a %%compile cell that does not compile: the first
// error at its line and column in the cell, and any further ones.
type CompileError struct {
	Line, Col  int
	Msg        string
	SourceLine string
	More       []string // further errors, "line:col: message"
}

// Error implements error.
func (e *CompileError) Error() string {
	s := e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	for _, m := range e.More {
		s += "\n" + m
	}
	return s
}

// PackageFinder returns the import path a package name stands for in
// cells (math, optimlib, mat, ...), for the packages a compiled cell uses
// without importing them.
type PackageFinder func(name string) (importPath string, ok bool)

// tablePrefix starts the names the generated symbol table declares, and
// tableVar is the table (exported: plugin.Lookup finds only those).
const (
	tablePrefix = "_descent_"
	tableVar    = "DescentCellSymbols"
)

// CompileCell builds the declarations of a %%compile cell into a plugin
// and loads it. body is the cell with its magic line blanked, so that its
// lines are the cell's. Packages the cell uses without importing them are
// found with find. Errors in the cell are a *CompileError.
func (b *Builder) CompileCell(ctx context.Context, body string, find PackageFinder, progress io.Writer) (*Compiled, error) {
	src, decls, err := cellSource(body, find)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"cell.go": []byte(src), "table.go": decls.table()}
	b.mu.Lock()
	out, err := b.build(ctx, files, progress)
	b.mu.Unlock()
	if err != nil {
		var ge *GoError
		if errors.As(err, &ge) {
			return nil, cellErrors(ge.Output, body)
		}
		return nil, err
	}
	sym, err := b.loadPlugin(ctx, out.file, tableVar)
	if err != nil {
		return nil, err
	}
	tab, ok := sym.(*map[string]reflect.Value)
	if !ok {
		return nil, fmt.Errorf("the compiled cell's symbol table has type %T", sym)
	}
	return &Compiled{Path: out.pkgPath, Symbols: *tab, Funcs: decls.funcs, Types: decls.types, Consts: decls.consts(),
		Vars: decls.vars, Generic: decls.generic, Cached: out.cached}, nil
}

// cellDecls are the names a compiled cell declares, by kind.
type cellDecls struct {
	funcs, types, vars []string
	typed, untyped     []string // constants
	generic            []string
	wrapped            []string // interfaces with a wrapper (wrappers.go)
}

func (d *cellDecls) consts() []string {
	out := append(append([]string{}, d.typed...), d.untyped...)
	sort.Strings(out)
	return out
}

// table renders the file that exports the cell's names to the
// interpreter.
func (d *cellDecls) table() []byte {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t" + tablePrefix + "constant \"go/constant\"\n\t" + tablePrefix + "reflect \"reflect\"\n)\n\n")
	b.WriteString("// " + tableVar + " is the cell's symbol table for the interpreter.\n")
	b.WriteString("var " + tableVar + " = map[string]" + tablePrefix + "reflect.Value{\n")
	entry := func(name, value string) { fmt.Fprintf(&b, "\t%q: %s,\n", name, value) }
	for _, n := range d.funcs {
		entry(n, tablePrefix+"reflect.ValueOf("+n+")")
	}
	for _, n := range d.types {
		entry(n, tablePrefix+"reflect.ValueOf((*"+n+")(nil))")
	}
	for _, n := range d.vars {
		entry(n, tablePrefix+"reflect.ValueOf(&"+n+")")
	}
	for _, n := range d.typed {
		entry(n, tablePrefix+"reflect.ValueOf("+n+")")
	}
	for _, n := range d.untyped {
		entry(n, tablePrefix+"untyped("+n+")")
	}
	for _, n := range d.wrapped {
		entry("_"+n, tablePrefix+"reflect.ValueOf((*"+wrapperPrefix+n+")(nil))")
	}
	b.WriteString("}\n\n")
	// An untyped constant reaches here in its default type; the
	// interpreter takes a go/constant value as untyped.
	b.WriteString("func " + tablePrefix + "untyped(v any) " + tablePrefix + "reflect.Value {\n\tswitch x := v.(type) {\n" +
		"\tcase int:\n\t\treturn " + tablePrefix + "reflect.ValueOf(" + tablePrefix + "constant.MakeInt64(int64(x)))\n" +
		"\tcase float64:\n\t\treturn " + tablePrefix + "reflect.ValueOf(" + tablePrefix + "constant.MakeFloat64(x))\n" +
		"\tcase string:\n\t\treturn " + tablePrefix + "reflect.ValueOf(" + tablePrefix + "constant.MakeString(x))\n" +
		"\tcase bool:\n\t\treturn " + tablePrefix + "reflect.ValueOf(" + tablePrefix + "constant.MakeBool(x))\n" +
		"\t}\n\treturn " + tablePrefix + "reflect.ValueOf(v)\n}\n")
	return []byte(b.String())
}

// cellSource turns the cell into a file of package main: the package
// clause and the imports of packages used without an import go on the
// first line (the magic's), so every other line keeps its number.
func cellSource(body string, find PackageFinder) (string, *cellDecls, error) {
	first, rest, _ := strings.Cut(body, "\n")
	if strings.TrimSpace(first) != "" {
		return "", nil, &CompileError{Line: 1, Col: 1, Msg: "%%compile takes no arguments: put the declarations on the next lines", SourceLine: first}
	}
	head := "package main;"
	src := head + " \n" + rest
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", src, parser.AllErrors)
	if err != nil {
		return "", nil, parseError(err, body)
	}
	imported := map[string]bool{}
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		name := packageName(p)
		if is.Name != nil {
			name = is.Name.Name
		}
		imported[name] = true
	}
	decls, err := declsOf(f, fset, body)
	if err != nil {
		return "", nil, err
	}
	var add []string
	seen := map[string]bool{}
	for _, id := range f.Unresolved {
		if seen[id.Name] || imported[id.Name] {
			continue
		}
		seen[id.Name] = true
		if !usedAsPackage(f, id.Name) {
			continue
		}
		if p, ok := find(id.Name); ok {
			add = append(add, fmt.Sprintf("import %s %q;", id.Name, p))
		}
	}
	sort.Strings(add)
	wrap, wrapped := wrappers(f, fset)
	decls.wrapped = wrapped
	return head + " " + strings.Join(add, " ") + "\n" + rest + "\n" + wrap, decls, nil
}

// usedAsPackage reports whether name appears as the X of a selector
// expression anywhere in f.
func usedAsPackage(f *ast.File, name string) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == name && id.Obj == nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// declsOf lists the cell's top-level declarations and refuses what a
// compiled cell cannot hold.
func declsOf(f *ast.File, fset *token.FileSet, body string) (*cellDecls, error) {
	d := &cellDecls{}
	untyped := map[string]bool{}
	at := func(n ast.Node, msg string) error {
		p := fset.Position(n.Pos())
		return &CompileError{Line: p.Line, Col: p.Column, Msg: msg, SourceLine: lineOf(body, p.Line)}
	}
	for _, decl := range f.Decls {
		switch x := decl.(type) {
		case *ast.FuncDecl:
			switch {
			case x.Recv != nil, x.Name.Name == "_", x.Name.Name == "init":
			case x.Name.Name == "main":
				return nil, at(x.Name, "a %%compile cell cannot declare main (it would never run): declare a function with another name and call it from an ordinary cell")
			case x.Type.TypeParams != nil:
				d.generic = append(d.generic, x.Name.Name)
			default:
				d.funcs = append(d.funcs, x.Name.Name)
			}
		case *ast.GenDecl:
			if err := d.genDecl(x, untyped); err != nil {
				return nil, at(x, err.Error())
			}
		}
	}
	for _, n := range append(append(d.funcs, d.types...), d.vars...) {
		if strings.HasPrefix(n, tablePrefix) || n == tableVar {
			return nil, &CompileError{Msg: tableVar + " and names starting with " + tablePrefix + " are reserved in a %%compile cell"}
		}
	}
	return d, nil
}

func (d *cellDecls) genDecl(x *ast.GenDecl, untyped map[string]bool) error {
	var lastType ast.Expr
	var lastValues []ast.Expr
	for _, spec := range x.Specs {
		switch s := spec.(type) {
		case *ast.TypeSpec:
			switch {
			case s.Name.Name == "_":
			case s.TypeParams != nil, isConstraint(s.Type):
				d.generic = append(d.generic, s.Name.Name)
			default:
				d.types = append(d.types, s.Name.Name)
			}
		case *ast.ValueSpec:
			if x.Tok == token.VAR {
				for _, id := range s.Names {
					if id.Name != "_" {
						d.vars = append(d.vars, id.Name)
					}
				}
				continue
			}
			// A constant spec without type or values repeats the one
			// before it.
			if s.Type != nil || len(s.Values) > 0 {
				lastType, lastValues = s.Type, s.Values
			}
			for i, id := range s.Names {
				if id.Name == "_" {
					continue
				}
				if lastType == nil && i < len(lastValues) && isUntyped(lastValues[i], untyped) {
					untyped[id.Name] = true
					d.untyped = append(d.untyped, id.Name)
				} else {
					d.typed = append(d.typed, id.Name)
				}
			}
		}
	}
	return nil
}

// isConstraint reports whether a type is an interface with type elements
// (~int | float64), which only generic code can use.
func isConstraint(t ast.Expr) bool {
	it, ok := t.(*ast.InterfaceType)
	if !ok {
		return false
	}
	for _, f := range it.Methods.List {
		switch f.Type.(type) {
		case *ast.BinaryExpr, *ast.UnaryExpr:
			return true
		}
	}
	return false
}

// isUntyped tells from the syntax whether a constant expression is
// untyped: literals, iota, and operators over untyped constants of the
// cell. Conversions, calls and constants of other packages count as typed.
func isUntyped(x ast.Expr, untyped map[string]bool) bool {
	switch x := x.(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return x.Name == "iota" || x.Name == "true" || x.Name == "false" || untyped[x.Name]
	case *ast.ParenExpr:
		return isUntyped(x.X, untyped)
	case *ast.UnaryExpr:
		return isUntyped(x.X, untyped)
	case *ast.BinaryExpr:
		return isUntyped(x.X, untyped) && isUntyped(x.Y, untyped)
	}
	return false
}

// parseError turns go/parser's errors into a CompileError at the cell's
// line, with a hint for statements, which a compiled cell cannot hold.
func parseError(err error, body string) error {
	var list scanner.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return &CompileError{Msg: err.Error()}
	}
	e := list[0]
	msg := e.Msg
	if strings.Contains(msg, "non-declaration statement outside function body") || strings.HasPrefix(msg, "expected declaration") {
		msg += " (a %%compile cell holds declarations only: func, type, var, const and import; run statements in an ordinary cell)"
	}
	if strings.Contains(msg, "imports must appear before other declarations") {
		msg += " (put the imports at the top of the cell)"
	}
	ce := &CompileError{Line: e.Pos.Line, Col: e.Pos.Column, Msg: msg, SourceLine: lineOf(body, e.Pos.Line)}
	for _, more := range list[1:] {
		ce.More = append(ce.More, fmt.Sprintf("%d:%d: %s", more.Pos.Line, more.Pos.Column, more.Msg))
	}
	return ce
}

// buildErrorLine matches a compiler error in the go command's output.
var buildErrorLine = regexp.MustCompile(`^(?:\S*/)?(cell|table)\.go:(\d+):(\d+): (.*)$`)

// cellErrors turns the go command's output for a failed build into a
// CompileError at the cell's lines.
func cellErrors(output, body string) error {
	var ce *CompileError
	var other []string
	for _, line := range strings.Split(output, "\n") {
		m := buildErrorLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
				other = append(other, l)
			}
			continue
		}
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		msg := m[4]
		if strings.Contains(msg, "no required module provides package") {
			msg += " (fetch its module with %go get MODULE, in an ordinary cell, first)"
		}
		if m[1] == "table" {
			// The generated table: the name it refers to is the cell's.
			ln, col, msg = 0, 0, "exporting the cell's names: "+msg
		}
		if ce == nil {
			ce = &CompileError{Line: ln, Col: col, Msg: msg, SourceLine: lineOf(body, ln)}
			continue
		}
		ce.More = append(ce.More, fmt.Sprintf("%d:%d: %s", ln, col, msg))
	}
	if ce == nil {
		return &CompileError{Msg: strings.Join(other, "\n")}
	}
	return ce
}

// lineOf returns line n (1-based) of text, or "".
func lineOf(text string, n int) string {
	if n < 1 {
		return ""
	}
	lines := strings.Split(text, "\n")
	if n > len(lines) {
		return ""
	}
	return lines[n-1]
}
