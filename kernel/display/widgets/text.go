package widgets

import "fmt"

// HTML shows an HTML fragment, like ipywidgets.HTML; change it with
// SetValue.
type HTML struct {
	domWidget
}

// NewHTML returns a widget showing the HTML fragment value.
func NewHTML(value string) *HTML {
	h := &HTML{}
	h.domWidget = newDOM("HTML", map[string]any{
		"description": "", "description_allow_html": false, "placeholder": "\u200b", "value": value,
	}, nil, "HTMLStyleModel", map[string]any{"background": nil, "description_width": "", "font_size": nil, "text_color": nil})
	return h
}

// Value returns the HTML shown.
func (h *HTML) Value() string { s, _ := h.m.get("value").(string); return s }

// SetValue shows another HTML fragment.
func (h *HTML) SetValue(value string) *HTML { h.m.set(map[string]any{"value": value}, nil); return h }

// String describes the widget with its source.
func (h *HTML) String() string { return fmt.Sprintf("HTML(%q)", h.Value()) }

// MIMEBundle is the widget's display: the widget, and a text fallback.
func (h *HTML) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(h.ModelID(), h.String())
}

// Label shows a line of plain text, like ipywidgets.Label.
type Label struct {
	domWidget
}

// NewLabel returns a label showing value.
func NewLabel(value string) *Label {
	l := &Label{}
	l.domWidget = newDOM("Label", map[string]any{
		"description": "", "description_allow_html": false, "placeholder": "\u200b", "value": value,
	}, nil, "LabelStyleModel", map[string]any{
		"background": nil, "description_width": "", "font_family": nil, "font_size": nil, "font_style": nil,
		"font_variant": nil, "font_weight": nil, "text_color": nil, "text_decoration": nil,
	})
	return l
}

// Value returns the text shown.
func (l *Label) Value() string { s, _ := l.m.get("value").(string); return s }

// SetValue shows another text.
func (l *Label) SetValue(value string) *Label { l.m.set(map[string]any{"value": value}, nil); return l }

// String describes the label with its text.
func (l *Label) String() string { return fmt.Sprintf("Label(%q)", l.Value()) }

// MIMEBundle is the label's display: the widget, and a text fallback.
func (l *Label) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(l.ModelID(), l.String())
}
