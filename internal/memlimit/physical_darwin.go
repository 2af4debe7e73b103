package memlimit

import "golang.org/x/sys/unix"

// platformPhysical is the machine's memory as sysctl hw.memsize says.
func platformPhysical() uint64 {
	v, err := unix.SysctlUint64("hw.memsize")
	if err != nil {
		return 0
	}
	return v
}
