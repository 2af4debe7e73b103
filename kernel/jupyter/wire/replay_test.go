package wire

import (
	"fmt"
	"testing"
)

func TestReplayFilterRecognizesRepeats(t *testing.T) {
	f := NewReplayFilter(3)
	for _, tc := range []struct {
		sig  string
		want bool
	}{
		{"a", false}, {"b", false}, {"a", true}, {"", false}, {"", false},
		{"c", false}, {"d", false}, // "a" is forgotten: the memory holds b, c, d
		{"b", true}, {"a", false}, // now c, d, a
		{"b", false}, {"d", true},
	} {
		if got := f.Replayed([]byte(tc.sig)); got != tc.want {
			t.Fatalf("Replayed(%q) = %v, want %v", tc.sig, got, tc.want)
		}
	}
}

func TestReplayFilterDefaultMemory(t *testing.T) {
	f := NewReplayFilter(0)
	for i := range DefaultReplayMemory {
		if f.Replayed([]byte(fmt.Sprint(i))) {
			t.Fatalf("signature %d taken for a replay", i)
		}
	}
	if !f.Replayed([]byte("0")) || !f.Replayed([]byte(fmt.Sprint(DefaultReplayMemory-1))) {
		t.Fatal("a remembered signature was not recognized")
	}
}

func TestSignatureFrame(t *testing.T) {
	c := NewCodec("k")
	m, err := NewMessage("kernel_info_request", "s", "u", Header{}, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("peer")}
	frames, err := c.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(Signature(frames)), c.Sign(frames[3:7]...); got != want {
		t.Fatalf("Signature = %q, want %q", got, want)
	}
	if Signature([][]byte{[]byte("x")}) != nil || Signature([][]byte{[]byte(Delimiter)}) != nil {
		t.Fatal("a signature found in frames that have none")
	}
}
