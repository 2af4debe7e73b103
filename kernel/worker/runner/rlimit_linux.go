package runner

import (
	"bytes"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// limitAddressSpace caps the process's address space at what it maps now
// plus limit and a margin (RLIMIT_AS). The Go runtime reserves address
// space well ahead of use, and keeps it after freeing, so the margin is
// generous; the supervisor's watchdog enforces the limit itself on
// resident memory. The cap makes one huge allocation (make([]byte, 1<<40))
// fail at once, as "out of memory", instead of being granted by the
// kernel's overcommit and paged in until the machine runs out.
func limitAddressSpace(limit uint64) error {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return err
	}
	f := bytes.Fields(b)
	if len(f) < 1 {
		return fmt.Errorf("/proc/self/statm: %q", b)
	}
	pages, err := strconv.ParseUint(string(f[0]), 10, 64)
	if err != nil {
		return fmt.Errorf("/proc/self/statm: %w", err)
	}
	mapped := pages * uint64(os.Getpagesize())
	capAS := mapped + limit + max(1<<30, limit/4)
	return unix.Setrlimit(unix.RLIMIT_AS, &unix.Rlimit{Cur: capAS, Max: capAS})
}
