package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
)

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// Message is one Jupyter message. Identities are the routing frames that
// precede the delimiter: the peer's identity on a ROUTER socket, the topic on
// IOPub. Content is kept as raw JSON so that each handler decodes only the
// fields it needs.
type Message struct {
	Identities   [][]byte
	Header       Header
	ParentHeader Header
	Metadata     map[string]any
	Content      json.RawMessage
	Buffers      [][]byte
}

// DecodeContent unmarshals m.Content into v.
func (m *Message) DecodeContent(v any) error {
	if len(m.Content) == 0 {
		return json.Unmarshal([]byte("{}"), v)
	}
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("%s content: %w", m.Header.MsgType, err)
	}
	return nil
}

// Codec encodes and decodes messages signed with one key. The zero key turns
// signing off: messages go out with an empty signature and incoming
// signatures are not checked. A Codec is safe for concurrent use.
type Codec struct {
	key []byte
}

// NewCodec returns a codec that signs with HMAC-SHA256 over key, taken as raw
// bytes (the key of a connection file is not hex-decoded).
func NewCodec(key string) *Codec {
	return &Codec{key: []byte(key)}
}

// Signed reports whether the codec signs and verifies messages.
func (c *Codec) Signed() bool { return len(c.key) > 0 }

// Sign returns the lowercase hex HMAC-SHA256 of the concatenated parts, or ""
// when the codec is unsigned.
func (c *Codec) Sign(parts ...[]byte) string {
	if !c.Signed() {
		return ""
	}
	return hex.EncodeToString(c.mac(parts))
}

func (c *Codec) mac(parts [][]byte) []byte {
	var h hash.Hash = hmac.New(sha256.New, c.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// Encode turns m into frames: identities, delimiter, signature, header,
// parent_header, metadata, content, buffers. Nil metadata and content are
// sent as {}.
func (c *Codec) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("wire: encode header: %w", err)
	}
	parent, err := json.Marshal(m.ParentHeader)
	if err != nil {
		return nil, fmt.Errorf("wire: encode parent_header: %w", err)
	}
	metadata := []byte("{}")
	if len(m.Metadata) > 0 {
		if metadata, err = json.Marshal(m.Metadata); err != nil {
			return nil, fmt.Errorf("wire: encode metadata: %w", err)
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(c.Sign(header, parent, metadata, content)),
		header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// Decode parses frames received from a socket. It checks the signature over
// the four JSON frames as received before it parses them. The returned
// message refers to the frames' memory.
func (c *Codec) Decode(frames [][]byte) (*Message, error) {
	delim := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, ErrNoDelimiter
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, ErrTooFewFrames
	}
	sig, parts := rest[0], rest[1:5]
	if c.Signed() {
		if len(sig) == 0 {
			return nil, ErrMissingSignature
		}
		got := make([]byte, hex.DecodedLen(len(sig)))
		n, err := hex.Decode(got, sig)
		if err != nil || !hmac.Equal(got[:n], c.mac(parts)) {
			return nil, ErrBadSignature
		}
	}
	m := &Message{Identities: frames[:delim], Buffers: rest[5:]}
	if err := decodeObject("header", parts[0], &m.Header); err != nil {
		return nil, err
	}
	if err := decodeObject("parent_header", parts[1], &m.ParentHeader); err != nil {
		return nil, err
	}
	if err := decodeObject("metadata", parts[2], &m.Metadata); err != nil {
		return nil, err
	}
	if err := checkObject("content", parts[3]); err != nil {
		return nil, err
	}
	m.Content = json.RawMessage(parts[3])
	return m, nil
}

// decodeObject unmarshals a frame that must hold a JSON object.
func decodeObject(name string, frame []byte, v any) error {
	if err := checkObject(name, frame); err != nil {
		return err
	}
	if err := json.Unmarshal(frame, v); err != nil {
		return &JSONError{Frame: name, Err: err}
	}
	return nil
}

// checkObject reports a frame that is not one valid JSON object.
func checkObject(name string, frame []byte) error {
	trimmed := bytes.TrimLeft(frame, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return &JSONError{Frame: name, Err: errors.New("not a JSON object")}
	}
	if !json.Valid(frame) {
		return &JSONError{Frame: name, Err: errors.New("invalid JSON")}
	}
	return nil
}
