package interptype

import (
	"fmt"
	"go/constant"
	"reflect"
	"strings"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// layout holds the positions of the fields this package reads in yaegi's
// unexported structures, found by name once.
type layout struct {
	err error

	prog struct{ root int }
	in   struct{ scopes int }
	sc   struct{ sym int }
	sym  struct{ kind, typ int }
	node struct{ child, anc, kind, typ, rval, ident int }
	it   struct {
		cat, field, key, val, arg, ret, method, name, path, length, rtype, recv, node int
	}
	sf struct{ name, tag, embed, typ int }

	nodeType, itypeType reflect.Type
	cats                map[string]uint64 // tcat names
	kinds               map[string]uint64 // nkind names
	symKinds            map[string]uint64 // sKind names
}

var lay = readLayout()

// Layout reports whether the yaegi in use has the structures this package
// reads; the error says which is missing.
func Layout() error { return lay.err }

func fieldIndex(t reflect.Type, name string, kind reflect.Kind) (int, error) {
	f, ok := t.FieldByName(name)
	if !ok || len(f.Index) != 1 {
		return 0, fmt.Errorf("interptype: yaegi's %s has no field %s", t, name)
	}
	if kind != reflect.Invalid && f.Type.Kind() != kind {
		return 0, fmt.Errorf("interptype: yaegi's %s.%s is a %s, not a %s", t, name, f.Type.Kind(), kind)
	}
	return f.Index[0], nil
}

func readLayout() (l layout) {
	var errs []string
	idx := func(t reflect.Type, name string, kind reflect.Kind) int {
		if t == nil {
			return 0
		}
		i, err := fieldIndex(t, name, kind)
		if err != nil {
			errs = append(errs, err.Error())
		}
		return i
	}
	elem := func(t reflect.Type, i int) reflect.Type {
		if t == nil || i >= t.NumField() {
			return nil
		}
		ft := t.Field(i).Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct {
			return nil
		}
		return ft
	}
	pt := reflect.TypeFor[interp.Program]()
	l.prog.root = idx(pt, "root", reflect.Pointer)
	nt := elem(pt, l.prog.root)
	l.nodeType = nt
	l.node.child = idx(nt, "child", reflect.Slice)
	l.node.anc = idx(nt, "anc", reflect.Pointer)
	l.node.kind = idx(nt, "kind", reflect.Uint)
	l.node.typ = idx(nt, "typ", reflect.Pointer)
	l.node.rval = idx(nt, "rval", reflect.Struct)
	l.node.ident = idx(nt, "ident", reflect.String)
	it := elem(nt, l.node.typ)
	l.itypeType = it
	l.it.cat = idx(it, "cat", reflect.Uint)
	l.it.field = idx(it, "field", reflect.Slice)
	l.it.key = idx(it, "key", reflect.Pointer)
	l.it.val = idx(it, "val", reflect.Pointer)
	l.it.arg = idx(it, "arg", reflect.Slice)
	l.it.ret = idx(it, "ret", reflect.Slice)
	l.it.method = idx(it, "method", reflect.Slice)
	l.it.name = idx(it, "name", reflect.String)
	l.it.path = idx(it, "path", reflect.String)
	l.it.length = idx(it, "length", reflect.Int)
	l.it.rtype = idx(it, "rtype", reflect.Interface)
	l.it.recv = idx(it, "recv", reflect.Pointer)
	l.it.node = idx(it, "node", reflect.Pointer)
	sf := elem(it, l.it.field)
	l.sf.name = idx(sf, "name", reflect.String)
	l.sf.tag = idx(sf, "tag", reflect.String)
	l.sf.embed = idx(sf, "embed", reflect.Bool)
	l.sf.typ = idx(sf, "typ", reflect.Pointer)
	in := reflect.TypeFor[interp.Interpreter]()
	l.in.scopes = idx(in, "scopes", reflect.Map)
	sc := elem(in, l.in.scopes)
	l.sc.sym = idx(sc, "sym", reflect.Map)
	sy := elem(sc, l.sc.sym)
	l.sym.kind = idx(sy, "kind", reflect.Uint)
	l.sym.typ = idx(sy, "typ", reflect.Pointer)
	if len(errs) > 0 {
		l.err = fmt.Errorf("%s", strings.Join(errs, "; "))
		return l
	}
	l.cats = enumNames(it.Field(l.it.cat).Type)
	l.kinds = enumNames(nt.Field(l.node.kind).Type)
	l.symKinds = enumNames(sy.Field(l.sym.kind).Type)
	for _, need := range []struct {
		m     map[string]uint64
		names string
	}{
		{l.cats, "structT sliceT arrayT mapT ptrT funcT interfaceT errorT linkedT valueT nilT genericT variadicT chanT chanSendT chanRecvT builtinT"},
		{l.kinds, "callExpr basicLit selectorExpr typeSpec assignStmt defineStmt compositeLitExpr funcLit returnStmt"},
		{l.symKinds, "typeSym"},
	} {
		for _, n := range strings.Fields(need.names) {
			if _, ok := need.m[n]; !ok {
				errs = append(errs, "interptype: yaegi has no "+n)
			}
		}
	}
	if len(errs) > 0 {
		l.err = fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return l
}

// enumNames maps the names of an unsigned enumeration type with a String
// method (yaegi's tcat, nkind, sKind) to their values.
func enumNames(t reflect.Type) map[string]uint64 {
	m := map[string]uint64{}
	for i := uint64(0); i < 256; i++ {
		v := reflect.New(t).Elem()
		v.SetUint(i)
		s, ok := v.Interface().(fmt.Stringer)
		if !ok {
			return m
		}
		name := s.String()
		if strings.Contains(name, "(") { // past the last value: Cat(40)
			break
		}
		if name != "" {
			m[name] = i
		}
	}
	// yaegi names float32T "float32", and chanSendT and chanRecvT, which
	// follow chanT, not at all.
	if v, ok := m["float32"]; ok {
		m["float32T"] = v
	}
	if c, ok := m["chanT"]; ok {
		for i, n := range []string{"chanSendT", "chanRecvT"} {
			if _, named := m[n]; !named && nameOf(t, c+uint64(i)+1) == "" {
				m[n] = c + uint64(i) + 1
			}
		}
	}
	return m
}

func nameOf(t reflect.Type, i uint64) string {
	v := reflect.New(t).Elem()
	v.SetUint(i)
	return v.Interface().(fmt.Stringer).String()
}

// open returns an unrestricted view of v, an addressable value read
// through an unexported field, so that its Interface can be taken.
func open(v reflect.Value) reflect.Value {
	if !v.CanAddr() {
		panic(fmt.Sprintf("interptype: cannot read a %s that is not addressable", v.Type()))
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// addressable returns v, or an addressable copy of it.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	if v.CanInterface() {
		c.Set(v)
		return c
	}
	panic(fmt.Sprintf("interptype: cannot copy a read-only %s", v.Type()))
}

// rvalOf returns the reflect.Value a node holds in its rval field.
func rvalOf(n reflect.Value) reflect.Value {
	f := n.Elem().Field(lay.node.rval)
	rv, _ := open(f).Interface().(reflect.Value)
	return rv
}

// intConst reads an integer constant from a node's value.
func intConst(rv reflect.Value) (int64, bool) {
	if !rv.IsValid() {
		return 0, false
	}
	if rv.CanInterface() {
		if c, ok := rv.Interface().(constant.Value); ok {
			return constant.Int64Val(constant.ToInt(c))
		}
	}
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), true
	}
	return 0, false
}
