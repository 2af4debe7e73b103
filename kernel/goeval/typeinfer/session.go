package typeinfer

import (
	"go/ast"
	"reflect"
)

// DeclKind says what a package-level declaration of an earlier cell
// declares.
type DeclKind int

// The kinds of declarations a Session knows.
const (
	DeclNone DeclKind = iota
	DeclFunc
	DeclType
	DeclVar
	DeclConst
)

// Session is what is known beyond the code at hand: the declarations of
// earlier cells, the packages and the interpreter's variables.
type Session interface {
	// Decl returns the current declaration of a package-level name of an
	// earlier cell: an *ast.FuncDecl, an *ast.TypeSpec, or for a variable
	// or constant the declaration holding it (an *ast.GenDecl, an
	// *ast.DeclStmt or an *ast.AssignStmt).
	Decl(name string) (ast.Node, DeclKind)
	// Method returns the declaration of method name of a type declared in
	// an earlier cell.
	Method(typeName, name string) *ast.FuncDecl
	// MethodNames lists the methods of a type declared in an earlier cell.
	MethodNames(typeName string) []string
	// Package returns the import path a package name stands for.
	Package(name string) (string, bool)
	// Symbol returns a member of a compiled package, as the symbol tables
	// hold it (a type T as a nil *T, an untyped constant as a
	// constant.Value).
	Symbol(path, name string) (reflect.Value, bool)
	// Global returns the type of the value the interpreter holds for a
	// package-level variable, when it is worth trusting.
	Global(name string) (reflect.Type, bool)
	// SourceFunc returns the declaration of function name of a package
	// the interpreter runs from source (the generic standard packages
	// slices, maps and cmp), or nil.
	SourceFunc(path, name string) *ast.FuncDecl
}
