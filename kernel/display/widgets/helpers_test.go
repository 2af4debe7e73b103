package widgets

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"sync"
	"testing"

	"github.com/descentlab/descent/kernel/display/comm"
)

// wire records what the widgets send, as the kernel would publish it.
type wire struct {
	mu   sync.Mutex
	msgs []sentMsg
}

type sentMsg struct {
	kind   comm.Kind
	id     string
	target string
	m      comm.Message
}

func (w *wire) Publish(kind comm.Kind, id, target string, m comm.Message) {
	w.mu.Lock()
	w.msgs = append(w.msgs, sentMsg{kind, id, target, m})
	w.mu.Unlock()
}

// since returns the messages sent from index n on.
func (w *wire) since(n int) []sentMsg {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]sentMsg(nil), w.msgs[n:]...)
}

func (w *wire) len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.msgs)
}

// opened returns the comm_open of id.
func (w *wire) opened(t *testing.T, id string) sentMsg {
	t.Helper()
	for _, m := range w.since(0) {
		if m.kind == comm.OpenKind && m.id == id {
			return m
		}
	}
	t.Fatalf("no comm_open for %s", id)
	return sentMsg{}
}

func newWire(t *testing.T) *wire {
	w := &wire{}
	old := comm.SetTransport(w)
	t.Cleanup(func() { comm.SetTransport(old) })
	return w
}

// frontEnd delivers a message as the kernel does and returns its work.
func frontEnd(t *testing.T, kind comm.Kind, id string, data map[string]any, buffers ...[]byte) comm.Work {
	t.Helper()
	w, err := comm.Deliver(kind, id, "", comm.Message{Data: data, Buffers: buffers})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// update is the front end's state update.
func update(state map[string]any) map[string]any {
	return map[string]any{"method": "update", "state": state, "buffer_paths": []any{}}
}

// tinyPNG is a 2×1 PNG.
func tinyPNG(t *testing.T, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 1))
	img.Set(0, 0, c)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
