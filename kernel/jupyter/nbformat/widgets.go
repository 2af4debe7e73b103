package nbformat

import (
	"encoding/base64"
	"fmt"
	"sort"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// MIME types of Jupyter widgets in notebooks.
const (
	// WidgetViewMIME is the output representation of a widget: its model
	// id.
	WidgetViewMIME = "application/vnd.jupyter.widget-view+json"
	// WidgetStateMIME keys the widgets' saved state in the notebook's
	// metadata ("widgets"), format version 2.0.
	WidgetStateMIME = "application/vnd.jupyter.widget-state+json"
)

// widgetTarget is the comm target of widget models.
const widgetTarget = "jupyter.widget"

// WidgetModel is the saved state of one widget model.
type WidgetModel struct {
	// Name, Module and Version name the model class (FloatSliderModel,
	// @jupyter-widgets/controls, 2.0.0).
	Name, Module, Version string
	// State is the model's state. Binary values are not in it: they are in
	// Buffers.
	State map[string]any
	// Buffers are the binary values, by their path in the state (a
	// top-level key is a one-element path).
	Buffers []WidgetBuffer
}

// WidgetBuffer is a binary value of a model's state.
type WidgetBuffer struct {
	Path []any
	Data []byte
}

// Bytes returns the binary value at the top-level key, if any.
func (m *WidgetModel) Bytes(key string) ([]byte, bool) {
	for _, b := range m.Buffers {
		if len(b.Path) == 1 && b.Path[0] == key {
			return b.Data, true
		}
	}
	return nil, false
}

// WidgetRecorder follows the widget models a run's comm messages create,
// change and close, as a front end would, to save their last state in the
// notebook (as JupyterLab's "save widget state" does). It is not safe for
// concurrent use.
type WidgetRecorder struct {
	models map[string]*WidgetModel
}

// NewWidgetRecorder returns a recorder with no models.
func NewWidgetRecorder() *WidgetRecorder {
	return &WidgetRecorder{models: map[string]*WidgetModel{}}
}

// Record applies one IOPub message: a comm_open of a widget model, a
// comm_msg that updates one (update, echo_update), or a comm_close.
// Messages that are not about widget models are ignored; a malformed one
// is reported and changes nothing.
func (r *WidgetRecorder) Record(m *wire.Message) error {
	t := m.Header.MsgType
	if t != "comm_open" && t != "comm_msg" && t != "comm_close" {
		return nil
	}
	content, err := decodeContent(m)
	if err != nil {
		return err
	}
	id, _ := content["comm_id"].(string)
	data, _ := content["data"].(map[string]any)
	switch t {
	case "comm_open":
		if content["target_name"] != widgetTarget {
			return nil
		}
		state, buffers, err := splitState(data, m.Buffers)
		if err != nil {
			return fmt.Errorf("comm_open %s: %w", id, err)
		}
		name, _ := state["_model_name"].(string)
		module, _ := state["_model_module"].(string)
		version, _ := state["_model_module_version"].(string)
		if id == "" || name == "" || module == "" {
			return fmt.Errorf("comm_open %q: no model name or module", id)
		}
		r.models[id] = &WidgetModel{Name: name, Module: module, Version: version, State: state, Buffers: buffers}
	case "comm_msg":
		model := r.models[id]
		method, _ := data["method"].(string)
		if model == nil || (method != "update" && method != "echo_update") {
			return nil
		}
		state, buffers, err := splitState(data, m.Buffers)
		if err != nil {
			return fmt.Errorf("comm_msg %s: %w", id, err)
		}
		for k, v := range state {
			model.State[k] = v
		}
		for _, b := range buffers {
			model.setBuffer(b)
		}
	case "comm_close":
		delete(r.models, id)
	}
	return nil
}

// setBuffer replaces (or adds) the binary value at b's path.
func (m *WidgetModel) setBuffer(b WidgetBuffer) {
	for i, old := range m.Buffers {
		if fmt.Sprint(old.Path) == fmt.Sprint(b.Path) {
			m.Buffers[i] = b
			return
		}
	}
	m.Buffers = append(m.Buffers, b)
}

// splitState reads the state of a comm message and pairs its buffers with
// their paths.
func splitState(data map[string]any, buffers [][]byte) (map[string]any, []WidgetBuffer, error) {
	state, ok := data["state"].(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("no state")
	}
	paths, _ := data["buffer_paths"].([]any)
	if len(paths) > len(buffers) {
		return nil, nil, fmt.Errorf("%d buffer paths but %d buffers", len(paths), len(buffers))
	}
	out := make([]WidgetBuffer, 0, len(paths))
	for i, p := range paths {
		path, ok := p.([]any)
		if !ok || len(path) == 0 {
			return nil, nil, fmt.Errorf("buffer path %v is not a list", p)
		}
		out = append(out, WidgetBuffer{Path: path, Data: buffers[i]})
	}
	return state, out, nil
}

// Len returns the number of live models.
func (r *WidgetRecorder) Len() int { return len(r.models) }

// Save writes the live models into nb's metadata as
// metadata.widgets["application/vnd.jupyter.widget-state+json"], the
// format JupyterLab, Notebook and nbconvert read; with no model it removes
// any saved state.
func (r *WidgetRecorder) Save(nb *Notebook) {
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	if len(r.models) == 0 {
		delete(nb.Metadata, "widgets")
		return
	}
	ids := make([]string, 0, len(r.models))
	for id := range r.models {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	state := map[string]any{}
	for _, id := range ids {
		m := r.models[id]
		entry := map[string]any{
			"model_name":           m.Name,
			"model_module":         m.Module,
			"model_module_version": m.Version,
			"state":                m.State,
		}
		if len(m.Buffers) > 0 {
			bufs := make([]any, len(m.Buffers))
			for i, b := range m.Buffers {
				bufs[i] = map[string]any{"path": b.Path, "encoding": "base64", "data": base64.StdEncoding.EncodeToString(b.Data)}
			}
			entry["buffers"] = bufs
		}
		state[id] = entry
	}
	nb.Metadata["widgets"] = map[string]any{
		WidgetStateMIME: map[string]any{"version_major": 2, "version_minor": 0, "state": state},
	}
}

// WidgetStates reads the widget state saved in nb's metadata, by model id;
// a notebook without one gives an empty map. Malformed entries are left
// out; buffers in hex or base64 are decoded.
func WidgetStates(nb *Notebook) map[string]*WidgetModel {
	out := map[string]*WidgetModel{}
	widgets, _ := nb.Metadata["widgets"].(map[string]any)
	saved, _ := widgets[WidgetStateMIME].(map[string]any)
	state, _ := saved["state"].(map[string]any)
	for id, v := range state {
		entry, _ := v.(map[string]any)
		st, _ := entry["state"].(map[string]any)
		name, _ := entry["model_name"].(string)
		if st == nil || name == "" {
			continue
		}
		m := &WidgetModel{State: st, Name: name}
		m.Module, _ = entry["model_module"].(string)
		m.Version, _ = entry["model_module_version"].(string)
		bufs, _ := entry["buffers"].([]any)
		for _, b := range bufs {
			buf, _ := b.(map[string]any)
			path, _ := buf["path"].([]any)
			text, _ := buf["data"].(string)
			data, err := decodeBuffer(text, buf["encoding"])
			if err != nil || len(path) == 0 {
				continue
			}
			m.Buffers = append(m.Buffers, WidgetBuffer{Path: path, Data: data})
		}
		out[id] = m
	}
	return out
}

func decodeBuffer(text string, encoding any) ([]byte, error) {
	switch encoding {
	case "base64":
		return base64.StdEncoding.DecodeString(text)
	case "hex":
		var out []byte
		_, err := fmt.Sscanf(text, "%x", &out)
		return out, err
	}
	return nil, fmt.Errorf("unknown buffer encoding %v", encoding)
}
