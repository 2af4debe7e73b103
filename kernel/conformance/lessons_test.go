package conformance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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
			if n := countImages(t, filepath.Join(out, filepath.Base(nb))); n < 2 {
				t.Errorf("%s shows %d figures after execution; every lesson needs at least two", nb, n)
			}
		})
	}
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
