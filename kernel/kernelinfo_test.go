package kernel

import "testing"

func TestLanguageVersion(t *testing.T) {
	for _, tt := range []struct{ toolchain, want string }{
		{"go1.26.8", "1.26"},
		{"go1.26", "1.26"},
		{"go1.27rc1", "1.27"},
		{"weird", "weird"},
	} {
		if got := languageVersion(tt.toolchain); got != tt.want {
			t.Errorf("languageVersion(%q) = %q, want %q", tt.toolchain, got, tt.want)
		}
	}
}
