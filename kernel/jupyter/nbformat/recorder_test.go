package nbformat

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// event is one IOPub message received while cell runs.
type event struct {
	cell    int
	msgType string
	content string
}

func message(msgType, content string) *wire.Message {
	return &wire.Message{Header: wire.Header{MsgType: msgType}, Content: json.RawMessage(content)}
}

// summarize renders an output compactly for comparisons.
func summarize(o *Output) string {
	switch o.Type {
	case OutputStream:
		return fmt.Sprintf("%s:%q", o.Name, o.Text)
	case OutputError:
		return fmt.Sprintf("error:%s:%s:%s", o.EName, o.EValue, strings.Join(o.Traceback, "|"))
	}
	var keys []string
	for k := range o.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, o.Data[k]))
	}
	s := "display{" + strings.Join(parts, ",") + "}"
	if o.Type == OutputExecuteResult {
		s = fmt.Sprintf("result[%d]{%s}", *o.ExecutionCount, strings.Join(parts, ","))
	}
	if len(o.Metadata) > 0 {
		meta, _ := json.Marshal(o.Metadata)
		s += string(meta)
	}
	return s
}

func TestRecorderConvertsOutputsLikeNbclient(t *testing.T) {
	tests := []struct {
		name   string
		cells  int
		events []event
		// want lists the summarized outputs of each cell.
		want [][]string
		// counts are the cells' execution counts (0: none).
		counts []int
	}{
		{
			name:  "consecutive streams of one name merge",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a"}`},
				{0, "stream", `{"name":"stdout","text":"b\n"}`},
				{0, "stream", `{"name":"stderr","text":"w\n"}`},
				{0, "stream", `{"name":"stdout","text":"c\n"}`},
				{0, "stream", `{"name":"stdout","text":"d\n"}`},
			},
			want: [][]string{{`stdout:"ab\n"`, `stderr:"w\n"`, `stdout:"c\nd\n"`}},
		},
		{
			name:  "a display between streams keeps them apart",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a\n"}`},
				{0, "display_data", `{"data":{"text/plain":"x"},"metadata":{}}`},
				{0, "stream", `{"name":"stdout","text":"b\n"}`},
			},
			want: [][]string{{`stdout:"a\n"`, `display{text/plain=x}`, `stdout:"b\n"`}},
		},
		{
			name:  "execute_input and execute_result set the count",
			cells: 1,
			events: []event{
				{0, "status", `{"execution_state":"busy"}`},
				{0, "execute_input", `{"code":"6*7","execution_count":5}`},
				{0, "execute_result", `{"execution_count":5,"data":{"text/plain":"42","text/html":"<b>42</b>"},"metadata":{}}`},
				{0, "status", `{"execution_state":"idle"}`},
			},
			want:   [][]string{{`result[5]{text/html=<b>42</b>,text/plain=42}`}},
			counts: []int{5},
		},
		{
			name:  "error output",
			cells: 1,
			events: []event{
				{0, "execute_input", `{"code":"x","execution_count":2}`},
				{0, "stream", `{"name":"stdout","text":"before\n"}`},
				{0, "error", `{"ename":"CompileError","evalue":"undefined: x","traceback":["1:1: undefined: x","    x"]}`},
			},
			want:   [][]string{{`stdout:"before\n"`, `error:CompileError:undefined: x:1:1: undefined: x|    x`}},
			counts: []int{2},
		},
		{
			name:  "update_display_data rewrites the output of an earlier cell and adds none",
			cells: 2,
			events: []event{
				{0, "display_data", `{"data":{"text/plain":"v1"},"metadata":{},"transient":{"display_id":"d"}}`},
				{1, "stream", `{"name":"stdout","text":"x\n"}`},
				{1, "update_display_data", `{"data":{"text/plain":"v2"},"metadata":{"k":1},"transient":{"display_id":"d"}}`},
			},
			want: [][]string{{`display{text/plain=v2}{"k":1}`}, {`stdout:"x\n"`}},
		},
		{
			name:  "update_display_data reaches every output with the id",
			cells: 2,
			events: []event{
				{0, "display_data", `{"data":{"text/plain":"v1"},"metadata":{},"transient":{"display_id":"d"}}`},
				{0, "display_data", `{"data":{"text/plain":"other"},"metadata":{},"transient":{"display_id":"e"}}`},
				{1, "display_data", `{"data":{"text/plain":"v1 again"},"metadata":{},"transient":{"display_id":"d"}}`},
				{1, "update_display_data", `{"data":{"text/plain":"v3"},"metadata":{},"transient":{"display_id":"d"}}`},
			},
			want: [][]string{{`display{text/plain=v3}`, `display{text/plain=other}`}, {`display{text/plain=v3}`}},
		},
		{
			name:  "a new display with a known id updates the earlier ones, then is added",
			cells: 2,
			events: []event{
				{0, "display_data", `{"data":{"text/plain":"v1"},"metadata":{},"transient":{"display_id":"d"}}`},
				{1, "display_data", `{"data":{"text/plain":"v2"},"metadata":{},"transient":{"display_id":"d"}}`},
			},
			want: [][]string{{`display{text/plain=v2}`}, {`display{text/plain=v2}`}},
		},
		{
			name:  "an update for an unknown id is dropped",
			cells: 1,
			events: []event{
				{0, "update_display_data", `{"data":{"text/plain":"v"},"metadata":{},"transient":{"display_id":"nobody"}}`},
			},
			want: [][]string{{}},
		},
		{
			name:  "clear_output without wait clears at once",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a\n"}`},
				{0, "clear_output", `{"wait":false}`},
				{0, "stream", `{"name":"stdout","text":"b\n"}`},
			},
			want: [][]string{{`stdout:"b\n"`}},
		},
		{
			name:  "clear_output with wait clears at the next output",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a\n"}`},
				{0, "clear_output", `{"wait":true}`},
				{0, "display_data", `{"data":{"text/plain":"frame 2"},"metadata":{}}`},
				{0, "clear_output", `{"wait":true}`},
				{0, "display_data", `{"data":{"text/plain":"frame 3"},"metadata":{}}`},
			},
			want: [][]string{{`display{text/plain=frame 3}`}},
		},
		{
			name:  "clear_output with wait and no later output clears nothing",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a\n"}`},
				{0, "clear_output", `{"wait":true}`},
			},
			want: [][]string{{`stdout:"a\n"`}},
		},
		{
			name:  "a pending clear does not cross into the next cell",
			cells: 2,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"a\n"}`},
				{0, "clear_output", `{"wait":true}`},
				{1, "stream", `{"name":"stdout","text":"b\n"}`},
				{1, "stream", `{"name":"stdout","text":"c\n"}`},
			},
			want: [][]string{{`stdout:"a\n"`}, {`stdout:"b\nc\n"`}},
		},
		{
			name:  "cleared outputs no longer receive updates",
			cells: 1,
			events: []event{
				{0, "display_data", `{"data":{"text/plain":"v1"},"metadata":{},"transient":{"display_id":"d"}}`},
				{0, "clear_output", `{"wait":false}`},
				{0, "display_data", `{"data":{"text/plain":"unrelated"},"metadata":{}}`},
				{0, "update_display_data", `{"data":{"text/plain":"v2"},"metadata":{},"transient":{"display_id":"d"}}`},
			},
			want: [][]string{{`display{text/plain=unrelated}`}},
		},
		{
			name:  "an execute_result with a display id is updated too",
			cells: 1,
			events: []event{
				{0, "execute_result", `{"execution_count":1,"data":{"text/plain":"v1"},"metadata":{},"transient":{"display_id":"r"}}`},
				{0, "update_display_data", `{"data":{"text/plain":"v2"},"metadata":{},"transient":{"display_id":"r"}}`},
			},
			want:   [][]string{{`result[1]{text/plain=v2}`}},
			counts: []int{1},
		},
		{
			name:  "carriage returns keep the last state of a progress line",
			cells: 1,
			events: []event{
				{0, "stream", `{"name":"stdout","text":"10%\r"}`},
				{0, "stream", `{"name":"stdout","text":"50%\r"}`},
				{0, "stream", `{"name":"stdout","text":"100%\ndone\n"}`},
			},
			want: [][]string{{`stdout:"100%\ndone\n"`}},
		},
		{
			name:  "comm messages and unknown types add nothing",
			cells: 1,
			events: []event{
				{0, "comm_open", `{"comm_id":"c","target_name":"t","data":{}}`},
				{0, "debug_event", `{}`},
			},
			want: [][]string{{}},
		},
		{
			name:  "PNG data and JSON data are kept as they came",
			cells: 1,
			events: []event{
				{0, "display_data", `{"data":{"image/png":"iVBORw0KGgo=","application/json":{"a":[1,2]}},"metadata":{"image/png":{"width":64}}}`},
			},
			want: [][]string{{`display{application/json=map[a:[1 2]],image/png=iVBORw0KGgo=}{"image/png":{"width":64}}`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &Notebook{}
			for i := 0; i < tt.cells; i++ {
				nb.Cells = append(nb.Cells, &Cell{Type: Code})
			}
			r := NewRecorder(nb)
			current := -1
			for _, e := range tt.events {
				if e.cell != current {
					if current >= 0 {
						if err := r.FinishCell(current); err != nil {
							t.Fatal(err)
						}
					}
					current = e.cell
					if err := r.StartCell(current); err != nil {
						t.Fatal(err)
					}
				}
				if err := r.Record(e.cell, message(e.msgType, e.content)); err != nil {
					t.Fatalf("Record(%s): %v", e.msgType, err)
				}
			}
			if err := r.FinishCell(current); err != nil {
				t.Fatal(err)
			}
			for i, c := range nb.Cells {
				got := []string{}
				for _, o := range c.Outputs {
					got = append(got, summarize(o))
				}
				if !reflect.DeepEqual(got, tt.want[i]) {
					t.Errorf("cell %d outputs:\n got  %q\n want %q", i, got, tt.want[i])
				}
				want := 0
				if i < len(tt.counts) {
					want = tt.counts[i]
				}
				got0 := 0
				if c.ExecutionCount != nil {
					got0 = *c.ExecutionCount
				}
				if got0 != want {
					t.Errorf("cell %d execution count %d, want %d", i, got0, want)
				}
			}
		})
	}
}

func TestRecorderReportsMalformedOutputs(t *testing.T) {
	tests := []struct{ msgType, content, wantErr string }{
		{"execute_result", `{"data":{"text/plain":"1"},"metadata":{}}`, "no execution_count"},
		{"display_data", `{"metadata":{}}`, "no data"},
		{"stream", `{"text":"x"}`, "no name"},
		{"error", `{"ename":"E","evalue":"v"}`, "no traceback"},
		{"stream", `not json`, "stream content"},
		{"display_data", `{"data":"text"}`, "data is a string"},
	}
	for _, tt := range tests {
		nb := &Notebook{Cells: []*Cell{{Type: Code}}}
		r := NewRecorder(nb)
		if err := r.StartCell(0); err != nil {
			t.Fatal(err)
		}
		err := r.Record(0, message(tt.msgType, tt.content))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s %s: error %v, want one containing %q", tt.msgType, tt.content, err, tt.wantErr)
		}
		if len(nb.Cells[0].Outputs) != 0 {
			t.Errorf("%s %s: a malformed message added an output", tt.msgType, tt.content)
		}
	}
	r := NewRecorder(&Notebook{})
	if err := r.StartCell(0); err == nil {
		t.Error("StartCell of a cell that does not exist succeeded")
	}
}

func TestOutputFromMessage(t *testing.T) {
	o, err := OutputFromMessage(message("update_display_data", `{"data":{"text/plain":"v"},"metadata":{},"transient":{"display_id":"d"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if o.Type != OutputDisplayData || o.Data["text/plain"] != "v" {
		t.Errorf("update_display_data converted to %s", summarize(o))
	}
	if _, err := OutputFromMessage(message("status", `{"execution_state":"idle"}`)); err == nil {
		t.Error("a status message converted to an output")
	}
}
