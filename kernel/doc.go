// Package kernel is the Jupyter side of descent: it binds the five sockets of
// a connection file, answers the protocol (kernel_info, execute, complete,
// inspect, is_complete, history, comms, shutdown, interrupt, stdin) and
// publishes outputs on IOPub. It never runs user code: cells go to a Backend,
// in production the supervised worker process.
//
// It reads and writes the content types of kernel/jupyter/messages,
// answers history_request from the store of kernel/history, and answers
// is_complete by cutting the cell as the evaluator does
// (kernel/goeval/cellsyntax).
//
// Shell requests run one at a time, in arrival order, on one goroutine (the
// execution queue); control requests have their own goroutine so that
// interrupt, shutdown and kernel_info are answered while a cell runs. Every
// request is wrapped in busy and idle status messages on IOPub.
package kernel
