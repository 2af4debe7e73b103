package memlimit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// units are the suffixes Parse accepts, longest first within a prefix.
var units = []struct {
	suffix string
	bytes  float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

// ParseSize reads a size in bytes: a number with an optional unit (B, KB,
// MB, GB, TB as powers of 1000; KiB, MiB, GiB, TiB, and K, M, G, T as powers
// of 1024), case-insensitive, e.g. "4GiB", "512 MB", "1.5g", "2147483648".
func ParseSize(s string) (uint64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.bytes
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a size: write e.g. 4GiB, 512MB or 2147483648", s)
	}
	b := v * mult
	if b >= math.MaxUint64 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return uint64(b), nil
}

// FormatSize writes a size for people, in binary units: "3.9 GiB",
// "512 MiB", "100 B".
func FormatSize(b uint64) string {
	switch {
	case b >= 1<<40:
		return trim(float64(b)/(1<<40)) + " TiB"
	case b >= 1<<30:
		return trim(float64(b)/(1<<30)) + " GiB"
	case b >= 1<<20:
		return trim(float64(b)/(1<<20)) + " MiB"
	case b >= 1<<10:
		return trim(float64(b)/(1<<10)) + " KiB"
	}
	return strconv.FormatUint(b, 10) + " B"
}

// trim formats v with one decimal, without a trailing ".0".
func trim(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
}
