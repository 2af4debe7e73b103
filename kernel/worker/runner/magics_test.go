package runner

import (
	"testing"
	"time"
)

func TestFormatWallTime(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{850, "850 ns"},
		{1500, "1.50 µs"},
		{12345 * time.Microsecond, "12.3 ms"},
		{123456 * time.Microsecond, "123 ms"},
		{2 * time.Second, "2.00 s"},
		{150 * time.Second, "150 s"},
	}
	for _, tt := range tests {
		if got := formatWallTime(tt.d); got != tt.want {
			t.Errorf("formatWallTime(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
