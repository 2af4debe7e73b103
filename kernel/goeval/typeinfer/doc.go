// Package typeinfer works out the types of Go expressions in notebook
// cells without a type checker. The evaluator cannot type-check a cell
// (the interpreter holds the session's state, and a cell being typed
// rarely compiles), so types are worked out from the syntax the way
// go/types would for the common cases: from the declarations of the code
// at hand (a Scope), those of earlier cells, the compiled packages'
// reflect types and, failing that, the types of the values the
// interpreter holds (a Session).
//
// One engine serves completion and inspection (the fields and methods of
// opt in opt.|) and the evaluator's source rewrites (is this range over an
// integer, what does this call return, what is the static type of this
// argument). Answers are a Type, or nothing when the engine is not sure:
// callers treat an unknown type with care.
//
// A type built only from compiled and predeclared types is a reflect.Type;
// a type that involves a type declared in a cell stays a type expression
// of the cells (the interpreter's reflect types for those have no names
// and no methods).
package typeinfer
