package execute

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// signalWriter closes started at the first write that contains marker.
type signalWriter struct {
	marker  string
	once    sync.Once
	started chan struct{}
}

func (w *signalWriter) Write(b []byte) (int, error) {
	if strings.Contains(string(b), w.marker) {
		w.once.Do(func() { close(w.started) })
	}
	return len(b), nil
}

func TestAKernelThatDiesFailsTheCell(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	k, err := client.StartProcess(ctx, kernelArgv(), client.LaunchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	nb := lesson(`fmt.Println("first")`, "time.Sleep(20 * time.Second)", `fmt.Println("never")`)
	progress := &signalWriter{marker: "cell 2 ...", started: make(chan struct{})}
	go func() {
		<-progress.started
		// Give the request time to reach the kernel, then kill it.
		time.Sleep(200 * time.Millisecond)
		k.Cmd.Process.Kill()
	}()
	res, err := Notebook(ctx, k, nb, Options{Name: "dies.ipynb", Progress: progress})
	var ce *CellFailure
	if !errors.As(err, &ce) || !errors.Is(err, ErrKernelDied) || ce.Cell != 2 {
		t.Fatalf("error %v, want the kernel's death in cell 2", err)
	}
	if !strings.HasPrefix(err.Error(), "notebook dies.ipynb, cell 2: the kernel died") {
		t.Errorf("error %q", err)
	}
	if res.Executed != 2 {
		t.Errorf("executed %d cells, want 2", res.Executed)
	}
	checkCells(t, nb, map[int][]string{0: {"stdout:first\n"}, 2: nil}, nil)
}
