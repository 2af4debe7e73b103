//go:build !unix

package kernel

// processExists cannot look for another process here; the parent-id check
// alone decides.
func processExists(int) bool { return true }
