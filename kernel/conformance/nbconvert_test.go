package conformance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNbconvertExecute runs a small notebook with `jupyter nbconvert --execute`
// on the descent kernel and checks the outputs it wrote.
func TestNbconvertExecute(t *testing.T) {
	requireJupyter(t, "nbconvert", "nbclient")
	env := kernelEnv(t)
	out := t.TempDir()
	cmd := exec.Command(python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.kernel_name=descent", "--ExecutePreprocessor.timeout=60",
		"--output-dir", out, "--output", "smoke.ipynb", filepath.Join("testdata", "smoke.ipynb"))
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute failed: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(filepath.Join(out, "smoke.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			CellType string            `json:"cell_type"`
			Outputs  []json.RawMessage `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		var s []string
		for _, o := range c.Outputs {
			s = append(s, string(o))
		}
		all = append(all, strings.Join(s, "\n"))
	}
	want := []string{`DESCENT!`, `"42"`, `**rich** output`, `0 1 2`}
	if len(all) != len(want) {
		t.Fatalf("got %d code cells, want %d", len(all), len(want))
	}
	for i, w := range want {
		if !strings.Contains(all[i], w) {
			t.Errorf("cell %d: outputs %s do not contain %s", i+1, all[i], w)
		}
	}
}
