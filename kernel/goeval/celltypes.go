package goeval

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter gives the values of cells' types reflect types without
// names or methods, so compiled code (fmt, errors) cannot print them as Go
// would nor call their String, Error or Unwrap methods. After a chunk
// declares a type or its methods, the evaluator runs a registration:
//
//	_goeval_.Type("Sq_goeval_v1", "Sq", func(*Sq) {}, "String", func(v Sq) string { return v.String() })
//
// which tells the compiled side the type's reflect type and gives it
// function values that call the methods (a pointer receiver's is
// registered under "*String" and takes a *Sq).

// cellType is a version of a cell's type as compiled code knows it.
type cellType struct {
	version string // the hidden versioned name (Sq_goeval_v1), or the name of a generic type
	name    string // the name written in the cells
	rt      reflect.Type
	methods map[string]reflect.Value // "String", "*Error", ...
	// methodSet holds the names of all its methods, a pointer receiver's
	// as "*Name".
	methodSet map[string]bool
}

// hasMethod reports whether a value (ptr false) or pointer of the type
// has method name.
func (ct *cellType) hasMethod(name string, ptr bool) bool {
	return ct != nil && (ct.methodSet[name] || ptr && ct.methodSet["*"+name])
}

// method returns the function calling method name on a value (ptr false)
// or a pointer (ptr true) of the type: a pointer can use a value
// receiver's method too.
func (ct *cellType) method(name string, ptr bool) (fn reflect.Value, onPtr bool) {
	if ct == nil {
		return reflect.Value{}, false
	}
	if f, ok := ct.methods[name]; ok {
		return f, false
	}
	if ptr {
		if f, ok := ct.methods["*"+name]; ok {
			return f, true
		}
	}
	return reflect.Value{}, false
}

// cellTypes holds the registered types.
type cellTypes struct {
	mu        sync.RWMutex
	byVersion map[string]*cellType
	// byRT maps the reflect type of a struct type of the cells to the type
	// registered last with it.
	byRT map[reflect.Type]*cellType
	// embeds holds, by the reflect type of a struct type of the cells, the
	// embedded fields the interpreter left unmarked (embedfields.go) in
	// any type of the cells with that reflect type.
	embeds map[reflect.Type][]embeddedField
}

func newCellTypes() *cellTypes {
	return &cellTypes{byVersion: map[string]*cellType{}, byRT: map[reflect.Type]*cellType{}, embeds: map[reflect.Type][]embeddedField{}}
}

// register is the Type hook. typ is a func(*T) {}: a value of the type
// itself handed to compiled code would count as one stored bare there
// (untracked.go).
func (c *cellTypes) register(version, name string, typ any, methods ...any) {
	ft := reflect.TypeOf(typ)
	if ft == nil || ft.Kind() != reflect.Func || ft.NumIn() != 1 || ft.In(0).Kind() != reflect.Pointer {
		return
	}
	ct := &cellType{version: version, name: name, rt: ft.In(0).Elem(), methods: map[string]reflect.Value{}, methodSet: map[string]bool{}}
	for i := 0; i+1 < len(methods); i += 2 {
		m, _ := methods[i].(string)
		if m == "embeds" {
			list, _ := methods[i+1].(string)
			c.addEmbeds(ft.In(0).Elem(), name, list)
			continue
		}
		if m == "methods" {
			names, _ := methods[i+1].(string)
			for _, n := range strings.Fields(names) {
				ct.methodSet[n] = true
			}
			continue
		}
		if fn := reflect.ValueOf(methods[i+1]); fn.Kind() == reflect.Func && m != "" {
			ct.methods[m] = fn
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byVersion[version] = ct
	if ct.rt.Kind() == reflect.Struct && ct.rt.Name() == "" {
		c.byRT[ct.rt] = ct
	}
}

// lookup returns the registered version of a type.
func (c *cellTypes) lookup(version string) *cellType {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.byVersion[version]
}

// byType returns the cell type registered last with reflect type rt (an
// unnamed struct type: the interpreter's struct types have no names).
func (c *cellTypes) byType(rt reflect.Type) *cellType {
	if rt == nil || rt.Kind() != reflect.Struct || rt.Name() != "" {
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.byRT[rt]
}

// sharedRepresentation reports whether values of another type may have
// the reflect type of ct's values: always, unless it is an unnamed
// struct type (the interpreter's struct types) no other type of the cells
// has.
func (c *cellTypes) sharedRepresentation(ct *cellType) bool {
	if ct.rt.Kind() != reflect.Struct || ct.rt.Name() != "" {
		return true
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, o := range c.byVersion {
		if o.name != ct.name && o.rt == ct.rt {
			return true
		}
	}
	return false
}

// registeredMethods are the methods compiled code calls, with the
// signature each must have.
var registeredMethods = []struct{ name, params, results string }{
	{"Error", "", "string"},
	{"String", "", "string"},
	{"GoString", "", "string"},
	{"Unwrap", "", "error"},
	{"Unwrap", "", "[]error"},
	{"Is", "error", "bool"},
	{"As", "any", "bool"},
	{"As", "interface{}", "bool"},
	// kernel/display's methods: the value of a cell's last expression
	// shows through them (see displayMethod).
	{"HTML", "", "string"},
	{"Markdown", "", "string"},
	{"SVG", "", "string"},
	{"LaTeX", "", "string"},
	{"PNG", "", "[]byte"},
	{"GIF", "", "[]byte"},
	{"JSON", "", "any"},
	{"JSON", "", "interface{}"},
}

// registerTypes tells compiled code about the current versions of the
// named types of the cells. It is best effort: a type it cannot register
// prints as the interpreter prints it.
func (run *cellRun) registerTypes(names map[string]bool) {
	if len(names) == 0 {
		return
	}
	e := run.e
	in := e.editingTypes(newCellScope())
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var w emitter
	w.raw(mainPrefix + "\n")
	count := 0
	for _, name := range sorted {
		u := e.reg.units[name]
		if u == nil || u.kind != unitType || u.generic || isHidden(name) {
			continue
		}
		version := name
		if v := e.reg.version[name]; v > 0 {
			version = versionName(name, v)
		}
		args := []string{strconv.Quote(version), strconv.Quote(name), "func(*" + name + ") {}"}
		for _, m := range typeMethods(in, name) {
			args = append(args, m...)
		}
		args = append(args, strconv.Quote("methods"), strconv.Quote(methodNames(in, name)))
		if em := embedsList(in, name); em != "" {
			args = append(args, strconv.Quote("embeds"), strconv.Quote(em))
		}
		w.raw(hooksImport + ".Type(" + strings.Join(args, ", ") + ")\n")
		count++
	}
	if count == 0 {
		return
	}
	w.raw("}")
	// The printer does not read this program: the new(T) it hands to
	// the hook's interface{} parameter would count as a *T the
	// interpreter stores without its type (see interptype's walker).
	if e.fmt != nil {
		e.fmt.registering = true
	}
	prog, err := e.compile(w.String(), true)
	if e.fmt != nil {
		e.fmt.registering = false
	}
	if err != nil {
		return
	}
	_ = run.execute(prog)
}

// typeMethods returns, for each registered method the type has, its key
// and a function literal that calls it.
func typeMethods(in *typeinfer.Inferer, name string) [][]string {
	var out [][]string
	for _, m := range in.Members(typeinfer.Type{AST: ast.NewIdent(name)}) {
		if m.Kind != "method" || m.Method == nil {
			continue
		}
		ft := m.Method.Type
		for _, rm := range registeredMethods {
			if m.Name != rm.name || fieldsText(ft.Params) != rm.params || fieldsText(ft.Results) != rm.results {
				continue
			}
			recv, key := name, rm.name
			if m.PtrRecv {
				recv, key = "*"+name, "*"+rm.name
			}
			params, args := "", ""
			if rm.params != "" {
				params, args = ", a "+rm.params, "a"
			}
			lit := "func(v " + recv + params + ") " + rm.results + " { return v." + rm.name + "(" + args + ") }"
			out = append(out, []string{strconv.Quote(key), lit})
		}
	}
	return out
}

// methodNames lists the methods of a type, "*Name" for a pointer
// receiver's, space separated.
func methodNames(in *typeinfer.Inferer, name string) string {
	var out []string
	for _, m := range in.Members(typeinfer.Type{AST: ast.NewIdent(name)}) {
		if m.Kind != "method" {
			continue
		}
		if m.PtrRecv {
			out = append(out, "*"+m.Name)
		} else {
			out = append(out, m.Name)
		}
	}
	return strings.Join(out, " ")
}

// fieldsText writes the types of a parameter or result list, comma
// separated.
func fieldsText(fl *ast.FieldList) string {
	if fl == nil {
		return ""
	}
	var parts []string
	for _, f := range fl.List {
		for range max(len(f.Names), 1) {
			parts = append(parts, types.ExprString(f.Type))
		}
	}
	return strings.Join(parts, ", ")
}
