package nbformat

import (
	"reflect"
	"testing"
)

func TestSplitLinesLikePythonSplitlines(t *testing.T) {
	// Expectations are what Python's "...".splitlines(True) returns.
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"a", []string{"a"}},
		{"a\n", []string{"a\n"}},
		{"a\nb", []string{"a\n", "b"}},
		{"\n\n", []string{"\n", "\n"}},
		{"a\r\nb\r\n", []string{"a\r\n", "b\r\n"}},
		{"a\rb", []string{"a\r", "b"}},
		{"a\r\r\nb", []string{"a\r", "\r\n", "b"}},
		{"x\vy\fz", []string{"x\v", "y\f", "z"}},
		{"x\u2028y\u2029z\u0085w", []string{"x\u2028", "y\u2029", "z\u0085", "w"}},
		{"é∇\nß", []string{"é∇\n", "ß"}},
	}
	for _, tt := range tests {
		got := splitLines(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if joined := joinLines(got); joined != tt.in {
			t.Errorf("joinLines(splitLines(%q)) = %q", tt.in, joined)
		}
	}
}

func TestApplyCarriageReturns(t *testing.T) {
	// Expectations follow re.sub(r".*\r(?=[^\n])", "", s) by hand.
	tests := []struct{ in, want string }{
		{"plain\n", "plain\n"},
		{"10%\r20%\r30%\n", "30%\n"},
		{"10%\r20%\r", "20%\r"},
		{"a\r\nb\r\n", "a\r\nb\r\n"},
		{"x\ry\nu\rv\n", "y\nv\n"},
		{"\rstart", "start"},
	}
	for _, tt := range tests {
		if got := applyCarriageReturns(tt.in); got != tt.want {
			t.Errorf("applyCarriageReturns(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripANSI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m text", "red text"},
		{"\x1b[1;32;40mbold\x1b[m", "bold"},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"},
		{"\x1b]0;title\x1b\\after", "after"},
		{"a\x1b[2Kb\x1b[1A", "ab"},
	}
	for _, tt := range tests {
		if got := StripANSI(tt.in); got != tt.want {
			t.Errorf("StripANSI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
