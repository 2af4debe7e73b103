package wire

import (
	"errors"
	"fmt"
)

// Errors Decode returns for frames that cannot be a Jupyter message. Test for
// them with errors.Is; a JSON problem is a *JSONError.
var (
	// ErrNoDelimiter means no frame is the "<IDS|MSG>" delimiter.
	ErrNoDelimiter = errors.New("wire: no <IDS|MSG> delimiter frame")
	// ErrTooFewFrames means the delimiter is not followed by a signature and
	// four JSON frames.
	ErrTooFewFrames = errors.New("wire: fewer than 5 frames after the delimiter")
	// ErrMissingSignature means the message is unsigned but a key is set.
	ErrMissingSignature = errors.New("wire: message is not signed")
	// ErrBadSignature means the signature does not match the key and frames.
	ErrBadSignature = errors.New("wire: invalid signature")
)

// JSONError reports a JSON frame (header, parent_header, metadata or content)
// that is not a JSON object.
type JSONError struct {
	Frame string
	Err   error
}

// Error implements error.
func (e *JSONError) Error() string {
	return fmt.Sprintf("wire: %s frame: %v", e.Frame, e.Err)
}

// Unwrap returns the underlying JSON error.
func (e *JSONError) Unwrap() error { return e.Err }
