package display

import (
	"encoding/json"
	"reflect"
	"sync"
	"testing"
)

// recorder collects the outputs published while it is registered.
type recorder struct {
	mu   sync.Mutex
	outs []Output
}

func (r *recorder) publish(o Output) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outs = append(r.outs, o)
}

// record registers a recorder for the duration of the test.
func record(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{}
	prev := SetPublisher(r.publish)
	t.Cleanup(func() { SetPublisher(prev) })
	return r
}

func TestPublishFunctions(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want Output
	}{
		{"Show", func() { Show(7) }, Output{Kind: DisplayData, Data: map[string]any{MIMEText: "7"}, Metadata: map[string]any{}}},
		{"HTML", func() { HTML("<b>bold</b>") }, Output{Kind: DisplayData, Data: map[string]any{MIMEHTML: "<b>bold</b>", MIMEText: "<b>bold</b>"}, Metadata: map[string]any{}}},
		{"Markdown", func() { Markdown("*md*") }, Output{Kind: DisplayData, Data: map[string]any{MIMEMarkdown: "*md*", MIMEText: "*md*"}, Metadata: map[string]any{}}},
		{"LaTeX", func() { LaTeX("$x^2$") }, Output{Kind: DisplayData, Data: map[string]any{MIMELaTeX: "$x^2$", MIMEText: "$x^2$"}, Metadata: map[string]any{}}},
		{"Handle.Update with HTMLText", func() { (&Handle{id: "h1"}).Update(HTMLText("<i>x</i>")) },
			Output{Kind: UpdateDisplayData, DisplayID: "h1", Data: map[string]any{MIMEHTML: "<i>x</i>", MIMEText: "<i>x</i>"}, Metadata: map[string]any{}}},
		{"SVG", func() { SVG("<svg/>") }, Output{Kind: DisplayData, Data: map[string]any{MIMESVG: "<svg/>", MIMEText: "<SVG image, 6 bytes>"}}},
		{"JSON", func() { JSON([]int{1, 2}) }, Output{Kind: DisplayData, Data: map[string]any{MIMEJSON: json.RawMessage("[1,2]"), MIMEText: "[1,2]"}}},
		{"JSON error", func() { JSON(func() {}) }, Output{Kind: DisplayData, Data: map[string]any{MIMEText: "(display: application/json: json: unsupported type: func())"}}},
		{"Clear", Clear, Output{Kind: ClearOutput}},
		{"ClearWait", ClearWait, Output{Kind: ClearOutput, Wait: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := record(t)
			tc.call()
			if len(r.outs) != 1 {
				t.Fatalf("published %d outputs, want 1", len(r.outs))
			}
			if !reflect.DeepEqual(r.outs[0], tc.want) {
				t.Errorf("published %#v\nwant %#v", r.outs[0], tc.want)
			}
		})
	}
}

func TestPNGShowsImageWithSize(t *testing.T) {
	r := record(t)
	PNG(pngFile(t, rgba(5, 7)))
	if len(r.outs) != 1 {
		t.Fatalf("published %d outputs, want 1", len(r.outs))
	}
	o := r.outs[0]
	if w, h := decodedSize(t, o.Data[MIMEPNG]); w != 5 || h != 7 {
		t.Errorf("image is %d×%d, want 5×7", w, h)
	}
	want := map[string]any{MIMEPNG: map[string]any{"width": 5, "height": 7}}
	if !reflect.DeepEqual(o.Metadata, want) {
		t.Errorf("metadata = %v, want %v", o.Metadata, want)
	}
}

func TestHandleShowThenUpdateShareID(t *testing.T) {
	r := record(t)
	h := NewHandle()
	other := NewHandle()
	h.Show(1)
	h.Update(2)
	other.Update(3)
	if h.ID() == "" || h.ID() == other.ID() {
		t.Fatalf("handle IDs %q and %q must be distinct and non-empty", h.ID(), other.ID())
	}
	want := []struct {
		kind Kind
		id   string
		text string
	}{
		{DisplayData, h.ID(), "1"},
		{UpdateDisplayData, h.ID(), "2"},
		{UpdateDisplayData, other.ID(), "3"},
	}
	if len(r.outs) != len(want) {
		t.Fatalf("published %d outputs, want %d", len(r.outs), len(want))
	}
	for i, w := range want {
		o := r.outs[i]
		if o.Kind != w.kind || o.DisplayID != w.id || o.Data[MIMEText] != w.text {
			t.Errorf("output %d = {%v %q %v}, want {%v %q %q}", i, o.Kind, o.DisplayID, o.Data[MIMEText], w.kind, w.id, w.text)
		}
	}
}

func TestSetPublisherReturnsPrevious(t *testing.T) {
	first := &recorder{}
	second := &recorder{}
	orig := SetPublisher(first.publish)
	defer SetPublisher(orig)
	if prev := SetPublisher(second.publish); prev == nil {
		t.Fatal("SetPublisher returned nil, want the first publisher")
	} else {
		prev(Output{Kind: ClearOutput})
	}
	Clear()
	if len(first.outs) != 1 || len(second.outs) != 1 {
		t.Errorf("first got %d outputs, second %d; want 1 and 1", len(first.outs), len(second.outs))
	}
	if prev := SetPublisher(nil); prev == nil {
		t.Error("SetPublisher(nil) returned nil, want the second publisher")
	}
	if prev := SetPublisher(nil); prev != nil {
		t.Error("SetPublisher(nil) after nil returned a publisher")
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{DisplayData: "display_data", UpdateDisplayData: "update_display_data", ClearOutput: "clear_output", 9: "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}
