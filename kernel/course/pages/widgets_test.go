package pages

import (
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// widgetNotebook is a notebook whose one output shows a box of every kind
// of widget the page draws, with their saved state.
func widgetNotebook(withState bool) *nbformat.Notebook {
	model := func(name string, state map[string]any, buffers ...any) map[string]any {
		m := map[string]any{"model_name": name, "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0", "state": state}
		if len(buffers) > 0 {
			m["buffers"] = buffers
		}
		return m
	}
	state := map[string]any{
		"box": model("VBoxModel", map[string]any{"children": []any{"IPY_MODEL_s", "IPY_MODEL_log", "IPY_MODEL_d", "IPY_MODEL_c", "IPY_MODEL_b", "IPY_MODEL_row", "IPY_MODEL_img", "IPY_MODEL_out", "IPY_MODEL_gone"}}),
		"row": model("HBoxModel", map[string]any{"children": []any{"IPY_MODEL_h", "IPY_MODEL_l", "IPY_MODEL_p"}}),
		"s":   model("FloatSliderModel", map[string]any{"description": "η", "value": 0.25, "min": 0.0, "max": 1.0, "step": 0.05, "readout_format": ".2f"}),
		"log": model("FloatLogSliderModel", map[string]any{"description": "T", "value": 0.01, "min": -4.0, "max": 0.0, "step": 0.04, "base": 10.0, "readout_format": ".3g"}),
		"d":   model("DropdownModel", map[string]any{"description": "method", "_options_labels": []any{"GD", "Adam"}, "index": 1}),
		"c":   model("CheckboxModel", map[string]any{"description": "log <scale>", "value": true}),
		"b":   model("ButtonModel", map[string]any{"description": "Run"}),
		"h":   model("HTMLModel", map[string]any{"value": "<b>bold</b>"}),
		"l":   model("LabelModel", map[string]any{"value": "a < b"}),
		"p":   model("PlayModel", map[string]any{"value": 7}),
		"img": model("ImageModel", map[string]any{"format": "png", "width": "", "height": ""},
			map[string]any{"path": []any{"value"}, "encoding": "base64", "data": strings.TrimSpace(onePixelPNG)}),
		"out": model("OutputModel", map[string]any{"outputs": []any{map[string]any{"output_type": "stream", "name": "stdout", "text": "clicked 2\n"}}}),
	}
	nb := &nbformat.Notebook{Metadata: map[string]any{}, Cells: []*nbformat.Cell{codeCell(1, "in", &nbformat.Output{
		Type: nbformat.OutputDisplayData,
		Data: nbformat.MimeBundle{
			nbformat.WidgetViewMIME: map[string]any{"model_id": "box", "version_major": 2, "version_minor": 1},
			"image/png":             onePixelPNG,
			"text/plain":            "Interact(η = 0.25) [a Jupyter widget]",
		},
	})}}
	if withState {
		nb.Metadata["widgets"] = map[string]any{nbformat.WidgetStateMIME: map[string]any{"version_major": 2, "version_minor": 0, "state": state}}
	}
	return nb
}

func TestWidgetsDrawnFromTheSavedState(t *testing.T) {
	page := lessonPage(t, widgetNotebook(true), Lesson{Title: "T"})
	for _, w := range []string{
		`<div class="widgets"><div class="widget-box widget-vbox">`,
		`<span class="widget-label">η</span><input type="range" disabled min="0" max="1" step="0.05" value="0.25"><span class="widget-readout">0.25</span>`,
		`<span class="widget-label">T</span><input type="range" disabled min="-4" max="0" step="0.04" value="-2"><span class="widget-readout">0.01</span>`,
		`<select disabled><option>GD</option><option selected>Adam</option></select>`,
		`<input type="checkbox" disabled checked> log &lt;scale&gt;</label>`,
		`<button disabled>Run</button>`,
		`<div class="widget-box widget-hbox"><div class="widget-control"><div class="widget-html"><b>bold</b></div></div>`,
		`<span class="widget-text">a &lt; b</span>`,
		`▶ 7`,
		`<img class="widget-image" src="data:image/png;base64,` + strings.TrimSpace(onePixelPNG) + `"`,
		`<div class="widget-output"><div class="output"><div class="prompt"></div><pre class="stream stdout">clicked 2`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(page, "[a Jupyter widget]") || strings.Contains(page, `alt="output image"`) {
		t.Error("the page shows a fallback although the state is saved")
	}
}

func TestWidgetsWithoutStateFallBack(t *testing.T) {
	page := lessonPage(t, widgetNotebook(false), Lesson{Title: "T"})
	if !strings.Contains(page, `<img src="data:image/png;base64,`+strings.TrimSpace(onePixelPNG)+`" alt="output image">`) {
		t.Error("without saved state the page does not show the figure")
	}
	if strings.Contains(page, `class="widgets"`) {
		t.Error("widgets drawn without state")
	}
}
