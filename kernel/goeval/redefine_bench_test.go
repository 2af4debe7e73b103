package goeval

import (
	"context"
	"testing"
)

// BenchmarkEvalFib25 measures a cell computing fib(25) with a recursive
// cell function (about 240,000 interpreted calls), the cost of the call
// path that redefinitions must leave alone.
func BenchmarkEvalFib25(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	if _, err := e.Eval(ctx, "func fib(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, "fib(25)"); err != nil {
			b.Fatal(err)
		}
	}
}
