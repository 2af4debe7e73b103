package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"testing"
	"time"
)

// literalFrames are four JSON frames whose HMAC-SHA256 under literalKey was
// computed outside Go: Python's hmac.new(key, digestmod=sha256) fed the four
// frames in order.
var (
	literalKey    = "a0b1c2-key"
	literalFrames = [][]byte{
		[]byte(`{"msg_id":"1","msg_type":"kernel_info_request"}`),
		[]byte(`{}`), []byte(`{}`), []byte(`{}`),
	}
	literalDigest = "13d31d8073851215d795025ebce58d16d25958d5a917096f5816ed62d5819987"
)

func TestSignKnownAnswer(t *testing.T) {
	if got := NewCodec(literalKey).Sign(literalFrames...); got != literalDigest {
		t.Fatalf("Sign = %s, want %s", got, literalDigest)
	}
}

func TestSignMatchesCryptoHMAC(t *testing.T) {
	tests := []struct {
		key   string
		parts []string
	}{
		{"k", []string{`{"a":1}`, `{}`, `{}`, `{"code":"x := 1"}`}},
		{"0123456789abcdef0123456789abcdef", []string{`{"msg_type":"execute_request"}`, `{"msg_id":"p"}`, `{"m":true}`, `{"code":"fmt.Println(\"héllo\")"}`}},
		{"key with spaces and ünïcode", []string{``, ``, ``, ``}},
	}
	for _, tt := range tests {
		mac := hmac.New(sha256.New, []byte(tt.key))
		var parts [][]byte
		for _, p := range tt.parts {
			mac.Write([]byte(p))
			parts = append(parts, []byte(p))
		}
		want := hex.EncodeToString(mac.Sum(nil))
		if got := NewCodec(tt.key).Sign(parts...); got != want {
			t.Errorf("key %q: Sign = %s, want %s", tt.key, got, want)
		}
	}
	if got := NewCodec("").Sign([]byte("x")); got != "" {
		t.Errorf("unsigned codec signed: %q", got)
	}
}

// frames builds a raw multipart message around the literal JSON frames.
func frames(ids []string, sig string, parts [][]byte, buffers ...string) [][]byte {
	var out [][]byte
	for _, id := range ids {
		out = append(out, []byte(id))
	}
	out = append(out, []byte(Delimiter), []byte(sig))
	out = append(out, parts...)
	for _, b := range buffers {
		out = append(out, []byte(b))
	}
	return out
}

func TestDecodeVerifiesSignature(t *testing.T) {
	upper := []byte(literalDigest)
	upper = bytes.ToUpper(upper)
	tampered := [][]byte{literalFrames[0], literalFrames[1], literalFrames[2], []byte(`{"x":1}`)}
	tests := []struct {
		name    string
		key     string
		frames  [][]byte
		wantErr error
	}{
		{"good signature", literalKey, frames([]string{"id"}, literalDigest, literalFrames), nil},
		{"uppercase hex accepted", literalKey, frames(nil, string(upper), literalFrames), nil},
		{"wrong key", "other", frames(nil, literalDigest, literalFrames), ErrBadSignature},
		{"tampered content", literalKey, frames(nil, literalDigest, tampered), ErrBadSignature},
		{"not hex", literalKey, frames(nil, "zz"+literalDigest[2:], literalFrames), ErrBadSignature},
		{"truncated", literalKey, frames(nil, literalDigest[:10], literalFrames), ErrBadSignature},
		{"missing signature", literalKey, frames(nil, "", literalFrames), ErrMissingSignature},
		{"unsigned mode ignores signature", "", frames(nil, "garbage", literalFrames), nil},
		{"unsigned mode accepts empty", "", frames(nil, "", literalFrames), nil},
		{"signature covers buffers? no", literalKey, frames(nil, literalDigest, literalFrames, "buf"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCodec(tt.key).Decode(tt.frames)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Decode err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestDecodeMalformed(t *testing.T) {
	c := NewCodec("")
	ok := literalFrames
	tests := []struct {
		name      string
		frames    [][]byte
		wantErr   error
		wantFrame string
	}{
		{"empty", nil, ErrNoDelimiter, ""},
		{"no delimiter", [][]byte{[]byte("id"), []byte("sig"), ok[0], ok[1], ok[2], ok[3]}, ErrNoDelimiter, ""},
		{"too few frames", [][]byte{[]byte(Delimiter), []byte(""), ok[0], ok[1], ok[2]}, ErrTooFewFrames, ""},
		{"header not json", frames(nil, "", [][]byte{[]byte(`{"msg_id":`), ok[1], ok[2], ok[3]}), nil, "header"},
		{"header is array", frames(nil, "", [][]byte{[]byte(`[1]`), ok[1], ok[2], ok[3]}), nil, "header"},
		{"header field of wrong type", frames(nil, "", [][]byte{[]byte(`{"msg_id":5}`), ok[1], ok[2], ok[3]}), nil, "header"},
		{"parent not object", frames(nil, "", [][]byte{ok[0], []byte(`null`), ok[2], ok[3]}), nil, "parent_header"},
		{"metadata not json", frames(nil, "", [][]byte{ok[0], ok[1], []byte(`{`), ok[3]}), nil, "metadata"},
		{"content string", frames(nil, "", [][]byte{ok[0], ok[1], ok[2], []byte(`"x"`)}), nil, "content"},
		{"content trailing garbage", frames(nil, "", [][]byte{ok[0], ok[1], ok[2], []byte(`{} {}`)}), nil, "content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Decode(tt.frames)
			if err == nil {
				t.Fatalf("Decode succeeded: %+v", m)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantFrame != "" {
				var je *JSONError
				if !errors.As(err, &je) || je.Frame != tt.wantFrame {
					t.Fatalf("err = %v, want a JSONError on frame %q", err, tt.wantFrame)
				}
			}
		})
	}
}

func TestEncodeLayoutAndSignature(t *testing.T) {
	c := NewCodec("k3y")
	parent := NewHeader("execute_request", "client-session", "alice")
	m, err := NewMessage("execute_reply", "kernel-session", "kernel", parent, map[string]any{"status": "ok", "execution_count": 3})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("peer-1"), []byte("peer-2")}
	m.Buffers = [][]byte{{0, 1, 2}}
	fr, err := c.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) != 2+1+1+4+1 {
		t.Fatalf("%d frames, want 9", len(fr))
	}
	if string(fr[0]) != "peer-1" || string(fr[1]) != "peer-2" || string(fr[2]) != Delimiter {
		t.Fatalf("routing frames %q", fr[:3])
	}
	mac := hmac.New(sha256.New, []byte("k3y"))
	for _, p := range fr[4:8] {
		mac.Write(p)
	}
	if want := hex.EncodeToString(mac.Sum(nil)); string(fr[3]) != want {
		t.Fatalf("signature %s, want %s", fr[3], want)
	}
	if !bytes.Equal(fr[8], []byte{0, 1, 2}) {
		t.Fatalf("buffer %v", fr[8])
	}
	var header map[string]any
	if err := json.Unmarshal(fr[4], &header); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"msg_id", "session", "username", "date", "msg_type", "version"} {
		if _, ok := header[k]; !ok {
			t.Errorf("header lacks %q: %s", k, fr[4])
		}
	}
	if header["version"] != "5.3" || header["msg_type"] != "execute_reply" || header["session"] != "kernel-session" {
		t.Errorf("header %s", fr[4])
	}
	if string(fr[6]) != "{}" {
		t.Errorf("nil metadata encoded as %s, want {}", fr[6])
	}
}

func TestEmptyParentAndContentEncodeAsObjects(t *testing.T) {
	m := &Message{Header: NewHeader("status", "s", "u")}
	fr, err := NewCodec("").Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(fr[1]) != "" {
		t.Errorf("unsigned signature %q, want empty", fr[1])
	}
	if string(fr[3]) != "{}" || string(fr[5]) != "{}" {
		t.Errorf("parent %s content %s, want {} and {}", fr[3], fr[5])
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		key  string
		ids  [][]byte
		bufs [][]byte
		meta map[string]any
		body any
	}{
		{"signed with identity", "secret", [][]byte{[]byte("abc")}, nil, nil, map[string]any{"code": "x := 1"}},
		{"unsigned, no identity", "", nil, nil, map[string]any{"deletedCells": []any{}}, map[string]any{}},
		{"several identities and buffers", "k", [][]byte{{0}, []byte("router-2")}, [][]byte{[]byte("b1"), {}}, nil, map[string]any{"text": "héllo ✓\n"}},
		{"binary identity", "k", [][]byte{{0xff, 0x00, 0x10}}, nil, nil, map[string]any{"n": 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCodec(tt.key)
			parent := NewHeader("execute_request", "sess", "bob")
			m, err := NewMessage("stream", "kernel", "kernel", parent, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			m.Identities, m.Buffers, m.Metadata = tt.ids, tt.bufs, tt.meta
			fr, err := c.Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Decode(fr)
			if err != nil {
				t.Fatal(err)
			}
			if got.Header != m.Header || got.ParentHeader != parent {
				t.Errorf("headers %+v / %+v, want %+v / %+v", got.Header, got.ParentHeader, m.Header, parent)
			}
			if len(got.Identities) != len(tt.ids) {
				t.Fatalf("identities %q, want %q", got.Identities, tt.ids)
			}
			for i := range tt.ids {
				if !bytes.Equal(got.Identities[i], tt.ids[i]) {
					t.Errorf("identity %d = %q, want %q", i, got.Identities[i], tt.ids[i])
				}
			}
			if len(got.Buffers) != len(tt.bufs) {
				t.Fatalf("buffers %q, want %q", got.Buffers, tt.bufs)
			}
			if !bytes.Equal(got.Content, m.Content) {
				t.Errorf("content %s, want %s", got.Content, m.Content)
			}
			var body any
			if err := got.DecodeContent(&body); err != nil {
				t.Fatal(err)
			}
			wantJSON, _ := json.Marshal(tt.body)
			gotJSON, _ := json.Marshal(body)
			if !bytes.Equal(wantJSON, gotJSON) {
				t.Errorf("decoded body %s, want %s", gotJSON, wantJSON)
			}
			if len(tt.meta) != len(got.Metadata) {
				t.Errorf("metadata %v, want %v", got.Metadata, tt.meta)
			}
		})
	}
}

func TestHeaderDateAndIDs(t *testing.T) {
	a := NewHeader("x", "s", "u")
	b := NewHeader("x", "s", "u")
	if a.MsgID == b.MsgID || a.MsgID == "" {
		t.Fatalf("msg ids %q and %q must be fresh", a.MsgID, b.MsgID)
	}
	re := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`)
	if !re.MatchString(a.Date) {
		t.Fatalf("date %q is not ISO 8601 UTC with microseconds", a.Date)
	}
	when := time.Date(2024, 3, 5, 7, 8, 9, 123456789, time.FixedZone("X", 3600))
	if got, want := FormatDate(when), "2024-03-05T06:08:09.123456Z"; got != want {
		t.Fatalf("FormatDate = %s, want %s", got, want)
	}
}

func TestDecodeContentOfEmptyMessage(t *testing.T) {
	var v struct {
		Code string `json:"code"`
	}
	m := &Message{}
	if err := m.DecodeContent(&v); err != nil || v.Code != "" {
		t.Fatalf("DecodeContent on empty content: %v %+v", err, v)
	}
	m.Content = json.RawMessage(`{"code":5}`)
	if err := m.DecodeContent(&v); err == nil {
		t.Fatal("DecodeContent accepted a number for a string field")
	}
}
