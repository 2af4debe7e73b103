package widgets

import (
	"fmt"
	"sync"

	"github.com/descentlab/descent/kernel/display"
)

// Output is an area of outputs inside a widget layout, like
// ipywidgets.Output: text and displays appended from any cell or callback
// show there, not in the cell's own output. Its outputs are part of its
// state, so they are saved with the notebook.
type Output struct {
	domWidget
	mu      sync.Mutex
	outputs []any // nbformat outputs
}

// NewOutput returns an empty output area.
func NewOutput() *Output {
	o := &Output{}
	o.domWidget = newDOMSpec(spec{model: "OutputModel", view: "OutputView", module: outputModule, version: OutputVersion,
		viewModule: outputModule, viewV: OutputVersion}, map[string]any{"msg_id": "", "outputs": []any{}}, nil, "", nil)
	return o
}

// Print appends text to the area, formatted as fmt.Print does.
func (o *Output) Print(a ...any) { o.appendStream("stdout", fmt.Sprint(a...)) }

// Println appends text and a newline, formatted as fmt.Println does.
func (o *Output) Println(a ...any) { o.appendStream("stdout", fmt.Sprintln(a...)) }

// Printf appends text formatted as fmt.Printf does.
func (o *Output) Printf(format string, a ...any) { o.appendStream("stdout", fmt.Sprintf(format, a...)) }

// Errorf appends text formatted as fmt.Printf does on the error stream
// (front ends show it in red).
func (o *Output) Errorf(format string, a ...any) { o.appendStream("stderr", fmt.Sprintf(format, a...)) }

// Show appends v, displayed as rich as display.Show would show it.
func (o *Output) Show(v any) {
	data, metadata := display.Bundle(v)
	o.mu.Lock()
	o.outputs = append(o.outputs, map[string]any{"output_type": "display_data", "data": data, "metadata": metadata})
	o.sendLocked()
}

// Clear empties the area.
func (o *Output) Clear() {
	o.mu.Lock()
	o.outputs = nil
	o.sendLocked()
}

// replaceWithText makes text on the stream name the area's only output, in
// one update.
func (o *Output) replaceWithText(name, text string) {
	o.mu.Lock()
	o.outputs = []any{map[string]any{"output_type": "stream", "name": name, "text": text}}
	o.sendLocked()
}

// replaceWith makes v the area's only output, in one update.
func (o *Output) replaceWith(v any) {
	data, metadata := display.Bundle(v)
	o.mu.Lock()
	o.outputs = []any{map[string]any{"output_type": "display_data", "data": data, "metadata": metadata}}
	o.sendLocked()
}

// Len returns the number of outputs in the area.
func (o *Output) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.outputs)
}

// Text returns the text of the area's stream outputs, joined.
func (o *Output) Text() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	s := ""
	for _, out := range o.outputs {
		if m, ok := out.(map[string]any); ok && m["output_type"] == "stream" {
			s += m["text"].(string)
		}
	}
	return s
}

// appendStream adds text, merged into the last output when it is text of
// the same stream.
func (o *Output) appendStream(name, text string) {
	o.mu.Lock()
	if n := len(o.outputs); n > 0 {
		if last, ok := o.outputs[n-1].(map[string]any); ok && last["output_type"] == "stream" && last["name"] == name {
			o.outputs[n-1] = map[string]any{"output_type": "stream", "name": name, "text": last["text"].(string) + text}
			o.sendLocked()
			return
		}
	}
	o.outputs = append(o.outputs, map[string]any{"output_type": "stream", "name": name, "text": text})
	o.sendLocked()
}

// sendLocked sends the outputs and unlocks o.mu; the state goes out in the
// order of the changes.
func (o *Output) sendLocked() {
	outs := append(make([]any, 0, len(o.outputs)), o.outputs...)
	o.m.sendMu.Lock()
	o.mu.Unlock()
	defer o.m.sendMu.Unlock()
	o.m.setLocked(map[string]any{"outputs": outs}, nil)
}

// String describes the area: Output(3 outputs).
func (o *Output) String() string { return fmt.Sprintf("Output(%d outputs)", o.Len()) }

// MIMEBundle is the area's display: the widget, and a text fallback.
func (o *Output) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(o.ModelID(), o.String())
}
