package goeval

import (
	"go/ast"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A value of a struct type of the cells reaching a compiled function that
// reads fields by name through an interface{} (var a any = run;
// json.Marshal(a)) has no static type to refuse before the cell runs
// (embedfields.go): the registration of the type records the embedded
// fields the interpreter leaves unmarked, by reflect type, and the
// OutFields hook looks through the value handed over and refuses it there.
// Types of the cells with the same fields have the same reflect type: a
// value of one is refused when any of them embeds.

// embedsList spells, for the registration of type name, the embedded
// fields of its struct type the interpreter leaves unmarked, as
// "name,type,json;..." where json is 1 when a json name tag makes
// encoding/json read the field as Go does.
func embedsList(in *typeinfer.Inferer, name string) string {
	ts := in.UserType(name)
	if ts == nil || ts.TypeParams != nil {
		return ""
	}
	st, ok := typeUnparen(ts.Type).(*ast.StructType)
	if !ok || st.Fields == nil {
		return ""
	}
	n := 0
	for _, f := range st.Fields.List {
		n += max(1, len(f.Names))
	}
	if n < 2 {
		return ""
	}
	var list []string
	for _, f := range st.Fields.List {
		if len(f.Names) > 0 || !promotedField(in, f, "") {
			continue
		}
		jsonOK := "0"
		if !promotedField(in, f, "json") {
			jsonOK = "1"
		}
		list = append(list, embeddedName(f.Type)+","+typeSpelling(f.Type)+","+jsonOK)
	}
	return strings.Join(list, ";")
}

// addEmbeds records the unmarked embedded fields of type name, whose
// values have reflect type rt.
func (c *cellTypes) addEmbeds(rt reflect.Type, name, list string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range strings.Split(list, ";") {
		parts := strings.Split(e, ",")
		if len(parts) != 3 {
			continue
		}
		c.embeds[rt] = append(c.embeds[rt], embeddedField{owner: name, name: parts[0], field: parts[1], jsonOK: parts[2] == "1"})
	}
}

// embedsOf returns the unmarked embedded fields recorded for rt.
func (c *cellTypes) embedsOf(rt reflect.Type) []embeddedField {
	if rt.Kind() != reflect.Struct || rt.Name() != "" {
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.embeds[rt]
}

// outFields is the OutFields hook: Out for compiled function key, which
// reads the fields of the value by name, refusing a value that holds a
// struct of the cells with an unmarked embedded field.
func (s *dynTypes) outFields(key string, mark bool, box []any) any {
	r := s.outValue(mark, box)
	if f, found := s.valueEmbeds(reflect.ValueOf(r), fieldReaders[key], map[reflect.Type]bool{}, 0); found {
		panic(&refusal{msg: embedAdvice(key, fieldReaders[key], f)})
	}
	return r
}

// valueEmbeds looks through v for a struct of the cells with an unmarked
// embedded field that encoding enc would promote.
func (s *dynTypes) valueEmbeds(v reflect.Value, enc string, seen map[reflect.Type]bool, depth int) (embeddedField, bool) {
	if !v.IsValid() || depth > 64 {
		return embeddedField{}, false
	}
	t := v.Type()
	if !mayHoldInterface(t) {
		return s.typeEmbeds(t, enc, seen, depth)
	}
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			return s.valueEmbeds(v.Elem(), enc, map[reflect.Type]bool{}, depth+1)
		}
	case reflect.Struct:
		if f, found := s.ownEmbeds(t, enc); found {
			return f, true
		}
		for i := 0; i < v.NumField(); i++ {
			if f, found := s.valueEmbeds(v.Field(i), enc, seen, depth+1); found {
				return f, true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if f, found := s.valueEmbeds(v.Index(i), enc, seen, depth+1); found {
				return f, true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if f, found := s.valueEmbeds(it.Key(), enc, seen, depth+1); found {
				return f, true
			}
			if f, found := s.valueEmbeds(it.Value(), enc, seen, depth+1); found {
				return f, true
			}
		}
	}
	return embeddedField{}, false
}

// typeEmbeds looks through type t, which holds no interface values except
// through pointers, for a struct of the cells with an unmarked embedded
// field that encoding enc would promote.
func (s *dynTypes) typeEmbeds(t reflect.Type, enc string, seen map[reflect.Type]bool, depth int) (embeddedField, bool) {
	if seen[t] || depth > 64 {
		return embeddedField{}, false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return s.typeEmbeds(t.Elem(), enc, seen, depth+1)
	case reflect.Map:
		if f, found := s.typeEmbeds(t.Key(), enc, seen, depth+1); found {
			return f, true
		}
		return s.typeEmbeds(t.Elem(), enc, seen, depth+1)
	case reflect.Struct:
		if f, found := s.ownEmbeds(t, enc); found {
			return f, true
		}
		for i := 0; i < t.NumField(); i++ {
			if f, found := s.typeEmbeds(t.Field(i).Type, enc, seen, depth+1); found {
				return f, true
			}
		}
	}
	return embeddedField{}, false
}

// ownEmbeds returns an unmarked embedded field of struct type t that
// encoding enc would promote.
func (s *dynTypes) ownEmbeds(t reflect.Type, enc string) (embeddedField, bool) {
	if s.cells == nil {
		return embeddedField{}, false
	}
	for _, f := range s.cells.embedsOf(t) {
		if enc != "json" || !f.jsonOK {
			return f, true
		}
	}
	return embeddedField{}, false
}
