package conformance

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNbconvertWidgets executes a notebook with an Interact through
// nbconvert, whose client (nbclient) keeps the state of the widgets it sees
// as a front end does, then converts it to Markdown, where widgets cannot
// be shown. The widget comms must make sense to nbclient (the state it
// saves holds the models, with the figure as a binary buffer, at their last
// values), the output must carry the figure for such front ends and one
// line of text, and the Markdown must show the figure.
func TestNbconvertWidgets(t *testing.T) {
	requireJupyter(t, "nbconvert", "nbclient")
	env := kernelEnv(t)
	out := t.TempDir()
	cmd := exec.Command(python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.kernel_name=descent", "--ExecutePreprocessor.timeout=60",
		"--output-dir", out, "--output", "widgets.ipynb", filepath.Join("testdata", "widgets.ipynb"))
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute failed: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(filepath.Join(out, "widgets.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata struct {
			Widgets map[string]struct {
				State map[string]struct {
					ModelName string         `json:"model_name"`
					State     map[string]any `json:"state"`
					Buffers   []struct {
						Path     []any  `json:"path"`
						Data     string `json:"data"`
						Encoding string `json:"encoding"`
					} `json:"buffers"`
				} `json:"state"`
			} `json:"widgets"`
		} `json:"metadata"`
		Cells []struct {
			Outputs []struct {
				OutputType string         `json:"output_type"`
				Data       map[string]any `json:"data"`
				Text       any            `json:"text"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	// The output of the Interact: its view, its figure, one line of text.
	if len(nb.Cells) != 2 || len(nb.Cells[0].Outputs) != 1 {
		t.Fatalf("outputs: %+v", nb.Cells)
	}
	data := nb.Cells[0].Outputs[0].Data
	view, _ := data["application/vnd.jupyter.widget-view+json"].(map[string]any)
	text := joinText(data["text/plain"])
	if view == nil || data["image/png"] == nil || strings.Count(strings.TrimSpace(text), "\n") != 0 || !strings.Contains(text, "Jupyter widget") {
		t.Fatalf("Interact output %v", data)
	}
	// nbclient's saved state: the box shown, the slider at its last value,
	// the figure as a PNG buffer.
	saved := nb.Metadata.Widgets["application/vnd.jupyter.widget-state+json"].State
	box, ok := saved[view["model_id"].(string)]
	if !ok || box.ModelName != "VBoxModel" {
		t.Fatalf("nbclient saved no VBox for the view (%d models)", len(saved))
	}
	var sliders, images int
	for _, m := range saved {
		switch m.ModelName {
		case "FloatSliderModel":
			sliders++
			if m.State["value"] != 0.25 {
				t.Errorf("slider value %v, want the last one, 0.25", m.State["value"])
			}
		case "ImageModel":
			images++
			if len(m.Buffers) != 1 || m.Buffers[0].Encoding != "base64" {
				t.Fatalf("image buffers %+v", m.Buffers)
			}
			png, err := base64.StdEncoding.DecodeString(m.Buffers[0].Data)
			if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
				t.Errorf("the image buffer is not a PNG: %v", err)
			}
		}
	}
	if sliders != 1 || images != 1 {
		t.Errorf("%d sliders and %d images saved", sliders, images)
	}

	// Markdown cannot show widgets: the figure shows instead.
	md := exec.Command(python, "-m", "jupyter", "nbconvert", "--to", "markdown", "--output-dir", out, filepath.Join(out, "widgets.ipynb"))
	md.Env = env
	if b, err := md.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --to markdown failed: %v\n%s", err, b)
	}
	page, err := os.ReadFile(filepath.Join(out, "widgets.md"))
	if err != nil {
		t.Fatal(err)
	}
	img := regexp.MustCompile(`!\[png\]\(([^)]+)\)`).FindStringSubmatch(string(page))
	if img == nil {
		t.Fatalf("the Markdown shows no figure:\n%s", page)
	}
	if _, err := os.Stat(filepath.Join(out, img[1])); err != nil {
		t.Errorf("the figure file %s: %v", img[1], err)
	}
}

// joinText reads a notebook text field: a string or a list of lines.
func joinText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, l := range x {
			s, _ := l.(string)
			b.WriteString(s)
		}
		return b.String()
	}
	return ""
}
