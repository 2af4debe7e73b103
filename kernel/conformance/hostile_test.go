package conformance

import (
	"os/exec"
	"strings"
	"testing"
)

// TestHostilePeersWithJupyterClient attacks the installed kernel's ports
// with raw bytes and a libzmq subscriber that stops reading, and replays a
// signed message, while jupyter_client's clients (pyzmq, libzmq) must keep
// working. See hostile_descent.py.
func TestHostilePeersWithJupyterClient(t *testing.T) {
	requireJupyter(t, "jupyter_client", "zmq")
	cmd := exec.Command(python, "-m", "unittest", "-v", "hostile_descent")
	cmd.Env = kernelEnv(t)
	out, err := cmd.CombinedOutput()
	t.Logf("hostile peer tests:\n%s", out)
	if err != nil {
		t.Fatalf("hostile peer tests failed: %v", err)
	}
	if strings.Contains(string(out), "skipped") {
		t.Fatalf("hostile peer tests skipped tests; every test must run")
	}
}
