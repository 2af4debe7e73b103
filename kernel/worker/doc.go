// Package worker is the contract between the kernel process and the worker
// process that runs notebook cells, so that nothing a cell does can end the
// kernel process: a cell to run (ExecRequest), what it produces (Event, to a
// Handler) and how it ended (Outcome).
//
// The packages under it are its two ends, in two binaries:
//
//   - supervisor, in the kernel process (descent): starts the worker,
//     relays a cell's events in order and restarts a worker that dies.
//   - runner, the worker process (descent-worker serve): owns the
//     interpreter, with the standard library, optimlib, display and
//     gonum/plot preloaded.
//   - internal/pipe: the frames between them.
//
// The kernel process links none of the interpreter, the plotting library or
// the lessons' library: it starts and listens in a few milliseconds, before
// Jupyter's client first tries to connect.
package worker
