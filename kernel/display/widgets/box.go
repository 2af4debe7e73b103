package widgets

import (
	"strings"
	"sync"
)

// Box lays widgets out in a row (HBox) or a column (VBox), like
// ipywidgets.HBox and VBox.
type Box struct {
	domWidget
	kind     string
	mu       sync.Mutex
	children []Widget
	png      func() []byte // a figure for front ends without widgets (Interact)
}

// NewHBox returns a row of the children, left to right.
func NewHBox(children ...Widget) *Box { return newBox("HBox", children) }

// NewVBox returns a column of the children, top to bottom.
func NewVBox(children ...Widget) *Box { return newBox("VBox", children) }

func newBox(kind string, children []Widget) *Box {
	b := &Box{kind: kind, children: nonNilWidgets(children)}
	b.domWidget = newDOM(kind, map[string]any{"box_style": "", "children": refs(b.children)}, nil, "", nil)
	return b
}

// Children returns the widgets in the box.
func (b *Box) Children() []Widget {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Widget(nil), b.children...)
}

// SetChildren replaces the widgets in the box.
func (b *Box) SetChildren(children ...Widget) *Box {
	b.mu.Lock()
	b.children = nonNilWidgets(children)
	r := refs(b.children)
	b.mu.Unlock()
	b.m.set(map[string]any{"children": r}, nil)
	return b
}

// String describes the box and what it holds: VBox(FloatSlider(η = 0.1), Image(...)).
func (b *Box) String() string {
	parts := []string{}
	for _, c := range b.Children() {
		parts = append(parts, c.String())
	}
	return b.kind + "(" + strings.Join(parts, ", ") + ")"
}

// MIMEBundle is the box's display: the widget and a text fallback (and,
// for an Interact, its figure for front ends without widgets).
func (b *Box) MIMEBundle() (map[string]any, map[string]any) {
	data, metadata := viewBundle(b.ModelID(), b.String())
	if b.png != nil {
		addPNG(data, metadata, b.png())
	}
	return data, metadata
}

func nonNilWidgets(ws []Widget) []Widget {
	out := make([]Widget, 0, len(ws))
	for _, w := range ws {
		if w != nil {
			out = append(out, w)
		}
	}
	return out
}

func refs(ws []Widget) []any {
	out := make([]any, len(ws))
	for i, w := range ws {
		out[i] = w.dom().m.ref()
	}
	return out
}
