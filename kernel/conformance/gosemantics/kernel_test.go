package gosemantics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// cellTimeout bounds one cell; a corpus cell takes milliseconds.
const cellTimeout = 60 * time.Second

// shown is what a notebook shows for a case's cells, up to the first cell
// that fails.
type shown struct {
	// Text is the cells' stdout and their Out[n] values (text/plain and a
	// newline), in the order the kernel published them.
	Text string
	// ErrCell is the 1-based position (in Case.Cells) of the cell that
	// failed, 0 when none did.
	ErrCell int
	// Err is the failed cell's "ename: evalue".
	Err string
	// Stderr is the cells' stderr, for diagnostics only.
	Stderr string
	// Other lists outputs that are neither stream nor result (display_data,
	// ...), for diagnostics: the corpus does not use them.
	Other []string
}

// kernel is a running descent kernel that runs cases one after another,
// each in a fresh interpreter (%reset).
type kernel struct {
	bin string
	k   *client.Kernel
	// used is true once a case ran: the next one needs %reset first.
	used bool
}

func startKernel(bin string) (*kernel, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	k, err := client.StartProcess(ctx, []string{bin, "kernel", "{connection_file}"}, client.LaunchOptions{})
	if err != nil {
		return nil, fmt.Errorf("starting the kernel: %w", err)
	}
	return &kernel{bin: bin, k: k}, nil
}

func (k *kernel) close() {
	if k.k != nil {
		k.k.Close()
		k.k = nil
	}
}

// restart replaces the kernel process with a new one.
func (k *kernel) restart() error {
	k.close()
	nk, err := startKernel(k.bin)
	if err != nil {
		return err
	}
	*k = *nk
	return nil
}

// errTimeout marks a cell that did not finish within cellTimeout.
var errTimeout = errors.New("the cell did not finish")

// run runs cells in a fresh interpreter and returns what the notebook
// shows. An error is a failure of the harness or a cell that hung (the
// kernel is then restarted), not a cell's error.
func (k *kernel) run(cells []Cell) (shown, error) {
	if k.used {
		res, err := k.execute("%reset")
		if err != nil || res.Status != "ok" {
			// A kernel that cannot reset is replaced, not trusted.
			if err := k.restart(); err != nil {
				return shown{}, err
			}
		}
	}
	k.used = true
	var s shown
	for i, c := range cells {
		res, err := k.execute(c.Source)
		if err != nil {
			if rerr := k.restart(); rerr != nil {
				return s, fmt.Errorf("%w; restarting the kernel: %v", err, rerr)
			}
			return s, fmt.Errorf("cell %d: %w", c.Number, err)
		}
		collect(&s, res)
		if res.Status != "ok" {
			s.ErrCell = i + 1
			s.Err = res.EName + ": " + res.EValue
			break
		}
	}
	return s, nil
}

func (k *kernel) execute(code string) (*client.ExecuteResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cellTimeout)
	defer cancel()
	res, err := k.k.Execute(ctx, code, client.ExecuteOptions{})
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("%w within %v", errTimeout, cellTimeout)
	}
	return res, err
}

// collect appends the outputs of res to s.
func collect(s *shown, res *client.ExecuteResult) {
	var text strings.Builder
	for _, m := range res.Outputs() {
		var c struct {
			Name string         `json:"name"`
			Text string         `json:"text"`
			Data map[string]any `json:"data"`
		}
		if err := m.DecodeContent(&c); err != nil {
			s.Other = append(s.Other, m.Header.MsgType+": "+err.Error())
			continue
		}
		switch m.Header.MsgType {
		case "stream":
			if c.Name == "stdout" {
				text.WriteString(c.Text)
			} else {
				s.Stderr += c.Text
			}
		case "execute_result":
			plain, _ := c.Data["text/plain"].(string)
			text.WriteString(plain + "\n")
		case "error":
			// The reply carries the error; its traceback is not output.
		default:
			s.Other = append(s.Other, m.Header.MsgType)
		}
	}
	s.Text += text.String()
}
