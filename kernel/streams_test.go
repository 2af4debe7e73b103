package kernel

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStreamCoalescer(t *testing.T) {
	type step struct {
		stream, text string
		want         []streamChunk // chunks emitted by this add
	}
	tests := []struct {
		name      string
		max       int
		steps     []step
		wantFlush []streamChunk // flush(true) at the end
	}{
		{
			name: "same stream coalesces",
			max:  100,
			steps: []step{
				{"stdout", "a\n", nil},
				{"stdout", "b\n", nil},
			},
			wantFlush: []streamChunk{{"stdout", "a\nb\n"}},
		},
		{
			name: "a stream change emits the other stream's text",
			max:  100,
			steps: []step{
				{"stdout", "a", nil},
				{"stderr", "e", []streamChunk{{"stdout", "a"}}},
				{"stdout", "b", []streamChunk{{"stderr", "e"}}},
			},
			wantFlush: []streamChunk{{"stdout", "b"}},
		},
		{
			name: "size limit emits full chunks",
			max:  4,
			steps: []step{
				{"stdout", "abc", nil},
				{"stdout", "defghij", []streamChunk{{"stdout", "abcd"}, {"stdout", "efgh"}}},
			},
			wantFlush: []streamChunk{{"stdout", "ij"}},
		},
		{
			name: "a split rune waits for its continuation",
			max:  100,
			steps: []step{
				{"stdout", "x\xe2\x9c", nil}, // ✓ is e2 9c 93
				{"stdout", "\x93y", nil},
			},
			wantFlush: []streamChunk{{"stdout", "x✓y"}},
		},
		{
			name: "each stream keeps its own partial rune",
			max:  100,
			steps: []step{
				{"stdout", "\xc3", nil}, // é is c3 a9
				{"stderr", "\xf0\x9f", nil},
				{"stdout", "\xa9", []streamChunk{}},
				{"stderr", "\x98\x80", []streamChunk{{"stdout", "é"}}}, // 😀 is f0 9f 98 80
			},
			wantFlush: []streamChunk{{"stderr", "😀"}},
		},
		{
			name: "size cut backs off to a rune start",
			max:  4,
			steps: []step{
				// "a✓✓": a(1) ✓(3) ✓(3) = 7 bytes; 4 bytes would end inside the second ✓... a✓ is exactly 4.
				{"stdout", "ab✓✓", []streamChunk{{"stdout", "ab"}, {"stdout", "✓"}}},
			},
			wantFlush: []streamChunk{{"stdout", "✓"}},
		},
		{
			name: "an unfinished rune at the end is emitted by the final flush",
			max:  100,
			steps: []step{
				{"stdout", "ok\xe2\x9c", nil},
			},
			wantFlush: []streamChunk{{"stdout", "ok"}, {"stdout", "\xe2\x9c"}},
		},
		{
			name: "invalid bytes are not held back",
			max:  100,
			steps: []step{
				{"stdout", "a\xff", nil},
			},
			wantFlush: []streamChunk{{"stdout", "a\xff"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newStreamCoalescer(tt.max)
			for i, s := range tt.steps {
				got := c.add(s.stream, s.text)
				if !equalChunks(got, s.want) {
					t.Fatalf("step %d: add(%q, %q) = %q, want %q", i, s.stream, s.text, got, s.want)
				}
			}
			if got := c.flush(true); !equalChunks(got, tt.wantFlush) {
				t.Fatalf("flush = %q, want %q", got, tt.wantFlush)
			}
			if got := c.flush(true); len(got) != 0 {
				t.Fatalf("second flush = %q, want nothing", got)
			}
		})
	}
}

func equalChunks(a, b []streamChunk) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestStreamCoalescerNeverSplitsRunes(t *testing.T) {
	// Feed a long multilingual text in pieces of every size from 1 to 17
	// bytes; every emitted chunk must be valid UTF-8 and the concatenation
	// must be the input.
	text := strings.Repeat("descent ↘ größe ✓ 😀 λ=0.1\n", 500)
	for piece := 1; piece <= 17; piece++ {
		c := newStreamCoalescer(1000)
		var out strings.Builder
		check := func(chunks []streamChunk) {
			for _, ch := range chunks {
				if !utf8.ValidString(ch.text) {
					t.Fatalf("piece %d: chunk %q is not valid UTF-8", piece, ch.text)
				}
				if len(ch.text) > 1000 {
					t.Fatalf("piece %d: chunk of %d bytes exceeds the limit", piece, len(ch.text))
				}
				out.WriteString(ch.text)
			}
		}
		b := []byte(text)
		for i := 0; i < len(b); i += piece {
			check(c.add("stdout", string(b[i:min(i+piece, len(b))])))
		}
		check(c.flush(true))
		if out.String() != text {
			t.Fatalf("piece %d: output differs from input", piece)
		}
	}
}
