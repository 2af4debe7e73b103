package goeval

import (
	"reflect"
	"strings"
	"testing"
)

// Item 12: Complete.
func TestComplete(t *testing.T) {
	s := newSession(t, Options{Preload: []string{"example.org/demo"}})
	s.run("func gradStep(x float64) float64 { return x }\ngravity := 9.81\ntype gradient struct{}")
	s.run(`import m "math"`)
	tests := []struct {
		name       string
		code       string
		cursor     int // -1: end of code
		want       []string
		start, end int
	}{
		{"earlier cells", "gra", -1, []string{"gradStep", "gradient", "gravity"}, 0, 3},
		{"package members", "x := strings.ToU", -1, []string{"ToUpper", "ToUpperSpecial"}, 13, 16},
		{"exported package members", "demo.N", -1, []string{"Norm2"}, 5, 6},
		{"renamed import", "m.Sqrt", -1, []string{"Sqrt", "Sqrt2", "SqrtE", "SqrtPhi", "SqrtPi"}, 2, 6},
		{"source package", "slices.Con", -1, []string{"Concat", "Contains", "ContainsFunc"}, 7, 10},
		{"keywords", "fu", -1, []string{"func"}, 0, 2},
		{"builtins", "x := le", -1, []string{"len"}, 5, 7},
		{"package names", "x := strc", -1, []string{"strconv"}, 5, 9},
		{"current cell", "learningRate := 0.1\nfor step := range 10 {\n\tlea", -1, []string{"learningRate"}, 44, 47},
		// What the cells declare comes before the packages.
		{"current cell func", "func lossAt(x float64) float64 { return x }\nlo", -1, []string{"lossAt", "log"}, 44, 46},
		{"cursor inside", "gra + 1", 3, []string{"gradStep", "gradient", "gravity"}, 0, 3},
		{"no hidden names", "_goe", -1, nil, 0, 4},
		{"unknown base", "nothing.Fo", -1, nil, 8, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cursor := tc.cursor
			if cursor < 0 {
				cursor = len(tc.code)
			}
			got, start, end := s.e.Complete(tc.code, cursor)
			if !reflect.DeepEqual(got, tc.want) || start != tc.start || end != tc.end {
				t.Fatalf("Complete(%q, %d) = %q, %d, %d; want %q, %d, %d", tc.code, cursor, got, start, end, tc.want, tc.start, tc.end)
			}
		})
	}
}

func TestCompleteAllMembers(t *testing.T) {
	s := newSession(t, Options{})
	got, _, _ := s.e.Complete("fmt.", 4)
	if len(got) < 20 || !strings.Contains(strings.Join(got, " "), "Sprintf") {
		t.Fatalf("fmt members: %q", got)
	}
}
