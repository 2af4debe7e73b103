package docs

import (
	"go/doc/comment"
	"strings"

	"github.com/descentlab/descent/kernel/preload/docs/internal/godoc"
)

// Entry is the documentation of one declaration.
type Entry struct {
	// Kind is package, func, method, type, field, const or var.
	Kind string
	// Sig is the declaration as Go source: a function's signature, a
	// type's definition (with its exported fields), a constant's group.
	Sig string
	// Doc is the doc comment, in Go doc comment syntax.
	Doc string
	// Package is the import path of the declaring package, which resolves
	// the doc comment's links such as [Adam]. Lookup sets it.
	Package string
}

// The kinds of Entry.
const (
	KindPackage = godoc.KindPackage
	KindFunc    = godoc.KindFunc
	KindMethod  = godoc.KindMethod
	KindType    = godoc.KindType
	KindField   = godoc.KindField
	KindConst   = godoc.KindConst
	KindVar     = godoc.KindVar
)

// Plain renders the entry as text for a console or pager: the
// declaration, a blank line and the doc comment, its paragraphs wrapped at
// 80 columns and its code blocks (the update rules) indented.
func (e Entry) Plain() string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(e.Sig, "\n"))
	if d := strings.TrimSpace(e.Doc); d != "" {
		p := comment.Printer{TextCodePrefix: "    "} // paragraphs wrapped at 80 columns
		b.WriteString("\n\n")
		b.WriteString(strings.TrimRight(string(p.Text(e.parse())), "\n"))
	}
	return b.String() + "\n"
}

// Markdown renders the entry as Markdown: the declaration in a Go code
// block, then the doc comment, its links pointing at pkg.go.dev.
func (e Entry) Markdown() string {
	var b strings.Builder
	b.WriteString("```go\n" + strings.TrimRight(e.Sig, "\n") + "\n```\n")
	if d := strings.TrimSpace(e.Doc); d != "" {
		p := comment.Printer{HeadingLevel: 4, DocLinkURL: e.linkURL}
		b.WriteString("\n")
		b.Write(p.Markdown(e.parse()))
	}
	return b.String()
}

// parse parses the doc comment; every [Name] and [pkg.Name] is taken as
// a link to the documentation.
func (e Entry) parse() *comment.Doc {
	p := comment.Parser{
		LookupPackage: func(name string) (string, bool) { return "", false },
		LookupSym:     func(recv, name string) bool { return true },
	}
	return p.Parse(e.Doc)
}

// linkURL points a doc link at pkg.go.dev; a link without a package is to
// a name of the entry's own package.
func (e Entry) linkURL(link *comment.DocLink) string {
	importPath := link.ImportPath
	if importPath == "" {
		importPath = e.Package
	}
	name := link.Name
	if link.Recv != "" {
		name = link.Recv + "." + name
	}
	return URL(importPath, name)
}
