package optimlib

import "math/rand/v2"

// Streams keep the random numbers of the different uses of one seed apart:
// seededRand(seed, s) for two different s gives unrelated sequences.
const (
	streamData   uint64 = 0x9e3779b97f4a7c15
	streamBatch  uint64 = 0xbf58476d1ce4e5b9
	streamChain  uint64 = 0x94d049bb133111eb
	streamStarts uint64 = 0x2545f4914f6cdd1d
	streamNoise  uint64 = 0xd6e8feb86659fd93
)

// seededRand returns a generator of its own, PCG(seed, stream): never the
// global one, so that a run is reproducible from its seed alone.
func seededRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}
