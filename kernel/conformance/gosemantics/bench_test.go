package gosemantics

import "testing"

// The corpus runs its cases one after another in a few kernels, each case
// in a fresh interpreter (%reset), rather than in a new kernel per case.
// These benchmarks measure the two ways of getting a fresh interpreter.

// BenchmarkFreshKernel starts a kernel process (and its worker), runs one
// small cell and stops it.
func BenchmarkFreshKernel(b *testing.B) {
	bin := kernelBinary(b)
	cells := []Cell{{Number: 1, Source: `fmt.Println("hi")`}}
	for b.Loop() {
		k, err := startKernel(bin)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := k.run(cells); err != nil {
			b.Fatal(err)
		}
		k.close()
	}
}

// BenchmarkResetKernel runs the same cell in one kernel, with %reset
// before each run.
func BenchmarkResetKernel(b *testing.B) {
	k, err := startKernel(kernelBinary(b))
	if err != nil {
		b.Fatal(err)
	}
	defer k.close()
	cells := []Cell{{Number: 1, Source: `fmt.Println("hi")`}}
	for b.Loop() {
		if _, err := k.run(cells); err != nil {
			b.Fatal(err)
		}
	}
}
