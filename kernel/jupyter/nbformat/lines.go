package nbformat

import (
	"strings"
	"unicode/utf8"
)

// splitLines splits s after each line boundary, keeping the boundaries, as
// Python's str.splitlines(True) does, which is what nbformat writes: the
// boundaries are \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, U+0085, U+2028
// and U+2029. The empty string has no lines.
func splitLines(s string) []string {
	lines := []string{}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := i + size
		switch r {
		case '\r':
			if end < len(s) && s[end] == '\n' {
				end++
			}
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029':
		default:
			i = end
			continue
		}
		lines = append(lines, s[start:end])
		start, i = end, end
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// joinLines is the inverse of splitLines.
func joinLines(lines []string) string { return strings.Join(lines, "") }
