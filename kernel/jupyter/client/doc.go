// Package client is a Jupyter client written in Go. It starts a kernel (a
// server in this process, or a kernel subprocess) with a fresh connection
// file, connects the five channels and offers the requests a front end
// makes: kernel_info, execute (with outputs collected until idle and input
// requests answered by a callback), complete, inspect, is_complete, history,
// interrupt and shutdown, plus raw frames for testing malformed messages.
package client
