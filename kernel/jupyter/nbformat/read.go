package nbformat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// ReadFile reads and parses the notebook at path.
func ReadFile(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Parse decodes an nbformat 4 notebook. A notebook older than 4.5 is
// upgraded: every cell gets an id.
func Parse(data []byte) (*Notebook, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	if top == nil {
		return nil, fmt.Errorf("not a notebook: the JSON is not an object")
	}
	major, err := intField(top, "nbformat")
	if err != nil {
		return nil, err
	}
	if major == nil {
		return nil, fmt.Errorf("not a notebook: no nbformat field")
	}
	if *major != FormatMajor {
		return nil, fmt.Errorf("nbformat %d is not supported, only 4 (open and save it in Jupyter to convert it)", *major)
	}
	minor, err := intField(top, "nbformat_minor")
	if err != nil {
		return nil, err
	}
	nb := &Notebook{Format: *major}
	if minor != nil {
		nb.FormatMinor = *minor
	}
	if nb.Metadata, err = objectField(top, "metadata"); err != nil {
		return nil, err
	}
	rawCells, ok := top["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("not a notebook: cells is %s, want a list", describe(top["cells"]))
	}
	for i, rc := range rawCells {
		obj, ok := rc.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("cell %d: %s, want an object", i+1, describe(rc))
		}
		c, err := parseCell(obj)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	nb.Extra = rest(top, "nbformat", "nbformat_minor", "metadata", "cells")
	nb.EnsureCellIDs()
	return nb, nil
}

func parseCell(obj map[string]any) (*Cell, error) {
	typ, ok := obj["cell_type"].(string)
	if !ok {
		return nil, fmt.Errorf("cell_type is %s, want a string", describe(obj["cell_type"]))
	}
	c := &Cell{Type: CellType(typ)}
	var err error
	if id, present := obj["id"]; present {
		if c.ID, ok = id.(string); !ok {
			return nil, fmt.Errorf("id is %s, want a string", describe(id))
		}
	}
	if c.Source, err = multiline(obj, "source"); err != nil {
		return nil, err
	}
	if c.Metadata, err = objectField(obj, "metadata"); err != nil {
		return nil, err
	}
	known := []string{"cell_type", "id", "source", "metadata"}
	if c.Type == Code {
		known = append(known, "execution_count", "outputs")
		if c.ExecutionCount, err = intField(obj, "execution_count"); err != nil {
			return nil, err
		}
		if c.Outputs, err = parseOutputs(obj["outputs"]); err != nil {
			return nil, err
		}
	}
	if att, present := obj["attachments"]; present && c.Type != Code {
		known = append(known, "attachments")
		if c.Attachments, err = parseAttachments(att); err != nil {
			return nil, err
		}
	}
	c.Extra = rest(obj, known...)
	return c, nil
}

func parseOutputs(v any) ([]*Output, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("outputs is %s, want a list", describe(v))
	}
	outs := make([]*Output, 0, len(list))
	for i, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("output %d: %s, want an object", i+1, describe(item))
		}
		o, err := parseOutput(obj)
		if err != nil {
			return nil, fmt.Errorf("output %d: %w", i+1, err)
		}
		outs = append(outs, o)
	}
	return outs, nil
}

// ParseOutput reads one output in its notebook JSON form (as an Output
// widget keeps its outputs).
func ParseOutput(obj map[string]any) (*Output, error) { return parseOutput(obj) }

func parseOutput(obj map[string]any) (*Output, error) {
	typ, ok := obj["output_type"].(string)
	if !ok {
		return nil, fmt.Errorf("output_type is %s, want a string", describe(obj["output_type"]))
	}
	o := &Output{Type: typ}
	var err error
	var known []string
	switch typ {
	case OutputStream:
		known = []string{"name", "text"}
		if o.Name, err = stringField(obj, "name"); err != nil {
			return nil, err
		}
		if o.Text, err = multiline(obj, "text"); err != nil {
			return nil, err
		}
	case OutputDisplayData, OutputExecuteResult:
		known = []string{"data", "metadata"}
		data, err := objectField(obj, "data")
		if err != nil {
			return nil, err
		}
		o.Data = rejoinBundle(data)
		if o.Metadata, err = objectField(obj, "metadata"); err != nil {
			return nil, err
		}
		if typ == OutputExecuteResult {
			known = append(known, "execution_count")
			if o.ExecutionCount, err = intField(obj, "execution_count"); err != nil {
				return nil, err
			}
		}
	case OutputError:
		known = []string{"ename", "evalue", "traceback"}
		if o.EName, err = stringField(obj, "ename"); err != nil {
			return nil, err
		}
		if o.EValue, err = stringField(obj, "evalue"); err != nil {
			return nil, err
		}
		if o.Traceback, err = stringList(obj["traceback"]); err != nil {
			return nil, fmt.Errorf("traceback: %w", err)
		}
	}
	o.Extra = rest(obj, append(known, "output_type")...)
	return o, nil
}

func parseAttachments(v any) (map[string]MimeBundle, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("attachments is %s, want an object", describe(v))
	}
	att := make(map[string]MimeBundle, len(obj))
	for name, b := range obj {
		bundle, ok := b.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("attachment %q is %s, want an object", name, describe(b))
		}
		att[name] = rejoinBundle(bundle)
	}
	return att, nil
}

// rejoinBundle joins the lists of lines of a MIME bundle into strings,
// except for JSON types, whose lists are data.
func rejoinBundle(data map[string]any) MimeBundle {
	b := make(MimeBundle, len(data))
	for mime, v := range data {
		if lines, err := stringList(v); err == nil && v != nil && !isJSONMime(mime) {
			b[mime] = joinLines(lines)
			continue
		}
		b[mime] = v
	}
	return b
}

// isJSONMime reports whether values of mime are JSON data rather than text:
// application/json and application/*+json.
func isJSONMime(mime string) bool {
	return mime == "application/json" || (strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}

// multiline reads a string that may be stored as a list of lines; a missing
// field is the empty string.
func multiline(obj map[string]any, key string) (string, error) {
	switch v := obj[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []any:
		lines, err := stringList(v)
		if err != nil {
			return "", fmt.Errorf("%s: %w", key, err)
		}
		return joinLines(lines), nil
	default:
		return "", fmt.Errorf("%s is %s, want a string or a list of strings", key, describe(v))
	}
}

func stringList(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s, want a list of strings", describe(v))
	}
	out := make([]string, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, fmt.Errorf("item %d is %s, want a string", i+1, describe(item))
		}
		out[i] = s
	}
	return out, nil
}

func stringField(obj map[string]any, key string) (string, error) {
	switch v := obj[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", fmt.Errorf("%s is %s, want a string", key, describe(v))
	}
}

// intField reads an integer that may be null or missing (nil).
func intField(obj map[string]any, key string) (*int, error) {
	switch v := obj[key].(type) {
	case nil:
		return nil, nil
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return nil, fmt.Errorf("%s is %s, want an integer", key, v)
		}
		return IntPtr(int(n)), nil
	default:
		return nil, fmt.Errorf("%s is %s, want an integer", key, describe(v))
	}
}

// objectField reads an object; a missing or null one is empty.
func objectField(obj map[string]any, key string) (map[string]any, error) {
	switch v := obj[key].(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return v, nil
	default:
		return nil, fmt.Errorf("%s is %s, want an object", key, describe(v))
	}
}

// rest returns the fields of obj not named in known, or nil if none.
func rest(obj map[string]any, known ...string) map[string]any {
	var extra map[string]any
	for k, v := range obj {
		if contains(known, k) {
			continue
		}
		if extra == nil {
			extra = map[string]any{}
		}
		extra[k] = v
	}
	return extra
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "missing"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
