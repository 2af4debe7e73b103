//go:build race

package runner

// raceDetector is true in a build with -race, whose runtime reserves
// terabytes of address space for its shadow memory.
const raceDetector = true
