package wire

import (
	"encoding/json"
	"fmt"
)

// NewMessage returns a message of msgType with a fresh header, content
// marshalled from content (nil means {}), and parent as its parent header.
func NewMessage(msgType, session, username string, parent Header, content any) (*Message, error) {
	m := &Message{
		Header:       NewHeader(msgType, session, username),
		ParentHeader: parent,
	}
	if content != nil {
		raw, err := json.Marshal(content)
		if err != nil {
			return nil, fmt.Errorf("wire: encode %s content: %w", msgType, err)
		}
		m.Content = raw
	}
	return m, nil
}
