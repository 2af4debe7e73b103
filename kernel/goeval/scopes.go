package goeval

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegi links every scope it opens while compiling (a function body, a
// block, an if) to its parent's list of children, and reads that list only
// in its debugger: the package scope of a session collects a child for
// every block of every cell, and with it the cell's syntax tree, forever
// (measured: about 2.5 KB and 26 objects per small cell). descent does not
// use yaegi's debugger, so after each compilation the evaluator empties the
// children lists of the universe and package scopes. A scope in use stays
// reachable from the nodes and functions that refer to it.

// Field names in interp.Interpreter and its scope type (yaegi v0.16.1).
const (
	universeField = "universe"
	scopesField   = "scopes"
	childField    = "child"
)

// releaseScopeChildren empties the children lists of in's universe and
// package scopes. It reports false when the layout differs (another yaegi
// version); TestReleaseScopeChildrenFindsTheLists fails then.
func releaseScopeChildren(in *interp.Interpreter) bool {
	v := reflect.ValueOf(in).Elem()
	universe, scopes := v.FieldByName(universeField), v.FieldByName(scopesField)
	if !universe.IsValid() || universe.Kind() != reflect.Pointer || !scopes.IsValid() || scopes.Kind() != reflect.Map {
		return false
	}
	ok := clearChildren(universe)
	for it := scopes.MapRange(); it.Next(); {
		ok = clearChildren(it.Value()) && ok
	}
	return ok
}

// clearChildren empties the child list of the scope sc points to.
func clearChildren(sc reflect.Value) bool {
	if sc.Kind() != reflect.Pointer || sc.IsNil() {
		return sc.Kind() == reflect.Pointer
	}
	f := sc.Elem().FieldByName(childField)
	if !f.IsValid() || f.Kind() != reflect.Slice {
		return false
	}
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetZero()
	return true
}

// scopeChildren counts the children listed by in's universe and package
// scopes, or returns -1 when the layout differs.
func scopeChildren(in *interp.Interpreter) int {
	v := reflect.ValueOf(in).Elem()
	universe, scopes := v.FieldByName(universeField), v.FieldByName(scopesField)
	if !universe.IsValid() || !scopes.IsValid() || scopes.Kind() != reflect.Map {
		return -1
	}
	n := 0
	count := func(sc reflect.Value) bool {
		if sc.Kind() != reflect.Pointer || sc.IsNil() {
			return sc.Kind() == reflect.Pointer
		}
		f := sc.Elem().FieldByName(childField)
		if !f.IsValid() || f.Kind() != reflect.Slice {
			return false
		}
		n += f.Len()
		return true
	}
	if !count(universe) {
		return -1
	}
	for it := scopes.MapRange(); it.Next(); {
		if !count(it.Value()) {
			return -1
		}
	}
	return n
}
