package slices

import "sort"

// The iterator functions take and return the function types that
// iter.Seq and iter.Seq2 stand for.

// All returns an iterator over the indexes and values of s.
func All[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Values returns an iterator over the values of s.
func Values[E any](s []E) func(yield func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the indexes and values of s, from the
// last.
func Backward[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s.
func AppendSeq[S ~[]E, E any](s S, seq func(yield func(E) bool)) S {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// collect returns the values of seq (nil when there are none).
func collect[E any](seq func(yield func(E) bool)) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns the values of seq in a new slice (nil when there are
// none).
func Collect[E any](seq func(yield func(E) bool)) []E {
	return collect(seq)
}

// Sorted returns the values of seq, sorted.
func Sorted[E ordered](seq func(yield func(E) bool)) []E {
	s := collect(seq)
	sort.Slice(s, func(i, j int) bool {
		a, b := s[i], s[j]
		return (a != a && b == b) || a < b
	})
	return s
}

// SortedFunc returns the values of seq, sorted by cmp.
func SortedFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	s := collect(seq)
	sort.Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
	return s
}

// SortedStableFunc returns the values of seq, sorted by cmp, equal
// values in the order seq gave them.
func SortedStableFunc[E any](seq func(yield func(E) bool), cmp func(E, E) int) []E {
	s := collect(seq)
	sort.SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
	return s
}

// Chunk returns an iterator over consecutive sub-slices of up to n
// elements of s, each with no capacity beyond its length. It panics if n
// is less than 1.
func Chunk[S ~[]E, E any](s S, n int) func(yield func(S) bool) {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(S) bool) {
		for i := 0; i < len(s); i += n {
			end := len(s)
			if i+n < end {
				end = i + n
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
