// Package pipe is the framing and the messages between the supervisor (in
// the kernel process) and the worker process, over the worker's pipes.
//
// Frames between the supervisor and the worker process are a 4-byte
// big-endian length followed by that many bytes of JSON. A frame is written
// with one write call, so that writers serialised by a mutex never
// interleave.
package pipe
