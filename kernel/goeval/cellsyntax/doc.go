// Package cellsyntax cuts a cell of Go (imports, declarations and
// statements in any order) into its top-level pieces, with go/scanner. It
// is the one definition of what a cell is: the evaluator parses and runs
// the pieces it returns, and the kernel's is_complete parses the same
// pieces, so the two cannot disagree. It imports only the standard
// library, so the kernel can use it without linking the interpreter.
package cellsyntax
