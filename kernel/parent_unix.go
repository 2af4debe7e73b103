//go:build unix

package kernel

import (
	"errors"
	"syscall"
)

// processExists reports whether a process with this id exists (signal 0
// checks without sending anything).
func processExists(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
