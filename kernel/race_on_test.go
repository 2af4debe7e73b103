//go:build race

package kernel

// raceDetector is true under go test -race, which makes the kernel and the
// client several times slower: tests that move tens of megabytes move less.
const raceDetector = true
