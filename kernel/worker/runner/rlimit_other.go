//go:build !linux

package runner

// limitAddressSpace does nothing here: RLIMIT_AS is not enforced on every
// platform; the Go runtime's soft limit (GOMEMLIMIT) remains.
func limitAddressSpace(limit uint64) error { return nil }
