package nbformat

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

func commMessage(t *testing.T, msgType string, content map[string]any, buffers ...[]byte) *wire.Message {
	t.Helper()
	raw, err := json.Marshal(content)
	if err != nil {
		t.Fatal(err)
	}
	return &wire.Message{Header: wire.Header{MsgType: msgType}, Content: raw, Buffers: buffers}
}

func TestWidgetRecorderFollowsModelsAndSavesTheirState(t *testing.T) {
	r := NewWidgetRecorder()
	open := func(id, name string, state map[string]any, paths []any, bufs ...[]byte) *wire.Message {
		state["_model_name"], state["_model_module"], state["_model_module_version"] = name, "@jupyter-widgets/controls", "2.0.0"
		return commMessage(t, "comm_open", map[string]any{"comm_id": id, "target_name": "jupyter.widget",
			"data": map[string]any{"state": state, "buffer_paths": paths}}, bufs...)
	}
	update := func(id string, state map[string]any, paths []any, bufs ...[]byte) *wire.Message {
		return commMessage(t, "comm_msg", map[string]any{"comm_id": id,
			"data": map[string]any{"method": "update", "state": state, "buffer_paths": paths}}, bufs...)
	}
	msgs := []*wire.Message{
		open("s", "FloatSliderModel", map[string]any{"value": 0.5}, []any{}),
		open("img", "ImageModel", map[string]any{"format": "png"}, []any{[]any{"value"}}, []byte("first")),
		open("gone", "LabelModel", map[string]any{"value": "x"}, []any{}),
		commMessage(t, "comm_open", map[string]any{"comm_id": "other", "target_name": "not.widgets", "data": map[string]any{}}),
		update("s", map[string]any{"value": 1.25}, []any{}),
		update("img", map[string]any{}, []any{[]any{"value"}}, []byte("second")),
		commMessage(t, "comm_msg", map[string]any{"comm_id": "s", "data": map[string]any{"method": "custom", "content": map[string]any{}}}),
		commMessage(t, "comm_close", map[string]any{"comm_id": "gone", "data": map[string]any{}}),
		commMessage(t, "stream", map[string]any{"name": "stdout", "text": "x"}),
	}
	for _, m := range msgs {
		if err := r.Record(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Record(update("img", map[string]any{}, []any{[]any{"value"}})); err == nil {
		t.Error("a buffer path without its buffer was accepted")
	}
	nb := &Notebook{}
	r.Save(nb)
	// Through a file and back, as a notebook is written and read.
	raw, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	states := WidgetStates(back)
	if len(states) != 2 {
		t.Fatalf("models %v", states)
	}
	if v, _ := states["s"].State["value"].(json.Number); v.String() != "1.25" || states["s"].Name != "FloatSliderModel" {
		t.Errorf("slider %+v", states["s"])
	}
	if b, ok := states["img"].Bytes("value"); !ok || string(b) != "second" {
		t.Errorf("image bytes %q", b)
	}
	saved := back.Metadata["widgets"].(map[string]any)[WidgetStateMIME].(map[string]any)
	if !reflect.DeepEqual([]any{saved["version_major"], saved["version_minor"]}, []any{json.Number("2"), json.Number("0")}) {
		t.Errorf("version %v.%v", saved["version_major"], saved["version_minor"])
	}
	// No models: no metadata.
	empty := NewWidgetRecorder()
	empty.Save(back)
	if _, ok := back.Metadata["widgets"]; ok {
		t.Error("an empty state was saved")
	}
}
