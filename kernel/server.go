package kernel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/descentlab/descent/kernel/history"
	"github.com/descentlab/descent/kernel/jupyter/transport"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// Options tune a Server. The zero value is ready to use.
type Options struct {
	// Version is reported as implementation_version (default "devel").
	Version string
	// Banner replaces the default kernel_info banner.
	Banner string
	// RestartInPlace makes shutdown_request{restart: true} restart the
	// backend and keep serving. Leave it false under jupyter_client, which
	// waits for the kernel process to exit and then launches a new one:
	// a kernel that stays up is terminated only after several seconds.
	RestartInPlace bool
	// Logger receives diagnostics; nil means DefaultLogger().
	Logger *slog.Logger
	// ShutdownGrace bounds how long Close waits for a running cell to
	// return once the backend is closed (default 2 s).
	ShutdownGrace time.Duration
	// HistoryFile keeps the history of executed cells across kernel
	// restarts (history.PathIn gives the usual place); "" keeps it in
	// memory for the session only.
	HistoryFile string
	// Transport bounds what front ends may send and how far behind they
	// may fall: the maximum message size (256 MiB by default), the
	// handshake deadline, the write timeout. Its Log defaults to Logger.
	Transport transport.Limits
	// Listening, when set, is called in a goroutine of its own once the
	// sockets are bound. descent starts the worker process there: a front
	// end can connect before the worker has been forked.
	Listening func()
}

// Server is a running kernel: it owns the five sockets, the execution queue
// and the history, and drives a Backend.
type Server struct {
	info     wire.ConnectionInfo
	codec    *wire.Codec
	replays  *wire.ReplayFilter // signatures accepted so far
	backend  Backend
	opts     Options
	log      *slog.Logger
	session  string
	username string
	topic    string

	// ctx is handed to Backend.Execute; it ends when the server stops.
	ctx    context.Context
	cancel context.CancelFunc

	shell, control, stdin *channel
	iopub                 *publisher
	heartbeat             *channel
	bound                 []string // the endpoints bound, for teardown

	queue      *requestQueue
	history    *history.Store
	inputs     *inputBroker
	interrupts *broadcast
	// background publishes what belongs to no request (see comms.go).
	background *cellOutput

	mu    sync.Mutex
	count int // execution counter, In[count]

	shellDone chan struct{} // closed when the execution loop returns
	stopReq   chan struct{} // closed by shutdown_request or Close
	stopOnce  sync.Once
	// stopForRestart is set when the stop was asked by a restart: the
	// client starts a new kernel process.
	stopForRestart atomic.Bool
	stopped        chan struct{} // closed when teardown is complete
	recvWG         sync.WaitGroup
	closing        chan struct{} // closed before the sockets are closed
}

// Start binds the sockets described by info and starts serving with backend.
// Stop it with Close, or wait for a shutdown_request with Done or Wait. The
// server closes backend when it stops; when Start fails, backend is left
// as it was.
func Start(info wire.ConnectionInfo, backend Backend, opts Options) (*Server, error) {
	if err := info.Validate(); err != nil {
		return nil, err
	}
	if backend == nil {
		return nil, errors.New("kernel: nil backend")
	}
	// Listen before anything else: Jupyter's client connects a few
	// milliseconds after it starts the kernel (see transport.Prebind).
	endpoints := info.Endpoints()
	if err := transport.Prebind(endpoints...); err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	if opts.Version == "" {
		opts.Version = "devel"
	}
	if opts.ShutdownGrace <= 0 {
		opts.ShutdownGrace = 2 * time.Second
	}
	logger := opts.Logger
	if logger == nil {
		logger = DefaultLogger()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		info:       info,
		codec:      wire.NewCodec(info.Key),
		replays:    wire.NewReplayFilter(0),
		backend:    backend,
		opts:       opts,
		log:        logger,
		session:    uuid.NewString(),
		username:   username(),
		ctx:        ctx,
		cancel:     cancel,
		queue:      newRequestQueue(),
		history:    history.Open(opts.HistoryFile, logger),
		inputs:     newInputBroker(),
		interrupts: newBroadcast(),
		shellDone:  make(chan struct{}),
		stopReq:    make(chan struct{}),
		stopped:    make(chan struct{}),
		closing:    make(chan struct{}),
	}
	s.topic = "kernel." + s.session + "."
	if err := s.bind(); err != nil {
		transport.ClosePrebound(endpoints...)
		cancel()
		return nil, err
	}
	s.background = newBackgroundOutput(ctx, s)
	if commer, ok := backend.(Commer); ok {
		commer.SetIdleHandler(s.background.Event)
	}
	if opts.Listening != nil {
		go opts.Listening()
	}
	s.recvWG.Add(4)
	go s.receive(s.shell, s.routeShell)
	go s.receive(s.control, s.handleControl)
	go s.receive(s.stdin, s.handleStdin)
	go s.echoHeartbeats()
	go s.executionLoop()
	go s.teardownWhenStopped()
	s.log.Info("kernel listening", "shell", info.ShellEndpoint(), "transport", info.Transport, "signed", s.codec.Signed())
	return s, nil
}

// Done is closed once the server has stopped and released its sockets.
func (s *Server) Done() <-chan struct{} { return s.stopped }

// Wait blocks until the server has stopped.
func (s *Server) Wait() { <-s.stopped }

// Close stops the server as a shutdown_request would, without a reply, and
// waits until its sockets are released. It is safe to call more than once.
func (s *Server) Close() error {
	s.requestStop()
	<-s.stopped
	return nil
}

// Interrupt interrupts the running cell, if any, and cancels a pending
// input request. SIGINT and interrupt_request both end up here.
func (s *Server) Interrupt() {
	s.log.Debug("interrupt")
	// The backend first: a cell waiting for input learns of the interrupt
	// before its read fails, so it stops there instead of going on with
	// an empty line.
	s.backend.Interrupt()
	s.interrupts.fire(ErrInputInterrupted)
}

// Session is the session id in every header the server writes.
func (s *Server) Session() string { return s.session }

func (s *Server) requestStop() {
	s.stopOnce.Do(func() { close(s.stopReq) })
}

// teardownWhenStopped waits for a stop request, then stops the execution
// loop, the backend and the sockets, in that order.
func (s *Server) teardownWhenStopped() {
	<-s.stopReq
	s.queue.close()
	restart := s.stopForRestart.Load()
	reason := ErrInputShutdown
	if restart {
		reason = ErrInputRestarted
	}
	s.interrupts.fire(reason)
	s.cancel()
	closeBackend := s.backend.Close
	if rc, ok := s.backend.(RestartCloser); ok && restart {
		closeBackend = rc.CloseForRestart
	}
	if err := closeBackend(); err != nil {
		s.log.Warn("closing the backend", "err", err)
	}
	select {
	case <-s.shellDone:
	case <-time.After(s.opts.ShutdownGrace):
		s.log.Warn("a cell did not return after the backend was closed; closing the sockets anyway")
	}
	s.iopub.drain(iopubLinger)
	close(s.closing)
	s.closeSockets()
	s.recvWG.Wait()
	close(s.stopped)
}

// executionLoop handles shell requests one at a time, in order.
func (s *Server) executionLoop() {
	defer close(s.shellDone)
	for {
		item, ok := s.queue.pop()
		if !ok {
			return
		}
		s.handleShell(item)
	}
}

// nextCount returns the execution count for a cell: incremented when the
// cell is stored in history, the current value otherwise.
func (s *Server) nextCount(store bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if store {
		s.count++
	}
	return s.count
}

func (s *Server) currentCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// restartBackend restarts the interpreter in place: fresh variables,
// counter back to zero, a new history session.
func (s *Server) restartBackend() error {
	s.interrupts.fire(ErrInputRestarted)
	err := s.backend.Restart()
	s.mu.Lock()
	s.count = 0
	s.mu.Unlock()
	s.history.NewSession()
	if err != nil {
		return fmt.Errorf("restarting the backend: %w", err)
	}
	return nil
}

func username() string {
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if u := os.Getenv(k); u != "" {
			return u
		}
	}
	return "kernel"
}
