package nbformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/descentlab/descent/internal/atomicfile"
)

// Marshal encodes nb as nbformat 4.5 the way nbformat writes it: keys
// sorted, one space of indentation, non-ASCII text as is, multi-line
// strings as lists of lines, and a final newline.
func Marshal(nb *Notebook) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb.toJSON()); err != nil {
		return nil, fmt.Errorf("encoding the notebook: %w", err)
	}
	return unescapeLineSeparators(buf.Bytes()), nil
}

// unescapeLineSeparators writes U+2028 and U+2029 as themselves, as
// Python's json module does; encoding/json always escapes them.
func unescapeLineSeparators(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\u202`)) {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' || i+1 >= len(data) {
			out = append(out, data[i])
			continue
		}
		if rest := data[i:]; len(rest) >= 6 {
			switch string(rest[:6]) {
			case `\u2028`:
				out = append(out, "\u2028"...)
				i += 5
				continue
			case `\u2029`:
				out = append(out, "\u2029"...)
				i += 5
				continue
			}
		}
		out = append(out, data[i], data[i+1])
		i++
	}
	return out
}

// WriteFile writes nb to path, through a temporary file in the same
// directory so that a failed write leaves no half notebook behind.
func WriteFile(path string, nb *Notebook) error {
	data, err := Marshal(nb)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o644)
}

func (nb *Notebook) toJSON() map[string]any {
	top := copyExtra(nb.Extra)
	top["nbformat"] = FormatMajor
	top["nbformat_minor"] = FormatMinor
	top["metadata"] = nonNil(nb.Metadata)
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		cells[i] = c.toJSON()
	}
	top["cells"] = cells
	return top
}

func (c *Cell) toJSON() map[string]any {
	obj := copyExtra(c.Extra)
	obj["cell_type"] = string(c.Type)
	obj["id"] = c.ID
	obj["metadata"] = nonNil(c.Metadata)
	obj["source"] = splitLines(c.Source)
	if c.Type == Code {
		if c.ExecutionCount != nil {
			obj["execution_count"] = *c.ExecutionCount
		} else {
			obj["execution_count"] = nil
		}
		outs := make([]any, len(c.Outputs))
		for i, o := range c.Outputs {
			outs[i] = o.toJSON()
		}
		obj["outputs"] = outs
	}
	if c.Attachments != nil && c.Type != Code {
		att := make(map[string]any, len(c.Attachments))
		for name, b := range c.Attachments {
			att[name] = splitBundle(b)
		}
		obj["attachments"] = att
	}
	return obj
}

func (o *Output) toJSON() map[string]any {
	obj := copyExtra(o.Extra)
	obj["output_type"] = o.Type
	switch o.Type {
	case OutputStream:
		obj["name"] = o.Name
		obj["text"] = splitLines(o.Text)
	case OutputDisplayData, OutputExecuteResult:
		obj["data"] = splitBundle(o.Data)
		obj["metadata"] = nonNil(o.Metadata)
		if o.Type == OutputExecuteResult {
			if o.ExecutionCount != nil {
				obj["execution_count"] = *o.ExecutionCount
			} else {
				obj["execution_count"] = nil
			}
		}
	case OutputError:
		obj["ename"] = o.EName
		obj["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		obj["traceback"] = tb
	}
	return obj
}

// splitBundle splits the string values of text types (text/*,
// application/javascript, image/svg+xml) into lines, as nbformat does.
func splitBundle(b MimeBundle) map[string]any {
	out := make(map[string]any, len(b))
	for mime, v := range b {
		if s, ok := v.(string); ok && splitsIntoLines(mime) {
			out[mime] = splitLines(s)
			continue
		}
		out[mime] = v
	}
	return out
}

func splitsIntoLines(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "application/javascript" || mime == "image/svg+xml"
}

func copyExtra(extra map[string]any) map[string]any {
	obj := make(map[string]any, len(extra)+6)
	for k, v := range extra {
		obj[k] = v
	}
	return obj
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
