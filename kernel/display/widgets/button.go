package widgets

import (
	"sync"

	"github.com/descentlab/descent/kernel/display/comm"
)

// Button is a push button, like ipywidgets.Button.
type Button struct {
	domWidget
	mu     sync.Mutex
	clicks int
	obs    observers[struct{}]
}

// NewButton returns a button labelled description.
func NewButton(description string) *Button {
	b := &Button{}
	b.domWidget = newDOM("Button", map[string]any{
		"description": description, "disabled": false, "button_style": "", "icon": "",
	}, nil, "ButtonStyleModel", map[string]any{
		"button_color": nil, "font_family": nil, "font_size": nil, "font_style": nil,
		"font_variant": nil, "font_weight": nil, "text_color": nil, "text_decoration": nil,
	})
	b.m.onCustom = func(content map[string]any) comm.Work {
		if event, _ := content["event"].(string); event != "click" {
			return nil
		}
		b.mu.Lock()
		b.clicks++
		b.mu.Unlock()
		return b.obs.work(struct{}{})
	}
	return b
}

// OnClick calls f each time the button is clicked (while no cell runs, or
// right after the running cell).
func (b *Button) OnClick(f func()) *Button {
	if f != nil {
		b.obs.add(func(struct{}) { f() })
	}
	return b
}

// Click does what a click in the front end does: it counts and calls the
// OnClick functions.
func (b *Button) Click() {
	b.mu.Lock()
	b.clicks++
	b.mu.Unlock()
	b.obs.call(struct{}{})
}

// Clicks returns how many times the button was clicked.
func (b *Button) Clicks() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.clicks
}

// SetStyle sets the button's predefined style: "primary", "success",
// "info", "warning", "danger" or "" (plain).
func (b *Button) SetStyle(style string) *Button {
	b.m.set(map[string]any{"button_style": style}, nil)
	return b
}

// Description returns the button's label.
func (b *Button) Description() string { return b.description() }

// String describes the button: Button(Run, 3 clicks).
func (b *Button) String() string {
	return describe("Button", b.Description(), b.Clicks()) + " clicks"
}

// MIMEBundle is the button's display: the widget, and a text fallback.
func (b *Button) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(b.ModelID(), b.String())
}
