package client

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

func TestNewConnectionInfo(t *testing.T) {
	tcp, err := NewConnectionInfo("tcp", "", false)
	if err != nil {
		t.Fatal(err)
	}
	ports := map[int]bool{tcp.ShellPort: true, tcp.IOPubPort: true, tcp.StdinPort: true, tcp.ControlPort: true, tcp.HBPort: true}
	if len(ports) != 5 || tcp.IP != "127.0.0.1" {
		t.Errorf("tcp connection %+v: want five distinct ports on 127.0.0.1", tcp)
	}
	if len(tcp.Key) != 64 || strings.Trim(tcp.Key, "0123456789abcdef") != "" {
		t.Errorf("key %q, want 64 hex digits", tcp.Key)
	}
	other, err := NewConnectionInfo("", "", false)
	if err != nil {
		t.Fatal(err)
	}
	if other.Key == tcp.Key || other.Transport != "tcp" {
		t.Errorf("a second connection reuses the key or is not tcp: %+v", other)
	}

	dir := t.TempDir()
	ipc, err := NewConnectionInfo("ipc", dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if ipc.Key != "" || filepath.Dir(ipc.IP) != dir || !strings.HasPrefix(ipc.ShellEndpoint(), "ipc://"+dir) {
		t.Errorf("ipc connection %+v", ipc)
	}
	if _, err := NewConnectionInfo("udp", dir, false); err == nil {
		t.Error("udp accepted")
	}
}

func message(t *testing.T, msgType string, content any) *wire.Message {
	t.Helper()
	m, err := wire.NewMessage(msgType, "s", "u", wire.Header{}, content)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestResponseHelpers(t *testing.T) {
	r := &Response{IOPub: []*wire.Message{
		message(t, "status", map[string]string{"execution_state": "busy"}),
		message(t, "execute_input", map[string]any{"code": "x", "execution_count": 1}),
		message(t, "stream", map[string]string{"name": "stdout", "text": "a"}),
		message(t, "stream", map[string]string{"name": "stderr", "text": "e"}),
		message(t, "stream", map[string]string{"name": "stdout", "text": "b"}),
		message(t, "execute_result", map[string]any{"data": map[string]string{"text/plain": "1"}}),
		message(t, "status", map[string]string{"execution_state": "idle"}),
	}}
	want := []string{"status:busy", "execute_input", "stream", "stream", "stream", "execute_result", "status:idle"}
	if got := Types(r.IOPub); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Types = %v, want %v", got, want)
	}
	if got := Types(r.Outputs()); strings.Join(got, ",") != "stream,stream,stream,execute_result" {
		t.Errorf("Outputs = %v", got)
	}
	if r.Stream("stdout") != "ab" || r.Stream("stderr") != "e" {
		t.Errorf("Stream stdout %q stderr %q", r.Stream("stdout"), r.Stream("stderr"))
	}
}

func TestParseExecute(t *testing.T) {
	tests := []struct {
		name    string
		content string
		wantErr string
		check   func(*ExecuteResult) bool
	}{
		{"ok", `{"status":"ok","execution_count":3,"payload":[],"user_expressions":{"a":{"status":"ok"}}}`, "",
			func(r *ExecuteResult) bool {
				return r.Status == "ok" && r.ExecutionCount == 3 && len(r.UserExpressions) == 1
			}},
		{"error", `{"status":"error","execution_count":0,"ename":"E","evalue":"v","traceback":["t"]}`, "",
			func(r *ExecuteResult) bool {
				return r.Status == "error" && r.ExecutionCount == 0 && r.EName == "E" && r.EValue == "v" && len(r.Traceback) == 1
			}},
		{"no execution_count", `{"status":"ok"}`, "without execution_count", nil},
		{"bad content", `{"status":1,"execution_count":1}`, "content", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reply := message(t, "execute_reply", nil)
			reply.Content = json.RawMessage(tt.content)
			r, err := ParseExecute(&Response{Reply: reply})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(r) {
				t.Fatalf("ParseExecute = %+v, %v", r, err)
			}
		})
	}
	if _, err := ParseExecute(&Response{}); err == nil {
		t.Error("a response without reply parsed")
	}
}
