package kernel

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// The redraw of an Interact, end to end: the client moves a slider
// (comm_msg), the kernel hands it to the worker, the interpreted draw
// function runs, the figure is rendered, encoded and sent back as a binary
// buffer, and the message's idle reaches the client. The lesson figures are
// the lessons' own widget cells, run after the cells before them. They print
// figures; nothing asserts on time.

// lessonWidget is a widget cell of a lesson: the slider to move, and two
// values to alternate between.
type lessonWidget struct {
	notebook, cell string
	control        string // the description of the slider to move
	values         [2]float64
}

// standardInteract is a standard lesson figure: a 600×400 contour with a
// 30-step trajectory.
const standardInteract = `valley := optimlib.Quadratic(1, 10)
eta := widgets.NewFloatSlider("η", 0.05, 0.01, 0.2)
widgets.Interact(func(eta float64) *figure.Figure {
	res := optimlib.Minimize(valley, optimlib.NewGD(eta), []float64{-4, 2}, 30)
	return figure.Contour(valley, figure.Options{}, res)
}, eta)`

func BenchmarkInteractRedraw(b *testing.B) {
	cases := []struct {
		name   string
		widget lessonWidget
	}{
		{"standard 600x400 contour", lessonWidget{control: "η", values: [2]float64{0.05, 0.15}}},
		{"lesson 01 (contour + ρ(η), 800x300)", lessonWidget{"01-gradient-descent.ipynb", "c19b-drag-eta", "η", [2]float64{0.1, 0.22}}},
		{"lesson 04 (contour + rate map, 800x300)", lessonWidget{"04-momentum-nesterov.ipynb", "c27b-goh-sliders", "β", [2]float64{0.3, 0.6}}},
		{"lesson 08 (chain + histogram, 800x300)", lessonWidget{"08-escaping-local-minima.ipynb", "l08-19b-sliders", "step σ", [2]float64{0.5, 0.2}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			k := startInterpreterKernel(b, Options{})
			ctx := context.Background()
			res := runWidgetCell(b, k, c.widget)
			id := sliderID(b, res, c.widget.control)
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, err := k.NewRequest("comm_msg", map[string]any{"comm_id": id, "data": map[string]any{
					"method": "update", "state": map[string]any{"value": c.widget.values[(i+1)%2]}, "buffer_paths": []any{}}})
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				call, err := k.Send(client.Shell, m, client.CallOptions{NoReply: true})
				if err != nil {
					b.Fatal(err)
				}
				resp, err := call.Wait(ctx)
				times = append(times, time.Since(start))
				if err != nil || !hasBuffer(resp) {
					b.Fatalf("no redrawn figure: %v %v", err, client.Types(resp.IOPub))
				}
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
		})
	}
}

// runWidgetCell runs the cells of the lesson up to its widget cell (or the
// standard cell) and returns the widget cell's response.
func runWidgetCell(b *testing.B, k *testKernel, w lessonWidget) *client.ExecuteResult {
	b.Helper()
	ctx := context.Background()
	run := func(code string) *client.ExecuteResult {
		res, err := k.Execute(ctx, code, client.ExecuteOptions{})
		if err != nil || res.Status != "ok" {
			b.Fatalf("cell %.60q: %v %+v", code, err, res)
		}
		return res
	}
	if w.notebook == "" {
		return run(standardInteract)
	}
	nb, err := nbformat.ReadFile(filepath.Join("..", "notebooks", w.notebook))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range nb.Cells {
		if c.Type != nbformat.Code || strings.TrimSpace(c.Source) == "" {
			continue
		}
		res := run(c.Source)
		if c.ID == w.cell {
			return res
		}
	}
	b.Fatalf("no cell %s in %s", w.cell, w.notebook)
	return nil
}

// sliderID finds the model id of the slider described description among
// the comm_opens of res.
func sliderID(b *testing.B, res *client.ExecuteResult, description string) string {
	b.Helper()
	for _, m := range res.IOPub {
		if m.Header.MsgType != "comm_open" {
			continue
		}
		var c struct {
			CommID string `json:"comm_id"`
			Data   struct {
				State map[string]any `json:"state"`
			} `json:"data"`
		}
		if err := m.DecodeContent(&c); err == nil && c.Data.State["description"] == description && strings.HasSuffix(c.Data.State["_model_name"].(string), "SliderModel") {
			return c.CommID
		}
	}
	b.Fatalf("no slider %q", description)
	return ""
}

// hasBuffer reports whether a comm_msg with a binary buffer (the figure)
// came back.
func hasBuffer(resp *client.Response) bool {
	for _, m := range resp.IOPub {
		if m.Header.MsgType == "comm_msg" && len(m.Buffers) > 0 {
			return true
		}
	}
	return false
}
