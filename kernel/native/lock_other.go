//go:build !unix

package native

// lockFile is never reached where plugins do not exist (DetectToolchain
// fails first); it takes no lock.
func lockFile(string) (func(), error) { return func() {}, nil }
