package kernel

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// A kernel whose Jupyter parent (JPY_PARENT_PID) dies stops by itself
// instead of running on as an orphan.
func TestKernelStopsWhenItsParentDies(t *testing.T) {
	// Orphans are handed to this process, so their end can be waited for.
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		t.Skipf("cannot become a subreaper: %v", err)
	}
	dir := t.TempDir()
	info, err := client.NewConnectionInfo("tcp", dir, false)
	if err != nil {
		t.Fatal(err)
	}
	cf := filepath.Join(dir, "kernel.json")
	if err := wire.WriteConnectionFile(cf, info); err != nil {
		t.Fatal(err)
	}
	// The parent starts the kernel, says who it is, and dies soon after.
	parent := exec.Command("sh", "-c", `JPY_PARENT_PID=$$ "$0" "$1" >/dev/null 2>&1 & echo $!; sleep 0.5`, os.Args[0], cf)
	parent.Env = append(os.Environ(), helperEnv+"=1")
	out, err := parent.Output()
	if err != nil {
		t.Fatalf("parent: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("kernel pid %q: %v", out, err)
	}
	exited := make(chan struct{})
	go func() {
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, 0, nil)
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatal("the orphaned kernel was still running 20 s after its parent died")
	}
}
