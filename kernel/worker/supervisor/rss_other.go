//go:build !linux

package supervisor

import "errors"

// residentMemoryKnown says whether residentMemory works on this platform.
const residentMemoryKnown = false

// residentMemory is not known here; the worker's address-space limit and
// GOMEMLIMIT bound its memory instead.
func residentMemory(pid int) (uint64, error) {
	return 0, errors.New("the resident memory of a process is read on Linux only")
}
