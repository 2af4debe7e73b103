package conformance

import (
	"os/exec"
	"strings"
	"testing"
)

// TestJupyterKernelTestSuite runs every test of python3-jupyter-kernel-test
// against the installed kernel; a skipped test counts as a failure.
func TestJupyterKernelTestSuite(t *testing.T) {
	requireJupyter(t, "jupyter_kernel_test", "jupyter_client")
	env := kernelEnv(t)
	cmd := exec.Command(python, "-m", "unittest", "-v", "jupyter_kernel_test_descent")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	t.Logf("jupyter_kernel_test output:\n%s", out)
	if err != nil {
		t.Fatalf("jupyter_kernel_test failed: %v", err)
	}
	if strings.Contains(string(out), "skipped") {
		t.Fatalf("jupyter_kernel_test skipped tests; every test must run")
	}
}
