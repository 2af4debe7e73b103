package goeval

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
	"github.com/descentlab/descent/kernel/preload/docs"
)

// Help is what Inspect says about a name: its declaration and doc comment
// and, for a variable, the documentation of its type.
type Help struct {
	// Entry is the name's declaration and documentation.
	Entry docs.Entry
	// Type documents the type of a variable (opt is a *optimlib.Adam: the
	// Adam type's update rule and defaults), when it is a named type, or
	// the type a constructor returns (optimlib.NewAdam).
	Type *docs.Entry
	// Index lists, at detail level 1, the methods of a type or the members
	// of a package: declarations only.
	Index []docs.Entry
	// URL is the documentation online, for compiled packages.
	URL string
}

// Plain renders the help as text.
func (h Help) Plain() string {
	var b strings.Builder
	b.WriteString(h.Entry.Plain())
	if h.Type != nil {
		b.WriteString("\n" + h.Type.Plain())
	}
	if len(h.Index) > 0 {
		b.WriteString("\n")
		for _, e := range h.Index {
			b.WriteString(firstLine(e.Sig) + "\n")
		}
	}
	if h.URL != "" {
		b.WriteString("\n" + h.URL + "\n")
	}
	return b.String()
}

// Markdown renders the help as Markdown: Go code blocks for the
// declarations, then the doc comments.
func (h Help) Markdown() string {
	var b strings.Builder
	b.WriteString(h.Entry.Markdown())
	if h.Type != nil {
		b.WriteString("\n---\n\n" + h.Type.Markdown())
	}
	if len(h.Index) > 0 {
		b.WriteString("\n```go\n")
		for _, e := range h.Index {
			b.WriteString(firstLine(e.Sig) + "\n")
		}
		b.WriteString("```\n")
	}
	if h.URL != "" {
		b.WriteString("\n[" + h.URL + "](" + h.URL + ")\n")
	}
	return b.String()
}

// firstLine returns a declaration's first line, "{ ... }" standing for the
// rest of a struct or interface.
func firstLine(sig string) string {
	line, _, more := strings.Cut(sig, "\n")
	if more && strings.HasSuffix(line, "{") {
		return line + " ... }"
	}
	return line
}

// docsLibrary returns the documentation library of the Evaluator, created
// on first use.
func (e *Evaluator) docsLibrary() *docs.Library {
	e.docsOnce.Do(func() {
		if e.opts.Docs != nil {
			e.docs = e.opts.Docs
		} else {
			e.docs = docs.NewLibrary()
		}
	})
	return e.docs
}

// Inspect describes the name under byte cursorByte of code (or, between the
// parentheses of a call, the function called): a package, a package's
// member, a field or method of a value whose type is known (opt.Step,
// res.Trace), a name an earlier cell or this one declares, or a builtin.
// detail 1 adds the methods of a type or the members of a package.
func (e *Evaluator) Inspect(code string, cursorByte, detail int) (Help, bool) {
	cursorByte = max(0, min(cursorByte, len(code)))
	for cursorByte > 0 && cursorByte < len(code) && !utf8.RuneStart(code[cursorByte]) {
		cursorByte--
	}
	is, ie := identBounds(code, cursorByte)
	if is == ie {
		cs, ce, ok := calleeAt(code, cursorByte)
		if !ok {
			return Help{}, false
		}
		is, ie = identStart(code, ce), ce
		if is == ie || is < cs {
			return Help{}, false
		}
	}
	name := code[is:ie]
	if r, _ := utf8.DecodeRuneInString(name); r >= '0' && r <= '9' {
		return Help{}, false
	}

	e.mu.RLock()
	defer e.mu.RUnlock()
	in := &inspector{e: e, lib: e.docsLibrary(), detail: detail}
	if bs, be, ok := selectorBase(code, is); ok {
		in.cell = scopeBefore(code, bs)
		in.ty = e.editingTypes(in.cell)
		base, err := parser.ParseExpr(code[bs:be])
		if err != nil {
			return Help{}, false
		}
		t := in.ty.TypeOf(base)
		if t.Pkg != "" {
			return in.packageMember(t.Pkg, name)
		}
		return in.member(t, name)
	}
	in.cell = scopeBefore(code, is)
	in.ty = e.editingTypes(in.cell)
	if rest := strings.TrimLeft(code[ie:], " \t"); strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, ":=") {
		if ls, le, ok := literalType(code, is); ok {
			if x, err := parser.ParseExpr(code[ls:le]); err == nil {
				if t, ok := in.ty.NamedType(x); ok {
					if h, ok := in.member(t, name); ok {
						return h, true
					}
				}
			}
		}
	}
	return in.ident(name)
}

// inspector builds the Help of one request.
type inspector struct {
	e      *Evaluator
	ty     *typeinfer.Inferer
	cell   *cellScope
	lib    *docs.Library
	detail int
}

// packageMember documents pkg.name, a member of a compiled package (or of
// a standard package the interpreter compiles from source).
func (in *inspector) packageMember(importPath, name string) (Help, bool) {
	v, ok := in.e.pkgs.symbol(importPath, name)
	if !ok && !slices.Contains(sourcePackageFuncs[importPath], name) {
		return Help{}, false
	}
	if !ast.IsExported(name) {
		return Help{}, false
	}
	h := Help{URL: docs.URL(importPath, name)}
	if e, found := in.lib.Lookup(importPath, name); found {
		h.Entry = e
	} else if ok {
		h.Entry = describeSymbol(in.packageName(importPath)+"."+name, v)
	} else {
		h.Entry = docs.Entry{Kind: docs.KindFunc, Sig: "func " + in.packageName(importPath) + "." + name}
	}
	if h.Entry.Kind == docs.KindType && in.detail > 0 {
		h.Index = in.index(importPath, name)
	}
	if h.Entry.Kind == docs.KindFunc && ok {
		h.Type = in.constructedType(importPath, v)
	}
	return h, true
}

// constructedType documents the type a constructor returns, so that
// inspecting optimlib.NewAdam shows Adam's update rule and defaults too. A
// function is a constructor of T, as go doc groups them, when T (or *T,
// []T) of its own package is the only such type among its results (an
// error may follow).
func (in *inspector) constructedType(importPath string, fn reflect.Value) *docs.Entry {
	if fn.Kind() != reflect.Func {
		return nil
	}
	t := fn.Type()
	var found reflect.Type
	for i := range t.NumOut() {
		rt := t.Out(i)
		for rt.Name() == "" && (rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Array) {
			rt = rt.Elem()
		}
		if rt.PkgPath() != importPath || rt.Name() == "" {
			continue
		}
		if found != nil && found != rt {
			return nil // two types: not one type's constructor
		}
		found = rt
	}
	if found == nil {
		return nil
	}
	if e, ok := in.lib.Lookup(importPath, found.Name()); ok && e.Kind == docs.KindType {
		return &e
	}
	return nil
}

// packageName returns the name a package is known by in the cells.
func (in *inspector) packageName(importPath string) string {
	if n, ok := in.e.pkgs.name(importPath); ok {
		return n
	}
	return path.Base(importPath)
}

// pkg documents a package.
func (in *inspector) pkg(importPath string) (Help, bool) {
	h := Help{URL: docs.URL(importPath, "")}
	if e, ok := in.lib.Lookup(importPath, ""); ok {
		h.Entry = e
	} else {
		h.Entry = docs.Entry{Kind: docs.KindPackage, Sig: fmt.Sprintf("package %s // import %q", in.packageName(importPath), importPath)}
	}
	if in.detail > 0 {
		h.Index = in.index(importPath, "")
	}
	return h, true
}

// index returns the documented members of a package (typeName "") or the
// methods of one of its types.
func (in *inspector) index(importPath, typeName string) []docs.Entry {
	var out []docs.Entry
	for _, m := range in.lib.Members(importPath, typeName) {
		key := m
		if typeName != "" {
			key = typeName + "." + m
		}
		if e, ok := in.lib.Lookup(importPath, key); ok && (typeName == "" || e.Kind == docs.KindMethod) {
			out = append(out, e)
		}
	}
	return out
}

// member documents the field or method name of a value of type t.
func (in *inspector) member(t typeinfer.Type, name string) (Help, bool) {
	m, ok := in.ty.LookupMember(t, name)
	if !ok {
		return Help{}, false
	}
	switch {
	case m.RT != nil:
		for _, owner := range declaringTypes(m.RT) {
			key := owner.Name() + "." + name
			if e, ok := in.lib.Lookup(owner.PkgPath(), key); ok {
				return Help{Entry: e, URL: docs.URL(owner.PkgPath(), key)}, true
			}
		}
		return Help{Entry: describeMember(m)}, true
	case m.Method != nil:
		return Help{Entry: docs.Entry{Kind: docs.KindMethod, Sig: declSignature(m.Method), Doc: in.cellMethodDoc(m.Owner, name)}}, true
	case m.Field != nil:
		sig := name + " " + printNode(m.Field.Type)
		if m.Kind == "method" {
			sig = "func (" + m.Owner + ") " + name + strings.TrimPrefix(printNode(m.Field.Type), "func")
		}
		return Help{Entry: docs.Entry{Kind: m.Kind, Sig: sig}}, true
	}
	return Help{}, false
}

// declaringTypes returns the named types whose fields and methods a value
// of type rt has: its own (through a pointer), then its embedded types'.
func declaringTypes(rt reflect.Type) []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	queue := []reflect.Type{rt}
	for len(queue) > 0 && len(out) < 32 {
		t := queue[0]
		queue = queue[1:]
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		if t.Name() != "" && t.PkgPath() != "" {
			out = append(out, t)
		}
		if t.Kind() == reflect.Struct {
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.Anonymous {
					queue = append(queue, f.Type)
				}
			}
		}
	}
	return out
}

// ident documents a name with nothing before it.
func (in *inspector) ident(name string) (Help, bool) {
	ty, cell := in.ty, in.cell
	if b, ok := cell.lastBinding(name); ok {
		return in.variable(name, ty.BindingType(b), b.Constant), true
	}
	if fd := cell.Funcs[name]; fd != nil {
		return Help{Entry: docs.Entry{Kind: docs.KindFunc, Sig: declSignature(fd), Doc: cell.docs[name]}}, true
	}
	if ts := cell.Types[name]; ts != nil {
		return in.userType(name, ts, cell.docs[name]), true
	}
	if u := in.e.reg.units[name]; u != nil {
		return in.unit(name, u), true
	}
	if rt := in.e.globalTypes[name]; rt != nil {
		return in.variable(name, typeinfer.Type{RT: rt}, false), true
	}
	if p, ok := ty.PackagePath(name); ok {
		return in.pkg(p)
	}
	if in.predeclared(name) {
		h := Help{URL: docs.URL("builtin", name)}
		if e, ok := in.lib.Lookup("builtin", name); ok {
			h.Entry = e
		} else {
			h.Entry = docs.Entry{Kind: docs.KindFunc, Sig: "builtin " + name}
		}
		return h, true
	}
	return Help{}, false
}

// predeclared reports whether name is a builtin, a predeclared type or
// constant.
func (in *inspector) predeclared(name string) bool {
	if in.ty.Shadowed(name) {
		return false
	}
	_, isType := typeinfer.Predeclared[name]
	return isType || name == "comparable" || slices.Contains(goBuiltins, name) || slices.Contains(goPredeclaredConsts, name)
}

// variable documents a variable (or constant) of type t.
func (in *inspector) variable(name string, t typeinfer.Type, isConst bool) Help {
	kind, word := docs.KindVar, "var "
	if isConst {
		kind, word = docs.KindConst, "const "
	}
	sig := word + name
	if s := in.typeString(t); s != "" {
		sig += " " + s
	}
	return Help{Entry: docs.Entry{Kind: kind, Sig: sig}, Type: in.typeDoc(t)}
}

// typeString writes a type as a cell would.
func (in *inspector) typeString(t typeinfer.Type) string {
	switch {
	case t.RT != nil:
		return t.RT.String()
	case t.AST != nil:
		return printNode(t.AST)
	}
	return ""
}

// typeDoc documents the named type of a variable (through pointers, slices
// and maps): a compiled type's entry, or a cell's type declaration.
func (in *inspector) typeDoc(t typeinfer.Type) *docs.Entry {
	if t.RT != nil {
		rt := t.RT
		for rt.Name() == "" && (rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Array || rt.Kind() == reflect.Map) {
			rt = rt.Elem()
		}
		if rt.Name() == "" || rt.PkgPath() == "" {
			return nil
		}
		if e, ok := in.lib.Lookup(rt.PkgPath(), rt.Name()); ok {
			return &e
		}
		return nil
	}
	x := t.AST
	for {
		switch y := x.(type) {
		case *ast.StarExpr:
			x = y.X
			continue
		case *ast.ArrayType:
			x = y.Elt
			continue
		case *ast.MapType:
			x = y.Value
			continue
		}
		break
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	if ts := in.ty.UserType(id.Name); ts != nil {
		doc := in.cell.docs[id.Name]
		if u := in.e.reg.units[id.Name]; doc == "" && u != nil && in.cell.Types[id.Name] == nil {
			doc = leadingComment(u.cell.text, u.start)
		}
		e := in.userType(id.Name, ts, doc).Entry
		return &e
	}
	return nil
}

// userType documents a type declared in a cell, with its methods.
func (in *inspector) userType(name string, ts *ast.TypeSpec, doc string) Help {
	e := docs.Entry{Kind: docs.KindType, Sig: "type " + printNode(ts), Doc: doc}
	h := Help{Entry: e}
	if in.detail > 0 {
		for _, m := range in.ty.Members(typeinfer.Type{AST: ast.NewIdent(name)}) {
			if m.Method != nil {
				h.Index = append(h.Index, docs.Entry{Kind: docs.KindMethod, Sig: declSignature(m.Method)})
			}
		}
	}
	return h
}

// unit documents a declaration of an earlier cell.
func (in *inspector) unit(name string, u *unit) Help {
	doc := leadingComment(u.cell.text, u.start)
	switch u.kind {
	case unitFunc:
		if fd, ok := u.node.(*ast.FuncDecl); ok {
			return Help{Entry: docs.Entry{Kind: docs.KindFunc, Sig: declSignature(fd), Doc: doc}}
		}
	case unitType:
		if ts, ok := u.node.(*ast.TypeSpec); ok {
			return in.userType(name, ts, doc)
		}
	case unitConst:
		return Help{Entry: docs.Entry{Kind: docs.KindConst, Sig: strings.TrimSpace(u.text), Doc: doc}}
	}
	t := in.ty.IdentType(name)
	h := in.variable(name, t, false)
	h.Entry.Doc = doc
	return h
}

// cellMethodDoc returns the doc comment of a method declared in an earlier
// cell.
func (in *inspector) cellMethodDoc(typeName, name string) string {
	if d, ok := in.cell.docs[typeName+"."+name]; ok {
		return d
	}
	if u := in.e.reg.methods[typeName][name]; u != nil {
		return leadingComment(u.cell.text, u.start)
	}
	return ""
}

// declSignature writes a function declaration without its body.
func declSignature(fd *ast.FuncDecl) string {
	sig := *fd
	sig.Body, sig.Doc = nil, nil
	return printNode(&sig)
}

// printNode prints a node of a cell's AST as gofmt would, ignoring the
// positions of the cell (the node may come from another parse).
func printNode(n ast.Node) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, token.NewFileSet(), n); err != nil {
		return ""
	}
	return b.String()
}

// leadingComment returns the // comment lines right above the line of byte
// offset start in text, without their markers.
func leadingComment(text string, start int) string {
	start = max(0, min(start, len(text)))
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	var lines []string
	end := lineStart
	for end > 0 {
		prevStart := strings.LastIndexByte(text[:end-1], '\n') + 1
		line := strings.TrimSpace(text[prevStart : end-1])
		if !strings.HasPrefix(line, "//") {
			break
		}
		line = strings.TrimPrefix(line, "//")
		line = strings.TrimPrefix(line, " ")
		lines = append(lines, line)
		end = prevStart
	}
	if len(lines) == 0 {
		return ""
	}
	slices.Reverse(lines)
	return strings.Join(lines, "\n") + "\n"
}

// describeSymbol says what a compiled package's symbol is, as Go would
// declare it, from its symbol table entry (for a package whose sources are
// not available).
func describeSymbol(name string, v reflect.Value) docs.Entry {
	if c, ok := typeinfer.ConstantOf(v); ok {
		return docs.Entry{Kind: docs.KindConst, Sig: fmt.Sprintf("const %s = %s", name, c.String())}
	}
	switch {
	case !v.IsValid():
		return docs.Entry{Kind: docs.KindVar, Sig: "var " + name}
	case v.Kind() == reflect.Func:
		return docs.Entry{Kind: docs.KindFunc, Sig: "func " + name + strings.TrimPrefix(v.Type().String(), "func")}
	case typeinfer.IsTypeSymbol(v):
		return docs.Entry{Kind: docs.KindType, Sig: "type " + name + " " + underlyingString(v.Type().Elem())}
	}
	return docs.Entry{Kind: docs.KindVar, Sig: "var " + name + " " + v.Type().String()}
}

// describeMember says what a field or method of a compiled type is, from
// its reflect type.
func describeMember(m typeinfer.Member) docs.Entry {
	owner := m.RT
	if owner.Kind() == reflect.Pointer {
		owner = owner.Elem()
	}
	if m.Kind == "method" {
		return docs.Entry{Kind: docs.KindMethod, Sig: "func (" + owner.String() + ") " + m.Name + strings.TrimPrefix(m.Type.RT.String(), "func")}
	}
	return docs.Entry{Kind: docs.KindField, Sig: m.Name + " " + m.Type.RT.String()}
}

// underlyingString describes a type's structure: its kind, or the method
// set of an interface.
func underlyingString(t reflect.Type) string {
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
