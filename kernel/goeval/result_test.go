package goeval

import (
	"fmt"
	"testing"
)

// Item 5: the result is decided from the syntax; no stale values.
func TestResults(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type C struct{}
func (C) Void() {}
func (C) Val() int { return 7 }
func (C) Pair() (int, error) { return 1, nil }
func (C) Two() (int, string) { return 2, "b" }
func void() {}
func withErr() (int, error) { return 1, nil }
func pair() (int, string) { return 1, "a" }
type Temp float64
func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }
fv := func() int { return 5 }
gv := func() {}
x := 3`)
	tests := []struct {
		cell string
		want string // "" means no value
	}{
		{"1 + 2", "3"},
		{`"hi"`, "hi"},
		{"x", "3"},
		{"x * 2", "6"},
		{`fmt.Println("printed")`, ""},
		{`fmt.Printf("%d\n", 1)`, ""},
		{`fmt.Sprint(1)`, "1"},
		{"42", "42"},
		{"void()", ""}, // after a cell with a value: nothing stale
		{"withErr()", ""},
		{"pair()", "1 a"},
		{"math.Modf(2.5)", "2 0.5"},
		{`strconv.Atoi("12")`, ""},
		{"x = 4", ""},
		{"y := 5", ""},
		{"if true {}", ""},
		{"for i := 0; i < 1; i++ {}", ""},
		{"var w = 1", ""},
		{"func z() {}", ""},
		{"type T int", ""},
		{"x", "4"},
		{"C{}.Void()", ""},
		{"C{}.Val()", "7"},
		{"C{}.Pair()", ""},
		{"C{}.Two()", "2 b"},
		{"fv()", "5"},
		{"gv()", ""},
		{"func() int { return 8 }()", "8"},
		{"Temp(21.5)", "21.5°C"},
		{`errors.New("bad")`, "bad"},
		{"[]int{1, 2}", "[1 2]"},
		{"len(\"abc\")", "3"},
		{"float64(x) / 8", "0.5"},
		{`println("to stderr")`, ""},
		{"// just a comment", ""},
		{"", ""},
	}
	for _, tc := range tests {
		r := s.run(tc.cell)
		if tc.want == "" {
			if r.HasValue {
				t.Errorf("%q: unexpected value %v", tc.cell, r.Value)
			}
			continue
		}
		if !r.HasValue {
			t.Errorf("%q: no value, want %s", tc.cell, tc.want)
			continue
		}
		if got := fmt.Sprint(r.Value.Interface()); got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.cell, got, tc.want)
		}
	}
	// println writes to stderr, as in Go.
	if got := s.out.String(); got != "printed\n1\n" {
		t.Errorf("stdout %q", got)
	}
	if got := s.errOut.String(); got != "to stderr\n" {
		t.Errorf("stderr %q", got)
	}
}

func TestTupleString(t *testing.T) {
	// As fmt.Println prints the results: separated by spaces, even between
	// strings, and no newline.
	if got := (Tuple{1, "a", "b", nil}).String(); got != "1 a b <nil>" {
		t.Fatalf("got %q", got)
	}
}
