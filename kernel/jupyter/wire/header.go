package wire

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// ProtocolVersion is the messaging protocol version this package speaks.
const ProtocolVersion = "5.3"

// dateLayout is ISO 8601 with microseconds, the precision Jupyter clients
// accept.
const dateLayout = "2006-01-02T15:04:05.000000Z07:00"

// Header is a message header. The parent_header of a message is a copy of the
// header of the request it answers; the zero Header encodes as {}.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// NewHeader returns a header for a new message of msgType with a fresh
// msg_id, the current time and protocol version 5.3.
func NewHeader(msgType, session, username string) Header {
	return Header{
		MsgID:    uuid.NewString(),
		Session:  session,
		Username: username,
		Date:     FormatDate(time.Now()),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// FormatDate formats t as a header date: UTC, ISO 8601, microseconds.
func FormatDate(t time.Time) string {
	return t.UTC().Format(dateLayout)
}

// IsZero reports whether h is the empty header (as in a message that answers
// nothing).
func (h Header) IsZero() bool { return h == Header{} }

// MarshalJSON encodes the zero header as {} and any other header with all its
// fields.
func (h Header) MarshalJSON() ([]byte, error) {
	if h.IsZero() {
		return []byte("{}"), nil
	}
	type plain Header
	return json.Marshal(plain(h))
}
