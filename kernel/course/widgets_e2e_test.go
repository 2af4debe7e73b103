package course

import (
	"bytes"
	"encoding/base64"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// widgetLesson makes an Interact, then a later cell moves its slider (the
// figure is drawn again: the saved state must hold the last figure) and
// closes a label.
const widgetLesson = `{
 "nbformat": 4, "nbformat_minor": 5,
 "metadata": {"kernelspec": {"name": "descent", "display_name": "Go (descent)", "language": "go"}},
 "cells": [
  {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [], "source": ["eta := widgets.NewFloatSlider(\"η\", 0.1, 0.01, 1)\n", "in := widgets.Interact(func(eta float64) *figure.Figure {\n", "\treturn figure.Contour(optimlib.Quadratic(1, 10), figure.Options{Title: fmt.Sprintf(\"η = %.2f\", eta)})\n", "}, eta)\n", "in"]},
  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [], "source": ["first := in.Image().PNG()\n", "eta.SetValue(0.5)\n", "gone := widgets.NewLabel(\"temporary\")\n", "gone.Close()\n", "fmt.Println(len(first) > 0, !bytes.Equal(first, in.Image().PNG()))"]}
 ]
}`

func TestDescentRunSavesWidgetState(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	writeLesson(t, dir, "01-widgets.ipynb", widgetLesson)
	code, _, stderr := descentRun(t, "--out", out, filepath.Join(dir, "01-widgets.ipynb"))
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	nb, err := nbformat.ReadFile(filepath.Join(out, "01-widgets.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cellText(nb.Cells[1]); got != "stdout: true true\n" {
		t.Fatalf("cell 2: %q", got)
	}
	// The Interact's output: the widget view, its first figure, one line
	// of text.
	if len(nb.Cells[0].Outputs) != 1 {
		t.Fatalf("cell 1 outputs: %q", cellText(nb.Cells[0]))
	}
	o := nb.Cells[0].Outputs[0]
	view, _ := o.Data[nbformat.WidgetViewMIME].(map[string]any)
	boxID, _ := view["model_id"].(string)
	plain, _ := o.Data.Text("text/plain")
	firstFigure, _ := o.Data.Text("image/png")
	if boxID == "" || firstFigure == "" || strings.Contains(strings.TrimSpace(plain), "\n") || !strings.Contains(plain, "Interact(η = 0.1)") {
		t.Fatalf("Interact output: %v", o.Data)
	}

	states := nbformat.WidgetStates(nb)
	box := states[boxID]
	if box == nil || box.Name != "VBoxModel" {
		t.Fatalf("no VBox %s in the saved state (%d models)", boxID, len(states))
	}
	var slider, image *nbformat.WidgetModel
	for _, c := range box.State["children"].([]any) {
		m := states[strings.TrimPrefix(c.(string), "IPY_MODEL_")]
		if m == nil {
			t.Fatalf("child %v is not saved", c)
		}
		switch m.Name {
		case "FloatSliderModel":
			slider = m
		case "ImageModel":
			image = m
		}
	}
	if slider == nil || image == nil {
		t.Fatal("the box lacks its slider or image")
	}
	if v, _ := slider.State["value"].(interface{ String() string }); v == nil || v.String() != "0.5" {
		t.Errorf("slider value %v, want the last one, 0.5", slider.State["value"])
	}
	last, ok := image.Bytes("value")
	first, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(firstFigure, "\n", ""))
	if !ok || !bytes.HasPrefix(last, []byte("\x89PNG")) || bytes.Equal(last, first) {
		t.Errorf("the saved image is not the last figure (%d bytes, first %d)", len(last), len(first))
	}
	for _, m := range states {
		if m.Name == "LabelModel" {
			t.Error("a closed widget was saved")
		}
	}

	// The page draws the widgets from that state: the slider at its last
	// value and the last figure, not the first.
	page := readFile(t, filepath.Join(out, "01-widgets.html"))
	mustContain(t, "page", page,
		`<div class="widgets"><div class="widget-box widget-vbox">`,
		`<span class="widget-label">η</span><input type="range" disabled min="0.01" max="1" step="0.005" value="0.5"><span class="widget-readout">0.500</span>`,
	)
	img := regexp.MustCompile(`<img class="widget-image" src="data:image/png;base64,([^"]+)"`).FindStringSubmatch(page)
	if img == nil {
		t.Fatal("the page has no widget image")
	}
	if shown, _ := base64.StdEncoding.DecodeString(img[1]); !bytes.Equal(shown, last) {
		t.Error("the page shows another figure than the saved one")
	}
	if strings.Contains(page, "a Jupyter widget: this front end") {
		t.Error("the page shows the text fallback instead of the widgets")
	}
}
