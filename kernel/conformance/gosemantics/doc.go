// Package gosemantics holds the Go semantics corpus: notebook cells, each
// case with the equivalent complete Go program and the output the Go
// toolchain gives it. Its test runs every case's cells through the real
// kernel (the built descent binary and its worker process, driven by the Go
// Jupyter client) and compares what the notebook shows, byte for byte, with
// what `go run` printed. The package itself only reads and writes case files.
//
// The corpus lives here, beside the Jupyter conformance tests, because it is
// the kernel's conformance to Go: it goes through every layer a student's
// cell goes through (protocol, worker, evaluator, interpreter), not only
// kernel/goeval.
//
// # Case files
//
// testdata/cases/CATEGORY/NAME.txt is one case, named CATEGORY/NAME. It is
// plain text in sections, each opened by a line "-- HEADER --":
//
//	What the case checks, in prose (required; everything before the first
//	section).
//	-- cell 1 --
//	xs := []int{3, 1, 2}
//	-- cell 2 --
//	sort.Ints(xs)
//	fmt.Println(xs)
//	-- rerun cell 2 --
//	-- main.go --
//	package main
//	...
//	-- stdout (main.go 0123456789ab) --
//	[1 2 3]
//	[1 2 3]
//
// "cell N" sections are the cells, numbered 1, 2, 3, ... and run in file
// order in one fresh interpreter; "rerun cell N" (no body) runs cell N again
// at that point, as a student pressing Shift-Enter on it a second time.
// "main.go" is a complete, gofmt-formatted program. "stdout" is written only
// by the generator: the program's standard output and, in the header, the
// checksum of the main.go it came from, so an edited main.go whose output was
// not regenerated fails the test.
//
// # How cells map to the program
//
// The program is what a Go programmer would write to get what the notebook
// should show:
//
//   - declarations of the cells (func, type, method, const, package-level
//     var) become package-level declarations; statements become the body of
//     main, in cell order; a re-run cell's statements appear again;
//   - what the notebook shows is the cells' standard output followed, for a
//     cell whose last line is an expression with a value, by that value
//     (Out[n]) and a newline; the program prints Out[n] with fmt.Println.
//     Cells normally print with fmt; a few cases check Out[n] itself;
//   - notebook-only behaviour is written out as the Go a reader would expect
//     it to mean: a function or type redefined in a later cell is the later
//     definition from that point on (the program gives the versions distinct
//     names, or calls the later one); a variable redefined in a later cell
//     with a value of its type (x := 2, x := x * 2) is assigned (x = 2,
//     x = x * 2 in the program: closures and pointers made earlier see the
//     new value); redefined with another type it is a new variable (the
//     program declares it in an inner block); a re-run cell repeats its
//     statements.
//
// Standard error is not compared; no cell may depend on it.
//
// # Passing, refusing and known failures
//
// A case matches when the notebook shows exactly the program's stdout. A
// case may instead be refused: a cell fails with an error, everything shown
// before it is a prefix of the program's output, and the case is listed in
// testdata/refusals.txt with a substring of that error, so every refusal is
// deliberate and counted. Anything else is a failure: a silent mismatch (the
// notebook shows something else, with no error) or an unexpected error.
// testdata/known-failures.txt lists today's failures; the test reports them
// loudly but does not fail on them, and fails on a listed case that now
// passes, so the list only shrinks.
//
// # Regenerating
//
// After adding or editing a case, record the Go toolchain's output:
//
//	go generate ./kernel/conformance/gosemantics
//
// (go run ./kernel/conformance/gosemantics/gen -run REGEXP for some cases;
// -check to verify without writing.)
package gosemantics

//go:generate go run ./gen
