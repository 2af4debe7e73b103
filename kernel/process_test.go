package kernel

import (
	"os"
	"runtime"
	"syscall"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// startProcessKernel runs the test binary as a kernel process (see
// TestMain), with env added to its environment, and connects to it.
func startProcessKernel(t testing.TB, env ...string) *client.Kernel {
	t.Helper()
	k, err := client.StartProcess(testContext(t), []string{os.Args[0], "{connection_file}"}, client.LaunchOptions{
		Env: append([]string{helperEnv + "=1"}, env...),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := k.Close(); err != nil {
			t.Errorf("closing the kernel process: %v", err)
		}
		for _, a := range k.Anomalies() {
			t.Errorf("client anomaly: %s", a)
		}
	})
	return k
}

func TestSIGINTInterruptsTheCellAndNeverKillsTheKernel(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGINT cannot be sent to a process on Windows")
	}
	k := startProcessKernel(t)
	ctx := testContext(t)

	// While idle: the process survives and keeps serving.
	if err := k.Cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if _, err := k.KernelInfo(ctx, client.Shell); err != nil {
		t.Fatalf("after SIGINT while idle: %v", err)
	}

	// While a cell runs: the cell is interrupted.
	call, err := k.StartExecute("print started\nsleep", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The cell has started once its first output arrived.
	eventually(t, "the cell's first output", func() bool { return len(call.Progress().Outputs()) > 0 })
	if err := k.Cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.ParseExecute(resp)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || res.EName != "Interrupted" {
		t.Fatalf("cell after SIGINT: %s %s %s", res.Status, res.EName, res.EValue)
	}
	select {
	case <-k.Exited():
		t.Fatalf("the kernel process exited: %v", k.ExitErr())
	default:
	}
	next, err := k.Execute(ctx, "print alive", client.ExecuteOptions{})
	if err != nil || next.Stream("stdout") != "alive\n" {
		t.Fatalf("after SIGINT: %v %+v", err, next)
	}
}

func TestProcessShutdownExitsCleanly(t *testing.T) {
	k := startProcessKernel(t)
	ctx := testContext(t)
	if _, err := k.Shutdown(ctx, false); err != nil {
		t.Fatal(err)
	}
	select {
	case <-k.Exited():
		if err := k.ExitErr(); err != nil {
			t.Fatalf("exit status: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the kernel process did not exit after shutdown_request")
	}
}

func TestSIGTERMStopsTheKernel(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	k := startProcessKernel(t)
	ctx := testContext(t)
	if err := k.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-k.Exited():
		if err := k.ExitErr(); err != nil {
			t.Fatalf("exit status after SIGTERM: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the kernel process did not exit after SIGTERM")
	}
}
