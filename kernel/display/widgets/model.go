package widgets

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/descentlab/descent/kernel/display/comm"
)

// The Jupyter widgets protocol this package speaks, and the versions of the
// model specifications its widgets follow (ipywidgets 8, as JupyterLab 4,
// Notebook 7 and VS Code expect).
const (
	// ProtocolVersion is the widget messaging protocol, sent as the
	// metadata of every comm_open.
	ProtocolVersion = "2.1.0"
	// BaseVersion is the version of @jupyter-widgets/base models
	// (LayoutModel).
	BaseVersion = "2.0.0"
	// ControlsVersion is the version of @jupyter-widgets/controls models
	// (sliders, boxes, ...).
	ControlsVersion = "2.0.0"
	// OutputVersion is the version of @jupyter-widgets/output models.
	OutputVersion = "1.0.0"
)

// The comm targets of the protocol.
const (
	// Target is the comm target of every widget model.
	Target = "jupyter.widget"
	// ControlTarget is the optional comm target a front end opens to fetch
	// the state of every widget in one message.
	ControlTarget = "jupyter.widget.control"
)

// The modules the models come from.
const (
	baseModule     = "@jupyter-widgets/base"
	controlsModule = "@jupyter-widgets/controls"
	outputModule   = "@jupyter-widgets/output"
)

// spec names a model class and its view in the front end.
type spec struct {
	model, view       string
	module, version   string
	viewModule, viewV string
}

func controlSpec(name string) spec {
	return spec{model: name + "Model", view: name + "View", module: controlsModule, version: ControlsVersion,
		viewModule: controlsModule, viewV: ControlsVersion}
}

// model is the kernel side of one widget model: its state, kept in sync
// with the front end over a comm.
type model struct {
	spec spec
	comm *comm.Comm

	mu    sync.Mutex
	state map[string]any    // JSON-able state, without the binary values
	bytes map[string][]byte // binary values by state key (sent as buffers)

	// sendMu keeps updates in the order of the state changes they carry.
	sendMu sync.Mutex

	// onUpdate is called with the keys a front-end update changed (and
	// their values before); it returns the work the change asks for.
	onUpdate func(changed map[string]any) comm.Work
	// onCustom receives custom messages (a button click).
	onCustom func(content map[string]any) comm.Work
}

// registry holds the live models, for the control target and for lookups.
var registry = struct {
	sync.Mutex
	models map[string]*model
}{models: map[string]*model{}}

func init() {
	comm.RegisterTarget(ControlTarget, openControl)
}

// newModel opens a model with its full initial state (the spec's keys and
// the common DOM keys are added) and binary values.
func newModel(sp spec, state map[string]any, bytes map[string][]byte) *model {
	m := &model{spec: sp, state: map[string]any{}, bytes: map[string][]byte{}}
	for k, v := range state {
		m.state[k] = v
	}
	for k, v := range bytes {
		m.bytes[k] = v
	}
	m.state["_model_name"] = sp.model
	m.state["_model_module"] = sp.module
	m.state["_model_module_version"] = sp.version
	m.state["_view_name"] = sp.view
	m.state["_view_module"] = sp.viewModule
	m.state["_view_module_version"] = sp.viewV
	m.state["_view_count"] = nil
	data, buffers := m.fullStateLocked()
	m.comm = comm.Open(Target, comm.Message{Data: data, Metadata: map[string]any{"version": ProtocolVersion}, Buffers: buffers}, m.receive)
	registry.Lock()
	registry.models[m.comm.ID()] = m
	registry.Unlock()
	return m
}

// id is the model id.
func (m *model) id() string { return m.comm.ID() }

// ref is how other models' state refers to m.
func (m *model) ref() string { return "IPY_MODEL_" + m.id() }

// fullStateLocked is the comm data of the whole state, {state,
// buffer_paths}, and its buffers.
func (m *model) fullStateLocked() (map[string]any, [][]byte) {
	state := make(map[string]any, len(m.state))
	for k, v := range m.state {
		state[k] = v
	}
	paths := [][]any{}
	var buffers [][]byte
	for _, k := range sortedKeys(m.bytes) {
		paths = append(paths, []any{k})
		buffers = append(buffers, m.bytes[k])
	}
	return map[string]any{"state": state, "buffer_paths": paths}, buffers
}

// get returns the value of a state key.
func (m *model) get(key string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[key]
}

// getBytes returns a binary value.
func (m *model) getBytes(key string) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.bytes[key]
}

// set changes state keys and binary values and sends them to the front end
// in one update.
func (m *model) set(state map[string]any, bytes map[string][]byte) {
	m.sendMu.Lock()
	defer m.sendMu.Unlock()
	m.setLocked(state, bytes)
}

// setLocked is set with m.sendMu held.
func (m *model) setLocked(state map[string]any, bytes map[string][]byte) {
	m.mu.Lock()
	for k, v := range state {
		m.state[k] = v
	}
	for k, v := range bytes {
		m.bytes[k] = v
	}
	m.mu.Unlock()
	update := make(map[string]any, len(state))
	for k, v := range state {
		update[k] = v
	}
	paths := [][]any{}
	var buffers [][]byte
	for _, k := range sortedKeys(bytes) {
		paths = append(paths, []any{k})
		buffers = append(buffers, bytes[k])
	}
	m.comm.Send(comm.Message{Data: map[string]any{"method": "update", "state": update, "buffer_paths": paths}, Buffers: buffers})
}

// sendFullState answers request_state.
func (m *model) sendFullState() {
	m.sendMu.Lock()
	defer m.sendMu.Unlock()
	m.mu.Lock()
	data, buffers := m.fullStateLocked()
	m.mu.Unlock()
	data["method"] = "update"
	m.comm.Send(comm.Message{Data: data, Buffers: buffers})
}

// receive handles the front end's messages on the model's comm: it applies
// state updates and answers state requests at once, and returns the work
// (callbacks) they ask for.
func (m *model) receive(kind comm.Kind, msg comm.Message) comm.Work {
	if kind == comm.CloseKind {
		registry.Lock()
		delete(registry.models, m.comm.ID())
		registry.Unlock()
		return nil
	}
	method, _ := msg.Data["method"].(string)
	switch method {
	case "update":
		state, _ := msg.Data["state"].(map[string]any)
		bytes := putBuffers(state, msg.Data["buffer_paths"], msg.Buffers)
		return m.apply(state, bytes)
	case "request_state":
		m.sendFullState()
	case "custom":
		content, _ := msg.Data["content"].(map[string]any)
		if m.onCustom != nil {
			return m.onCustom(content)
		}
	}
	return nil
}

// apply takes a state update from the front end: the keys the model knows
// are stored (the protected _ keys are not), and the widget's hook says
// what the change asks for.
func (m *model) apply(state map[string]any, bytes map[string][]byte) comm.Work {
	changed := map[string]any{}
	m.mu.Lock()
	for k, v := range state {
		old, known := m.state[k]
		if !known || len(k) > 0 && k[0] == '_' {
			continue
		}
		nv, ok := fits(old, v)
		if !ok {
			continue // a value of the wrong type: dropped
		}
		changed[k] = old
		m.state[k] = nv
	}
	for k, v := range bytes {
		if _, known := m.bytes[k]; known {
			changed[k] = m.bytes[k]
			m.bytes[k] = v
		}
	}
	m.mu.Unlock()
	if len(changed) == 0 || m.onUpdate == nil {
		return nil
	}
	return m.onUpdate(changed)
}

// close closes the model's comm.
func (m *model) close() {
	registry.Lock()
	delete(registry.models, m.comm.ID())
	registry.Unlock()
	m.comm.Close(comm.Message{})
}

// putBuffers takes the binary values out of an update: top-level state keys
// named by buffer_paths (deeper paths are dropped; no widget here has
// nested binary state).
func putBuffers(state map[string]any, paths any, buffers [][]byte) map[string][]byte {
	list, _ := paths.([]any)
	out := map[string][]byte{}
	for i, p := range list {
		path, _ := p.([]any)
		if len(path) != 1 || i >= len(buffers) {
			continue
		}
		if key, ok := path[0].(string); ok {
			out[key] = buffers[i]
			delete(state, key)
		}
	}
	return out
}

// openControl answers the front end's jupyter.widget.control comm: a
// request_states message gets the state of every live model in one
// update_states message.
func openControl(c *comm.Comm, _ comm.Message) comm.Work {
	c.Handle(func(kind comm.Kind, msg comm.Message) comm.Work {
		if method, _ := msg.Data["method"].(string); kind == comm.MsgKind && method == "request_states" {
			c.Send(allStates())
		}
		return nil
	})
	return nil
}

// allStates is the update_states message: every model's state, with the
// binary values as buffers at paths [model id, key].
func allStates() comm.Message {
	registry.Lock()
	models := make([]*model, 0, len(registry.models))
	for _, m := range registry.models {
		models = append(models, m)
	}
	registry.Unlock()
	sort.Slice(models, func(i, j int) bool { return models[i].id() < models[j].id() })
	states := map[string]any{}
	paths := [][]any{}
	var buffers [][]byte
	for _, m := range models {
		m.mu.Lock()
		data, bufs := m.fullStateLocked()
		m.mu.Unlock()
		states[m.id()] = map[string]any{
			"model_name":           m.spec.model,
			"model_module":         m.spec.module,
			"model_module_version": m.spec.version,
			"state":                data["state"],
		}
		for i, p := range data["buffer_paths"].([][]any) {
			paths = append(paths, append([]any{m.id(), "state"}, p...))
			buffers = append(buffers, bufs[i])
		}
	}
	return comm.Message{Data: map[string]any{"method": "update_states", "states": states, "buffer_paths": paths}, Buffers: buffers}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Reading values the front end sent: JSON numbers arrive as float64 (or
// json.Number), and a value of the wrong type is ignored.

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x)
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func toInt(v any) (int, bool) {
	f, ok := toFloat(v)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int(f), true
}

// fits returns v as a new value for a key that holds old, or false when v
// has the wrong type: a number for a number (an integral one for an int),
// a bool for a bool, a string for a string. Keys whose value may be null
// or structured take anything.
func fits(old, v any) (any, bool) {
	switch old.(type) {
	case int:
		return toInt(v)
	case float64:
		return toFloat(v)
	case bool:
		b, ok := v.(bool)
		return b, ok
	case string:
		s, ok := v.(string)
		return s, ok
	}
	return v, true
}

// describe is a widget's one-line text form: its kind, its description and
// its value.
func describe(kind, description string, value any) string {
	if description == "" {
		return fmt.Sprintf("%s(%v)", kind, value)
	}
	return fmt.Sprintf("%s(%s = %v)", kind, description, value)
}
