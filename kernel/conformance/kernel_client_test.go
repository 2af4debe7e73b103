package conformance

import (
	"os/exec"
	"strings"
	"testing"
)

// TestKernelClient drives the installed kernel with jupyter_client's
// KernelClient, as jupyter-console and Notebook do: fmt.Scan answered with
// KernelClient.input() (an input_reply without a parent), an interrupt and
// a restart while a cell waits for input, and stdout, stderr and display
// outputs in program order. See kernel_client_descent.py.
func TestKernelClient(t *testing.T) {
	requireJupyter(t, "jupyter_client")
	cmd := exec.Command(python, "-m", "unittest", "-v", "kernel_client_descent")
	cmd.Env = kernelEnv(t)
	out, err := cmd.CombinedOutput()
	t.Logf("jupyter_client tests:\n%s", out)
	if err != nil {
		t.Fatalf("jupyter_client tests failed: %v", err)
	}
	if strings.Contains(string(out), "skipped") {
		t.Fatalf("jupyter_client tests skipped tests; every test must run")
	}
}
