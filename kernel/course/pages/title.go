package pages

import (
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// Title is the text of the first level-one heading ("# Title") in the
// notebook's markdown cells, outside code blocks; "" when there is none.
func Title(nb *nbformat.Notebook) string {
	for _, c := range nb.Cells {
		if c.Type != nbformat.Markdown {
			continue
		}
		fence := ""
		for _, line := range strings.Split(c.Source, "\n") {
			trimmed := strings.TrimSpace(line)
			if fence != "" {
				if strings.HasPrefix(trimmed, fence) {
					fence = ""
				}
				continue
			}
			if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
				fence = trimmed[:3]
				continue
			}
			if indent := len(line) - len(strings.TrimLeft(line, " ")); indent > 3 {
				continue
			}
			if rest, ok := strings.CutPrefix(trimmed, "#"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
				if title := headingText(rest); title != "" {
					return title
				}
			}
		}
	}
	return ""
}

// headingText is the text of an ATX heading after its opening #: the
// optional closing run of # goes if a space precedes it ("# T #" is "T",
// "# C#" is "C#").
func headingText(rest string) string {
	text := strings.TrimSpace(rest)
	trimmed := strings.TrimRight(text, "#")
	if trimmed == "" || strings.HasSuffix(trimmed, " ") || strings.HasSuffix(trimmed, "\t") {
		text = trimmed
	}
	return strings.TrimSpace(text)
}
