package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLessonsRunUnderNbconvert executes every lesson in notebooks/ with
// `jupyter nbconvert --execute` on the descent kernel: a lesson whose check
// cells stop holding fails here (nbconvert stops at the first error).
func TestLessonsRunUnderNbconvert(t *testing.T) {
	requireJupyter(t, "nbconvert", "nbclient")
	lessons, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lessons) == 0 {
		t.Fatal("no lessons found in notebooks/")
	}
	env := kernelEnv(t)
	out := t.TempDir()
	for _, nb := range lessons {
		t.Run(filepath.Base(nb), func(t *testing.T) {
			cmd := exec.Command(python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
				"--ExecutePreprocessor.kernel_name=descent", "--ExecutePreprocessor.timeout=120",
				"--output-dir", out, nb)
			cmd.Env = env
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("nbconvert --execute %s failed: %v\n%s", nb, err, b)
			}
			executed := filepath.Join(out, filepath.Base(nb))
			if n := countImages(t, executed); n < 2 {
				t.Errorf("%s shows %d figures after execution; every lesson needs at least two", nb, n)
			}
			for _, note := range figureNotes(t, executed) {
				t.Errorf("%s: a figure leaves data out, choose its window or runs so it does not: %s", nb, note)
			}
		})
	}
}

// figureNotes returns the text of the figures of an executed notebook that
// carry a note (a figure's text says "; note: …" when it left values out,
// such as NaN or values ≤ 0 on a log axis).
func figureNotes(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var notes []string
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.Data["image/png"] == nil {
				continue
			}
			var text any
			if err := json.Unmarshal(o.Data["text/plain"], &text); err != nil {
				continue
			}
			s := fmt.Sprint(text)
			if lines, ok := text.([]any); ok {
				s = ""
				for _, l := range lines {
					s += fmt.Sprint(l)
				}
			}
			if strings.Contains(s, "; note: ") {
				notes = append(notes, s)
			}
		}
	}
	return notes
}

// countImages counts the outputs of an executed notebook that carry an
// image (PNG or an animated GIF).
func countImages(t *testing.T, path string) int {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				Data map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.Data["image/png"] != nil || o.Data["image/gif"] != nil {
				n++
			}
		}
	}
	return n
}
