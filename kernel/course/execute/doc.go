// Package execute runs a notebook headless through a Jupyter kernel, cell by
// cell, as nbclient does: one execute_request per non-blank code cell, no
// standard input, outputs recorded by nbformat.Recorder, a per-cell timeout
// that interrupts the kernel, and a stop at the first error unless errors
// are allowed (for the whole run, or for a cell tagged raises-exception).
// Cells tagged skip-execution are left as they are.
package execute
