package goeval

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegi appends the AST of everything it compiles to the interpreter's
// roots list, for its debugger, and never drops it (traefik/yaegi#1678,
// open): every cell's syntax tree and control-flow graph stay in memory for
// the whole session, about 7 KB for "1+2", more for real cells, and the
// garbage collector scans them all again on every cycle. descent does not
// use yaegi's debugger, so the evaluator empties the list after each
// compilation. What a cell defines stays reachable through the
// interpreter's scopes and frame, not through this list.

// rootsField is the name of the list in interp.Interpreter (yaegi v0.16.1).
const rootsField = "roots"

// releaseRoots empties in's list of compiled roots. It reports false when
// the interpreter has no such list (a yaegi version whose layout differs);
// TestReleaseRootsFindsTheList fails then.
func releaseRoots(in *interp.Interpreter) bool {
	f, ok := roots(in)
	if ok {
		f.Set(reflect.Zero(f.Type()))
	}
	return ok
}

// rootsLen is the length of in's list of compiled roots, or -1.
func rootsLen(in *interp.Interpreter) int {
	if f, ok := roots(in); ok {
		return f.Len()
	}
	return -1
}

// roots returns in's list of compiled roots as a settable value.
func roots(in *interp.Interpreter) (reflect.Value, bool) {
	f := reflect.ValueOf(in).Elem().FieldByName(rootsField)
	if !f.IsValid() || f.Kind() != reflect.Slice {
		return reflect.Value{}, false
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem(), true
}
