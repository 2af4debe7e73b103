package goeval

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"
)

// The interpreter hands compiled code its values in three forms that hide
// what type a cell gave them:
//
//   - an interp.valueInterface{node, value}: an interface value of a type
//     with methods, or an element of a non-empty interface type. Its node
//     carries the interpreter's type (itype), whose name is the versioned
//     name of a cell's type (Sq_goeval_v1);
//   - a wrapper struct {IValue any; WError func() string; ...} that the
//     interpreter builds to make a value of a cell's type satisfy a
//     compiled interface (error, fmt.Stringer): IValue is the bare value;
//   - the bare value, whose reflect type has no name (struct { S float64 })
//     or is the underlying type (int for type Weekday int).
//
// These helpers read the first two. valueInterface's fields are
// unexported, so its value field is read through unsafe: the layout is
// the one of yaegi v0.16.1 (interp/run.go, interp/type.go), and
// TestYaegiLayout fails if it changes.

const yaegiInterp = "github.com/traefik/yaegi/interp"

// The interpreter's type categories (interp/type.go, tcat) that goeval
// reads.
const (
	itypeInterface = 18
	itypePtr       = 26
)

// dynType is what the interpreter knows of a value's type.
type dynType struct {
	cat  int64
	name string // the name of a defined type (a versioned cell type name)
	path string // its package path ("main" for cells)
	elem *dynType
	// itype is the interpreter's *itype itself, read only.
	itype reflect.Value
}

// isValueInterface reports whether v is the interpreter's
// interp.valueInterface.
func isValueInterface(v reflect.Value) bool {
	t := v.Type()
	return v.Kind() == reflect.Struct && t.Name() == "valueInterface" && t.PkgPath() == yaegiInterp && t.NumField() == 2
}

// unwrapValueInterface returns the value an interp.valueInterface holds
// and the interpreter's type of the node that made it; ok is false when v
// is not one.
func unwrapValueInterface(v reflect.Value) (inner reflect.Value, dt *dynType, ok bool) {
	if !v.IsValid() || !isValueInterface(v) {
		return reflect.Value{}, nil, false
	}
	c := v
	if !c.CanAddr() {
		if !v.CanInterface() {
			return reflect.Value{}, nil, false
		}
		c = reflect.New(v.Type()).Elem()
		c.Set(v)
	}
	field := c.Field(1)
	if field.Type() != reflect.TypeFor[reflect.Value]() {
		return reflect.Value{}, nil, false
	}
	inner = *(*reflect.Value)(unsafe.Pointer(field.UnsafeAddr()))
	node := c.Field(0)
	if node.Kind() == reflect.Pointer && !node.IsNil() {
		if typ := nodeTypeField(node.Elem()); typ.IsValid() {
			dt = cachedItype(typ)
		}
	}
	return inner, dt, true
}

// nodeTyp is the index of the typ field of interp.node, found once.
var nodeTyp struct {
	once  sync.Once
	index int
}

// nodeTypeField returns the typ field of an interp.node.
func nodeTypeField(n reflect.Value) reflect.Value {
	nodeTyp.once.Do(func() {
		nodeTyp.index = -1
		if f, ok := n.Type().FieldByName("typ"); ok && len(f.Index) == 1 {
			nodeTyp.index = f.Index[0]
		}
	})
	if nodeTyp.index < 0 || n.NumField() <= nodeTyp.index {
		return reflect.Value{}
	}
	return n.Field(nodeTyp.index)
}

// itypes caches readItype by *interp.itype: the interpreter's types of
// compiled code do not change once made.
var itypes sync.Map

// cachedItype is readItype, read once per itype.
func cachedItype(p reflect.Value) *dynType {
	if p.Kind() != reflect.Pointer || p.IsNil() {
		return nil
	}
	key := p.Pointer()
	if dt, ok := itypes.Load(key); ok {
		return dt.(*dynType)
	}
	dt := readItype(p, 0)
	if dt != nil && dt.name != "" {
		itypes.Store(key, dt)
	}
	return dt
}

// readItype reads the category, name and element of an *interp.itype.
func readItype(p reflect.Value, depth int) *dynType {
	if depth > 4 || p.Kind() != reflect.Pointer || p.IsNil() {
		return nil
	}
	t := p.Elem()
	cat, name, path, val := t.FieldByName("cat"), t.FieldByName("name"), t.FieldByName("path"), t.FieldByName("val")
	if !cat.IsValid() || !name.IsValid() || !path.IsValid() || name.Kind() != reflect.String {
		return nil
	}
	var c int64
	switch cat.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c = int64(cat.Uint())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c = cat.Int()
	default:
		return nil
	}
	dt := &dynType{cat: c, name: name.String(), path: path.String(), itype: p}
	if val.IsValid() {
		dt.elem = readItype(val, depth+1)
	}
	return dt
}

// unwrapWrapper returns the value inside one of the interpreter's
// interface wrappers (a struct whose first field is IValue any).
func unwrapWrapper(v reflect.Value) (reflect.Value, bool) {
	if !v.IsValid() || v.Kind() != reflect.Struct || v.NumField() < 2 {
		return reflect.Value{}, false
	}
	if !strings.HasPrefix(v.Type().PkgPath(), interpPkgPath) {
		return reflect.Value{}, false
	}
	f := v.Type().Field(0)
	if f.Name != "IValue" || f.Type.Kind() != reflect.Interface || f.Type.NumMethod() != 0 {
		return reflect.Value{}, false
	}
	inner := v.Field(0)
	if inner.IsNil() {
		return reflect.Value{}, true
	}
	return inner.Elem(), true
}

// bareValue strips interfaces, valueInterfaces and wrappers from v,
// returning the bare value and the dynamic type the interpreter recorded
// on the way, if any.
func bareValue(v reflect.Value) (reflect.Value, *dynType) {
	var dt *dynType
	for range 16 {
		if !v.IsValid() {
			return v, dt
		}
		if v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, dt
			}
			v = v.Elem()
			continue
		}
		if inner, t, ok := unwrapValueInterface(v); ok {
			if t != nil && t.cat != itypeInterface {
				dt = t
			}
			v = inner
			continue
		}
		if inner, ok := unwrapWrapper(v); ok {
			v = inner
			continue
		}
		return v, dt
	}
	return v, dt
}
