package nbformat

import (
	"errors"
	"fmt"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// Recorder turns the IOPub messages of executed cells into the cells'
// outputs exactly as nbclient does, plus the stream coalescing nbconvert
// applies after it:
//
//   - stream, display_data, execute_result and error messages become
//     outputs; consecutive streams of the same name are merged into one;
//   - a message whose content has execution_count (execute_input,
//     execute_result) sets the cell's execution count;
//   - display_data, execute_result and update_display_data with a
//     transient display_id first replace the data and metadata of every
//     earlier output with that display_id, in this cell and in earlier
//     ones; update_display_data is not itself an output;
//   - clear_output empties the cell's outputs at once, or with wait at the
//     next output; the cleared outputs no longer receive display updates;
//   - status, execute_input and comm messages add nothing.
//
// A Recorder is bound to one notebook run (display ids span cells) and is
// not safe for concurrent use.
type Recorder struct {
	nb *Notebook
	// displays maps a display_id to the outputs showing it: cell index to
	// output indices.
	displays map[string]map[int][]int
	// clearPending is a clear_output with wait that waits for the next
	// output.
	clearPending bool
}

// NewRecorder returns a Recorder that writes the outputs of nb's cells.
func NewRecorder(nb *Notebook) *Recorder {
	return &Recorder{nb: nb, displays: map[string]map[int][]int{}}
}

// StartCell empties the outputs of cell index (0-based) before it runs.
func (r *Recorder) StartCell(index int) error {
	c, err := r.cell(index)
	if err != nil {
		return err
	}
	c.Outputs = []*Output{}
	r.clearPending = false
	return nil
}

// Record applies one IOPub message of the execution of cell index. A
// malformed output message is reported and changes nothing; messages that
// are not outputs are ignored.
func (r *Recorder) Record(index int, m *wire.Message) error {
	c, err := r.cell(index)
	if err != nil {
		return err
	}
	content, err := decodeContent(m)
	if err != nil {
		return err
	}
	msgType := m.Header.MsgType
	id := displayID(content)
	if id != "" && (msgType == "display_data" || msgType == "execute_result" || msgType == "update_display_data") {
		if err := r.updateDisplay(id, msgType, content); err != nil {
			return err
		}
	}
	if _, ok := content["execution_count"]; ok {
		count, err := intField(content, "execution_count")
		if err != nil {
			return fmt.Errorf("%s: %w", msgType, err)
		}
		c.ExecutionCount = count
	}
	switch {
	case msgType == "status", msgType == "execute_input", msgType == "update_display_data":
		return nil
	case msgType == "clear_output":
		if wait, _ := content["wait"].(bool); wait {
			r.clearPending = true
		} else {
			r.clear(index)
		}
		return nil
	case strings.HasPrefix(msgType, "comm"):
		return nil
	}
	out, err := outputFromContent(msgType, content)
	if errors.Is(err, errNotOutput) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.clearPending {
		r.clear(index)
		r.clearPending = false
	}
	if id != "" {
		cells := r.displays[id]
		if cells == nil {
			cells = map[int][]int{}
			r.displays[id] = cells
		}
		cells[index] = append(cells[index], len(c.Outputs))
	}
	if n := len(c.Outputs); out.Type == OutputStream && n > 0 {
		if last := c.Outputs[n-1]; last.Type == OutputStream && last.Name == out.Name {
			last.Text += out.Text
			return nil
		}
	}
	c.Outputs = append(c.Outputs, out)
	return nil
}

// FinishCell ends the execution of cell index: as nbconvert's coalescing
// does, the text a carriage return overwrites in a stream is dropped.
func (r *Recorder) FinishCell(index int) error {
	c, err := r.cell(index)
	if err != nil {
		return err
	}
	for _, o := range c.Outputs {
		if o.Type == OutputStream {
			o.Text = applyCarriageReturns(o.Text)
		}
	}
	return nil
}

func (r *Recorder) cell(index int) (*Cell, error) {
	if index < 0 || index >= len(r.nb.Cells) {
		return nil, fmt.Errorf("no cell %d in a notebook of %d cells", index, len(r.nb.Cells))
	}
	return r.nb.Cells[index], nil
}

// clear empties the outputs of cell index and forgets the display ids they
// showed.
func (r *Recorder) clear(index int) {
	r.nb.Cells[index].Outputs = []*Output{}
	for _, cells := range r.displays {
		if _, ok := cells[index]; ok {
			cells[index] = nil
		}
	}
}

// updateDisplay replaces the data and metadata of the outputs showing id.
func (r *Recorder) updateDisplay(id, msgType string, content map[string]any) error {
	cells, ok := r.displays[id]
	if !ok {
		return nil
	}
	out, err := outputFromContent(msgType, content)
	if err != nil {
		return err
	}
	for cellIndex, outputs := range cells {
		c := r.nb.Cells[cellIndex]
		for _, i := range outputs {
			if i < len(c.Outputs) {
				c.Outputs[i].Data = out.Data
				c.Outputs[i].Metadata = out.Metadata
			}
		}
	}
	return nil
}

// applyCarriageReturns drops, on each line, the text up to the last
// carriage return that is followed by more text on that line, as the
// pattern `.*\r(?=[^\n])` of nbconvert's coalesce_streams does: a progress
// line rewritten with \r keeps only its last state.
func applyCarriageReturns(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	lines := strings.SplitAfter(s, "\n")
	for i, line := range lines {
		body := strings.TrimSuffix(line, "\n")
		cut := -1
		for j := 0; j+1 < len(body); j++ {
			if body[j] == '\r' {
				cut = j
			}
		}
		if cut >= 0 {
			lines[i] = line[cut+1:]
		}
	}
	return strings.Join(lines, "")
}
