package display

import (
	"math"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }
func (c *fakeClock) sleep(d time.Duration)   { c.advance(d) }

// texts returns the text/plain of each output, and checks that the first
// is a display_data and the others updates, all with one display_id.
func progressTexts(t *testing.T, outs []Output) []string {
	t.Helper()
	var texts []string
	for i, o := range outs {
		want := UpdateDisplayData
		if i == 0 {
			want = DisplayData
		}
		if o.Kind != want {
			t.Errorf("output %d is %v, want %v", i, o.Kind, want)
		}
		if o.DisplayID == "" || o.DisplayID != outs[0].DisplayID {
			t.Errorf("output %d has display_id %q, the first %q", i, o.DisplayID, outs[0].DisplayID)
		}
		html, _ := o.Data[MIMEHTML].(string)
		text, _ := o.Data[MIMEText].(string)
		if !strings.HasPrefix(html, "<div") {
			t.Errorf("output %d has no HTML bar: %q", i, html)
		}
		texts = append(texts, text)
	}
	return texts
}

func TestProgressOneRunThrottledAndExactAtTheEnd(t *testing.T) {
	r := record(t)
	clock := newFakeClock()
	p := newProgress(1000, clock.now)
	// One callback per millisecond for 1,000 steps: an update every 100 ms
	// (steps 100, 200, …, 900) and the final one at step 1,000.
	for k := 0; k <= 1000; k++ {
		if !p.Callback(k, nil, 1/float64(k+1)) {
			t.Fatal("the callback stopped the run")
		}
		clock.advance(time.Millisecond)
	}
	clock.advance(time.Second)
	p.Done() // shown already: nothing new
	texts := progressTexts(t, r.outs)
	if len(texts) != 11 {
		t.Fatalf("%d outputs, want 1 display and 10 updates:\n%s", len(texts), strings.Join(texts, "\n"))
	}
	if r.outs[0].DisplayID != p.ID() {
		t.Errorf("display_id %q, Progress.ID() %q", r.outs[0].DisplayID, p.ID())
	}
	want := map[int]string{
		0: "[....................] 0/1000   0% · 0:00 elapsed",
		// 200 steps in 0.2 s: 1,000 steps/s, 0.8 s left (rounded up).
		2: "[####................] 200/1000  20% · 1.0k steps/s · loss 0.004975 · 0:00 elapsed · 0:01 left",
		// The end: 1,000 steps in 1 s, the clock stopped there.
		10: "[####################] 1000/1000 100% · 1.0k steps/s · loss 0.000999 · done in 0:01",
	}
	for i, w := range want {
		if texts[i] != w {
			t.Errorf("output %d:\n got %q\nwant %q", i, texts[i], w)
		}
	}
	if got := p.String(); got != want[10] {
		t.Errorf("String() = %q after Done, want the final state", got)
	}
}

func TestProgressStates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		total int
		steps func(p *Progress, c *fakeClock)
		want  string // the last output's text
		count int    // number of outputs
	}{
		{
			name: "stopped early", total: 500,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(250 * time.Millisecond)
				p.Set(100)
				c.advance(50 * time.Millisecond)
				p.Done()
			},
			// 100 steps in 0.3 s: 333 steps/s; the bar is 20 % full.
			want: "[####................] 100/500  20% · 333 steps/s · done in 0:00", count: 3,
		},
		{
			name: "unknown total", total: 0,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(200 * time.Millisecond)
				p.Add(2)
				p.Add(3)
			},
			// 5 steps in 0.2 s; the second Add comes at once and waits.
			want: "2 steps · 10 steps/s · 0:00 elapsed", count: 2,
		},
		{
			name: "unknown total, done", total: -3,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(200 * time.Millisecond)
				p.Add(2)
				p.Add(3)
				p.Done()
			},
			want: "5 steps · 25 steps/s · done in 0:00", count: 3,
		},
		{
			name: "clock starts at the run's first callback", total: 100,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(10 * time.Second) // the bar was made in an earlier cell
				p.Callback(0, nil, 3)
				c.advance(time.Second)
				p.Callback(100, nil, 1)
			},
			want: "[####################] 100/100 100% · 100 steps/s · loss 1 · done in 0:01", count: 3,
		},
		{
			name: "loss set by hand, hours", total: 4,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(2 * time.Hour)
				p.SetLoss(0.125)
				p.Add(1)
			},
			// 1 step in 7,200 s, so 3 steps left take 6 h.
			want: "[#####...............] 1/4  25% · 7.2k s/step · loss 0.125 · 2:00:00 elapsed · 6:00:00 left", count: 2,
		},
		{
			name: "NaN loss at the end, then Done", total: 2,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(time.Second)
				p.Callback(2, nil, math.NaN())
				p.Done()
			},
			want: "[####################] 2/2 100% · 2.0 steps/s · loss NaN · done in 0:01", count: 2,
		},
		{
			name: "the end is shown at once", total: 10,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(100 * time.Millisecond)
				p.Set(9)
				c.advance(10 * time.Millisecond)
				p.Set(10) // 10 ms after the last update, yet shown
			},
			want: "[####################] 10/10 100% · 91 steps/s · done in 0:00", count: 3,
		},
		{
			name: "past the total", total: 3,
			steps: func(p *Progress, c *fakeClock) {
				c.advance(time.Second)
				p.Add(3)
				p.Add(1)
				p.Add(1)
			},
			// Reaching 3 is shown at once; going past it waits its turn.
			want: "[####################] 3/3 100% · 3.0 steps/s · done in 0:01", count: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := record(t)
			clock := newFakeClock()
			p := newProgress(tc.total, clock.now)
			tc.steps(p, clock)
			texts := progressTexts(t, r.outs)
			if len(texts) != tc.count {
				t.Fatalf("%d outputs, want %d:\n%s", len(texts), tc.count, strings.Join(texts, "\n"))
			}
			if got := texts[len(texts)-1]; got != tc.want {
				t.Errorf("last output\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestProgressHTML(t *testing.T) {
	running := progressView{total: 8, count: 3, elapsed: 3 * time.Second}
	html := running.HTML()
	for _, want := range []string{"width:37.5%", progressRunningColor, "3/8  37% · 1.0 steps/s · 0:03 elapsed · 0:05 left</div>"} {
		if !strings.Contains(html, want) {
			t.Errorf("running bar %q lacks %q", html, want)
		}
	}
	done := progressView{total: 8, count: 8, elapsed: 4 * time.Second, finished: true}
	if html := done.HTML(); !strings.Contains(html, "width:100.0%") || !strings.Contains(html, progressDoneColor) {
		t.Errorf("finished bar %q: want a full bar in %s", html, progressDoneColor)
	}
	unknown := progressView{count: 3, elapsed: time.Second}
	if html := unknown.HTML(); strings.Contains(html, "width:") || !strings.Contains(html, "3 steps · 3.0 steps/s") {
		t.Errorf("bar of unknown total %q: want no bar, only the details", html)
	}
}

func TestFormatRate(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want string
	}{
		{0.04, "0.0"}, {0.5, "0.5"}, {9.96, "10.0"}, {10, "10"}, {812.4, "812"}, {999.4, "999"},
		{1000, "1.0k"}, {5249, "5.2k"}, {9999, "10.0k"}, {52_400, "52k"}, {999_000, "999k"},
		{1.26e6, "1.3M"}, {4.5e7, "45M"}, {2.5e9, "2.5G"},
	} {
		if got := formatRate(tc.rate); got != tc.want {
			t.Errorf("formatRate(%g) = %q, want %q", tc.rate, got, tc.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		d       time.Duration
		roundUp bool
		want    string
	}{
		{0, false, "0:00"}, {0, true, "0:00"}, {999 * time.Millisecond, false, "0:00"},
		{999 * time.Millisecond, true, "0:01"}, {time.Second, true, "0:01"}, {61500 * time.Millisecond, false, "1:01"},
		{59*time.Minute + 59*time.Second, false, "59:59"}, {time.Hour + 2*time.Minute + 3*time.Second, false, "1:02:03"},
		{-time.Second, false, "0:00"},
	} {
		if got := formatDuration(tc.d, tc.roundUp); got != tc.want {
			t.Errorf("formatDuration(%v, %v) = %q, want %q", tc.d, tc.roundUp, got, tc.want)
		}
	}
}
