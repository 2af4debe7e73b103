package stdgen

import (
	stdcmp "cmp"
	"fmt"
	stdmaps "maps"
	"math"
	"math/rand"
	stdslices "slices"
	"testing"

	"github.com/descentlab/descent/kernel/goeval/stdgen/cmp"
	"github.com/descentlab/descent/kernel/goeval/stdgen/maps"
	"github.com/descentlab/descent/kernel/goeval/stdgen/predeclared"
	"github.com/descentlab/descent/kernel/goeval/stdgen/slices"
)

// The sources, compiled, against the standard library: same results,
// same order of equal elements, same capacities and same effects on the
// argument's array.

// tagged is an element whose key alone is compared, so that the order of
// equal keys shows.
type tagged struct {
	key float64
	tag int
}

func byKey(a, b tagged) int { return stdcmp.Compare(a.key, b.key) }

func randomKeys(r *rand.Rand, n int) []float64 {
	keys := make([]float64, n)
	for i := range keys {
		switch r.Intn(10) {
		case 0:
			keys[i] = math.NaN()
		case 1:
			keys[i] = math.Copysign(0, -1)
		case 2:
			keys[i] = 0
		default:
			keys[i] = float64(r.Intn(n/3 + 1))
		}
	}
	return keys
}

func bits(xs []float64) []uint64 {
	out := make([]uint64, len(xs))
	for i, x := range xs {
		out[i] = math.Float64bits(x)
	}
	return out
}

// same reports whether two floats print alike and are the same zero: a
// NaN's payload is not compared.
func same(a, b float64) bool {
	return a != a && b != b || math.Float64bits(a) == math.Float64bits(b)
}

func TestSortOrderMatchesStd(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 300; n += 1 + n/8 {
		for trial := 0; trial < 20; trial++ {
			keys := randomKeys(r, n)
			a, b := make([]tagged, n), make([]tagged, n)
			for i, k := range keys {
				a[i], b[i] = tagged{k, i}, tagged{k, i}
			}
			stdslices.SortFunc(a, byKey)
			slices.SortFunc(b, byKey)
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("SortFunc n=%d: std %v, here %v", n, a, b)
			}
			copy(a, b)
			stdslices.SortStableFunc(a, func(x, y tagged) int { return stdcmp.Compare(x.tag%3, y.tag%3) })
			slices.SortStableFunc(b, func(x, y tagged) int { return stdcmp.Compare(x.tag%3, y.tag%3) })
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("SortStableFunc n=%d differs", n)
			}
			fa, fb := stdslices.Clone(keys), stdslices.Clone(keys)
			stdslices.Sort(fa)
			slices.Sort(fb)
			if !stdslices.Equal(bits(fa), bits(fb)) {
				t.Fatalf("Sort n=%d: std %v, here %v", n, fa, fb)
			}
			if got, want := slices.IsSorted(fb), stdslices.IsSorted(fb); got != want {
				t.Fatalf("IsSorted n=%d", n)
			}
			sorted := slices.Sorted(stdslices.Values(keys))
			if !stdslices.Equal(bits(fa), bits(sorted)) {
				t.Fatalf("Sorted n=%d differs", n)
			}
			if n > 0 {
				target := keys[r.Intn(n)]
				i1, ok1 := stdslices.BinarySearch(fa, target)
				i2, ok2 := slices.BinarySearch(fb, target)
				if i1 != i2 || ok1 != ok2 {
					t.Fatalf("BinarySearch(%v) n=%d: std %d %v, here %d %v", target, n, i1, ok1, i2, ok2)
				}
				if !same(stdslices.Min(keys), slices.Min(keys)) {
					t.Fatalf("Min n=%d", n)
				}
				if !same(stdslices.Max(keys), slices.Max(keys)) {
					t.Fatalf("Max n=%d", n)
				}
				x, y := keys[0], keys[n-1]
				if !same(min(x, y), predeclared.Min(x, y)) {
					t.Fatalf("min(%v, %v)", x, y)
				}
				if !same(max(x, y), predeclared.Max(x, y)) {
					t.Fatalf("max(%v, %v)", x, y)
				}
				if stdcmp.Compare(x, y) != cmp.Compare(x, y) || stdcmp.Less(x, y) != cmp.Less(x, y) {
					t.Fatalf("cmp(%v, %v)", x, y)
				}
			}
		}
	}
}

// state is what an operation leaves: the result, its capacity and the
// whole array of the argument.
func state[S ~[]E, E any](result S, arg S) string {
	return fmt.Sprintf("%v len %d cap %d nil %v | arg %v", result, len(result), cap(result), result == nil, arg[:cap(arg)])
}

func TestEditsMatchStd(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	mk := func() ([]int, []int) {
		n, c := r.Intn(8), 0
		c = n + r.Intn(4)
		a := make([]int, n, c)
		for i := range a {
			a[i] = r.Intn(4)
		}
		b := make([]int, n, c)
		copy(b, a)
		return a, b
	}
	for trial := 0; trial < 3000; trial++ {
		a, b := mk()
		n := len(a)
		i := r.Intn(n + 1)
		j := i + r.Intn(n-i+1)
		v := make([]int, r.Intn(4))
		for k := range v {
			v[k] = 10 + k
		}
		check := func(name string, want, got string) {
			t.Helper()
			if want != got {
				t.Fatalf("%s (i=%d j=%d v=%v):\nstd  %s\nhere %s", name, i, j, v, want, got)
			}
		}
		switch trial % 9 {
		case 0:
			check("Insert", state(stdslices.Insert(a, i, v...), a), state(slices.Insert(b, i, v...), b))
		case 1:
			check("Delete", state(stdslices.Delete(a, i, j), a), state(slices.Delete(b, i, j), b))
		case 2:
			check("Replace", state(stdslices.Replace(a, i, j, v...), a), state(slices.Replace(b, i, j, v...), b))
		case 3:
			check("Compact", state(stdslices.Compact(a), a), state(slices.Compact(b), b))
		case 4:
			odd := func(x int) bool { return x%2 == 1 }
			check("DeleteFunc", state(stdslices.DeleteFunc(a, odd), a), state(slices.DeleteFunc(b, odd), b))
		case 5:
			check("Clone", state(stdslices.Clone(a), a), state(slices.Clone(b), b))
			check("Clone nil", fmt.Sprint(stdslices.Clone([]int(nil)) == nil), fmt.Sprint(slices.Clone([]int(nil)) == nil))
		case 6:
			check("Grow", state(stdslices.Grow(a, j), a), state(slices.Grow(b, j), b))
			check("Concat", state(stdslices.Concat(a, v, a), a), state(slices.Concat(b, v, b), b))
			check("Concat none", fmt.Sprint(stdslices.Concat[[]int]() == nil), fmt.Sprint(slices.Concat[[]int]() == nil))
		case 7:
			check("Repeat", state(stdslices.Repeat(a, j), a), state(slices.Repeat(b, j), b))
			eq := func(x, y int) bool { return x/2 == y/2 }
			check("CompactFunc", state(stdslices.CompactFunc(a, eq), a), state(slices.CompactFunc(b, eq), b))
		case 8:
			c1, c2 := stdslices.Compare(a, v), slices.Compare(b, v)
			check("Compare", fmt.Sprint(c1, stdslices.Index(a, 2), stdslices.Contains(a, 3), stdslices.Equal(a, v)),
				fmt.Sprint(c2, slices.Index(b, 2), slices.Contains(b, 3), slices.Equal(b, v)))
			if n > 0 {
				check("Chunk", fmt.Sprint(stdslices.Collect(stdslices.Chunk(a, j+1))), fmt.Sprint(slices.Collect(slices.Chunk(b, j+1))))
			}
		}
	}
}

func TestMapsMatchStd(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	if want, got := stdslices.Sorted(stdmaps.Keys(m)), slices.Sorted(maps.Keys(m)); !stdslices.Equal(want, got) {
		t.Fatalf("Keys: %v, %v", want, got)
	}
	if want, got := stdslices.Sorted(stdmaps.Values(m)), slices.Sorted(maps.Values(m)); !stdslices.Equal(want, got) {
		t.Fatalf("Values: %v, %v", want, got)
	}
	c := maps.Clone(m)
	if !stdmaps.Equal(c, m) || !maps.Equal(c, m) || maps.Clone(map[int]int(nil)) != nil {
		t.Fatalf("Clone")
	}
	maps.DeleteFunc(c, func(k string, v int) bool { return v%2 == 1 })
	if fmt.Sprint(c) != "map[b:2]" {
		t.Fatalf("DeleteFunc: %v", c)
	}
	maps.Copy(c, map[string]int{"z": 26})
	if got := maps.Collect(maps.All(c)); fmt.Sprint(got) != "map[b:2 z:26]" {
		t.Fatalf("Collect: %v", got)
	}
	k := map[float64]int{math.NaN(): 1, 2: 2}
	predeclared.Clear(k)
	if len(k) != 0 {
		t.Fatalf("Clear left %v", k)
	}
	if cmp.Or(0, 0, 3, 4) != 3 || cmp.Or("", "") != "" {
		t.Fatalf("Or")
	}
}
