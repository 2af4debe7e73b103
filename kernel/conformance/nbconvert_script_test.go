package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNbconvertScript exports an executed notebook with `jupyter nbconvert
// --to script`: the kernel's language_info makes it a .go file holding the
// code cells.
func TestNbconvertScript(t *testing.T) {
	requireJupyter(t, "nbconvert", "nbclient")
	env := kernelEnv(t)
	out := t.TempDir()
	steps := [][]string{
		{"--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=descent", "--ExecutePreprocessor.timeout=60",
			"--output-dir", out, "--output", "executed.ipynb", filepath.Join("testdata", "smoke.ipynb")},
		{"--to", "script", "--output-dir", out, filepath.Join(out, "executed.ipynb")},
	}
	for _, args := range steps {
		cmd := exec.Command(python, append([]string{"-m", "jupyter", "nbconvert"}, args...)...)
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("nbconvert %s: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	script, err := os.ReadFile(filepath.Join(out, "executed.go"))
	if err != nil {
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("no executed.go (the output directory has %v): %v", names, err)
	}
	for _, want := range []string{`import "strings"`, `func shout(s string) string`, "x * 7", `display.Markdown("**rich** output")`} {
		if !strings.Contains(string(script), want) {
			t.Errorf("the script lacks %q:\n%s", want, script)
		}
	}
}
