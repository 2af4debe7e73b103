//go:build !linux && !darwin

package memlimit

// platformPhysical is unknown here.
func platformPhysical() uint64 { return 0 }
