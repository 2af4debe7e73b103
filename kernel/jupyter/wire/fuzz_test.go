package wire

import (
	"bytes"
	"encoding/json"
	"testing"
)

// fuzzSep splits fuzz input into frames; it never occurs in valid UTF-8 JSON.
const fuzzSep = 0xff

func joinFrames(fr [][]byte) []byte {
	return bytes.Join(fr, []byte{fuzzSep})
}

// FuzzDecode feeds arbitrary frames to Decode, signed and unsigned. Decode must
// never panic, and whatever it accepts must survive an encode/decode round
// trip unchanged.
func FuzzDecode(f *testing.F) {
	c := NewCodec("fuzz-key")
	m, err := NewMessage("execute_request", "s", "u", NewHeader("kernel_info_request", "s", "u"),
		map[string]any{"code": "fmt.Println(1)", "silent": false})
	if err != nil {
		f.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("peer")}
	m.Buffers = [][]byte{[]byte("buf")}
	seed, err := c.Encode(m)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(joinFrames(seed))
	f.Add(joinFrames(frames(nil, "", literalFrames)))
	f.Add([]byte(Delimiter))
	f.Add([]byte{})
	f.Add(joinFrames([][]byte{[]byte(Delimiter), nil, []byte(`{"msg_id":[]}`), []byte("{}"), []byte("{}"), []byte("{}")}))

	f.Fuzz(func(t *testing.T, data []byte) {
		fr := bytes.Split(data, []byte{fuzzSep})
		for _, key := range []string{"", "fuzz-key"} {
			codec := NewCodec(key)
			in := fr
			if key != "" {
				in = resign(codec, fr)
			}
			msg, err := codec.Decode(in)
			if err != nil {
				continue
			}
			out, err := codec.Encode(msg)
			if err != nil {
				t.Fatalf("re-encoding an accepted message: %v", err)
			}
			again, err := codec.Decode(out)
			if err != nil {
				t.Fatalf("decoding a re-encoded message: %v", err)
			}
			if again.Header != msg.Header || again.ParentHeader != msg.ParentHeader {
				t.Fatalf("headers changed: %+v -> %+v", msg.Header, again.Header)
			}
			if !jsonEqual(again.Content, msg.Content) {
				t.Fatalf("content changed: %s -> %s", msg.Content, again.Content)
			}
			if len(again.Identities) != len(msg.Identities) || len(again.Buffers) != len(msg.Buffers) {
				t.Fatalf("frame counts changed")
			}
		}
	})
}

// resign replaces the signature frame with a correct one when the frames
// have a delimiter, so that the fuzzer reaches the JSON checks of a signed
// codec too.
func resign(c *Codec, fr [][]byte) [][]byte {
	for i, f := range fr {
		if string(f) == Delimiter && len(fr) >= i+6 {
			out := append([][]byte(nil), fr...)
			out[i+1] = []byte(c.Sign(fr[i+2 : i+6]...))
			return out
		}
	}
	return fr
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}
