package messages

import (
	"encoding/json"
	"testing"
)

// The two forms of a history entry, as the messaging specification writes
// them: (session, line_number, input) or, with output, (session,
// line_number, (input, output)).
func TestHistoryEntryForms(t *testing.T) {
	out := "42"
	tests := []struct {
		json  string
		entry HistoryEntry
	}{
		{`[1,2,"x * 7"]`, HistoryEntry{Session: 1, Line: 2, Input: "x * 7"}},
		{`[3,1,["x * 7","42"]]`, HistoryEntry{Session: 3, Line: 1, Input: "x * 7", Output: &out, WithOutput: true}},
		{`[3,2,["print(1)",null]]`, HistoryEntry{Session: 3, Line: 2, Input: "print(1)", WithOutput: true}},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.entry)
		if err != nil || string(b) != tt.json {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.entry, b, err, tt.json)
		}
		var got HistoryEntry
		if err := json.Unmarshal([]byte(tt.json), &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", tt.json, err)
		}
		same := got.Session == tt.entry.Session && got.Line == tt.entry.Line && got.Input == tt.entry.Input &&
			got.WithOutput == tt.entry.WithOutput && (got.Output == nil) == (tt.entry.Output == nil) &&
			(got.Output == nil || *got.Output == *tt.entry.Output)
		if !same {
			t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.json, got, tt.entry)
		}
	}
	for _, bad := range []string{`[1,2]`, `{"session":1}`, `[1,2,[null,"x"]]`, `["a",2,"x"]`, `[1,2,["x"]]`} {
		var e HistoryEntry
		if err := json.Unmarshal([]byte(bad), &e); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want an error", bad, e)
		}
	}
}
