package kernel

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

func TestHistoryOverTheProtocolAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	ctx := testContext(t)
	run := func(cells ...string) *testKernel {
		k := startKernel(t, newFakeBackend(), kernelSetup{opts: Options{HistoryFile: path}})
		for _, c := range cells {
			if _, err := k.Execute(ctx, c, client.ExecuteOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		return k
	}
	first := run("result 6", "print hi")
	first.Close()
	second := run("result 7")
	entries, _, err := second.History(ctx, map[string]any{"hist_access_type": "tail", "n": 10, "output": true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		out := "-"
		if e.Output != nil {
			out = *e.Output
		}
		got = append(got, fmt.Sprintf("%d/%d:%s=%s", e.Session, e.Line, e.Input, out))
	}
	want := []string{"1/1:result 6=6", "1/2:print hi=-", "2/1:result 7=7"}
	if !equalStrings(got, want) {
		t.Errorf("history after a kernel restart = %v, want %v", got, want)
	}
	entries, _, err = second.History(ctx, map[string]any{"hist_access_type": "range", "session": 1, "start": 1, "stop": 2})
	if err != nil || len(entries) != 1 || entries[0].Input != "result 6" {
		t.Errorf("range of the earlier session: %+v %v", entries, err)
	}
	entries, _, err = second.History(ctx, map[string]any{"hist_access_type": "search", "pattern": "result*", "n": 1})
	if err != nil || len(entries) != 1 || entries[0].Input != "result 7" {
		t.Errorf("search: %+v %v", entries, err)
	}
}
