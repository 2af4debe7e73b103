package worker

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	reports := []report{
		{Op: opReady},
		{Op: opEvent, ID: 7, Event: &Event{Kind: Stream, Stream: "stdout", Text: "héllo\n"}},
		{Op: opDone, Outcome: &Outcome{Status: "error", EName: "Panic", Traceback: []string{"a", "b"}}, Stuck: true},
	}
	var stream bytes.Buffer
	for _, r := range reports {
		b, err := encodeFrame(r)
		if err != nil {
			t.Fatal(err)
		}
		if n := binary.BigEndian.Uint32(b); int(n) != len(b)-frameHeader {
			t.Fatalf("length prefix %d, payload %d bytes", n, len(b)-frameHeader)
		}
		stream.Write(b)
	}
	fr := &frameReader{r: &stream}
	for i, want := range reports {
		var got report
		if err := fr.read(&got); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("frame %d = %+v, want %+v", i, got, want)
		}
	}
	var r report
	if err := fr.read(&r); err != io.EOF {
		t.Errorf("after the last frame: %v, want io.EOF", err)
	}
}

func TestFrameReaderErrors(t *testing.T) {
	whole, _ := encodeFrame(request{Op: opInterrupt})
	huge := make([]byte, frameHeader)
	binary.BigEndian.PutUint32(huge, maxFrame+1)
	bad := append([]byte{0, 0, 0, 3}, "{x}"...)
	tests := []struct {
		name  string
		input []byte
		want  error // nil: any non-nil error
	}{
		{"cut in the header", whole[:2], io.ErrUnexpectedEOF},
		{"cut in the payload", whole[:len(whole)-1], io.ErrUnexpectedEOF},
		{"too large", huge, errFrameTooLarge},
		{"not JSON", bad, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r request
			err := (&frameReader{r: bytes.NewReader(tc.input)}).read(&r)
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("read = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestNextFrame(t *testing.T) {
	a, _ := encodeFrame(report{Op: opSync, ID: 1})
	b, _ := encodeFrame(report{Op: opSync, ID: 2})
	both := append(append([]byte(nil), a...), b...)
	for cut := 0; cut <= len(both); cut++ {
		buf := both[:cut]
		var ids []uint64
		for {
			payload, rest, ok, err := nextFrame(buf)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if !bytes.Equal(rest, buf) {
					t.Fatalf("cut %d: an incomplete frame must be left whole", cut)
				}
				break
			}
			var r report
			if err := json.Unmarshal(payload, &r); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
			buf = rest
		}
		want := 0
		if cut >= len(a) {
			want = 1
		}
		if cut == len(both) {
			want = 2
		}
		if len(ids) != want {
			t.Errorf("cut at %d of %d bytes: %d frames, want %d", cut, len(both), len(ids), want)
		}
	}
	huge := make([]byte, frameHeader)
	binary.BigEndian.PutUint32(huge, maxFrame+1)
	if _, _, _, err := nextFrame(huge); !errors.Is(err, errFrameTooLarge) {
		t.Errorf("oversized frame: %v", err)
	}
}
