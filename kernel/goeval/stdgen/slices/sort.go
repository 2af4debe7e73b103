package slices

import "sort"

// Sort sorts x in ascending order, NaNs first.
func Sort[E ordered](x []E) {
	sort.Slice(x, func(i, j int) bool {
		a, b := x[i], x[j]
		return (a != a && b == b) || a < b
	})
}

// SortFunc sorts x by cmp (not stable).
func SortFunc[E any](x []E, cmp func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x by cmp, keeping the order of equal elements.
func SortStableFunc[E any](x []E, cmp func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// IsSorted reports whether x is in ascending order.
func IsSorted[E ordered](x []E) bool {
	for i := len(x) - 1; i > 0; i-- {
		a, b := x[i], x[i-1]
		if (a != a && b == b) || a < b {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is in ascending order by cmp.
func IsSortedFunc[E any](x []E, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// Min returns the least element of x, NaN if one is NaN. It panics if x
// is empty.
func Min[E ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	if m != m {
		return m
	}
	for i := 1; i < len(x); i++ {
		v := x[i]
		if v != v {
			return v
		}
		if v < m || v == m && negativeZero(v) {
			m = v
		}
	}
	return m
}

// MinFunc returns the first least element of x by cmp. It panics if x is
// empty.
func MinFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}

// Max returns the greatest element of x, NaN if one is NaN. It panics if
// x is empty.
func Max[E ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	if m != m {
		return m
	}
	for i := 1; i < len(x); i++ {
		v := x[i]
		if v != v {
			return v
		}
		if v > m || v == m && negativeZero(m) {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first greatest element of x by cmp. It panics if x
// is empty.
func MaxFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

// BinarySearch finds target in the sorted x: the first position where it
// is or would be, and whether it is there.
func BinarySearch[E ordered](x []E, target E) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		a := x[h]
		if (a != a && target == target) || a < target {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && (x[i] == target || x[i] != x[i] && target != target)
}

// BinarySearchFunc is BinarySearch with cmp(element, target).
func BinarySearchFunc[E, T any](x []E, target T, cmp func(E, T) int) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp(x[h], target) < 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && cmp(x[i], target) == 0
}
