//go:build !unix

package history

import "os"

// lockFile does nothing where flock is missing: each line is still written
// with one append, so concurrent kernels may only interleave whole lines.
func lockFile(*os.File) error { return nil }

// unlockFile does nothing.
func unlockFile(*os.File) error { return nil }
