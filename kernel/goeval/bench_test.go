package goeval

import (
	"context"
	"io"
	"testing"
)

func benchEvaluator(b *testing.B) *Evaluator {
	b.Helper()
	e, err := New(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkEvalTrivial measures the fixed cost of a cell: 1+2.
func BenchmarkEvalTrivial(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, "1+2"); err != nil {
			b.Fatal(err)
		}
	}
}

// typicalCell is what a lesson cell looks like: an import, a type with a
// method, a function, a loop with a closure, and a result.
const typicalCell = `import "math"

type quad struct{ a float64 }

func (q quad) grad(x float64) float64 { return 2 * q.a * x }

func descend(q quad, x, lr float64, steps int) float64 {
	for range steps {
		x -= lr * q.grad(x)
	}
	return x
}

var trace []func() float64
for i := 0; i < 3; i++ {
	trace = append(trace, func() float64 { return float64(i) })
}
x := descend(quad{1}, 5, 0.1, 20)
math.Abs(x) < 1`

// BenchmarkEvalMixedCell measures re-running a typical mixed cell.
func BenchmarkEvalMixedCell(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, typicalCell); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew measures creating an evaluator (what %reset costs).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		benchEvaluator(b)
	}
}

// gdLoopCell is a hand-written gradient descent on Rosenbrock, 10^6 steps,
// at the top level of a cell (which the evaluator runs inside a function
// literal) and in a function of the cell.
const gdLoopCell = `x, y := -1.5, 2.0
lr := 0.0002
for i := 0; i < 1_000_000; i++ {
	gx := -2*(1-x) - 400*x*(y-x*x)
	gy := 200 * (y - x*x)
	x -= lr * gx
	y -= lr * gy
}
func descend(x, y, lr float64, steps int) (float64, float64) {
	for range steps {
		gx := -2*(1-x) - 400*x*(y-x*x)
		gy := 200 * (y - x*x)
		x -= lr * gx
		y -= lr * gy
	}
	return x, y
}
descend(x, y, lr, 1_000_000)`

// BenchmarkEvalGDLoop measures a cell running 2×10^6 interpreted gradient
// steps (BENCHMARKS.md: "Hand-written gradient descent in a cell").
func BenchmarkEvalGDLoop(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, gdLoopCell); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFprintfToBuilder measures 1000 fmt.Fprintf calls into a
// strings.Builder in one cell: the cost of routing the io.Writer argument
// of compiled functions (os.Stdout and os.Stderr to the cell's writers).
func BenchmarkFprintfToBuilder(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	const cell = "var sb strings.Builder\nfor i := 0; i < 1000; i++ { fmt.Fprintf(&sb, \"%d,\", i) }\nsb.Len()"
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, cell); err != nil {
			b.Fatal(err)
		}
	}
}

// printLoopCell prints values of cell types in a loop: a type with a
// String method, a struct with an unexported field, slices of them, and
// plain numbers with Sprintf (BENCHMARKS.md: "Printing values of cells'
// types").
const printLoopCell = `type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type run struct {
	name string
	loss float64
}
n := 0
temps := []celsius{18, 22.5}
for i := 0; i < 5000; i++ {
	n += len(fmt.Sprintf("%d %.3f", i, 0.5))
	n += len(fmt.Sprint(temps, celsius(i)))
	n += len(fmt.Sprintf("%+v", run{"adam", float64(i)}))
}
n`

// BenchmarkEvalPrintLoop measures a cell printing 15,000 times.
func BenchmarkEvalPrintLoop(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, printLoopCell); err != nil {
			b.Fatal(err)
		}
	}
}

// typeTestsCell runs 10^5 rounds of a comma-ok assertion to int, a type
// switch with a case int, and an == between two interface values, the
// forms that go through the hooks since they tell a cell's defined type
// from its representation (BENCHMARKS.md: "Values of cells' types in
// interfaces").
const typeTestsCell = `var a, b any = 2, 3
n := 0
for i := 0; i < 100_000; i++ {
	if _, ok := a.(int); ok {
		n++
	}
	switch b.(type) {
	case int:
		n++
	}
	if a == b {
		n++
	}
}
n`

// BenchmarkEvalTypeTests measures the cell of typeTestsCell.
func BenchmarkEvalTypeTests(b *testing.B) {
	e := benchEvaluator(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Eval(ctx, typeTestsCell); err != nil {
			b.Fatal(err)
		}
	}
}
