package messages

import (
	"encoding/json"
	"errors"
	"fmt"
)

// HistoryReply is the content of history_reply.
type HistoryReply struct {
	Status  string         `json:"status"`
	History []HistoryEntry `json:"history"`
}

// HistoryEntry is one cell of a history_reply. In JSON it is the list
// [session, line, input], or [session, line, [input, output]] when the
// request asked for output.
type HistoryEntry struct {
	Session int
	Line    int
	Input   string
	// Output is the text of the cell's result, when output was asked for
	// and the cell had one.
	Output *string
	// WithOutput selects the [input, output] form.
	WithOutput bool
}

// MarshalJSON writes the entry as a list.
func (e HistoryEntry) MarshalJSON() ([]byte, error) {
	if e.WithOutput {
		return json.Marshal([]any{e.Session, e.Line, []any{e.Input, e.Output}})
	}
	return json.Marshal([]any{e.Session, e.Line, e.Input})
}

// UnmarshalJSON reads either form of the list.
func (e *HistoryEntry) UnmarshalJSON(b []byte) error {
	var fields []json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return fmt.Errorf("history entry: %w", err)
	}
	if len(fields) != 3 {
		return fmt.Errorf("history entry with %d fields", len(fields))
	}
	var out HistoryEntry
	if err := errors.Join(json.Unmarshal(fields[0], &out.Session), json.Unmarshal(fields[1], &out.Line)); err != nil {
		return fmt.Errorf("history entry: %w", err)
	}
	if err := json.Unmarshal(fields[2], &out.Input); err != nil {
		var pair []*string
		if err := json.Unmarshal(fields[2], &pair); err != nil || len(pair) != 2 || pair[0] == nil {
			return fmt.Errorf("history entry input %s", fields[2])
		}
		out.Input, out.Output, out.WithOutput = *pair[0], pair[1], true
	}
	*e = out
	return nil
}
