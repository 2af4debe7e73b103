package native

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// goCmd runs the go command in descent's source with the workspace's
// go.mod and the program's build environment. Its standard output is
// returned; what it writes to standard error goes to progress too, when
// not nil, and into the error.
func (b *Builder) goCmd(ctx context.Context, progress io.Writer, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, b.tc.Go, args...)
	cmd.Dir = b.root
	cmd.Env = b.goEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if progress != nil {
		cmd.Stderr = io.MultiWriter(&stderr, progress)
	}
	err := cmd.Run()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return stdout.Bytes(), &GoError{Args: args, Output: strings.TrimSpace(stderr.String()), Err: err}
	}
	return stdout.Bytes(), nil
}

// goEnv is the environment of the go commands the Builder runs: the
// program's build settings, the local toolchain only, no workspace file.
func (b *Builder) goEnv() []string {
	env := append(os.Environ(), b.tc.Env...)
	return append(env, "GOTOOLCHAIN=local", "GOWORK=off")
}

// GoError is a go command that failed.
type GoError struct {
	Args   []string
	Output string // what it wrote to standard error
	Err    error
}

// Error implements error: the go command's own message.
func (e *GoError) Error() string {
	if e.Output != "" {
		return e.Output
	}
	return fmt.Sprintf("go %s: %v", strings.Join(e.Args, " "), e.Err)
}

// Unwrap returns the process error.
func (e *GoError) Unwrap() error { return e.Err }

// isGoError reports whether err is a failed go command.
func isGoError(err error) bool {
	var ge *GoError
	return errors.As(err, &ge)
}
