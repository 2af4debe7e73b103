package conformance

import (
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
		})
	}
}
