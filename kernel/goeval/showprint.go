package goeval

import (
	"fmt"
	"go/ast"
	"go/types"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// valuePrinter formats a value as fmt does (print.go's printValue and
// handleMethods), with the names, fields and methods of the cells' types.
type valuePrinter struct {
	s  *shower
	in *typeinfer.Inferer

	st            fmt.State
	verb          rune
	sharpV, plusV bool
}

func (s *shower) newPrinter() *valuePrinter { return &valuePrinter{s: s, in: s.inferer()} }

func (p *valuePrinter) write(text string) { _, _ = p.st.Write([]byte(text)) }

// spec rebuilds the verb with its flags, width and precision.
func (p *valuePrinter) spec() string {
	var b strings.Builder
	b.WriteByte('%')
	for _, f := range "-+# 0" {
		if p.st.Flag(int(f)) {
			b.WriteRune(f)
		}
	}
	if w, ok := p.st.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if pr, ok := p.st.Precision(); ok {
		b.WriteString("." + strconv.Itoa(pr))
	}
	b.WriteRune(p.verb)
	return b.String()
}

// leaf formats a value fmt can format alone.
func (p *valuePrinter) leaf(v reflect.Value) {
	if !v.CanInterface() {
		fmt.Fprintf(p.st, p.spec(), fmt.Sprint(v))
		return
	}
	fmt.Fprintf(p.st, p.spec(), v.Interface())
}

// resolve strips interfaces from v and, when the static type t is an
// interface or unknown, returns the dynamic type of the value inside.
func (p *valuePrinter) resolve(v reflect.Value, t typeinfer.Type) (reflect.Value, typeinfer.Type) {
	dynamic := !t.IsType() || p.in.Kind(t) == reflect.Interface
	if v.IsValid() && (v.Kind() == reflect.Interface || isValueInterface(v) || !dynamic) {
		var dt *dynType
		v, dt = bareValue(v)
		if dynamic && v.IsValid() {
			t = p.dynamicType(v, dt)
		}
	}
	if dynamic && v.IsValid() && !t.IsType() {
		t = p.dynamicType(v, nil)
	}
	if ct, ok := p.compiledAlias(t); ok {
		t = ct
	}
	return v, t
}

// dynamicType returns the type of a value taken out of an interface: the
// cell type the interpreter recorded, or the one registered with its
// struct type, or its reflect type.
func (p *valuePrinter) dynamicType(v reflect.Value, dt *dynType) typeinfer.Type {
	if dt != nil {
		if dt.cat == itypePtr && dt.elem != nil {
			if name, ok := p.cellTypeName(dt.elem); ok {
				return typeinfer.Type{AST: &ast.StarExpr{X: ast.NewIdent(name)}}
			}
		} else if name, ok := p.cellTypeName(dt); ok {
			return typeinfer.Type{AST: ast.NewIdent(name)}
		}
	}
	rt := v.Type()
	if ct := p.s.cells.byType(rt); ct != nil {
		return typeinfer.Type{AST: ast.NewIdent(ct.name)}
	}
	if rt.Kind() == reflect.Pointer {
		if ct := p.s.cells.byType(rt.Elem()); ct != nil {
			return typeinfer.Type{AST: &ast.StarExpr{X: ast.NewIdent(ct.name)}}
		}
	}
	return typeinfer.Type{RT: rt}
}

// cellTypeName returns the written name of the cell type the interpreter
// type dt names.
func (p *valuePrinter) cellTypeName(dt *dynType) (string, bool) {
	if dt == nil || dt.name == "" || dt.path != "main" {
		return "", false
	}
	if ct := p.s.cells.lookup(dt.name); ct != nil {
		return ct.name, true
	}
	if m := versionRE.FindStringSubmatch(dt.name); m != nil {
		return m[1], p.in.UserType(m[1]) != nil
	}
	return dt.name, p.in.UserType(dt.name) != nil
}

// needsHelp reports whether fmt would print v of static type t other than
// Go prints it.
func (p *valuePrinter) needsHelp(v reflect.Value, t typeinfer.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	v, t = p.resolve(v, t)
	if !v.IsValid() {
		return false
	}
	if t.AST != nil {
		return true
	}
	if !rtNeedsHelp(v.Type()) {
		return false
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p.needsHelp(v.Index(i), typeinfer.Type{RT: v.Type().Elem()}, depth+1) {
				return true
			}
		}
		return false
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if p.needsHelp(it.Key(), typeinfer.Type{RT: v.Type().Key()}, depth+1) ||
				p.needsHelp(it.Value(), typeinfer.Type{RT: v.Type().Elem()}, depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// rtNeedsHelp reports whether a value of compiled type rt can hold values
// of the interpreter: an interface, or a composite of interfaces, or an
// unnamed struct type (the interpreter's).
func rtNeedsHelp(rt reflect.Type) bool {
	for range 8 {
		switch rt.Kind() {
		case reflect.Interface:
			return true
		case reflect.Struct:
			return rt.Name() == "" || strings.HasPrefix(rt.PkgPath(), interpPkgPath)
		case reflect.Slice, reflect.Array, reflect.Pointer:
			rt = rt.Elem()
			continue
		case reflect.Map:
			if rtNeedsHelp(rt.Key()) {
				return true
			}
			rt = rt.Elem()
			continue
		}
		return false
	}
	return false
}

// top formats the argument itself (depth 0).
func (p *valuePrinter) top(v reflect.Value, t typeinfer.Type) {
	p.value(v, t, 0, true)
}

// value formats v of static type t at depth; methods says whether fmt
// could call its methods (false for an unexported field).
func (p *valuePrinter) value(v reflect.Value, static typeinfer.Type, depth int, methods bool) {
	v, t := p.resolve(v, static)
	if !v.IsValid() {
		if depth > 0 && p.sharpV {
			p.write(p.typeString(static, v) + "(nil)")
		} else {
			p.write("<nil>")
		}
		return
	}
	if depth > 12 {
		p.leaf(v)
		return
	}
	if methods && p.methods(v, t) {
		return
	}
	if t.RT != nil && !rtNeedsHelp(t.RT) {
		if depth > 0 && v.Kind() == reflect.Pointer {
			p.pointer(v, t)
			return
		}
		p.leaf(v)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		p.structValue(v, t, depth)
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			switch v.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				p.write("&")
				p.value(v.Elem(), p.in.Deref(t), depth+1, true)
				return
			}
		}
		p.pointer(v, t)
	case reflect.Slice, reflect.Array:
		p.list(v, t, depth)
	case reflect.Map:
		p.mapValue(v, t, depth)
	case reflect.Interface:
		p.value(v.Elem(), typeinfer.Type{}, depth+1, true)
	default:
		p.leaf(v)
	}
}

// pointer formats a pointer, channel or function as fmt does: its
// address, or (type)(address) for %#v.
func (p *valuePrinter) pointer(v reflect.Value, t typeinfer.Type) {
	if p.sharpV {
		p.write("(" + p.typeString(t, v) + ")(")
		if v.IsNil() {
			p.write("nil)")
			return
		}
		p.write("0x" + strconv.FormatUint(uint64(v.Pointer()), 16) + ")")
		return
	}
	if v.IsNil() && (p.verb == 'v' || p.verb == 's') {
		p.write("<nil>")
		return
	}
	fmt.Fprintf(p.st, p.spec(), v.Interface())
}

// structValue formats a struct, with the field names of its declaration.
func (p *valuePrinter) structValue(v reflect.Value, t typeinfer.Type, depth int) {
	fields, ok := p.structFields(t)
	if !ok || len(fields) != v.NumField() {
		fields = make([]structField, v.NumField())
		for i := range fields {
			f := v.Type().Field(i)
			fields[i] = structField{name: f.Name, exported: f.IsExported(), t: typeinfer.Type{RT: f.Type}}
		}
	}
	if p.sharpV {
		p.write(p.typeString(t, v))
	}
	p.write("{")
	for i, f := range fields {
		if i > 0 {
			if p.sharpV {
				p.write(", ")
			} else {
				p.write(" ")
			}
		}
		if p.plusV || p.sharpV {
			p.write(f.name + ":")
		}
		p.value(v.Field(i), f.t, depth+1, f.exported)
	}
	p.write("}")
}

// structField is a field as its declaration writes it.
type structField struct {
	name     string
	exported bool
	t        typeinfer.Type
}

// structFields returns the fields of a struct type of the cells.
func (p *valuePrinter) structFields(t typeinfer.Type) ([]structField, bool) {
	if t.AST == nil {
		return nil, false
	}
	st, ok := p.in.Underlying(t.AST).(*ast.StructType)
	if !ok {
		return nil, false
	}
	var out []structField
	for _, f := range st.Fields.List {
		ft := p.in.TypeExpr(f.Type)
		if len(f.Names) == 0 {
			name := typeinfer.EmbeddedName(f.Type)
			out = append(out, structField{name: name, exported: ast.IsExported(name), t: ft})
			continue
		}
		for _, n := range f.Names {
			out = append(out, structField{name: n.Name, exported: ast.IsExported(n.Name), t: ft})
		}
	}
	return out, true
}

// list formats a slice or an array.
func (p *valuePrinter) list(v reflect.Value, t typeinfer.Type, depth int) {
	elem := p.in.Elem(t)
	if !elem.IsType() && t.RT == nil {
		elem = typeinfer.Type{}
	}
	if t.RT != nil {
		elem = typeinfer.Type{RT: t.RT.Elem()}
	}
	if p.sharpV {
		p.write(p.typeString(t, v))
		if v.Kind() == reflect.Slice && v.IsNil() {
			p.write("(nil)")
			return
		}
		p.write("{")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				p.write(", ")
			}
			p.value(v.Index(i), elem, depth+1, true)
		}
		p.write("}")
		return
	}
	p.write("[")
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			p.write(" ")
		}
		p.value(v.Index(i), elem, depth+1, true)
	}
	p.write("]")
}

// mapValue formats a map, its keys sorted as fmt sorts them.
func (p *valuePrinter) mapValue(v reflect.Value, t typeinfer.Type, depth int) {
	keyT, elemT := p.in.MapKey(t), p.in.Elem(t)
	if t.RT != nil {
		keyT, elemT = typeinfer.Type{RT: t.RT.Key()}, typeinfer.Type{RT: t.RT.Elem()}
	}
	if p.sharpV {
		p.write(p.typeString(t, v))
		if v.IsNil() {
			p.write("(nil)")
			return
		}
		p.write("{")
	} else {
		p.write("map[")
	}
	keys := v.MapKeys()
	sort.SliceStable(keys, func(i, j int) bool { return compareValues(keys[i], keys[j]) < 0 })
	for i, k := range keys {
		if i > 0 {
			if p.sharpV {
				p.write(", ")
			} else {
				p.write(" ")
			}
		}
		p.value(k, keyT, depth+1, true)
		p.write(":")
		p.value(v.MapIndex(k), elemT, depth+1, true)
	}
	if p.sharpV {
		p.write("}")
	} else {
		p.write("]")
	}
}

// methods calls the Error or String method (GoString for %#v) of v, as
// fmt's handleMethods does, and reports whether it printed.
func (p *valuePrinter) methods(v reflect.Value, t typeinfer.Type) bool {
	stringable := false
	switch p.verb {
	case 'v', 's', 'x', 'X', 'q':
		stringable = !p.sharpV
	}
	if !stringable && !p.sharpV {
		return false
	}
	if name, ptr, ok := p.cellNamed(t); ok {
		ct := p.s.version(name)
		names := []string{"Error", "String"}
		if p.sharpV {
			names = []string{"GoString"}
		}
		for _, m := range names {
			fn, onPtr := ct.method(m, ptr)
			if !fn.IsValid() {
				continue
			}
			arg := v
			if ptr && !onPtr {
				if v.IsNil() {
					p.methodPanic(m, v, "nil pointer")
					return true
				}
				arg = v.Elem()
			}
			s, ok := p.call(fn, arg, m, v)
			if !ok {
				return true
			}
			p.methodString(s)
			return true
		}
		return false
	}
	if !v.CanInterface() {
		return false
	}
	x := v.Interface()
	if _, ok := x.(fmt.Formatter); ok {
		return false // fmt will call Format
	}
	if p.sharpV {
		if gs, ok := x.(fmt.GoStringer); ok {
			p.write(gs.GoString())
			return true
		}
		return false
	}
	switch m := x.(type) {
	case error:
		p.methodString(m.Error())
		return true
	case fmt.Stringer:
		p.methodString(m.String())
		return true
	}
	return false
}

// methodString formats what a String or Error method returned.
func (p *valuePrinter) methodString(s string) {
	if p.sharpV {
		p.write(s)
		return
	}
	fmt.Fprintf(p.st, p.spec(), s)
}

// call calls a registered method; a panic prints as fmt prints it.
func (p *valuePrinter) call(fn, arg reflect.Value, name string, orig reflect.Value) (s string, ok bool) {
	in := fn.Type().In(0)
	if !arg.Type().AssignableTo(in) {
		if !arg.Type().ConvertibleTo(in) {
			return "", false
		}
		arg = arg.Convert(in)
	}
	defer func() {
		if r := recover(); r != nil {
			p.methodPanic(name, orig, r)
			ok = false
		}
	}()
	out := fn.Call([]reflect.Value{arg})
	return out[0].String(), true
}

// methodPanic prints a panic of a String or Error method as fmt does.
func (p *valuePrinter) methodPanic(name string, v reflect.Value, r any) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		p.write("<nil>")
		return
	}
	p.write("%!" + string(p.verb) + "(PANIC=" + name + " method: " + fmt.Sprint(r) + ")")
}

// hasStringMethod reports whether fmt would call a String or Error method
// of v.
func (p *valuePrinter) hasStringMethod(v reflect.Value, t typeinfer.Type) bool {
	if name, ptr, ok := p.cellNamed(t); ok {
		ct := p.s.version(name)
		for _, m := range []string{"Error", "String"} {
			if fn, _ := ct.method(m, ptr); fn.IsValid() {
				return true
			}
		}
		return false
	}
	if !v.CanInterface() {
		return false
	}
	switch v.Interface().(type) {
	case error, fmt.Stringer:
		return true
	}
	return false
}

// cellNamed returns the name of the cell type t is (or points to).
func (p *valuePrinter) cellNamed(t typeinfer.Type) (name string, ptr bool, ok bool) {
	x := t.AST
	if x == nil {
		return "", false, false
	}
	x = typeUnparen(x)
	if s, isPtr := x.(*ast.StarExpr); isPtr {
		x, ptr = typeUnparen(s.X), true
	}
	switch x := x.(type) {
	case *ast.Ident:
		if p.in.UserType(x.Name) != nil {
			return x.Name, ptr, true
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		var base ast.Expr
		if ix, isIx := x.(*ast.IndexExpr); isIx {
			base = ix.X
		} else {
			base = x.(*ast.IndexListExpr).X
		}
		if id, isID := base.(*ast.Ident); isID && p.in.UserType(id.Name) != nil {
			return id.Name, ptr, true
		}
	}
	return "", false, false
}

// typeString is what %T prints for static type t (v is the value, for
// the types only it knows).
func (p *valuePrinter) typeString(t typeinfer.Type, v reflect.Value) string {
	switch {
	case t.RT != nil:
		return t.RT.String()
	case t.AST != nil:
		return p.astTypeString(t.AST, 0)
	case v.IsValid():
		return v.Type().String()
	}
	return "<nil>"
}

// astTypeString writes a type expression of the cells as reflect writes
// types: main.P, []main.P, map[string]main.P, func(main.Acc) int.
func (p *valuePrinter) astTypeString(x ast.Expr, depth int) string {
	if depth > 16 {
		return "?"
	}
	switch x := x.(type) {
	case *ast.Ident:
		if p.in.UserType(x.Name) != nil {
			return displayName(x.Name)
		}
		if rt := p.in.TypeExpr(x).RT; rt != nil {
			return rt.String()
		}
		return x.Name
	case *ast.ParenExpr:
		return p.astTypeString(x.X, depth+1)
	case *ast.SelectorExpr:
		if rt := p.in.TypeExpr(x).RT; rt != nil {
			return rt.String()
		}
		return types.ExprString(x)
	case *ast.StarExpr:
		return "*" + p.astTypeString(x.X, depth+1)
	case *ast.ArrayType:
		if x.Len == nil {
			return "[]" + p.astTypeString(x.Elt, depth+1)
		}
		n := types.ExprString(x.Len)
		if l, ok := typeinfer.ArrayLen(x.Len); ok {
			n = strconv.Itoa(l)
		}
		return "[" + n + "]" + p.astTypeString(x.Elt, depth+1)
	case *ast.Ellipsis:
		return "[]" + p.astTypeString(x.Elt, depth+1)
	case *ast.MapType:
		return "map[" + p.astTypeString(x.Key, depth+1) + "]" + p.astTypeString(x.Value, depth+1)
	case *ast.ChanType:
		switch x.Dir {
		case ast.SEND:
			return "chan<- " + p.astTypeString(x.Value, depth+1)
		case ast.RECV:
			return "<-chan " + p.astTypeString(x.Value, depth+1)
		}
		return "chan " + p.astTypeString(x.Value, depth+1)
	case *ast.FuncType:
		var ins, outs []string
		if x.Params != nil {
			for _, f := range x.Params.List {
				for range max(len(f.Names), 1) {
					if e, ok := f.Type.(*ast.Ellipsis); ok {
						ins = append(ins, "..."+p.astTypeString(e.Elt, depth+1))
						continue
					}
					ins = append(ins, p.astTypeString(f.Type, depth+1))
				}
			}
		}
		if x.Results != nil {
			for _, f := range x.Results.List {
				for range max(len(f.Names), 1) {
					outs = append(outs, p.astTypeString(f.Type, depth+1))
				}
			}
		}
		s := "func(" + strings.Join(ins, ", ") + ")"
		switch len(outs) {
		case 0:
		case 1:
			s += " " + outs[0]
		default:
			s += " (" + strings.Join(outs, ", ") + ")"
		}
		return s
	case *ast.StructType:
		if x.Fields == nil || len(x.Fields.List) == 0 {
			return "struct {}"
		}
		var fs []string
		for _, f := range x.Fields.List {
			ft := p.astTypeString(f.Type, depth+1)
			tag := ""
			if f.Tag != nil {
				if s, err := strconv.Unquote(f.Tag.Value); err == nil {
					tag = " " + strconv.Quote(s)
				}
			}
			if len(f.Names) == 0 {
				fs = append(fs, ft+tag)
				continue
			}
			for _, n := range f.Names {
				fs = append(fs, n.Name+" "+ft+tag)
			}
		}
		return "struct { " + strings.Join(fs, "; ") + " }"
	case *ast.InterfaceType:
		if x.Methods == nil || len(x.Methods.List) == 0 {
			return "interface {}"
		}
		return "interface { " + strings.TrimSuffix(strings.TrimPrefix(types.ExprString(x), "interface{"), "}") + " }"
	case *ast.IndexExpr:
		return p.astTypeString(x.X, depth+1) + "[" + p.astTypeString(x.Index, depth+1) + "]"
	case *ast.IndexListExpr:
		var args []string
		for _, ix := range x.Indices {
			args = append(args, p.astTypeString(ix, depth+1))
		}
		return p.astTypeString(x.X, depth+1) + "[" + strings.Join(args, ",") + "]"
	}
	return types.ExprString(x)
}

// compareValues orders map keys as fmt does (internal/fmtsort): numbers
// by value, strings, booleans false first, pointers by address, structs
// and arrays field by field, interfaces by type then value.
func compareValues(a, b reflect.Value) int {
	a, _ = bareValue(a)
	b, _ = bareValue(b)
	switch {
	case !a.IsValid() && !b.IsValid():
		return 0
	case !a.IsValid():
		return -1
	case !b.IsValid():
		return 1
	}
	if a.Type() != b.Type() {
		return strings.Compare(a.Type().String(), b.Type().String())
	}
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmpOrdered(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmpOrdered(a.Uint(), b.Uint())
	case reflect.String:
		return strings.Compare(a.String(), b.String())
	case reflect.Float32, reflect.Float64:
		return cmpFloat(a.Float(), b.Float())
	case reflect.Complex64, reflect.Complex128:
		if c := cmpFloat(real(a.Complex()), real(b.Complex())); c != 0 {
			return c
		}
		return cmpFloat(imag(a.Complex()), imag(b.Complex()))
	case reflect.Bool:
		switch {
		case a.Bool() == b.Bool():
			return 0
		case !a.Bool():
			return -1
		}
		return 1
	case reflect.Pointer, reflect.UnsafePointer, reflect.Chan:
		return cmpOrdered(a.Pointer(), b.Pointer())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if c := compareValues(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if c := compareValues(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	}
	return 0
}

func cmpOrdered[T int64 | uint64 | uintptr](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return -1
	case math.IsNaN(b):
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
