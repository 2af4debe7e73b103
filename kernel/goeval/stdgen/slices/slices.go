// Package slices is the interpreter's version of the standard package
// slices, written from its documentation (see package stdgen). A function
// whose result has the type of its slice argument takes that type as a
// type parameter S, which the evaluator instantiates explicitly; the
// others take []E, which the interpreter can infer from any slice type.
//
// Sort, SortFunc and SortStableFunc delegate to the compiled sort.Slice
// and sort.SliceStable, which run the same pattern-defeating quicksort
// and stable sort as Go's slices package, so that elements that compare
// equal end up in the same order as under go run.
package slices

import (
	"math"
	"reflect"
)

// ordered is the set of types whose values the operators < <= >= > order.
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// negativeZero reports whether v is a floating-point -0.0.
func negativeZero(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		return f == 0 && math.Signbit(f)
	}
	return false
}

// Equal reports whether two slices have the same length and equal
// elements (a NaN equals nothing).
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc reports whether two slices have the same length and eq holds
// for each pair of elements.
func EqualFunc[E1, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i, v1 := range s1 {
		if !eq(v1, s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares the elements pairwise as cmp.Compare does; the first
// difference decides, then the lengths.
func Compare[E ordered](s1, s2 []E) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		v2 := s2[i]
		xNaN, yNaN := v1 != v1, v2 != v2
		c := 0
		switch {
		case xNaN && yNaN:
		case xNaN:
			c = -1
		case yNaN:
			c = +1
		case v1 < v2:
			c = -1
		case v1 > v2:
			c = +1
		}
		if c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is Compare with a comparison function.
func CompareFunc[E1, E2 any](s1 []E1, s2 []E2, cmp func(E1, E2) int) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first occurrence of v in s, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

// IndexFunc returns the first index i with f(s[i]), or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool {
	return Index(s, v) >= 0
}

// ContainsFunc reports whether some element satisfies f.
func ContainsFunc[E any](s []E, f func(E) bool) bool {
	return IndexFunc(s, f) >= 0
}

// Insert inserts the values v at index i of s and returns the result,
// which shares s's array when its capacity allows. It panics if i is out
// of range.
func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:]
	m := len(v)
	if m == 0 {
		return s
	}
	n := len(s)
	if i == n {
		return append(s, v...)
	}
	if n+m > cap(s) {
		r := append(s[:i], make(S, n+m-i)...)
		copy(r[i:], v)
		copy(r[i+m:], s[i:])
		return r
	}
	vs := append(make([]E, 0, m), v...)
	r := s[:n+m]
	copy(r[i+m:], s[i:n])
	copy(r[i:], vs)
	return r
}

// Delete removes s[i:j] from s and returns the result, zeroing the
// elements past its end. It panics if s[i:j] is not a valid slice of s.
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)]
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	zero(s[len(s):n])
	return s
}

// DeleteFunc removes the elements for which del returns true, calling it
// once for each element in order, and zeroes the elements past the end of
// the result.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	i := IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	zero(s[i:])
	return s[:i]
}

// Replace replaces s[i:j] by the values v and returns the result, which
// shares s's array when its capacity allows; elements past the end of a
// shorter result are zeroed. It panics if s[i:j] is not a valid slice of
// s.
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j]
	if i == j {
		return Insert(s, i, v...)
	}
	n := len(s)
	if j == n {
		r := append(s[:i], v...)
		if len(r) < n {
			zero(s[len(r):n])
		}
		return r
	}
	total := i + len(v) + (n - j)
	if total > cap(s) {
		r := append(s[:i], make(S, total-i)...)
		copy(r[i:], v)
		copy(r[i+len(v):], s[j:])
		return r
	}
	tail := append(make([]E, 0, n-j), s[j:]...)
	vs := append(make([]E, 0, len(v)), v...)
	r := s[:total]
	copy(r[i:], vs)
	copy(r[i+len(vs):], tail)
	if total < n {
		zero(s[total:n])
	}
	return r
}

// zero sets the elements of s to their zero value.
func zero[E any](s []E) {
	var z E
	for k := range s {
		s[k] = z
	}
}

// Clone returns a copy of s (nil for nil).
func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(make(S, 0), s...)
}

// Compact replaces each run of equal consecutive elements by its first
// and returns the shorter slice, zeroing the elements past its end.
func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if s[k] != s[k-1] {
			if i != k {
				s[i] = s[k]
			}
			i++
		}
	}
	zero(s[i:])
	return s[:i]
}

// CompactFunc is Compact with eq(current, previous) telling equal
// elements.
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if !eq(s[k], s[k-1]) {
			if i != k {
				s[i] = s[k]
			}
			i++
		}
	}
	zero(s[i:])
	return s[:i]
}

// Grow makes room for n more elements in s's capacity. It panics if n is
// negative.
func Grow[S ~[]E, E any](s S, n int) S {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

// Clip removes the unused capacity of s.
func Clip[S ~[]E, E any](s S) S {
	return s[:len(s):len(s)]
}

// Reverse reverses the elements of s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns a new slice of the elements of all the slices (nil when
// there are none).
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	var r S
	if size > 0 {
		r = append(r, make(S, size)...)[:0]
	}
	for _, s := range slices {
		r = append(r, s...)
	}
	return r
}

// Repeat returns a new slice of x repeated count times. It panics if count
// is negative or the length overflows.
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	if len(x) > 0 && count > int(^uint(0)>>1)/len(x) {
		panic("the result of (len(x) * count) overflows")
	}
	r := make(S, len(x)*count)
	n := copy(r, x)
	for n < len(r) {
		n += copy(r[n:], r[:n])
	}
	return r
}
