package widgets

import (
	"fmt"
	"strings"
)

// MIMEView is the MIME type of a widget's display: its model id and the
// protocol's major and minor versions.
const MIMEView = "application/vnd.jupyter.widget-view+json"

// FallbackNote ends the text/plain form of every widget display: it is what
// a front end that cannot show widgets (a console, nbconvert, an old
// Notebook) shows instead, on one line.
const FallbackNote = "[a Jupyter widget: this front end cannot show it; open the notebook in JupyterLab, Notebook 7 or VS Code]"

// Widget is any widget of this package: a model in the front end kept in
// sync with the kernel. Display one by ending a cell with it, or with
// display.Show, or put it in a box.
type Widget interface {
	// ModelID is the widget's model id (its comm id).
	ModelID() string
	// MIMEBundle is the widget's display: the widget view and a one-line
	// text fallback.
	MIMEBundle() (data, metadata map[string]any)
	// String describes the widget on one line: its kind, description and
	// value.
	String() string
	// Close removes the widget from the front end; it cannot be used
	// after.
	Close()
	dom() *domWidget
}

// domWidget is what every visible widget has: its model, a layout model
// and, for most, a style model.
type domWidget struct {
	m      *model
	layout *model
	style  *model
}

// newDOM creates the layout, the style (unless styleName is empty) and the
// widget's model, in the order the front end needs them (a model refers to
// its layout and style).
func newDOM(name string, state map[string]any, bytes map[string][]byte, styleName string, style map[string]any) domWidget {
	return newDOMSpec(controlSpec(name), state, bytes, styleName, style)
}

func newDOMSpec(sp spec, state map[string]any, bytes map[string][]byte, styleName string, style map[string]any) domWidget {
	var d domWidget
	d.layout = newModel(spec{model: "LayoutModel", view: "LayoutView", module: baseModule, version: BaseVersion,
		viewModule: baseModule, viewV: BaseVersion}, nil, nil)
	full := map[string]any{"_dom_classes": []any{}, "layout": d.layout.ref(), "tabbable": nil, "tooltip": nil}
	if styleName != "" {
		d.style = newModel(spec{model: styleName, view: "StyleView", module: controlsModule, version: ControlsVersion,
			viewModule: baseModule, viewV: BaseVersion}, style, nil)
		full["style"] = d.style.ref()
	}
	for k, v := range state {
		full[k] = v
	}
	d.m = newModel(sp, full, bytes)
	return d
}

func (d *domWidget) dom() *domWidget { return d }

// ModelID returns the widget's model id.
func (d *domWidget) ModelID() string { return d.m.id() }

// Close removes the widget (and its layout and style) from the front end.
func (d *domWidget) Close() {
	d.m.close()
	d.layout.close()
	if d.style != nil {
		d.style.close()
	}
}

// setLayout sets one CSS property of the widget's layout.
func (d *domWidget) setLayout(key, value string) {
	d.layout.set(map[string]any{key: value}, nil)
}

// viewBundle is the display of widget id with its text form.
func viewBundle(id, text string) (map[string]any, map[string]any) {
	return map[string]any{
		MIMEView:     map[string]any{"model_id": id, "version_major": 2, "version_minor": 1},
		"text/plain": oneLine(text) + " " + FallbackNote,
	}, map[string]any{}
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + "…"
	}
	return s
}

// description returns the description state of a widget.
func (d *domWidget) description() string {
	s, _ := d.m.get("description").(string)
	return s
}

// formatFloat formats a slider value for the text form.
func formatFloat(v float64) string { return fmt.Sprintf("%.4g", v) }
