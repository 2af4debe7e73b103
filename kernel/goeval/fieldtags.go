package goeval

import (
	"github.com/descentlab/descent/kernel/goeval/interptype"

	"go/ast"
	"strconv"
	"strings"
)

// The interpreter builds the cells' struct types with reflect.StructOf,
// which cannot make unexported fields: it renames them with an X prefix
// (notes becomes Xnotes, YAEGI_BUGS.md 8), so encoding/json and
// encoding/xml take them for exported fields and write them out. The
// rewriter gives every unexported field of a struct type of the cells
// (not an embedded one, whose exported fields Go's encoders promote) the
// tag json:"-" xml:"-", put before any tag the field had: the encoders
// skip it as Go's skip an unexported field, and Go ignores an unexported
// field's own json and xml tags anyway. The evaluator's printer and type
// names read the cells' source, so the added tag does not show there.

// hiddenFieldTag is the tag that keeps a renamed unexported field out of
// the encoders.
const hiddenFieldTag = interptype.HiddenFieldTag

// fieldTagEdits returns the edits that tag the unexported fields of every
// struct type in n.
func fieldTagEdits(it *item, n ast.Node) []edit {
	var edits []edit
	ast.Inspect(n, func(c ast.Node) bool {
		if st, ok := c.(*ast.StructType); ok {
			edits = append(edits, structFieldTags(it, st)...)
		}
		return true
	})
	return edits
}

// structFieldTags returns the edits that tag the unexported fields of one
// struct type. A field that declares exported and unexported names at once
// (a, B int) is left alone.
func structFieldTags(it *item, st *ast.StructType) []edit {
	if st.Fields == nil {
		return nil
	}
	var edits []edit
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 || !unexportedField(f) {
			continue
		}
		if f.Tag == nil {
			at := it.off(f.Type.End())
			edits = append(edits, edit{start: at, end: at, text: " `" + hiddenFieldTag + "`", rank: rankReplace})
			continue
		}
		old, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			continue
		}
		edits = append(edits, edit{start: it.off(f.Tag.Pos()), end: it.off(f.Tag.End()), text: quoteTag(hiddenFieldTag + " " + old), rank: rankReplace})
	}
	return edits
}

// unexportedField reports whether every name of a field is unexported
// (the interpreter renames those), the blank name aside.
func unexportedField(f *ast.Field) bool {
	for _, n := range f.Names {
		if n.IsExported() {
			return false
		}
	}
	return true
}

// quoteTag writes a tag as a raw string literal when it can.
func quoteTag(s string) string {
	if strings.ContainsAny(s, "`\r") {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}
