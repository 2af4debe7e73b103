package history

import "testing"

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbd", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*x*", "fmt.Println(x)", true},
		{"[abc]1", "b1", true},
		{"[^abc]1", "b1", false},
		{"[^abc]1", "d1", true},
		{"[a-c]*", "candy", true},
		{"[a-c]*", "dandy", false},
		{"a[", "a[", true},
		{"6 *", "6 * 7", true},
		{"6 *", "x := 6 * 7", false},
		{"é?", "éü", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}
