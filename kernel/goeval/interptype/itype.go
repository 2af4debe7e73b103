package interptype

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// slotKind says what an interface type lets its values be.
type slotKind int

const (
	slotNone    slotKind = iota // not an interface type
	slotAny                     // interface{}: anything
	slotError                   // error
	slotIface                   // an interface with methods
	slotUnknown                 // a type parameter or an unknown type: anything
)

// method is a method declared on a named type.
type method struct {
	name    string
	ptrRecv bool
	sig     string // "string" for String() string, "format" for Format(fmt.State, rune), "" otherwise
}

// Type describes one yaegi itype. Its structure is read once, when it is
// first met; its methods are read again when the Universe changes.
type Type struct {
	u          *Universe
	p          reflect.Value // the *itype, read only
	cat        string
	name, path string
	kind       reflect.Kind
	str        string
	rtype      reflect.Type // run-time representation, if known

	slot      slotKind
	ifaceMeth []string // for an interface type: its method names

	elem, key  goprint.Type
	length     int
	under      goprint.Type // a defined non-struct type: its underlying type
	fields     []goprint.Field
	tags       []string
	embeds     []bool
	args, rets []goprint.Type // a func type's parameters and results
	ifaceSigs  []string       // an interface type's method signatures

	methGen int
	methods *goprint.Methods
}

var basicNames = map[string]string{
	"boolT": "bool", "intT": "int", "int8T": "int8", "int16T": "int16", "int32T": "int32", "int64T": "int64",
	"uintT": "uint", "uint8T": "uint8", "uint16T": "uint16", "uint32T": "uint32", "uint64T": "uint64", "uintptrT": "uintptr",
	"float32T": "float32", "float64T": "float64", "complex64T": "complex64", "complex128T": "complex128", "stringT": "string",
}

var basicKinds = map[string]reflect.Kind{
	"boolT": reflect.Bool, "intT": reflect.Int, "int8T": reflect.Int8, "int16T": reflect.Int16, "int32T": reflect.Int32, "int64T": reflect.Int64,
	"uintT": reflect.Uint, "uint8T": reflect.Uint8, "uint16T": reflect.Uint16, "uint32T": reflect.Uint32, "uint64T": reflect.Uint64, "uintptrT": reflect.Uintptr,
	"float32T": reflect.Float32, "float64T": reflect.Float64, "complex64T": reflect.Complex64, "complex128T": reflect.Complex128, "stringT": reflect.String,
}

var catNames = func() map[uint64]string {
	m := map[uint64]string{}
	for n, v := range lay.cats {
		if n == "float32" {
			continue
		}
		m[v] = n
	}
	return m
}()

func itField(p reflect.Value, i int) reflect.Value { return p.Elem().Field(i) }

// typeOf returns the description of the itype p (a *itype, read only), or
// nil. u.mu is held.
//
// A named type is described once per itype and keeps it (its methods are
// read from it again later). Any other type is described by its structure
// and shared by every itype of that structure: the interpreter makes new
// itypes for the literals of every cell, which must not be kept.
func (u *Universe) typeOf(p reflect.Value) goprint.Type {
	if !p.IsValid() || p.IsNil() {
		return nil
	}
	key := p.Pointer()
	if t, ok := u.types[key]; ok {
		return t
	}
	if t, ok := u.memo[key]; ok {
		return t
	}
	cat := catNames[itField(p, lay.it.cat).Uint()]
	if cat == "valueT" {
		rt := rtypeOf(p)
		if rt == nil {
			return nil
		}
		return u.bin(rt)
	}
	t := &Type{u: u, p: p, cat: cat,
		name: itField(p, lay.it.name).String(), path: itField(p, lay.it.path).String()}
	if t.name == "" && itField(p, lay.it.method).Len() > 0 {
		// An instance of a generic type that is not a struct: yaegi
		// keeps its name only in the type declaration it made for it.
		if t.name = instanceName(p); t.name != "" {
			t.path = "main"
			u.lostInstances.Store(true)
		}
	}
	t.rtype = rtypeOf(p)
	if t.named() {
		u.types[key] = t
		u.fill(t)
		if t.rtype == nil {
			u.pending = append(u.pending, t)
		}
		u.addIndex(t)
		return t
	}
	t.p = reflect.Value{}
	u.fillFrom(t, p)
	c := u.canonical(t)
	if u.memo != nil {
		u.memo[key] = c
	}
	return c
}

// instanceName returns the name of the generic type instance whose type
// declaration made itype p (Vec[float64]), "" if there is none.
func instanceName(p reflect.Value) string {
	n := itField(p, lay.it.node)
	if n.IsNil() {
		return ""
	}
	spec := n.Elem().Field(lay.node.anc)
	if spec.IsNil() || kindOf(spec) != lay.kinds["typeSpec"] {
		return ""
	}
	id := child(spec, 0)
	if !id.IsValid() || id.IsNil() {
		return ""
	}
	name := id.Elem().Field(lay.node.ident).String()
	if !strings.Contains(name, "[") {
		return ""
	}
	return name
}

// canonical returns the shared description of the unnamed type t.
func (u *Universe) canonical(t *Type) *Type {
	var b strings.Builder
	b.WriteString(t.cat)
	id := func(x goprint.Type) { fmt.Fprintf(&b, "|%p", x) }
	switch t.cat {
	case "arrayT":
		fmt.Fprintf(&b, "|%d", t.length)
	case "structT":
		for i, f := range t.fields {
			fmt.Fprintf(&b, "|%s|%q|%v", f.Name, t.tags[i], t.embeds[i])
			id(f.Type)
		}
	case "funcT":
		for _, a := range t.args {
			id(a)
		}
		b.WriteString("|->")
		for _, r := range t.rets {
			id(r)
		}
	case "interfaceT":
		for i, n := range t.ifaceMeth {
			fmt.Fprintf(&b, "|%s%s", n, t.ifaceSigs[i])
		}
	}
	id(t.elem)
	id(t.key)
	id(t.under)
	k := b.String()
	if c, ok := u.shared[k]; ok {
		if c.rtype == nil && t.rtype != nil {
			c.rtype = t.rtype
			u.addIndex(c)
		}
		return c
	}
	u.shared[k] = t
	u.addIndex(t)
	return t
}

// makeRtype returns itype p's reflect type, having yaegi make it (its
// exported method TypeOf) if it has not yet; nil if it cannot.
func makeRtype(p reflect.Value) (rt reflect.Type) {
	if rt = rtypeOf(p); rt != nil {
		return rt
	}
	defer func() {
		if recover() != nil {
			rt = nil
		}
	}()
	m := open(p).MethodByName("TypeOf")
	if !m.IsValid() {
		return nil
	}
	out := m.Call(nil)
	rt, _ = out[0].Interface().(reflect.Type)
	return rt
}

// indexPending indexes the named types whose reflect type yaegi had not
// made when they were met and has made since. u.mu is held.
func (u *Universe) indexPending() {
	rest := u.pending[:0]
	for _, t := range u.pending {
		if t.rtype == nil {
			t.rtype = makeRtype(t.p)
		}
		if t.rtype == nil {
			rest = append(rest, t)
			continue
		}
		u.addIndex(t)
	}
	u.pending = rest
}

func (u *Universe) addIndex(t *Type) {
	if t.rtype != nil {
		u.index[t.rtype] = append(u.index[t.rtype], t)
	}
}

// rtypeOf reads an itype's reflect type, nil if yaegi has not computed it.
func rtypeOf(p reflect.Value) reflect.Type {
	f := itField(p, lay.it.rtype)
	if f.IsNil() {
		return nil
	}
	rt, _ := open(f).Interface().(reflect.Type)
	return rt
}

// fill reads the structure of t. u.mu is held.
func (u *Universe) fill(t *Type) { u.fillFrom(t, t.p) }

// fillFrom reads the structure of t from itype p. u.mu is held.
func (u *Universe) fillFrom(t *Type, p reflect.Value) {
	comp := func(i int) goprint.Type { return u.typeOf(itField(p, i)) }
	switch c := t.cat; {
	case basicKinds[c] != reflect.Invalid:
		t.kind = basicKinds[c]
		if t.name == "" || t.path == "" {
			t.name, t.path = basicNames[c], ""
		}
	case c == "linkedT":
		t.under = comp(lay.it.val)
		if t.under != nil {
			t.kind = t.under.Kind()
			if t.kind == reflect.Interface {
				t.slot, t.ifaceMeth = slotOf(t.under)
			}
		}
	case c == "structT":
		t.kind = reflect.Struct
		fs := itField(p, lay.it.field)
		for i := 0; i < fs.Len(); i++ {
			f := fs.Index(i)
			name := f.Field(lay.sf.name).String()
			ft := u.typeOf(f.Field(lay.sf.typ))
			if ft == nil {
				ft = u.Unknown0()
			}
			r, _ := utf8.DecodeRuneInString(name)
			t.fields = append(t.fields, goprint.Field{Name: name, Exported: unicode.IsUpper(r), Type: ft})
			tag := f.Field(lay.sf.tag).String()
			if rest, ok := strings.CutPrefix(tag, HiddenFieldTag); ok {
				tag = strings.TrimPrefix(rest, " ")
			}
			t.tags = append(t.tags, tag)
			t.embeds = append(t.embeds, f.Field(lay.sf.embed).Bool())
		}
	case c == "sliceT" || c == "variadicT":
		t.kind, t.elem = reflect.Slice, comp(lay.it.val)
	case c == "arrayT":
		t.kind, t.elem = reflect.Array, comp(lay.it.val)
		t.length = int(itField(p, lay.it.length).Int())
	case c == "mapT":
		t.kind, t.key, t.elem = reflect.Map, comp(lay.it.key), comp(lay.it.val)
	case c == "ptrT":
		t.kind, t.elem = reflect.Pointer, comp(lay.it.val)
	case c == "chanT" || c == "chanSendT" || c == "chanRecvT":
		t.kind, t.elem = reflect.Chan, comp(lay.it.val)
	case c == "funcT":
		t.kind = reflect.Func
		t.args = u.typeList(itField(p, lay.it.arg))
		t.rets = u.typeList(itField(p, lay.it.ret))
	case c == "interfaceT":
		t.kind = reflect.Interface
		t.ifaceMeth, t.ifaceSigs = u.interfaceMethods(p)
		if len(t.ifaceMeth) == 0 {
			t.slot = slotAny
		} else {
			t.slot = slotIface
		}
	case c == "errorT":
		t.kind, t.slot, t.ifaceMeth = reflect.Interface, slotError, []string{"Error"}
		t.name, t.path = "error", ""
	case c == "genericT":
		t.kind, t.slot = reflect.Interface, slotUnknown
	default: // nilT and what cannot be a value
		t.kind = reflect.Invalid
	}
	t.str = t.spell()
}

// Unknown0 is Unknown with u.mu held.
func (u *Universe) Unknown0() goprint.Type {
	if u.unknown == nil {
		u.unknown = &Type{u: u, cat: "genericT", kind: reflect.Interface, str: "interface {}", slot: slotUnknown}
	}
	return u.unknown
}

func (u *Universe) typeList(l reflect.Value) []goprint.Type {
	var out []goprint.Type
	for i := 0; i < l.Len(); i++ {
		t := u.typeOf(l.Index(i))
		if t == nil {
			t = u.Unknown0()
		}
		out = append(out, t)
	}
	return out
}

// interfaceMethods returns the method names of an interfaceT, embedded
// interfaces included, sorted, and their signatures as Go spells them.
func (u *Universe) interfaceMethods(p reflect.Value) ([]string, []string) {
	sigs := map[string]string{}
	var walk func(p reflect.Value, depth int)
	walk = func(p reflect.Value, depth int) {
		if depth > 10 || p.IsNil() {
			return
		}
		fs := itField(p, lay.it.field)
		for i := 0; i < fs.Len(); i++ {
			f := fs.Index(i)
			ft := f.Field(lay.sf.typ)
			if ft.IsNil() {
				continue
			}
			switch catNames[itField(ft, lay.it.cat).Uint()] {
			case "funcT":
				name := f.Field(lay.sf.name).String()
				sig := ""
				if d, ok := u.typeOf(ft).(*Type); ok {
					sig = strings.TrimPrefix(d.str, "func")
				}
				sigs[name] = sig
			case "interfaceT":
				walk(ft, depth+1)
			case "errorT":
				sigs["Error"] = "() string"
			case "valueT":
				if rt := rtypeOf(ft); rt != nil && rt.Kind() == reflect.Interface {
					for j := 0; j < rt.NumMethod(); j++ {
						m := rt.Method(j)
						sigs[m.Name] = strings.TrimPrefix(m.Type.String(), "func")
					}
				}
			}
		}
	}
	walk(p, 0)
	names := make([]string, 0, len(sigs))
	for n := range sigs {
		names = append(names, n)
	}
	sortStrings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = sigs[n]
	}
	return names, out
}

func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// slotOf returns what values an interface type (a Type or a compiled one)
// may hold, and its method names.
func slotOf(t goprint.Type) (slotKind, []string) {
	switch x := t.(type) {
	case *Type:
		return x.slot, x.ifaceMeth
	case *binType:
		return x.slot, x.ifaceMeth
	}
	return slotUnknown, nil
}

// named reports whether t is a defined (named) type that is not predeclared.
func (t *Type) named() bool {
	if t.name == "" {
		return false
	}
	if _, basic := basicKinds[t.cat]; basic && t.path == "" {
		return false
	}
	return t.cat != "errorT"
}

// id is the name that identifies a named type among the interpreter's
// types (its name in its package, the hidden version included).
func (t *Type) id() string { return t.path + "." + t.name }

// spell returns the type as Go's reflect spells it.
func (t *Type) spell() string {
	if t.named() {
		path := t.path
		if path == "" {
			// A generic type's instance: yaegi records no package;
			// generic types are declared in cells, in package main.
			path = "main"
		}
		return path + "." + t.u.Name(t.name)
	}
	if t.name != "" && t.path == "" && (basicKinds[t.cat] != reflect.Invalid || t.cat == "errorT") {
		return t.name
	}
	s := spellOf
	switch t.cat {
	case "sliceT", "variadicT":
		return "[]" + s(t.elem)
	case "arrayT":
		return "[" + strconv.Itoa(t.length) + "]" + s(t.elem)
	case "mapT":
		return "map[" + s(t.key) + "]" + s(t.elem)
	case "ptrT":
		return "*" + s(t.elem)
	case "chanT":
		e := s(t.elem)
		if strings.HasPrefix(e, "<-chan") {
			e = "(" + e + ")"
		}
		return "chan " + e
	case "chanSendT":
		return "chan<- " + s(t.elem)
	case "chanRecvT":
		return "<-chan " + s(t.elem)
	case "funcT":
		return "func" + t.signature()
	case "structT":
		if len(t.fields) == 0 {
			return "struct {}"
		}
		parts := make([]string, len(t.fields))
		for i, f := range t.fields {
			p := s(f.Type)
			if !t.embeds[i] {
				p = f.Name + " " + p
			}
			if t.tags[i] != "" {
				p += " " + strconv.Quote(t.tags[i])
			}
			parts[i] = p
		}
		return "struct { " + strings.Join(parts, "; ") + " }"
	case "interfaceT":
		if len(t.ifaceMeth) == 0 {
			return "interface {}"
		}
		parts := make([]string, len(t.ifaceMeth))
		for i, n := range t.ifaceMeth {
			parts[i] = n + t.ifaceSigs[i]
		}
		return "interface { " + strings.Join(parts, "; ") + " }"
	case "genericT":
		return "interface {}"
	}
	return t.name
}

// spellOf is x's spelling, without the checks of String (for use inside
// the Universe, whose lock may be held).
func spellOf(x goprint.Type) string {
	switch x := x.(type) {
	case nil:
		return "?"
	case *Type:
		return x.str
	}
	return x.String()
}

// signature spells a func type's parameters and results.
func (t *Type) signature() string {
	var b strings.Builder
	b.WriteByte('(')
	for i, a := range t.args {
		if i > 0 {
			b.WriteString(", ")
		}
		if at, ok := a.(*Type); ok && at.cat == "variadicT" {
			b.WriteString("...")
			b.WriteString(spellOf(at.elem))
			continue
		}
		b.WriteString(spellOf(a))
	}
	b.WriteByte(')')
	switch len(t.rets) {
	case 0:
	case 1:
		b.WriteString(" " + spellOf(t.rets[0]))
	default:
		b.WriteString(" (")
		for i, r := range t.rets {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(spellOf(r))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// String returns the type as %T prints it.
func (t *Type) String() string {
	if t.named() && t.u.argsUnsure(t.name) {
		panic(&goprint.Unsupported{Message: "fmt cannot print the name of " + t.str + " as Go would: the interpreter spells a type argument that is an instance of a generic type by its underlying type; print the value with %v, or name the type yourself"})
	}
	return t.str
}

// argsUnsure reports whether the type arguments of an instance name may
// misspell an instance of a non-struct generic type (yaegi writes
// Pair[main.P,[]int] for Pair[P, Vec[int]]).
func (u *Universe) argsUnsure(name string) bool {
	i := strings.IndexByte(name, '[')
	if i < 0 {
		return false
	}
	if !u.lostInstances.Load() {
		return false
	}
	args := name[i+1:]
	for _, c := range []string{"[", "map", "*", "func", "chan"} {
		if strings.Contains(args, c) {
			return true
		}
	}
	return false
}

// Kind returns the kind of the Go type.
func (t *Type) Kind() reflect.Kind { return t.kind }

// Elem returns the element type.
func (t *Type) Elem() goprint.Type {
	if t.under != nil {
		return t.under.Elem()
	}
	return t.elem
}

// Key returns the key type of a map type.
func (t *Type) Key() goprint.Type {
	if t.under != nil {
		return t.under.Key()
	}
	return t.key
}

// NumField returns the number of fields of a struct type.
func (t *Type) NumField() int {
	if t.under != nil {
		return t.under.NumField()
	}
	return len(t.fields)
}

// Field returns field i of a struct type.
func (t *Type) Field(i int) goprint.Field {
	if t.under != nil {
		return t.under.Field(i)
	}
	return t.fields[i]
}

// HiddenFieldTag is the tag the evaluator puts first on every unexported
// field of a struct type of the cells, to keep encoding/json and
// encoding/xml from writing the field out under the exported name the
// interpreter gives it. Type names leave it out, as Go never had it.
const HiddenFieldTag = `json:"-" xml:"-"`
