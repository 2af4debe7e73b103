// Package native runs Go natively next to the interpreter: it builds Go
// packages as plugins (go build -buildmode=plugin) that the worker process
// loads, so that cells can import any Go module (%go get) and compile their
// own hot code (%%compile) instead of interpreting it.
//
// A plugin shares every package it imports with the program that loads it,
// so it must be built exactly like that program: the same Go toolchain, the
// same version of every module, the same build flags, and cgo. The Builder
// reads all of that from the running program's build information
// (runtime/debug.ReadBuildInfo) and builds each plugin inside descent's own
// module (the source it was built from), against a copy of its go.mod that
// gains the modules fetched with %go get. Modules the program links keep
// its version; a request for another version is an error.
//
// What a plugin exports reaches the interpreter through a symbol table
// compiled into the plugin: `yaegi extract` generates it for a fetched
// package, and for a %%compile cell it is written from the cell's own
// declarations. Built plugins are cached by content in the user's cache
// directory, so a package is compiled once per version and a cell once per
// text.
//
// Where plugins cannot work (Windows, no go command or C compiler, a
// program built without cgo or build information, descent's source not
// found) every entry point fails with an *Unavailable error naming what is
// missing and how to get it.
package native
