package worker

// Completion is the answer to a completion request. Offsets are bytes of
// the code (the kernel converts them to code points for the front end).
type Completion struct {
	Matches     []string `json:"matches"`
	CursorStart int      `json:"cursor_start"`
	CursorEnd   int      `json:"cursor_end"`
	// Types, when set, has the kind of each match (function, variable,
	// type, module, keyword, field, method, constant), for the front end's
	// icons.
	Types    []string       `json:"types,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// Inspection is the answer to an inspect request: a MIME bundle describing
// the name under the cursor, when Found.
type Inspection struct {
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}
