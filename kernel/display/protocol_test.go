package display_test

// These tests run cells in the real kernel (the descent binary, built once
// per test run, with its worker process) through the Go client and check
// the Jupyter messages that reach the front end.

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/internal/testbinary"
	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/optimlib/figure"
)

// kernelBuild is the descent binary built for this test run.
var kernelBuild struct {
	once    sync.Once
	path    string
	cleanup func()
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if kernelBuild.cleanup != nil {
		kernelBuild.cleanup()
	}
	os.Exit(code)
}

// kernelBinary builds the descent binary once and returns its path.
func kernelBinary(t testing.TB) string {
	t.Helper()
	kernelBuild.once.Do(func() {
		kernelBuild.path, kernelBuild.cleanup, kernelBuild.err = testbinary.Build("display")
	})
	if kernelBuild.err != nil {
		t.Fatal(kernelBuild.err)
	}
	return kernelBuild.path
}

// startKernel starts the kernel process and stops it when the test ends.
func startKernel(t testing.TB) *client.Kernel {
	t.Helper()
	bin := kernelBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	k, err := client.StartProcess(ctx, []string{bin, "kernel", "{connection_file}"}, client.LaunchOptions{})
	if err != nil {
		t.Fatalf("start kernel: %v", err)
	}
	t.Cleanup(func() { k.Close() })
	return k
}

// execute runs code and fails the test unless it ends with status ok.
func execute(t testing.TB, k *client.Kernel, code string) *client.ExecuteResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := k.Execute(ctx, code, client.ExecuteOptions{})
	if err != nil {
		t.Fatalf("execute: %v", err)
	}
	if res.Status != "ok" {
		t.Fatalf("cell ended with %s: %s: %s\n%s", res.Status, res.EName, res.EValue, strings.Join(res.Traceback, "\n"))
	}
	if a := k.Anomalies(); len(a) > 0 {
		t.Errorf("the client saw protocol anomalies: %v", a)
	}
	return res
}

// output is one output message of a cell, decoded.
type output struct {
	Type      string
	Data      map[string]any
	Metadata  map[string]any
	DisplayID string // transient.display_id
	Wait      bool   // clear_output's wait
	Text      string // stream text
	Count     int    // execute_result's execution_count
	Date      time.Time
}

// outputs decodes the output messages of res (stream, display, result).
func outputs(t testing.TB, res *client.ExecuteResult) []output {
	t.Helper()
	var outs []output
	for _, m := range res.Outputs() {
		var c struct {
			Data      map[string]any `json:"data"`
			Metadata  map[string]any `json:"metadata"`
			Transient struct {
				DisplayID string `json:"display_id"`
			} `json:"transient"`
			Wait           bool   `json:"wait"`
			Text           string `json:"text"`
			ExecutionCount int    `json:"execution_count"`
		}
		if err := m.DecodeContent(&c); err != nil {
			t.Fatalf("%s content: %v", m.Header.MsgType, err)
		}
		date, err := time.Parse(time.RFC3339Nano, m.Header.Date)
		if err != nil {
			t.Fatalf("%s date %q: %v", m.Header.MsgType, m.Header.Date, err)
		}
		outs = append(outs, output{Type: m.Header.MsgType, Data: c.Data, Metadata: c.Metadata,
			DisplayID: c.Transient.DisplayID, Wait: c.Wait, Text: c.Text, Count: c.ExecutionCount, Date: date})
	}
	return outs
}

// types lists the message types of outs.
func types(outs []output) []string {
	var ts []string
	for _, o := range outs {
		ts = append(ts, o.Type)
	}
	return ts
}

// imageOf decodes the base64 image of type mime in o.
func imageOf(t testing.TB, o output, mime string) []byte {
	t.Helper()
	s, ok := o.Data[mime].(string)
	if !ok {
		t.Fatalf("%s has no %s: %v", o.Type, mime, keysOf(o.Data))
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("%s %s is not base64: %v", o.Type, mime, err)
	}
	return b
}

// decodePNG decodes b, failing the test if it is not a PNG.
func decodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	return img
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// colourShare returns the share of img's pixels that are not white, and
// whether some pixel has the colour want (each channel within 8).
func colourShare(img image.Image, want color.RGBA) (nonWhite float64, found bool) {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]int{int(r >> 8), int(g >> 8), int(bl >> 8)}
			if c != [3]int{255, 255, 255} {
				n++
			}
			if abs(c[0]-int(want.R)) <= 8 && abs(c[1]-int(want.G)) <= 8 && abs(c[2]-int(want.B)) <= 8 {
				found = true
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy()), found
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func TestProtocolShowFigureSendsAPNG(t *testing.T) {
	k := startKernel(t)
	res := execute(t, k, `import "github.com/descentlab/descent/optimlib/figure"
showLand := optimlib.Rosenbrock(2)
showRun := optimlib.Minimize(showLand, optimlib.NewAdam(0.05), showLand.Start, 500)
display.Show(figure.Contour(showLand, figure.Options{}, showRun))`)
	outs := outputs(t, res)
	if got := types(outs); len(got) != 1 || got[0] != "display_data" {
		t.Fatalf("outputs %v, want one display_data", got)
	}
	o := outs[0]
	if _, svg := o.Data["image/svg+xml"]; svg || o.Data["text/plain"] == nil {
		t.Errorf("MIME types %v, want image/png and text/plain only", keysOf(o.Data))
	}
	img := decodePNG(t, imageOf(t, o, "image/png"))
	if img.Bounds() != image.Rect(0, 0, 600, 400) {
		t.Errorf("image is %v, want 600×400", img.Bounds())
	}
	if m, _ := o.Metadata["image/png"].(map[string]any); m["width"] != 600.0 || m["height"] != 400.0 {
		t.Errorf("metadata %v, want width 600 and height 400", o.Metadata)
	}
	// Not blank: contour lines cover a good part of it, and the trajectory
	// is drawn in the first series colour.
	share, found := colourShare(img, figure.SeriesColor(0))
	if share < 0.05 || !found {
		t.Errorf("%.1f%% of the pixels are not white, trajectory colour found: %v; want a drawn figure", 100*share, found)
	}
}

func TestProtocolHandleUpdatesInPlace(t *testing.T) {
	k := startKernel(t)
	res := execute(t, k, `h := display.NewHandle()
fmt.Println(h.ID())
h.Show("first")
h.Update("second")`)
	outs := outputs(t, res)
	want := []string{"stream", "display_data", "update_display_data"}
	if got := types(outs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("outputs %v, want %v", got, want)
	}
	id := strings.TrimSpace(outs[0].Text)
	if id == "" {
		t.Fatal("the handle printed no ID")
	}
	for i, text := range []string{"first", "second"} {
		o := outs[i+1]
		if o.DisplayID != id {
			t.Errorf("%s has transient.display_id %q, the handle's ID is %q", o.Type, o.DisplayID, id)
		}
		if o.Data["text/plain"] != text {
			t.Errorf("%s shows %v, want %q", o.Type, o.Data["text/plain"], text)
		}
	}
}

func TestProtocolClearOutput(t *testing.T) {
	for _, tc := range []struct {
		call string
		wait bool
	}{{"display.Clear()", false}, {"display.ClearWait()", true}} {
		t.Run(tc.call, func(t *testing.T) {
			k := startKernel(t)
			res := execute(t, k, "fmt.Println(\"before\")\n"+tc.call)
			outs := outputs(t, res)
			if got := types(outs); len(got) != 2 || got[0] != "stream" || got[1] != "clear_output" {
				t.Fatalf("outputs %v, want the printed line then clear_output", got)
			}
			if outs[1].Wait != tc.wait {
				t.Errorf("clear_output wait = %v, want %v", outs[1].Wait, tc.wait)
			}
		})
	}
}

func TestProtocolFigureAsCellValue(t *testing.T) {
	k := startKernel(t)
	res := execute(t, k, `import "github.com/descentlab/descent/optimlib/figure"
valueLand := optimlib.Himmelblau()
figure.Contour(valueLand, figure.Options{Title: "value"}, optimlib.Minimize(valueLand, optimlib.NewGD(0.01), valueLand.Start, 200))`)
	outs := outputs(t, res)
	if got := types(outs); len(got) != 1 || got[0] != "execute_result" {
		t.Fatalf("outputs %v, want one execute_result", got)
	}
	if outs[0].Count != res.ExecutionCount || res.ExecutionCount < 1 {
		t.Errorf("execute_result count %d, reply count %d", outs[0].Count, res.ExecutionCount)
	}
	img := decodePNG(t, imageOf(t, outs[0], "image/png"))
	if img.Bounds() != image.Rect(0, 0, 600, 400) {
		t.Errorf("image is %v, want 600×400", img.Bounds())
	}
	if share, found := colourShare(img, figure.SeriesColor(0)); share < 0.05 || !found {
		t.Errorf("%.1f%% of the pixels are not white, trajectory colour found: %v", 100*share, found)
	}
}

func TestProtocolAnimationSendsAGIF(t *testing.T) {
	for _, tc := range []struct {
		name, last, msgType string
	}{
		{"cell value", "anim", "execute_result"},
		{"Show", "display.Show(anim)", "display_data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := startKernel(t)
			res := execute(t, k, `import "github.com/descentlab/descent/optimlib/figure"
animLand := optimlib.Rosenbrock(2)
a := optimlib.Minimize(animLand, optimlib.NewAdam(0.05), animLand.Start, 300)
b := optimlib.Minimize(animLand, optimlib.NewMomentum(0.001), animLand.Start, 300)
anim := figure.Animate(animLand, figure.Options{Frames: 6, Width: 300, Height: 200}, a, b)
`+tc.last)
			outs := outputs(t, res)
			if got := types(outs); len(got) != 1 || got[0] != tc.msgType {
				t.Fatalf("outputs %v, want one %s", got, tc.msgType)
			}
			g, err := gif.DecodeAll(bytes.NewReader(imageOf(t, outs[0], "image/gif")))
			if err != nil {
				t.Fatalf("image/gif does not decode: %v", err)
			}
			if len(g.Image) != 6 || g.Config.Width != 300 || g.Config.Height != 200 {
				t.Errorf("GIF of %d frames, %d×%d; want 6 frames, 300×200", len(g.Image), g.Config.Width, g.Config.Height)
			}
		})
	}
}

// progressLine matches the text form of a progress bar with a total.
var progressLine = regexp.MustCompile(`^\[[#.]{20}\] (\d+)/(\d+) +\d+%`)

func TestProtocolProgress(t *testing.T) {
	for _, tc := range []struct {
		name  string
		code  string
		total int
		// minUpdates is the least number of updates: the final one, and
		// for a loop that lasts 300 ms at least two throttled ones.
		minUpdates int
	}{
		{name: "run callback", total: 3000, minUpdates: 1, code: `prog := display.NewProgress(3000)
progLand := optimlib.Rosenbrock(2)
_, progErr := optimlib.Run(progLand, optimlib.NewAdam(0.01), progLand.Start, optimlib.RunConfig{MaxSteps: 3000, Callback: prog.Callback})
fmt.Println(prog.ID(), progErr)`},
		{name: "hand-written loop", total: 30, minUpdates: 3, code: `prog := display.NewProgress(30)
for i := 0; i < 30; i++ {
	time.Sleep(10 * time.Millisecond)
	prog.Add(1)
}
prog.Done()
fmt.Println(prog.ID(), nil)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := startKernel(t)
			outs := outputs(t, execute(t, k, tc.code))
			if len(outs) < 3 || outs[0].Type != "display_data" || outs[len(outs)-1].Type != "stream" {
				t.Fatalf("outputs %v, want display_data, updates, then the printed ID", types(outs))
			}
			id := strings.Fields(outs[len(outs)-1].Text)[0]
			bars := outs[:len(outs)-1]
			if n := len(bars) - 1; n < tc.minUpdates {
				t.Errorf("%d updates, want at least %d", n, tc.minUpdates)
			}
			prev := -1
			for i, o := range bars {
				if i > 0 && o.Type != "update_display_data" {
					t.Errorf("output %d is %s, want update_display_data", i, o.Type)
				}
				if o.DisplayID != id {
					t.Errorf("output %d has display_id %q, the bar's ID is %q", i, o.DisplayID, id)
				}
				text, _ := o.Data["text/plain"].(string)
				m := progressLine.FindStringSubmatch(text)
				if m == nil || m[2] != fmt.Sprint(tc.total) {
					t.Fatalf("output %d text %q is not a bar of %d", i, text, tc.total)
				}
				var count int
				fmt.Sscan(m[1], &count)
				if count < prev {
					t.Errorf("the count went back from %d to %d", prev, count)
				}
				prev = count
				if html, _ := o.Data["text/html"].(string); !strings.Contains(html, m[1]+"/"+m[2]) {
					t.Errorf("output %d HTML %q lacks %s/%s", i, html, m[1], m[2])
				}
			}
			final, _ := bars[len(bars)-1].Data["text/plain"].(string)
			wantPrefix := fmt.Sprintf("[####################] %d/%d 100%%", tc.total, tc.total)
			if !strings.HasPrefix(final, wantPrefix) || !strings.Contains(final, "done in") {
				t.Errorf("final bar %q, want %q … done in …", final, wantPrefix)
			}
		})
	}
}

func TestProtocolLiveFigure(t *testing.T) {
	k := startKernel(t)
	res := execute(t, k, `liveLand := optimlib.Rosenbrock(2)
live := display.NewLive(liveLand, "Adam")
live.SetPace(4000)
_, liveErr := optimlib.Run(liveLand, optimlib.NewAdam(0.05), liveLand.Start, optimlib.RunConfig{MaxSteps: 2000, Callback: live.Callback})
live.Done()
fmt.Println(live.ID(), live.Figure().Len(0), liveErr)
live.Figure().Final()`)
	outs := outputs(t, res)
	n := len(outs)
	if n < 6 || outs[0].Type != "display_data" || outs[n-2].Type != "stream" || outs[n-1].Type != "execute_result" {
		t.Fatalf("outputs %v, want display_data, updates, the printed line and the result", types(outs))
	}
	var id string
	var points int
	if _, err := fmt.Sscan(outs[n-2].Text, &id, &points); err != nil || points != 2001 {
		t.Fatalf("printed %q: want the ID and 2001 points (%v)", outs[n-2].Text, err)
	}
	frames := outs[:n-2]
	if updates := len(frames) - 1; updates < 4 {
		t.Errorf("%d updates, want at least 3 frames and the final", updates)
	}
	for i, o := range frames {
		want := "update_display_data"
		if i == 0 {
			want = "display_data"
		}
		if o.Type != want || o.DisplayID != id {
			t.Errorf("output %d is %s with display_id %q, want %s with %q", i, o.Type, o.DisplayID, want, id)
		}
		img := decodePNG(t, imageOf(t, o, "image/png"))
		if img.Bounds() != image.Rect(0, 0, figure.DefaultLiveLossWidth, figure.DefaultHeight) {
			t.Errorf("frame %d is %v", i, img.Bounds())
		}
		_, paletted := img.(*image.Paletted)
		if last := i == len(frames)-1; paletted == last {
			t.Errorf("frame %d: 256 colours = %v; want running frames in 256 colours, the final one in full", i, paletted)
		}
	}
	// The final frame is the exact figure of all 2001 points.
	final := imageOf(t, frames[len(frames)-1], "image/png")
	if exact := imageOf(t, outs[n-1], "image/png"); !bytes.Equal(final, exact) {
		t.Error("the final frame differs from the exact figure (Final) of the run")
	}
}

// headerDate parses a message date, for the benchmarks.
func headerDate(m *wire.Message) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, m.Header.Date)
}
