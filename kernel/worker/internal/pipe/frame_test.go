package pipe

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

func TestFrameRoundTrip(t *testing.T) {
	reports := []Report{
		{Op: OpReady},
		{Op: OpEvent, ID: 7, Event: &worker.Event{Kind: worker.Stream, Stream: "stdout", Text: "héllo\n"}},
		{Op: OpDone, Outcome: &worker.Outcome{Status: "error", EName: "Panic", Traceback: []string{"a", "b"}}, Stuck: true},
	}
	var stream bytes.Buffer
	for _, r := range reports {
		b, err := Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		if n := binary.BigEndian.Uint32(b); int(n) != len(b)-HeaderSize {
			t.Fatalf("length prefix %d, payload %d bytes", n, len(b)-HeaderSize)
		}
		stream.Write(b)
	}
	fr := &Reader{r: &stream}
	for i, want := range reports {
		var got Report
		if err := fr.Receive(&got); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("frame %d = %+v, want %+v", i, got, want)
		}
	}
	var r Report
	if err := fr.Receive(&r); err != io.EOF {
		t.Errorf("after the last frame: %v, want io.EOF", err)
	}
}

func TestFrameReaderErrors(t *testing.T) {
	whole, _ := Encode(Request{Op: OpInterrupt})
	huge := make([]byte, HeaderSize)
	binary.BigEndian.PutUint32(huge, MaxFrame+1)
	bad := append([]byte{0, 0, 0, 3}, "{x}"...)
	tests := []struct {
		name  string
		input []byte
		want  error // nil: any non-nil error
	}{
		{"cut in the header", whole[:2], io.ErrUnexpectedEOF},
		{"cut in the payload", whole[:len(whole)-1], io.ErrUnexpectedEOF},
		{"too large", huge, ErrFrameTooLarge},
		{"not JSON", bad, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r Request
			err := (&Reader{r: bytes.NewReader(tc.input)}).Receive(&r)
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("read = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestNextFrame(t *testing.T) {
	a, _ := Encode(Report{Op: OpSync, ID: 1})
	b, _ := Encode(Report{Op: OpSync, ID: 2})
	both := append(append([]byte(nil), a...), b...)
	for cut := 0; cut <= len(both); cut++ {
		buf := both[:cut]
		var ids []uint64
		for {
			payload, rest, ok, err := Next(buf)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if !bytes.Equal(rest, buf) {
					t.Fatalf("cut %d: an incomplete frame must be left whole", cut)
				}
				break
			}
			var r Report
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
	huge := make([]byte, HeaderSize)
	binary.BigEndian.PutUint32(huge, MaxFrame+1)
	if _, _, _, err := Next(huge); !errors.Is(err, ErrFrameTooLarge) {
		t.Errorf("oversized frame: %v", err)
	}
}
