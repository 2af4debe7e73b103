// Package layout has no code: its test holds the module's import rules,
// so that the direction of dependencies the folders show cannot regress.
//
//   - kernel/jupyter/... (protocol and file-format libraries) imports
//     nothing else of the project but internal/atomicfile (nbformat saves
//     notebooks with it).
//   - optimlib/... and kernel/display (libraries for cells) import nothing
//     of the protocol, the kernel or the worker.
//   - kernel/goeval/... (the evaluator) imports nothing of Jupyter, the
//     kernel or the worker; kernel/goeval/cellsyntax imports only the
//     standard library.
//   - The kernel program (the descent command and package kernel) links
//     neither the interpreter, nor gonum/plot, nor the page renderer.
//   - kernel/history imports only the project's internal helpers.
package layout
