// Package history keeps the cells a kernel executed with store_history:
// in memory for the running session and, given a file, in a JSON-lines
// file shared by every kernel of the user, appended to under a lock and
// trimmed to a bound. It knows nothing of the Jupyter protocol; the
// kernel's history_request handler reads it.
package history
