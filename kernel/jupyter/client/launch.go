package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// LaunchOptions tune StartInProcess and StartProcess. The zero value starts
// a signed kernel over TCP on 127.0.0.1.
type LaunchOptions struct {
	// Transport is "tcp" (default) or "ipc".
	Transport string
	// Unsigned leaves the key empty: messages are neither signed nor checked.
	Unsigned bool
	// Dir holds the connection file and ipc sockets; by default a temporary
	// directory, removed by Close.
	Dir string
	// Env is added to the subprocess's environment.
	Env []string
	// Stdout and Stderr receive the subprocess's output (default: discarded
	// and os.Stderr).
	Stdout, Stderr io.Writer
	// ReadyTimeout bounds the wait for the first kernel_info_reply
	// (default 30 s).
	ReadyTimeout time.Duration
	// Logger is the client's logger.
	Logger *slog.Logger
}

// ServerFunc starts a kernel server in this process on the given connection
// and returns what stops it.
type ServerFunc func(info wire.ConnectionInfo) (io.Closer, error)

// Kernel is a started kernel with a connected, ready client.
type Kernel struct {
	*Client
	// ConnectionFile is the path of the connection file written for it.
	ConnectionFile string
	// Cmd is the kernel process (nil for an in-process kernel).
	Cmd *exec.Cmd

	server  io.Closer
	dir     string
	ownDir  bool
	exited  chan struct{}
	waitErr error

	closeOnce sync.Once
	closeErr  error
}

// StartInProcess starts a kernel server in this process with start and
// returns it connected and ready.
func StartInProcess(ctx context.Context, start ServerFunc, opts LaunchOptions) (*Kernel, error) {
	k, info, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	srv, err := start(info)
	if err != nil {
		k.removeDir()
		return nil, fmt.Errorf("client: starting the kernel: %w", err)
	}
	k.server = srv
	if err := k.connect(ctx, info, opts); err != nil {
		srv.Close()
		k.removeDir()
		return nil, err
	}
	return k, nil
}

// StartProcess runs argv as a kernel process, with every "{connection_file}"
// argument replaced by the path of a fresh connection file, and returns it
// connected and ready.
func StartProcess(ctx context.Context, argv []string, opts LaunchOptions) (*Kernel, error) {
	if len(argv) == 0 {
		return nil, errors.New("client: empty kernel command line")
	}
	k, info, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	args := make([]string, len(argv))
	for i, a := range argv {
		args[i] = strings.ReplaceAll(a, "{connection_file}", k.ConnectionFile)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), opts.Env...)
	cmd.Stdout = opts.Stdout
	cmd.Stderr = opts.Stderr
	if cmd.Stderr == nil {
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		k.removeDir()
		return nil, fmt.Errorf("client: starting %s: %w", args[0], err)
	}
	k.Cmd = cmd
	k.exited = make(chan struct{})
	go func() {
		k.waitErr = cmd.Wait()
		close(k.exited)
	}()
	readyCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-k.exited:
			cancel()
		case <-readyCtx.Done():
		}
	}()
	if err := k.connect(readyCtx, info, opts); err != nil {
		cmd.Process.Kill()
		<-k.exited
		k.removeDir()
		if k.waitErr != nil {
			return nil, fmt.Errorf("%w (kernel process: %v)", err, k.waitErr)
		}
		return nil, err
	}
	return k, nil
}

func prepare(opts LaunchOptions) (*Kernel, wire.ConnectionInfo, error) {
	k := &Kernel{dir: opts.Dir}
	if k.dir == "" {
		dir, err := os.MkdirTemp("", "descent-kernel-")
		if err != nil {
			return nil, wire.ConnectionInfo{}, fmt.Errorf("client: %w", err)
		}
		k.dir, k.ownDir = dir, true
	}
	info, err := NewConnectionInfo(opts.Transport, k.dir, opts.Unsigned)
	if err != nil {
		k.removeDir()
		return nil, wire.ConnectionInfo{}, err
	}
	k.ConnectionFile = filepath.Join(k.dir, "kernel-"+filepath.Base(info.IP)+".json")
	if info.Transport == "tcp" {
		k.ConnectionFile = filepath.Join(k.dir, fmt.Sprintf("kernel-%d.json", info.ShellPort))
	}
	if err := wire.WriteConnectionFile(k.ConnectionFile, info); err != nil {
		k.removeDir()
		return nil, wire.ConnectionInfo{}, err
	}
	return k, info, nil
}

func (k *Kernel) connect(ctx context.Context, info wire.ConnectionInfo, opts LaunchOptions) error {
	timeout := opts.ReadyTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	c, err := Connect(info, Options{DialTimeout: timeout, Logger: opts.Logger})
	if err != nil {
		return err
	}
	readyCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := c.WaitReady(readyCtx); err != nil {
		c.Close()
		return err
	}
	k.Client = c
	return nil
}

func (k *Kernel) removeDir() {
	if k.ownDir {
		os.RemoveAll(k.dir)
	}
}

// Exited is closed when the kernel process has exited; it is nil for an
// in-process kernel.
func (k *Kernel) Exited() <-chan struct{} { return k.exited }

// ExitErr is the kernel process's exit status, valid once Exited is closed.
func (k *Kernel) ExitErr() error { return k.waitErr }

// Close stops the kernel: an in-process server is closed directly; a
// process is sent shutdown_request and given a few seconds to exit before it
// is killed. Then the client disconnects and the temporary directory is
// removed.
func (k *Kernel) Close() error {
	k.closeOnce.Do(func() {
		if k.server != nil {
			k.closeErr = k.server.Close()
		}
		if k.exited != nil {
			k.stopProcess()
		}
		k.Client.Close()
		k.removeDir()
	})
	return k.closeErr
}

func (k *Kernel) stopProcess() {
	select {
	case <-k.exited:
		return
	default:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := k.Shutdown(ctx, false); err != nil {
		k.closeErr = err
	}
	select {
	case <-k.exited:
	case <-time.After(5 * time.Second):
		k.Cmd.Process.Kill()
		<-k.exited
		if k.closeErr == nil {
			k.closeErr = errors.New("client: the kernel process did not exit after shutdown_request; killed it")
		}
	}
}
