package pages

import (
	"encoding/base64"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// A page has no kernel: a widget output is drawn from the widget state
// saved in the notebook (see nbformat.WidgetStates), as the widgets were
// last: controls as disabled inputs with their values, images and output
// areas as they are. A widget whose state is missing falls back to the
// other representations of its output (Interact's figure as an image).

// maxWidgetDepth bounds how deep boxes may nest (a cycle ends there).
const maxWidgetDepth = 32

// renderWidget renders the widget output whose view is v, or reports false.
func (r *Renderer) renderWidget(v any, ids *headingIDs) (string, bool) {
	view, _ := v.(map[string]any)
	id, _ := view["model_id"].(string)
	if id == "" || r.widgets[id] == nil {
		return "", false
	}
	var b strings.Builder
	if !r.renderModel(&b, id, ids, 0) {
		return "", false
	}
	return `<div class="widgets">` + b.String() + `</div>`, true
}

// renderModel writes the static form of model id; it reports false for a
// model it cannot draw.
func (r *Renderer) renderModel(b *strings.Builder, id string, ids *headingIDs, depth int) bool {
	m := r.widgets[id]
	if m == nil || depth > maxWidgetDepth {
		return false
	}
	st := m.State
	desc := func() string {
		d, _ := st["description"].(string)
		if d == "" {
			return ""
		}
		return `<span class="widget-label">` + html.EscapeString(d) + `</span>`
	}
	switch m.Name {
	case "VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel":
		kind := "widget-vbox"
		if m.Name == "HBoxModel" {
			kind = "widget-hbox"
		}
		fmt.Fprintf(b, `<div class="widget-box %s">`, kind)
		children, _ := st["children"].([]any)
		for _, c := range children {
			ref, _ := c.(string)
			r.renderModel(b, strings.TrimPrefix(ref, "IPY_MODEL_"), ids, depth+1)
		}
		b.WriteString(`</div>`)
	case "FloatSliderModel", "IntSliderModel", "FloatLogSliderModel":
		value, _ := number(st["value"])
		lo, _ := number(st["min"])
		hi, _ := number(st["max"])
		step, _ := number(st["step"])
		pos := value
		if m.Name == "FloatLogSliderModel" {
			base, ok := number(st["base"])
			if !ok || base <= 1 {
				base = 10
			}
			pos = math.Log(value) / math.Log(base)
		}
		format, _ := st["readout_format"].(string)
		fmt.Fprintf(b, `<div class="widget-control">%s<input type="range" disabled min="%s" max="%s" step="%s" value="%s"><span class="widget-readout">%s</span></div>`,
			desc(), num(lo), num(hi), stepAttr(step), num(pos), html.EscapeString(readout(value, format)))
	case "DropdownModel":
		labels, _ := st["_options_labels"].([]any)
		index, hasIndex := number(st["index"])
		fmt.Fprintf(b, `<div class="widget-control">%s<select disabled>`, desc())
		for i, l := range labels {
			sel := ""
			if hasIndex && int(index) == i {
				sel = " selected"
			}
			fmt.Fprintf(b, `<option%s>%s</option>`, sel, html.EscapeString(fmt.Sprint(l)))
		}
		b.WriteString(`</select></div>`)
	case "CheckboxModel":
		checked := ""
		if v, _ := st["value"].(bool); v {
			checked = " checked"
		}
		d, _ := st["description"].(string)
		fmt.Fprintf(b, `<div class="widget-control"><label><input type="checkbox" disabled%s> %s</label></div>`, checked, html.EscapeString(d))
	case "ButtonModel":
		d, _ := st["description"].(string)
		fmt.Fprintf(b, `<div class="widget-control"><button disabled>%s</button></div>`, html.EscapeString(d))
	case "PlayModel":
		value, _ := number(st["value"])
		fmt.Fprintf(b, `<div class="widget-control">%s<span class="widget-readout">▶ %s</span></div>`, desc(), num(value))
	case "ImageModel":
		data, ok := m.Bytes("value")
		if !ok || len(data) == 0 {
			return true
		}
		format, _ := st["format"].(string)
		if format == "" {
			format = "png"
		}
		attrs := ""
		for _, dim := range []string{"width", "height"} {
			if v := fmt.Sprint(st[dim]); v != "" && v != "<nil>" {
				attrs += fmt.Sprintf(` %s="%s"`, dim, html.EscapeString(v))
			}
		}
		fmt.Fprintf(b, `<img class="widget-image" src="data:image/%s;base64,%s" alt="widget image"%s>`,
			html.EscapeString(format), base64.StdEncoding.EncodeToString(data), attrs)
	case "OutputModel":
		outs, _ := st["outputs"].([]any)
		b.WriteString(`<div class="widget-output">`)
		for _, o := range outs {
			obj, _ := o.(map[string]any)
			out, err := nbformat.ParseOutput(obj)
			if err != nil {
				continue
			}
			if err := r.renderOutput(b, out, ids); err != nil {
				continue
			}
		}
		b.WriteString(`</div>`)
	case "HTMLModel", "HTMLMathModel":
		v, _ := st["value"].(string)
		fmt.Fprintf(b, `<div class="widget-control">%s<div class="widget-html">%s</div></div>`, desc(), v)
	case "LabelModel":
		v, _ := st["value"].(string)
		fmt.Fprintf(b, `<div class="widget-control">%s<span class="widget-text">%s</span></div>`, desc(), html.EscapeString(v))
	default:
		return depth > 0 // a part we cannot draw inside a box is left out
	}
	return true
}

// number reads a JSON number of the saved state.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case interface{ Float64() (float64, error) }:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func stepAttr(step float64) string {
	if step <= 0 {
		return "any"
	}
	return num(step)
}

// readout formats a slider's value with its d3 readout format, for the
// common forms ".2f", ".3g", ".1e", "d"; other formats show the value.
func readout(v float64, format string) string {
	f := strings.TrimPrefix(format, ".")
	if f == "d" {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	if n := len(f); n >= 2 {
		prec, err := strconv.Atoi(f[:n-1])
		if err == nil && prec >= 0 && prec <= 20 {
			switch f[n-1] {
			case 'f':
				return strconv.FormatFloat(v, 'f', prec, 64)
			case 'e':
				return strconv.FormatFloat(v, 'e', prec, 64)
			case 'g':
				return strconv.FormatFloat(v, 'g', prec, 64)
			}
		}
	}
	return num(v)
}
