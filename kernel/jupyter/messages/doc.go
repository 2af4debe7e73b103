// Package messages holds the content types of Jupyter messages (messaging
// specification 5.3): what goes in a message's content, for requests,
// replies and IOPub messages. It is their one home: the kernel writes them,
// the client reads them, and the notebook runner reads them through the
// client. The envelope (header, signature, frames) is package wire's.
package messages
