package supervisor

import (
	"testing"
	"unicode/utf8"
)

func TestWholeCharacters(t *testing.T) {
	euro := []byte("€")  // e2 82 ac
	emoji := []byte("😀") // f0 9f 98 80
	tests := []struct {
		name string
		b    []byte
		want int
	}{
		{"empty", nil, 0},
		{"ascii", []byte("abc"), 3},
		{"whole euro", append([]byte("a"), euro...), 4},
		{"euro cut after 1 byte", append([]byte("a"), euro[:1]...), 1},
		{"euro cut after 2 bytes", append([]byte("a"), euro[:2]...), 1},
		{"emoji cut after 3 bytes", append([]byte("ab"), emoji[:3]...), 2},
		{"whole emoji", emoji, 4},
		// Invalid bytes are not held back: they will never complete.
		{"stray continuation byte", []byte{'a', 0x82}, 2},
		{"invalid leading byte", []byte{'a', 0xff}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := wholeCharacters(tc.b); got != tc.want {
				t.Errorf("wholeCharacters(% x) = %d, want %d", tc.b, got, tc.want)
			}
		})
	}
	// Every cut of a valid text keeps a valid prefix and holds back fewer
	// than utf8.UTFMax bytes.
	text := []byte("é€😀x")
	for cut := 0; cut <= len(text); cut++ {
		n := wholeCharacters(text[:cut])
		if !utf8.Valid(text[:n]) || cut-n >= utf8.UTFMax {
			t.Errorf("cut %d: kept %d bytes", cut, n)
		}
	}
}
