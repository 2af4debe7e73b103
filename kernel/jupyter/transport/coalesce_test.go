package transport

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// recorder keeps every write it gets.
type recorder struct {
	writes [][]byte
	total  int // bytes written
}

// emit is the messageWriter's output.
func (r *recorder) emit(p []byte) error {
	r.writes = append(r.writes, p)
	r.total += len(p)
	return nil
}

// frame encodes one ZMTP frame.
func frame(body []byte, more, command bool) []byte {
	var flags byte
	if more {
		flags |= flagMore
	}
	if command {
		flags |= 0x04
	}
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

// message encodes a message of frames with the given body sizes.
func message(rng *rand.Rand, sizes ...int) []byte {
	var out []byte
	for i, n := range sizes {
		body := make([]byte, n)
		for j := range body {
			body[j] = byte(rng.IntN(256))
		}
		out = append(out, frame(body, i < len(sizes)-1, false)...)
	}
	return out
}

// The writer passes the greeting, each command and each message as one
// write, however zmq4 splits them, and never holds back a complete message.
func TestMessageWriterWritesWholeMessages(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	greeting := bytes.Repeat([]byte{0xff}, greetingSize)
	units := [][]byte{greeting, frame([]byte("READY...."), false, true)}
	for range 200 {
		n := 1 + rng.IntN(8)
		sizes := make([]int, n)
		for i := range sizes {
			switch rng.IntN(4) {
			case 0:
				sizes[i] = 0
			case 1:
				sizes[i] = 255 + rng.IntN(3) // either side of the long form
			default:
				sizes[i] = rng.IntN(2000)
			}
		}
		units = append(units, message(rng, sizes...))
	}
	var stream []byte
	var ends []int // where each unit ends in stream
	for _, u := range units {
		stream = append(stream, u...)
		ends = append(ends, len(stream))
	}
	for _, split := range []string{"bytes", "random", "units"} {
		rec := &recorder{}
		w := newMessageWriter(rec.emit, greetingSize)
		fed := 0
		write := func(p []byte) {
			if _, err := w.Write(p); err != nil {
				t.Fatal(err)
			}
			fed += len(p)
			// Everything up to the last complete unit is out, nothing more.
			want := 0
			for _, e := range ends {
				if e <= fed {
					want = e
				}
			}
			if rec.total != want {
				t.Fatalf("%s: after %d bytes, %d written, want %d", split, fed, rec.total, want)
			}
		}
		switch split {
		case "bytes":
			for i := range stream {
				write(stream[i : i+1])
			}
		case "random":
			for i := 0; i < len(stream); {
				k := min(len(stream)-i, 1+rng.IntN(700))
				write(stream[i : i+k])
				i += k
			}
		case "units":
			for _, u := range units {
				write(u)
			}
		}
		if !bytes.Equal(bytes.Join(rec.writes, nil), stream) {
			t.Fatalf("%s: the bytes written differ from the bytes given", split)
		}
		if split != "random" && len(rec.writes) != len(units) {
			t.Fatalf("%s: %d writes for %d messages", split, len(rec.writes), len(units))
		}
	}
}

// A message bigger than the bound goes out in pieces, whole in the end.
func TestMessageWriterBigMessage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	rec := &recorder{}
	w := newMessageWriter(rec.emit, 0)
	big := message(rng, 10, maxHeld+1000, 5)
	for i := 0; i < len(big); i += 4096 {
		w.Write(big[i:min(len(big), i+4096)])
	}
	if got := bytes.Join(rec.writes, nil); !bytes.Equal(got, big) {
		t.Fatalf("wrote %d bytes, want %d", len(got), len(big))
	}
	if len(w.buf) != 0 {
		t.Fatalf("%d bytes held", len(w.buf))
	}
}
