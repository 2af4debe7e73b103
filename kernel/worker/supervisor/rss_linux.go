package supervisor

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// residentMemoryKnown says whether residentMemory works on this platform.
const residentMemoryKnown = true

var pageSize = uint64(os.Getpagesize())

// residentMemory is the resident set of process pid, from /proc/PID/statm
// (its second field, in pages).
func residentMemory(pid int) (uint64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, err
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, fmt.Errorf("/proc/%d/statm: %q", pid, b)
	}
	pages, err := strconv.ParseUint(string(f[1]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("/proc/%d/statm: %w", pid, err)
	}
	return pages * pageSize, nil
}
