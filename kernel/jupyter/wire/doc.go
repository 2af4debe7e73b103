// Package wire implements the Jupyter messaging wire format (protocol 5.3):
// connection files, the split of a ZeroMQ multipart message into identities,
// delimiter, signature and the four JSON frames, and the HMAC-SHA256 signature
// computed over those frames exactly as they travel.
//
// The package is pure: it opens no sockets and imports nothing else of the
// project, so it can be fuzzed and reused by both the kernel and its clients.
package wire
