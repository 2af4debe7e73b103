// Package worker runs notebook cells in a separate worker process and
// supervises it, so that nothing a cell does can end the kernel process.
//
// The kernel process holds a Supervisor (Start). The worker process is the
// same binary started as `descent worker` (Main); it owns the interpreter,
// with the standard library, optimlib, display and gonum/plot preloaded.
//
// # Pipes
//
// The supervisor starts the worker with five pipes:
//
//	fd 1  the cell's stdout: interpreted fmt.Print*, os.Stdout, compiled code
//	fd 2  the Go runtime's own output, kept apart: a crash report lands here
//	fd 3  requests, supervisor to worker (run a cell, interrupt, answers)
//	fd 4  reports, worker to supervisor (outputs, input requests, cell end)
//	fd 5  the cell's stderr: os.Stderr and the log package are moved here
//
// Requests and reports are frames: a 4-byte big-endian length and JSON.
//
// # Order
//
// Printed text goes straight to the fd 1 and fd 5 pipes, whoever prints it,
// so text on one stream is in program order. One goroutine in the supervisor
// (the merger) reads all the pipes. Before it handles a report it drains the
// text pipes, and the worker waits for the report's ack before it goes on:
// text written before a display (or result, error, input request) is
// delivered before it, and text written after it comes after. When
// interpreted code switches between stdout and stderr, the worker first asks
// for such an ack, so the two streams keep their order too (text compiled
// code writes to both streams between two outputs may interleave by
// stream). Stream events never split a UTF-8 character.
//
// # Failures
//
// An interrupt is a request: the worker cancels the cell's context, and
// compiled optimlib loops poll the same flag. If the cell does not stop (it
// is blocked in compiled code), the worker says so, or the supervisor's
// grace period runs out; the worker is killed and restarted, and the cell
// ends with an error saying the variables were lost. A worker that dies
// (a panic in a goroutine, a stack overflow, concurrent map writes,
// os.Exit) ends its cell with one error event carrying the runtime's
// message, read from fd 2, and a fresh worker takes over. A worker that dies
// between cells is replaced at once, and the next cell starts with a short
// note on stderr.
//
// # Completion and inspection
//
// Complete and Inspect are answered by the worker in a goroutine of their
// own, so they work while a cell runs. When the evaluator cannot inspect,
// the worker describes compiled package symbols (fmt.Println,
// optimlib.Objective) from the export tables: their Go type and a link to
// their documentation.
package worker
