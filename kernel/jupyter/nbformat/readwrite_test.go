package nbformat

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// testdata/nbformat-written.ipynb was written by Python's nbformat.write
// from a notebook with unknown fields at every level, sources given as one
// string, CRLF and U+2028 line breaks, JSON and text MIME values.
func TestMarshalWritesWhatNbformatWrites(t *testing.T) {
	want, err := os.ReadFile("testdata/nbformat-written.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Marshal differs from nbformat's output:\n%s", firstDifference(got, want))
	}
}

func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + g[i] + "\n want " + w[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " vs " + strconv.Itoa(len(w)) + " lines"
}

func TestParseReadsTheFieldsOfEveryLevel(t *testing.T) {
	nb, err := ReadFile("testdata/nbformat-written.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 4 {
		t.Fatalf("%d cells, want 4", len(nb.Cells))
	}
	md, code, raw := nb.Cells[0], nb.Cells[1], nb.Cells[3]
	checks := []struct {
		name      string
		got, want any
	}{
		{"format", [2]int{nb.Format, nb.FormatMinor}, [2]int{4, 5}},
		{"top-level unknown field", nb.Extra["x_top_level"], map[string]any{"kept": true}},
		{"markdown type", md.Type, Markdown},
		{"markdown id", md.ID, "intro"},
		{"markdown source joined", md.Source, "# Gradient descent\n\nThe gradient $\\nabla f$ and\n$$x_{k+1} = x_k - \\eta \\nabla f(x_k)$$\n"},
		{"attachment", md.Attachments["dot.png"]["image/png"], "iVBORw0KGgo=\n"},
		{"code source with CRLF and U+2028", code.Source, "x := 1\r\nx\u2028y"},
		{"execution count", *code.ExecutionCount, 3},
		{"tags", code.Tags(), []string{"raises-exception"}},
		{"cell unknown field", code.Extra["x_cell_field"], "kept"},
		{"stream", [2]string{code.Outputs[0].Name, code.Outputs[0].Text}, [2]string{"stdout", "a\nb\n"}},
		{"output unknown field", code.Outputs[0].Extra["x_output_field"], json.Number("7")},
		{"png stays a string", code.Outputs[1].Data["image/png"], "iVBORw0KGgo=\n"},
		{"text/plain joined", code.Outputs[2].Data["text/plain"], "1\n2"},
		{"svg joined", code.Outputs[2].Data["image/svg+xml"], "<svg>\n</svg>"},
		{"+json list stays a list", code.Outputs[2].Data["application/vnd.custom+json"], []any{"a\n", "b"}},
		{"result count", *code.Outputs[2].ExecutionCount, 3},
		{"error", [2]string{code.Outputs[3].EName, code.Outputs[3].EValue}, [2]string{"Panic", "boom"}},
		{"traceback", code.Outputs[3].Traceback, []string{"\x1b[31mpanic: boom", "at line 2: x"}},
		{"never-run cell", nb.Cells[2].ExecutionCount == nil, true},
		{"raw source", raw.Source, "<b>raw</b>"},
		{"raw format", raw.Metadata["format"], "text/html"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestRoundTripKeepsEverything(t *testing.T) {
	// Sources as strings and as lists, no ids, an old minor version,
	// unknown fields: read, write, read again must give the same notebook.
	const src = `{"nbformat": 4, "nbformat_minor": 2, "future": [1, {"z": 2, "a": 3}],
	 "metadata": {"celltoolbar": "Tags"},
	 "cells": [
	  {"cell_type": "markdown", "metadata": {}, "source": ["# T\n", "text"], "mystery": {"x": 1}},
	  {"cell_type": "code", "metadata": {}, "execution_count": null, "source": "fmt.Println(1)", "outputs": [
	    {"output_type": "stream", "name": "stderr", "text": ["w\n", "x"]},
	    {"output_type": "display_data", "data": {"text/html": ["<b>\n", "</b>"], "application/json": {"a": [1, 2.25]}}, "metadata": {"isolated": true}, "new_field": "n"}
	  ]}
	 ]}`
	first, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(first)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if first.FormatMinor != 2 || second.FormatMinor != 5 {
		t.Errorf("minor versions %d then %d, want 2 then 5 (written as 4.5)", first.FormatMinor, second.FormatMinor)
	}
	first.FormatMinor = second.FormatMinor
	if !reflect.DeepEqual(first, second) {
		t.Errorf("read-write-read changed the notebook:\nfirst  %#v\nsecond %#v", first, second)
	}
	again, err := Marshal(second)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("writing twice gave different bytes")
	}
	for _, want := range []string{`"nbformat_minor": 5`, `"mystery": {`, `"future": [`, `"new_field": "n"`, `"celltoolbar": "Tags"`, `"a": [`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("written notebook lacks %s", want)
		}
	}
	if got := second.Cells[1].Outputs[0].Text; got != "w\nx" {
		t.Errorf("stream text %q, want %q", got, "w\nx")
	}
	if got := second.Cells[1].Outputs[1].Data["text/html"]; got != "<b>\n</b>" {
		t.Errorf("html %q, want %q", got, "<b>\n</b>")
	}
}

func TestParseGivesEveryCellAValidUniqueID(t *testing.T) {
	const src = `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	  {"cell_type": "markdown", "id": "keep-me", "metadata": {}, "source": ""},
	  {"cell_type": "markdown", "metadata": {}, "source": ""},
	  {"cell_type": "markdown", "id": "keep-me", "metadata": {}, "source": ""},
	  {"cell_type": "markdown", "id": "has space", "metadata": {}, "source": ""},
	  {"cell_type": "markdown", "id": "", "metadata": {}, "source": ""}
	]}`
	nb, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].ID != "keep-me" {
		t.Errorf("a valid id was changed to %q", nb.Cells[0].ID)
	}
	seen := map[string]bool{}
	for i, c := range nb.Cells {
		if !validCellID.MatchString(c.ID) {
			t.Errorf("cell %d: invalid id %q", i, c.ID)
		}
		if seen[c.ID] {
			t.Errorf("cell %d: duplicate id %q", i, c.ID)
		}
		seen[c.ID] = true
	}
	if n := nb.EnsureCellIDs(); n != 0 {
		t.Errorf("EnsureCellIDs changed %d ids of a notebook whose ids are all fine", n)
	}
}

func TestParseRejectsWhatIsNotANotebook(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"not JSON", `{`, "not a notebook"},
		{"array", `[]`, "not a notebook"},
		{"no nbformat", `{"cells": []}`, "no nbformat"},
		{"nbformat 3", `{"nbformat": 3, "worksheets": []}`, "nbformat 3 is not supported"},
		{"cells not a list", `{"nbformat": 4, "cells": {}}`, "cells is an object"},
		{"bad source", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}`, "cell 1: source is a number"},
		{"bad line", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", 1]}]}`, "cell 1: source: item 2 is a number"},
		{"bad count", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "execution_count": 1.5}]}`, "execution_count is 1.5"},
		{"bad output", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "text": 1}]}]}`, "output 1: text is a number"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestWriteFileThenReadFile(t *testing.T) {
	nb := &Notebook{Cells: []*Cell{{Type: Code, Source: "1 + 1", ExecutionCount: IntPtr(1), Outputs: []*Output{
		{Type: OutputExecuteResult, ExecutionCount: IntPtr(1), Data: MimeBundle{"text/plain": "2"}},
	}}}}
	nb.EnsureCellIDs()
	path := filepath.Join(t.TempDir(), "out.ipynb")
	if err := WriteFile(path, nb); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Cells[0]
	if got.Source != "1 + 1" || *got.ExecutionCount != 1 || got.Outputs[0].Data["text/plain"] != "2" || got.ID != nb.Cells[0].ID {
		t.Errorf("read back %#v", got)
	}
	if !reflect.DeepEqual(back.Metadata, map[string]any{}) || back.FormatMinor != 5 {
		t.Errorf("metadata %v, minor %d", back.Metadata, back.FormatMinor)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Errorf("the directory holds %d entries (%v), want only the notebook", len(entries), err)
	}
}
