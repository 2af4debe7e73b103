package nbformat

import "regexp"

// ansiEscape matches the terminal escape sequences kernels put in
// tracebacks: CSI sequences (colors, cursor moves) and OSC sequences
// (hyperlinks, titles).
var ansiEscape = regexp.MustCompile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)|\x1b[@-Z\\\\-_]")

// StripANSI removes terminal escape sequences from s.
func StripANSI(s string) string {
	return ansiEscape.ReplaceAllString(s, "")
}
