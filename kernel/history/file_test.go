package history

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func strp(s string) *string { return &s }

// inputs lists the entries as "session/line:input".
func inputs(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, fmt.Sprintf("%d/%d:%s", e.Session, e.Line, e.Input))
	}
	return out
}

func TestHistoryPersistsAcrossKernels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "descent", "history.jsonl")
	log := discardLogger()

	first := openHistoryLoaded(path, log)
	if first.file == nil || first.session != 1 {
		t.Fatalf("first kernel: file %v session %d, want a file and session 1", first.file, first.session)
	}
	first.Add(1, "x := 6", nil)
	first.Add(2, "x * 7", strp("42"))

	second := openHistoryLoaded(path, log)
	if second.session != 2 {
		t.Fatalf("second kernel: session %d, want 2", second.session)
	}
	second.Add(1, "x * 7", strp("42"))
	second.NewSession() // a restart in place
	second.Add(1, "fmt.Println(\"<b>&</b>\")", nil)

	third := openHistoryLoaded(path, log)
	if third.session != 4 {
		t.Fatalf("third kernel: session %d, want 4", third.session)
	}
	want := []string{"1/1:x := 6", "1/2:x * 7", "2/1:x * 7", "3/1:fmt.Println(\"<b>&</b>\")"}
	if got := inputs(third.Tail(10)); !slices.Equal(got, want) {
		t.Errorf("tail = %v, want %v", got, want)
	}
	if got := inputs(third.Lines(1, 2, 0)); !slices.Equal(got, []string{"1/2:x * 7"}) {
		t.Errorf("range session 1 from line 2 = %v", got)
	}
	if got := inputs(third.Lines(-2, 1, 2)); !slices.Equal(got, []string{"2/1:x * 7"}) {
		t.Errorf("range two sessions back = %v", got)
	}
	if got := inputs(third.Search("x [*]*", 0, true)); !slices.Equal(got, []string{"2/1:x * 7"}) {
		t.Errorf("unique search = %v", got)
	}
	if e := third.Lines(1, 2, 3); len(e) != 1 || e[0].Output == nil || *e[0].Output != "42" {
		t.Errorf("the output was not kept: %+v", e)
	}
	// The file is readable: < and & are not escaped.
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"input":"fmt.Println(\"<b>&</b>\")"`) {
		t.Errorf("file:\n%s", data)
	}
}

func TestHistoryToleratesGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	good := `{"session":3,"start":"2026-01-01T00:00:00Z"}` + "\n" + `{"session":3,"line":1,"input":"a := 1"}` + "\n"
	garbage := "not json\n{\"session\":\"x\"}\n{}\n" + strings.Repeat("z", historyMaxLine+10) + "\n{\"session\":3,\"line\":2,\"input\":\"a\"}\n{\"session\":3,\"li"
	if err := os.WriteFile(path, []byte(good+garbage), 0o600); err != nil {
		t.Fatal(err)
	}
	h := openHistoryLoaded(path, discardLogger())
	if h.file == nil || h.session != 4 {
		t.Fatalf("session %d, file %v", h.session, h.file)
	}
	if got := inputs(h.Tail(10)); !slices.Equal(got, []string{"3/1:a := 1", "3/2:a"}) {
		t.Errorf("tail = %v", got)
	}
	// Appending after a torn last line still gives whole lines.
	h.Add(1, "b := 2", nil)
	again := openHistoryLoaded(path, discardLogger())
	if got := inputs(again.Lines(4, 0, 0)); !slices.Equal(got, []string{"4/1:b := 2"}) {
		t.Errorf("after appending to a torn file: %v", got)
	}
}

// A file whose last line was cut short (a kernel killed while it wrote)
// loses only that line: the next session's first line is not glued to it,
// so the session is counted, and the cells after it are read.
func TestHistoryRecoversFromATruncatedLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	whole := `{"session":3,"start":"2026-01-01T00:00:00Z"}` + "\n" + `{"session":3,"line":1,"input":"a := 1"}` + "\n"
	if err := os.WriteFile(path, []byte(whole+`{"session":3,"line":2,"inp`), 0o600); err != nil {
		t.Fatal(err)
	}
	h := openHistoryLoaded(path, discardLogger())
	if h.session != 4 {
		t.Fatalf("session %d, want 4", h.session)
	}
	// No cell in session 4: only its first line says it existed.
	next := openHistoryLoaded(path, discardLogger())
	if next.session != 5 {
		data, _ := os.ReadFile(path)
		t.Fatalf("the session after a truncated line is %d, want 5: session 4's first line was lost\n%s", next.session, data)
	}
	next.Add(1, "b := 2", nil)
	again := openHistoryLoaded(path, discardLogger())
	if got := inputs(again.Tail(10)); !slices.Equal(got, []string{"3/1:a := 1", "5/1:b := 2"}) {
		t.Errorf("tail = %v", got)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasSuffix(data, []byte("\n")) || !strings.Contains(string(data), `{"session":3,"line":2,"inp`+"\n") {
		t.Errorf("the truncated line was not ended where it stopped:\n%s", data)
	}
}

func TestHistoryUnusableFileKeepsMemory(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	buf := &bytes.Buffer{}
	h := openHistoryLoaded(filepath.Join(blocker, "history.jsonl"), slog.New(slog.NewTextHandler(buf, nil)))
	if h.file != nil || h.session != 1 {
		t.Fatalf("file %v session %d, want memory only", h.file, h.session)
	}
	h.Add(1, "x", nil)
	if len(h.Tail(5)) != 1 || !strings.Contains(buf.String(), "kept for this session only") {
		t.Errorf("tail %v, log %q", h.Tail(5), buf.String())
	}
}

func TestHistoryIsBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	f := &historyFile{path: path, maxEntries: 50, maxBytes: 1 << 20}
	for s := 0; s < 4; s++ {
		_, session, err := f.open()
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 30; i++ {
			if err := f.append(Entry{Session: session, Line: i, Input: fmt.Sprintf("cell %d.%d", session, i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, session, err := f.open()
	if err != nil {
		t.Fatal(err)
	}
	// 120 cells were written; opening keeps the newest 50, and the session
	// numbers go on.
	if session != 5 || len(entries) != 50 || entries[49].Input != "cell 4.30" || entries[0].Input != "cell 3.11" {
		t.Fatalf("session %d, %d entries, first %+v", session, len(entries), entries[0])
	}
	// A size bound: each line is about 60 bytes.
	small := &historyFile{path: path, maxEntries: 1000, maxBytes: 1000}
	entries, _, err = small.open()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || len(entries) > 1000/2/40 {
		t.Errorf("%d entries kept within 1000 bytes", len(entries))
	}
	if st, _ := os.Stat(path); st.Size() > 1000 {
		t.Errorf("file of %d bytes after trimming to 1000", st.Size())
	}
}

// TestConcurrentKernelsShareTheFile runs kernels that append at the same
// time: every cell is kept, whole, and every kernel has its own session.
func TestConcurrentKernelsShareTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	const kernels, cells = 8, 40
	var wg sync.WaitGroup
	sessions := make([]int, kernels)
	for k := 0; k < kernels; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := openHistoryLoaded(path, discardLogger())
			sessions[k] = h.session
			for i := 1; i <= cells; i++ {
				h.Add(i, fmt.Sprintf("kernel %d cell %d %s", k, i, strings.Repeat("x", 100*k)), nil)
			}
		}()
	}
	wg.Wait()
	seen := map[int]bool{}
	for _, s := range sessions {
		if seen[s] || s < 1 || s > kernels {
			t.Fatalf("sessions %v are not distinct numbers 1..%d", sessions, kernels)
		}
		seen[s] = true
	}
	h := openHistoryLoaded(path, discardLogger())
	if got := len(h.Tail(kernels * cells * 2)); got != kernels*cells {
		t.Errorf("%d cells in the file, want %d", got, kernels*cells)
	}
	for k, s := range sessions {
		es := h.Lines(s, 0, 0)
		if len(es) != cells || !strings.HasPrefix(es[0].Input, fmt.Sprintf("kernel %d cell 1 ", k)) {
			t.Errorf("session %d: %d cells, first %q", s, len(es), es[0].Input)
		}
	}
}

// openHistoryLoaded is Open once the file has been read.
func openHistoryLoaded(path string, log *slog.Logger) *Store {
	h := Open(path, log)
	h.mu.Lock() // taken once the background read lets go of it
	defer h.mu.Unlock()
	return h
}

// discardLogger drops what it is given.
func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
