// Package godoc turns the Go source of a package into documentation entries:
// one per exported declaration, method and struct field, each with the
// declaration as Go writes it and its doc comment. The kernel uses it at
// run time for the standard library and at generate time for the compiled
// packages whose sources are not shipped.
package godoc

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
)

// Entry is the documentation of one declaration.
type Entry struct {
	// Kind is package, func, method, type, field, const or var.
	Kind string
	// Sig is the declaration as Go source, without its body.
	Sig string
	// Doc is the doc comment's text, in Go doc comment syntax.
	Doc string
}

// Kinds of Entry.
const (
	KindPackage = "package"
	KindFunc    = "func"
	KindMethod  = "method"
	KindType    = "type"
	KindField   = "field"
	KindConst   = "const"
	KindVar     = "var"
)

// ParseDir parses the named files of dir (comments included) and extracts
// the entries of the package with the given import path.
func ParseDir(importPath, dir string, files []string) (map[string]Entry, error) {
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", importPath, err)
		}
		parsed = append(parsed, f)
	}
	if len(parsed) == 0 {
		return nil, fmt.Errorf("package %s has no Go files in %s", importPath, dir)
	}
	return Extract(fset, parsed, importPath)
}

// Extract returns the entries of one package, keyed by "Name" for its
// package-level declarations, "Type.Name" for methods and struct fields,
// and "" for the package itself. The builtin package keeps its lower-case
// names.
func Extract(fset *token.FileSet, files []*ast.File, importPath string) (map[string]Entry, error) {
	var mode doc.Mode
	if importPath == "builtin" {
		mode = doc.AllDecls
	}
	pkg, err := doc.NewFromFiles(fset, files, importPath, mode|doc.PreserveAST)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", importPath, err)
	}
	x := extractor{fset: fset, out: map[string]Entry{}, all: mode == doc.AllDecls}
	x.out[""] = Entry{Kind: KindPackage, Sig: fmt.Sprintf("package %s // import %q", pkg.Name, importPath), Doc: pkg.Doc}
	x.values(pkg.Consts, KindConst)
	x.values(pkg.Vars, KindVar)
	x.funcs(pkg.Funcs, "")
	for _, t := range pkg.Types {
		x.typ(t)
		x.values(t.Consts, KindConst)
		x.values(t.Vars, KindVar)
		x.funcs(t.Funcs, "")
		x.funcs(t.Methods, t.Name)
	}
	return x.out, nil
}

type extractor struct {
	fset *token.FileSet
	out  map[string]Entry
	all  bool // keep unexported names (the builtin package)
}

func (x *extractor) exported(name string) bool { return x.all || ast.IsExported(name) }

// node prints an AST node as gofmt would.
func (x *extractor) node(n any) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, x.fset, n); err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return b.String()
}

// values records every exported name of const or var groups; a name shares
// the group's declaration and takes its own spec's comment, or the group's.
func (x *extractor) values(vs []*doc.Value, kind string) {
	for _, v := range vs {
		decl := *v.Decl
		decl.Doc = nil
		var specs []ast.Spec
		for _, s := range decl.Specs {
			vs := *s.(*ast.ValueSpec)
			vs.Doc, vs.Comment = nil, nil
			specs = append(specs, &vs)
		}
		decl.Specs = specs
		sig := x.node(&decl)
		for _, s := range v.Decl.Specs {
			spec := s.(*ast.ValueSpec)
			text := joinDocs(spec.Doc, spec.Comment)
			if text == "" {
				text = v.Doc
			}
			for _, n := range spec.Names {
				if x.exported(n.Name) && n.Name != "_" {
					x.out[n.Name] = Entry{Kind: kind, Sig: sig, Doc: text}
				}
			}
		}
	}
}

// funcs records functions, or the methods of type recv.
func (x *extractor) funcs(fs []*doc.Func, recv string) {
	for _, f := range fs {
		if !x.exported(f.Name) {
			continue
		}
		decl := *f.Decl
		decl.Doc, decl.Body = nil, nil
		key, kind := f.Name, KindFunc
		if recv != "" {
			key, kind = recv+"."+f.Name, KindMethod
		}
		x.out[key] = Entry{Kind: kind, Sig: x.node(&decl), Doc: f.Doc}
	}
}

// typ records a type, its exported struct fields and its interface methods.
func (x *extractor) typ(t *doc.Type) {
	spec := typeSpec(t)
	if spec == nil {
		return
	}
	x.out[t.Name] = Entry{Kind: KindType, Sig: x.typeSig(spec), Doc: t.Doc}
	switch u := spec.Type.(type) {
	case *ast.StructType:
		for _, f := range u.Fields.List {
			for _, name := range fieldNames(f) {
				if !x.exported(name) {
					continue
				}
				sig := name + " " + x.node(f.Type)
				if len(f.Names) == 0 {
					sig = x.node(f.Type) // an embedded field is its type
				}
				x.out[t.Name+"."+name] = Entry{Kind: KindField, Sig: sig, Doc: joinDocs(f.Doc, f.Comment)}
			}
		}
	case *ast.InterfaceType:
		for _, m := range u.Methods.List {
			ft, ok := m.Type.(*ast.FuncType)
			if !ok {
				continue
			}
			for _, n := range m.Names {
				if x.exported(n.Name) {
					sig := "func (" + t.Name + ") " + n.Name + strings.TrimPrefix(x.node(ft), "func")
					x.out[t.Name+"."+n.Name] = Entry{Kind: KindMethod, Sig: sig, Doc: joinDocs(m.Doc, m.Comment)}
				}
			}
		}
	}
}

// typeSpec finds the spec of t in its declaration.
func typeSpec(t *doc.Type) *ast.TypeSpec {
	for _, s := range t.Decl.Specs {
		if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == t.Name {
			return ts
		}
	}
	return nil
}

// typeSig writes a type declaration. Structs and interfaces list their
// exported fields and methods, each under its comment, as go doc shows
// them; the unexported ones are summarized in a comment.
func (x *extractor) typeSig(spec *ast.TypeSpec) string {
	// The head is printed from a copy whose type is a placeholder, which
	// keeps type parameters and an alias's "=" as written.
	const placeholder = "ᐅ"
	head := *spec
	head.Doc, head.Comment, head.Type = nil, nil, ast.NewIdent(placeholder)
	prefix := strings.TrimSuffix(strings.TrimSpace("type "+x.node(&head)), placeholder)
	switch u := spec.Type.(type) {
	case *ast.StructType:
		var b strings.Builder
		b.WriteString(prefix + "struct {\n")
		hidden := u.Incomplete // go/doc removed unexported fields
		for _, f := range u.Fields.List {
			var names []string
			for _, n := range fieldNames(f) {
				if x.exported(n) {
					names = append(names, n)
				}
			}
			if len(names) == 0 {
				hidden = true
				continue
			}
			writeComment(&b, f.Doc)
			if len(f.Names) == 0 {
				b.WriteString("\t" + x.node(f.Type))
			} else {
				b.WriteString("\t" + strings.Join(names, ", ") + " " + x.node(f.Type))
			}
			if f.Comment != nil {
				b.WriteString(" // " + strings.TrimSpace(f.Comment.Text()))
			}
			b.WriteString("\n")
			if len(names) < len(f.Names) {
				hidden = true
			}
		}
		if hidden {
			b.WriteString("\t// contains filtered or unexported fields\n")
		}
		b.WriteString("}")
		return b.String()
	case *ast.InterfaceType:
		var b strings.Builder
		b.WriteString(prefix + "interface {\n")
		hidden := u.Incomplete
		for _, m := range u.Methods.List {
			if len(m.Names) > 0 && !x.exported(m.Names[0].Name) {
				hidden = true
				continue
			}
			writeComment(&b, m.Doc)
			if len(m.Names) == 0 {
				b.WriteString("\t" + x.node(m.Type) + "\n")
				continue
			}
			b.WriteString("\t" + m.Names[0].Name + strings.TrimPrefix(x.node(m.Type), "func") + "\n")
		}
		if hidden {
			b.WriteString("\t// contains filtered or unexported methods\n")
		}
		b.WriteString("}")
		return b.String()
	}
	return prefix + x.node(spec.Type)
}

// writeComment writes a field's doc comment as // lines, indented.
func writeComment(b *strings.Builder, cg *ast.CommentGroup) {
	if cg == nil {
		return
	}
	for _, line := range strings.Split(strings.TrimRight(cg.Text(), "\n"), "\n") {
		if line == "" {
			b.WriteString("\t//\n")
		} else {
			b.WriteString("\t// " + line + "\n")
		}
	}
}

// fieldNames returns a field's names; an embedded field is named after its
// type.
func fieldNames(f *ast.Field) []string {
	if len(f.Names) > 0 {
		out := make([]string, len(f.Names))
		for i, n := range f.Names {
			out[i] = n.Name
		}
		return out
	}
	t := f.Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return []string{t.Name}
	case *ast.SelectorExpr:
		return []string{t.Sel.Name}
	}
	return nil
}

// joinDocs joins a doc comment and a line comment.
func joinDocs(groups ...*ast.CommentGroup) string {
	var parts []string
	for _, g := range groups {
		if t := strings.TrimSpace(g.Text()); t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "\n") + "\n"
}

// Keys returns the keys of m, sorted.
func Keys(m map[string]Entry) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
