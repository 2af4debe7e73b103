// Package predeclared holds what the evaluator calls in place of the Go
// 1.21 builtins min, max and clear, which the interpreter lacks (see
// package stdgen). The evaluator instantiates Min and Max explicitly with
// the type of the call as Go types it.
package predeclared

import (
	"math"
	"reflect"
)

// ordered is the set of types min and max accept.
type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 |
		~string
}

// Min is the builtin min of two values: a NaN makes the result NaN, and
// -0.0 is less than 0.0. The evaluator nests calls for more arguments.
func Min[T ordered](x, y T) T {
	switch {
	case x != x:
		return x
	case y != y:
		return y
	case y < x || y == x && negativeZero(y):
		return y
	}
	return x
}

// Max is the builtin max of two values: a NaN makes the result NaN, and
// 0.0 is greater than -0.0. The evaluator nests calls for more
// arguments.
func Max[T ordered](x, y T) T {
	switch {
	case x != x:
		return x
	case y != y:
		return y
	case y > x || y == x && negativeZero(x):
		return y
	}
	return x
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

// Clear is the builtin clear: it deletes every entry of a map, NaN keys
// included, or sets every element of a slice to its zero value.
func Clear(x any) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		v.Clear()
	}
}
