// Package supervisor is the kernel process's end of the worker: it starts
// the worker binary (descent-worker serve, found by binaries.FindWorker), runs cells
// in it one at a time, relays what they produce in program order, and
// restarts a worker that dies or does not honour an interrupt, turning the
// death into an error on the cell that caused it.
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
// Requests and reports are frames: a 4-byte big-endian length and JSON
// (package internal/pipe).
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
// Complete and Inspect (and CommInfo) are answered by the worker in a
// goroutine of their own, so they work while a cell runs.
//
// # Comms: the order of the front end's messages
//
// Widgets live in the worker as comms (package display/comm). A message
// from the front end (a slider moved, a button clicked) goes to the worker
// at once through StartComm, while a cell runs too, and is handled in two
// steps:
//
//  1. Its state change is applied at once, in arrival order, on a goroutine
//     of the worker that never waits for cells. A cell that starts after
//     the message sees the change; a cell that is running sees it from
//     then on (a long run may read a slider as it goes).
//  2. The callbacks it triggers (Observe, OnClick, an Interact redraw) run
//     in the interpreter's turn, one at a time, never beside a cell: when
//     no cell runs, at once, and the message is done (Done, then idle on
//     IOPub) once they have run; while a cell runs, the message is done at
//     once and its callbacks run when the cell ends, before the next cell
//     starts (Finished then closes). Callbacks of messages that arrived
//     together run after all of them were applied, so a redraw sees the
//     newest values.
//
// What callbacks produce goes to the Handler given with their message,
// never to a cell. Events that belong to no cell and no message (a widget a
// background goroutine changes) go to the idle handler (SetIdleHandler).
// An interrupt stops running callbacks as it stops a cell.
package supervisor
