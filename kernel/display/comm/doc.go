// Package comm is the cell side of Jupyter comms: named, two-way channels
// between objects a cell creates and their counterparts in the front end.
// Jupyter widgets are built on it (package widgets); cells use widgets, not
// this package.
//
// A comm is opened by a cell (Open) or by the front end, for a target a
// cell's library registered (RegisterTarget). Messages go both ways: Send
// publishes a comm_msg at once, in order with the cell's other output, and
// the comm's handler receives the messages of the front end.
//
// # Two phases of a message from the front end
//
// The kernel hands each message from the front end to Deliver as soon as it
// arrives, also while a cell runs. The comm's handler runs then, on the
// goroutine that delivers messages, and must only do what is quick and safe
// beside a running cell: update the state the message carries (a slider's
// value), answer requests for state. What the message asks of the cells'
// code (a callback into a cell) it returns as Work, which the kernel runs
// in the interpreter's turn: at once when no cell runs, after the running
// cell otherwise, never beside one. So a cell reading a widget's value
// during a long run sees the newest value, and callbacks never race a cell.
//
// # Inside and outside a kernel
//
// The worker process of the descent kernel registers a Transport with
// SetTransport and delivers the front end's messages with Deliver. Outside
// a kernel (a go test, a program) there is no transport: comms open and
// keep their state, and what they send goes nowhere. The registry of open
// comms is the one piece of global state of this package, one per process
// as there is one interpreter per process.
package comm
