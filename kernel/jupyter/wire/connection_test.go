package wire

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConnection(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantErr   string
		wantShell string
		wantHB    string
	}{
		{
			name: "tcp with unknown fields",
			json: `{"shell_port":5001,"iopub_port":5002,"stdin_port":5003,"control_port":5004,"hb_port":5005,
				"ip":"127.0.0.1","key":"k","transport":"tcp","signature_scheme":"hmac-sha256",
				"kernel_name":"descent","curve_publickey":"x","jupyter_session":"/tmp/a.ipynb"}`,
			wantShell: "tcp://127.0.0.1:5001",
			wantHB:    "tcp://127.0.0.1:5005",
		},
		{
			name:      "ipc uses ip-port paths",
			json:      `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"/tmp/kernel-ab","key":"","transport":"ipc","signature_scheme":"hmac-sha256"}`,
			wantShell: "ipc:///tmp/kernel-ab-1",
			wantHB:    "ipc:///tmp/kernel-ab-5",
		},
		{
			name:      "missing transport and scheme default to tcp and hmac-sha256",
			json:      `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"::1","key":"k"}`,
			wantShell: "tcp://[::1]:1",
			wantHB:    "tcp://[::1]:5",
		},
		{name: "udp refused", json: `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"x","transport":"udp"}`, wantErr: "unsupported transport"},
		{name: "md5 refused", json: `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"x","signature_scheme":"hmac-md5"}`, wantErr: "signature_scheme"},
		{name: "port zero", json: `{"shell_port":0,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"x"}`, wantErr: "shell_port 0"},
		{name: "shared port", json: `{"shell_port":7,"iopub_port":7,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"x"}`, wantErr: "share port 7"},
		{name: "no ip", json: `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`, wantErr: "ip is empty"},
		{name: "not json", json: `{"shell_port":`, wantErr: "connection file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConnection([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.ShellEndpoint(); got != tt.wantShell {
				t.Errorf("shell endpoint = %q, want %q", got, tt.wantShell)
			}
			if got := c.HeartbeatEndpoint(); got != tt.wantHB {
				t.Errorf("hb endpoint = %q, want %q", got, tt.wantHB)
			}
		})
	}
}

func TestConnectionFileRoundTrip(t *testing.T) {
	want := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 9001, IOPubPort: 9002,
		StdinPort: 9003, ControlPort: 9004, HBPort: 9005, Key: "s3cret", SignatureScheme: "hmac-sha256", KernelName: "descent"}
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := WriteConnectionFile(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
	if got.IOPubEndpoint() != "tcp://127.0.0.1:9002" || got.StdinEndpoint() != "tcp://127.0.0.1:9003" || got.ControlEndpoint() != "tcp://127.0.0.1:9004" {
		t.Fatalf("endpoints: %s %s %s", got.IOPubEndpoint(), got.StdinEndpoint(), got.ControlEndpoint())
	}
	if _, err := ReadConnectionFile(filepath.Join(t.TempDir(), "absent.json")); err == nil {
		t.Fatal("reading a missing file succeeded")
	}
}
