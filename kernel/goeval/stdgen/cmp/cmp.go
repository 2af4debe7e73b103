// Package cmp is the interpreter's version of the standard package cmp,
// written from its documentation: the cells' calls of cmp.Compare,
// cmp.Less and cmp.Or run this source (see package stdgen).
package cmp

// Ordered is the set of types whose values the operators < <= >= > order.
type Ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// Compare returns -1 when x is less than y, 0 when they are equal and +1
// when x is greater. A NaN is less than any other value and equal to a
// NaN; -0.0 equals 0.0.
func Compare[T Ordered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN:
		return -1
	case yNaN:
		return +1
	case x < y:
		return -1
	case x > y:
		return +1
	}
	return 0
}

// Less reports whether x is less than y, a NaN being less than any value
// but a NaN.
func Less[T Ordered](x, y T) bool {
	return (x != x && y == y) || x < y
}

// Or returns the first of its arguments that is not the zero value, or
// the zero value.
func Or[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}
