// Package docs is the documentation a notebook shows when a student
// inspects a name (Shift+Tab, ?name): the declaration and the full doc
// comment of every exported function, type, method, field, constant and
// variable of the compiled packages cells use (optimlib and its figure and
// symbolic packages, display, gonum/plot), and of the standard library.
//
// The compiled packages' documentation (those of preload.Packages) is
// generated into table.go (run `go generate` in this directory after
// changing their doc comments or the list; a test fails while the table is
// stale), so the kernel binary carries it without
// their sources. The standard library's is read from the Go installation's
// sources when first needed and cached; without them, Lookup finds nothing
// and callers fall back to what the symbol tables say.
package docs

//go:generate go run ./internal/gendocs -o table.go
