package goeval

import (
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter builds a struct type of the cells with reflect.StructOf
// and marks an embedded field as embedded only when it is the struct's
// only field (YAEGI_BUGS.md, 33). Compiled code that looks fields up by
// name through reflect then sees type Run struct { Base; Loss float64 } as
// having a field named Base: encoding/json writes it as a nested object
// where Go writes Base's fields in Run's place, Unmarshal leaves the
// promoted fields empty, encoding/xml and the template packages do not
// find them. No tag makes an encoder promote a field, so a call of such a
// function whose argument's type holds an embedded field the encoder
// would promote in Go is refused before the cell runs.

// fieldReaders are the compiled functions that look into a value's
// fields by name, by the encoding whose tags they read ("" for none).
var fieldReaders = map[string]string{
	"encoding/json.Marshal":                  "json",
	"encoding/json.MarshalIndent":            "json",
	"encoding/json.Unmarshal":                "json",
	"encoding/json.Encoder.Encode":           "json",
	"encoding/json.Decoder.Decode":           "json",
	"encoding/xml.Marshal":                   "xml",
	"encoding/xml.MarshalIndent":             "xml",
	"encoding/xml.Unmarshal":                 "xml",
	"encoding/xml.Encoder.Encode":            "xml",
	"encoding/xml.Decoder.Decode":            "xml",
	"text/template.Template.Execute":         "",
	"text/template.Template.ExecuteTemplate": "",
	"html/template.Template.Execute":         "",
	"html/template.Template.ExecuteTemplate": "",
}

// embeddedField is an embedded field the interpreter does not mark as
// embedded, and the struct type that declares it.
type embeddedField struct {
	owner string // the struct type's name in the cells, or its literal
	field string // the embedded type as written (Base, *Base)
	name  string // the field's name (Base)
	// jsonOK says a json name tag makes encoding/json read the field as
	// Go does.
	jsonOK bool
}

// embedRefusal returns the argument of call c, and the message to refuse
// it with, when c hands a compiled function that reads fields by name a
// value whose type holds an embedded field the function would see as an
// ordinary one.
func (rw *rewriter) embedRefusal(c *ast.CallExpr) (ast.Expr, string) {
	if _, isType := rw.infer.NamedType(c.Fun); isType {
		return nil, ""
	}
	key, _, ok := rw.calleeUse(c.Fun)
	enc, reads := fieldReaders[key]
	if !ok || !reads {
		return nil, ""
	}
	for _, a := range c.Args {
		if f, found := rw.unmarkedEmbedded(rw.infer.TypeOf(a), "", enc, map[ast.Node]bool{}, 0); found {
			return a, embedAdvice(key, enc, f)
		}
	}
	return nil, ""
}

// unmarkedEmbedded looks through type t (its pointers, elements, map keys
// and values and struct fields) for an embedded field of a struct type of
// the cells that has other fields. name is t's name in the cells, if any.
func (rw *rewriter) unmarkedEmbedded(t typeinfer.Type, name, enc string, seen map[ast.Node]bool, depth int) (embeddedField, bool) {
	in := rw.infer
	if t.AST == nil || depth > 16 {
		return embeddedField{}, false
	}
	if id, ok := typeUnparen(t.AST).(*ast.Ident); ok {
		name = id.Name
	}
	u := in.Underlying(t.AST)
	if seen[u] {
		return embeddedField{}, false
	}
	seen[u] = true
	next := func(x ast.Expr) (embeddedField, bool) {
		return rw.unmarkedEmbedded(in.TypeExpr(x), "", enc, seen, depth+1)
	}
	switch u := u.(type) {
	case *ast.StarExpr:
		return next(u.X)
	case *ast.ArrayType:
		return next(u.Elt)
	case *ast.MapType:
		if f, found := next(u.Key); found {
			return f, true
		}
		return next(u.Value)
	case *ast.StructType:
		if u.Fields == nil {
			return embeddedField{}, false
		}
		n := 0
		for _, f := range u.Fields.List {
			n += max(1, len(f.Names))
		}
		for _, f := range u.Fields.List {
			if len(f.Names) == 0 && n > 1 && promotedField(in, f, enc) {
				if name == "" {
					name = "this struct type"
				}
				return embeddedField{owner: name, field: typeSpelling(f.Type), name: embeddedName(f.Type)}, true
			}
			if found, ok := next(f.Type); ok {
				return found, true
			}
		}
	}
	return embeddedField{}, false
}

// promotedField reports whether Go's encoders (enc's tags) would treat embedded
// field f otherwise than as an ordinary field named after its type: an
// embedded struct or pointer to one has its fields promoted, an embedded
// field of an unexported type is left out. A json name tag (or "-") makes
// encoding/json treat an embedded field as an ordinary one, as here.
func promotedField(in *typeinfer.Inferer, f *ast.Field, enc string) bool {
	if enc == "json" && f.Tag != nil {
		if tag, err := strconv.Unquote(f.Tag.Value); err == nil {
			if v, ok := reflect.StructTag(tag).Lookup("json"); ok {
				if n, _, _ := strings.Cut(v, ","); n != "" {
					return false
				}
			}
		}
	}
	if !ast.IsExported(embeddedName(f.Type)) {
		return true
	}
	x := f.Type
	if s, ok := typeUnparen(x).(*ast.StarExpr); ok {
		x = s.X
	}
	switch in.Kind(in.TypeExpr(x)) {
	case reflect.Struct, reflect.Invalid:
		return true
	}
	return false
}

// embeddedName is the name of an embedded field of type x.
func embeddedName(x ast.Expr) string {
	switch t := typeUnparen(x).(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(t.X)
	case *ast.IndexListExpr:
		return embeddedName(t.X)
	}
	return "?"
}

// typeSpelling spells type expression x as written.
func typeSpelling(x ast.Expr) string {
	switch t := typeUnparen(x).(type) {
	case *ast.StarExpr:
		return "*" + typeSpelling(t.X)
	case *ast.SelectorExpr:
		return typeSpelling(t.X) + "." + t.Sel.Name
	case *ast.Ident:
		return t.Name
	}
	return embeddedName(x)
}

// embedAdvice is the refusal for a call of the function named by key
// given a value whose type holds the embedded field f.
func embedAdvice(key, enc string, f embeddedField) string {
	fn := key
	if i := strings.LastIndex(key, "/"); i >= 0 {
		fn = key[i+1:]
	}
	named := strings.ToUpper(f.name[:1]) + f.name[1:]
	tag := ""
	if enc != "" {
		tag = fmt.Sprintf(" `%s:\"%s\"`", enc, strings.ToLower(f.name[:1])+f.name[1:])
	}
	return fmt.Sprintf("%s cannot see the embedded field %s of %s as Go does: the interpreter makes an embedded field an ordinary field named %s "+
		"unless it is the struct's only field, so %s would treat %s as one field where Go promotes its fields into %s. "+
		"Name the field and tag it (%s %s%s), or copy the fields of %s into %s without embedding",
		fn, f.field, f.owner, f.name, fn, f.name, f.owner, named, f.field, tag, f.name, f.owner)
}
