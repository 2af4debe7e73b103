package kernel

import (
	"io"
	"log/slog"
	"os"
)

// DebugEnv is the environment variable that turns on per-message logging
// when set to 1.
const DebugEnv = "DESCENT_DEBUG"

// NewLogger returns a text logger on w: warnings and errors only, or every
// message received and sent when debug is true.
func NewLogger(w io.Writer, debug bool) *slog.Logger {
	level := slog.LevelWarn
	if debug {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// DefaultLogger logs to stderr, quietly unless DESCENT_DEBUG=1.
func DefaultLogger() *slog.Logger {
	return NewLogger(os.Stderr, os.Getenv(DebugEnv) == "1")
}
