package kernel

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// These tests drive widgets through the whole kernel: the server, the
// supervised worker with the interpreter, and a ZeroMQ client standing in
// for the front end.

// sendComm sends a comm message from the front end and waits for its idle.
func sendComm(t *testing.T, k *testKernel, msgType string, content map[string]any, buffers ...[]byte) *client.Response {
	t.Helper()
	resp := startComm(t, k, msgType, content, buffers...)
	r, err := resp.Wait(testContext(t))
	if err != nil {
		t.Fatalf("%s: %v", msgType, err)
	}
	return r
}

func startComm(t *testing.T, k *testKernel, msgType string, content map[string]any, buffers ...[]byte) *client.Call {
	t.Helper()
	m, err := k.NewRequest(msgType, content)
	if err != nil {
		t.Fatal(err)
	}
	m.Buffers = buffers
	call, err := k.Send(client.Shell, m, client.CallOptions{NoReply: true})
	if err != nil {
		t.Fatal(err)
	}
	return call
}

// commOpens returns the comm_open messages among msgs, by model name.
func commOpens(t *testing.T, msgs []*wire.Message) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, m := range msgs {
		if m.Header.MsgType != "comm_open" {
			continue
		}
		c := content(t, m)
		if c["target_name"] != "jupyter.widget" || m.Metadata["version"] != "2.1.0" {
			t.Errorf("comm_open %v metadata %v", c, m.Metadata)
		}
		state := c["data"].(map[string]any)["state"].(map[string]any)
		name := state["_model_name"].(string)
		out[name] = append(out[name], c)
	}
	return out
}

// widgetView returns the model id shown by an execute_result or
// display_data among msgs.
func widgetView(t *testing.T, msgs []*wire.Message) (string, map[string]any) {
	t.Helper()
	for _, m := range msgs {
		if m.Header.MsgType != "execute_result" && m.Header.MsgType != "display_data" {
			continue
		}
		data := content(t, m)["data"].(map[string]any)
		if v, ok := data["application/vnd.jupyter.widget-view+json"].(map[string]any); ok {
			return v["model_id"].(string), data
		}
	}
	t.Fatalf("no widget view among %v", client.Types(msgs))
	return "", nil
}

// statusParents checks that msgs start with busy and end with idle, both
// with parent id.
func statusParents(t *testing.T, msgs []*wire.Message, id string) {
	t.Helper()
	if len(msgs) < 2 {
		t.Fatalf("iopub %v", client.Types(msgs))
	}
	first, last := msgs[0], msgs[len(msgs)-1]
	if first.Header.MsgType != "status" || content(t, first)["execution_state"] != "busy" || first.ParentHeader.MsgID != id {
		t.Errorf("first message %s %v, want busy for %s", first.Header.MsgType, content(t, first), id)
	}
	if last.Header.MsgType != "status" || content(t, last)["execution_state"] != "idle" || last.ParentHeader.MsgID != id {
		t.Errorf("last message %s, want idle for %s", last.Header.MsgType, id)
	}
}

func updateMsg(id string, state map[string]any, bufferPaths ...[]any) map[string]any {
	if bufferPaths == nil {
		bufferPaths = [][]any{}
	}
	return map[string]any{"comm_id": id, "data": map[string]any{"method": "update", "state": state, "buffer_paths": bufferPaths}}
}

func cellValue(t *testing.T, k *testKernel, code string) string {
	t.Helper()
	res := mustRun(t, k, code)
	for _, m := range res.IOPub {
		if m.Header.MsgType == "execute_result" {
			return content(t, m)["data"].(map[string]any)["text/plain"].(string)
		}
	}
	t.Fatalf("cell %q has no value", code)
	return ""
}

func TestWidgetsOverTheWire(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	ctx := testContext(t)

	res := mustRun(t, k, `s := widgets.NewFloatSlider("η", 0.1, 0, 2)
s`)
	opens := commOpens(t, res.IOPub)
	if len(opens["FloatSliderModel"]) != 1 || len(opens["LayoutModel"]) != 1 || len(opens["SliderStyleModel"]) != 1 {
		t.Fatalf("comm_opens %v", opens)
	}
	sliderID, data := widgetView(t, res.IOPub)
	if sliderID != opens["FloatSliderModel"][0]["comm_id"] {
		t.Errorf("view of %s, slider is %s", sliderID, opens["FloatSliderModel"][0]["comm_id"])
	}
	if text, _ := data["text/plain"].(string); !strings.Contains(text, "FloatSlider(η = 0.1)") || strings.Contains(text, "\n") {
		t.Errorf("text fallback %q", text)
	}

	// comm_info lists the widget comms, by target.
	info, err := k.Request(ctx, client.Shell, "comm_info_request", map[string]any{"target_name": "jupyter.widget"})
	if err != nil {
		t.Fatal(err)
	}
	comms := content(t, info.Reply)["comms"].(map[string]any)
	if len(comms) != 3 || !reflect.DeepEqual(comms[sliderID], map[string]any{"target_name": "jupyter.widget"}) {
		t.Errorf("comm_info %v", comms)
	}
	statusParents(t, info.IOPub, info.Reply.ParentHeader.MsgID)

	// A front-end update: busy and idle with the update as parent, and the
	// value readable from the next cell.
	resp := sendComm(t, k, "comm_msg", updateMsg(sliderID, map[string]any{"value": 1.5}))
	statusParents(t, resp.IOPub, resp.IOPub[0].ParentHeader.MsgID)
	if got := cellValue(t, k, "s.Value()"); got != "1.5" {
		t.Errorf("s.Value() = %s after the update", got)
	}

	// A button whose callback writes to an Output: the click's callback
	// runs before its idle, and the Output's update has the click as
	// parent.
	res = mustRun(t, k, `b := widgets.NewButton("go")
out := widgets.NewOutput()
clicks := 0
b.OnClick(func() { clicks++; out.Printf("click %d\n", clicks) })
widgets.NewVBox(b, out)`)
	opens = commOpens(t, res.IOPub)
	buttonID := opens["ButtonModel"][0]["comm_id"].(string)
	outputID := opens["OutputModel"][0]["comm_id"].(string)
	for i := 1; i <= 2; i++ {
		resp = sendComm(t, k, "comm_msg", map[string]any{"comm_id": buttonID, "data": map[string]any{"method": "custom", "content": map[string]any{"event": "click"}}})
		var outputs []any
		for _, m := range resp.IOPub {
			if c := content(t, m); m.Header.MsgType == "comm_msg" && c["comm_id"] == outputID {
				outputs = c["data"].(map[string]any)["state"].(map[string]any)["outputs"].([]any)
			}
		}
		want := strings.Repeat("", 0)
		for j := 1; j <= i; j++ {
			want += "click " + string(rune('0'+j)) + "\n"
		}
		if len(outputs) != 1 || outputs[0].(map[string]any)["text"] != want {
			t.Errorf("click %d: Output state %v (iopub %v)", i, outputs, client.Types(resp.IOPub))
		}
	}
	if got := cellValue(t, k, "clicks"); got != "2" {
		t.Errorf("clicks = %s", got)
	}

	// Binary buffers both ways: an Image set from the front end with a
	// buffer, and an Interact redraw that sends the figure as a buffer.
	res = mustRun(t, k, `img := widgets.NewImage(nil)
img`)
	imageID, _ := widgetView(t, res.IOPub)
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	sendComm(t, k, "comm_msg", updateMsg(imageID, map[string]any{}, []any{"value"}), png)
	if got := cellValue(t, k, "len(img.PNG())"); got != "18" {
		t.Errorf("image bytes after a buffer update: %s", got)
	}

	res = mustRun(t, k, `k := widgets.NewIntSlider("k", 1, 1, 5)
drawn := []int{}
in := widgets.Interact(func(k int) *figure.Figure {
	drawn = append(drawn, k)
	return figure.Contour(optimlib.Quadratic(1, float64(k)), figure.Options{Title: fmt.Sprint("k = ", k)})
}, k)
in`)
	opens = commOpens(t, res.IOPub)
	kID := ""
	for _, o := range opens["IntSliderModel"] {
		kID = o["comm_id"].(string)
	}
	var figID string
	for _, o := range opens["ImageModel"] {
		figID = o["comm_id"].(string)
	}
	_, data = widgetView(t, res.IOPub)
	first, _ := data["image/png"].(string)
	if first == "" || !strings.HasPrefix(data["text/plain"].(string), "Interact(k = 1)") {
		t.Fatalf("the Interact display lacks its figure fallback: %v", data["text/plain"])
	}
	resp = sendComm(t, k, "comm_msg", updateMsg(kID, map[string]any{"value": 4}))
	var figure []byte
	for _, m := range resp.IOPub {
		if c := content(t, m); m.Header.MsgType == "comm_msg" && c["comm_id"] == figID {
			paths, _ := json.Marshal(c["data"].(map[string]any)["buffer_paths"])
			if string(paths) != `[["value"]]` || len(m.Buffers) != 1 {
				t.Fatalf("figure update %v with %d buffers", c["data"], len(m.Buffers))
			}
			figure = m.Buffers[0]
		}
	}
	if !bytes.HasPrefix(figure, []byte("\x89PNG")) {
		t.Fatalf("no PNG buffer in the redraw (iopub %v)", client.Types(resp.IOPub))
	}
	if got := cellValue(t, k, "drawn"); got != "[1 4]" {
		t.Errorf("drawn = %s", got)
	}
	// The same value again draws nothing.
	sendComm(t, k, "comm_msg", updateMsg(kID, map[string]any{"value": 4}))
	if got := cellValue(t, k, "drawn"); got != "[1 4]" {
		t.Errorf("drawn = %s after the same value", got)
	}

	// A comm the front end opens for a target nobody registered is
	// closed; a message for an unknown comm is dropped with busy/idle.
	resp = sendComm(t, k, "comm_open", map[string]any{"comm_id": "fe-1", "target_name": "nobody", "data": map[string]any{}})
	if types := client.Types(resp.IOPub); !reflect.DeepEqual(types, []string{"status:busy", "comm_close", "status:idle"}) {
		t.Errorf("unknown target: %v", types)
	}
	resp = sendComm(t, k, "comm_msg", updateMsg("no-such-comm", map[string]any{"value": 1}))
	if types := client.Types(resp.IOPub); !reflect.DeepEqual(types, []string{"status:busy", "status:idle"}) {
		t.Errorf("unknown comm: %v", types)
	}
}

// A slider moved while a cell runs: the running cell sees the value at
// once, the message is idle before the cell ends, and its callback runs
// after the cell, its output outside the cell's.
func TestWidgetMovedDuringALongCell(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	res := mustRun(t, k, `s := widgets.NewFloatSlider("η", 0.1, 0, 2)
seen := []float64{}
s.Observe(func(v float64) { seen = append(seen, v); fmt.Println("callback", v) })
s`)
	sliderID, _ := widgetView(t, res.IOPub)
	cell, err := k.StartExecute(`fmt.Println("waiting")
for s.Value() < 1 {
	time.Sleep(5 * time.Millisecond)
}
fmt.Println("saw", s.Value(), "with", len(seen), "callbacks run")`, client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the cell's first output", func() bool { return strings.Contains(cell.Progress().Stream("stdout"), "waiting") })
	// A front end restoring its widgets asks for their state, and waits
	// for the reply whose parent is its request, also while a cell runs.
	state := sendComm(t, k, "comm_msg", map[string]any{"comm_id": sliderID, "data": map[string]any{"method": "request_state"}})
	if types := client.Types(state.IOPub); !reflect.DeepEqual(types, []string{"status:busy", "comm_msg", "status:idle"}) {
		t.Errorf("request_state during a cell: %v", types)
	} else if st := content(t, state.IOPub[1])["data"].(map[string]any)["state"].(map[string]any); st["value"] != 0.1 || st["_model_name"] != "FloatSliderModel" {
		t.Errorf("state reply %v", st)
	}
	update := startComm(t, k, "comm_msg", updateMsg(sliderID, map[string]any{"value": 1.25}))
	select {
	case <-update.Idle():
	case <-time.After(testTimeout):
		t.Fatal("the update's idle did not come")
	}
	cellResp, err := cell.Wait(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := cellResp.Stream("stdout"); got != "waiting\nsaw 1.25 with 0 callbacks run\n" {
		t.Errorf("the running cell printed %q", got)
	}
	if got := update.Progress().Stream("stdout"); got != "" {
		t.Errorf("the callback printed %q before the update's idle", got)
	}
	eventually(t, "the callback after the cell", func() bool {
		return cellValue(t, k, "len(seen)") == "1"
	})
	if got := cellValue(t, k, "seen"); got != "[1.25]" {
		t.Errorf("seen = %s", got)
	}
}
