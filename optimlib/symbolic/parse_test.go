package symbolic

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestParseErrors checks the position and message of each kind of mistake.
// Columns are counted by hand on the source strings (1-based bytes).
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		vars      []string
		line, col int
		contains  string
	}{
		{"xor is not power", "x^2", nil, 1, 2, "math.Pow"},
		{"double star", "x**2", nil, 1, 2, "math.Pow"},
		{"misspelled function", "1 + math.Sinn(x)", nil, 1, 10, "did you mean math.Sin?"},
		{"function without package", "sin(x)", nil, 1, 1, "did you mean math.Sin?"},
		{"unknown bare function", "f(x)", nil, 1, 1, "math package"},
		{"unsupported function", "math.Floor(x)", nil, 1, 6, "not supported"},
		{"unknown constant", "x*math.Pie", nil, 1, 8, "did you mean math.Pi?"},
		{"function used as a value", "math.Sin + x", nil, 1, 1, "is a function"},
		{"constant called", "math.Pi(x)", nil, 1, 1, "is a constant"},
		{"other package", "strings.Count(x)", nil, 1, 1, "only the math package"},
		{"unknown variable", "x + z", []string{"x", "y"}, 1, 5, "unknown variable z (the variables are x, y)"},
		{"pi without math", "2*pi*x", []string{"x"}, 1, 3, "did you mean math.Pi?"},
		{"bare math", "math + x", nil, 1, 1, "math is a package"},
		{"missing operand", "(x + ", nil, 1, 6, "expected operand"},
		{"unbalanced", "(x + y", nil, 1, 7, "expected ')'"},
		{"empty", "", nil, 1, 1, "expected operand"},
		{"second line", "x +\n  math.Sinn(y)", nil, 2, 8, "did you mean math.Sin?"},
		{"arity", "math.Pow(x)", nil, 1, 9, "takes 2 arguments, got 1"},
		{"arity one", "math.Sin(x, y)", nil, 1, 9, "takes 1 argument, got 2"},
		{"string literal", `x + "a"`, nil, 1, 5, "not a real number"},
		{"comparison", "x < y", nil, 1, 3, "operator < is not supported"},
		{"remainder", "x % 2", nil, 1, 3, "operator % is not supported"},
		{"not", "!x", nil, 1, 1, "operator ! is not supported"},
		{"variable index", "x[i]", nil, 1, 2, "whole number"},
		{"vector and scalar", "x + x[1]", nil, 1, 1, "both as a number and as a vector"},
		{"indexed unknown", "x[2]", []string{"x[0]", "x[1]"}, 1, 1, "unknown variable x[2]"},
		{"boolean", "x + true", nil, 1, 5, "not a number"},
		{"composite literal", "[]float64{1}", nil, 1, 1, "unsupported expression"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src, tt.vars...)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.src, err)
			}
			if se.Line != tt.line || se.Column != tt.col {
				t.Errorf("Parse(%q) at %d:%d, want %d:%d (%s)", tt.src, se.Line, se.Column, tt.line, tt.col, se.Msg)
			}
			if !strings.Contains(se.Msg, tt.contains) {
				t.Errorf("Parse(%q) message %q does not contain %q", tt.src, se.Msg, tt.contains)
			}
		})
	}
}

// TestSyntaxErrorCaret checks the caret drawing under the offending column.
func TestSyntaxErrorCaret(t *testing.T) {
	_, err := Parse("1 + math.Sinn(x)")
	want := "column 10: unknown function math.Sinn; did you mean math.Sin?\n\t1 + math.Sinn(x)\n\t         ^"
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
	_, err = Parse("θ + math.Foo", "θ")
	// θ is two bytes: the column counts bytes, the caret counts characters.
	want = "column 11: unknown constant math.Foo (known: math.Pi, math.E, math.Phi, math.Sqrt2, math.SqrtE, math.SqrtPi, math.SqrtPhi, math.Ln2, math.Log2E, math.Ln10, math.Log10E)\n\tθ + math.Foo\n\t         ^"
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}

// TestBadVariableList checks the errors for an invalid explicit list.
func TestBadVariableList(t *testing.T) {
	for _, vars := range [][]string{{"x", "x"}, {"1x"}, {"math"}, {"x[a]"}, {"x[0]", "x[00]"}, {"func"}} {
		if _, err := Parse("1", vars...); err == nil {
			t.Errorf("Parse with variables %q succeeded", vars)
		}
	}
}

// TestVariableOrder checks how the variables are chosen and ordered.
func TestVariableOrder(t *testing.T) {
	tests := []struct {
		src  string
		vars []string
		want []string
	}{
		{"100*math.Pow(y - x*x, 2) + math.Pow(1 - x, 2)", nil, []string{"x", "y"}},
		{"b*x10 + a*x2 + x1", nil, []string{"a", "b", "x1", "x2", "x10"}},
		{"x[2]*x[0]", nil, []string{"x[0]", "x[1]", "x[2]"}},
		{"w[1]*x + b", nil, []string{"b", "w[0]", "w[1]", "x"}},
		{"x[01] + x[1]", nil, []string{"x[0]", "x[1]"}},
		{"y*x", []string{"y", "x", "z"}, []string{"y", "x", "z"}},
		{"3", nil, nil},
		{"x*x", []string{" x "}, []string{"x"}},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src, tt.vars...)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if got := e.Vars(); !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q, %q).Vars() = %q, want %q", tt.src, tt.vars, got, tt.want)
		}
	}
}

// TestNumberLiterals checks that literals follow Go's spelling but are all
// float64.
func TestNumberLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want float64
	}{
		{"1/2", 0.5},
		{"0x10", 16},
		{"0o17", 15},
		{"1_000", 1000},
		{"0x1p-2", 0.25},
		{"1e3", 1000},
		{".5", 0.5},
		{"-(3)", -3},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if got, ok := e.Constant(); !ok || got != tt.want {
			t.Errorf("Parse(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}
