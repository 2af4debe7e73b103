package display

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// progressBarWidth is the width of the text bar in characters.
const progressBarWidth = 20

// Colours of the HTML bar (Okabe–Ito blue while running, bluish green
// once done, as in the figures).
const (
	progressRunningColor = "#0072B2"
	progressDoneColor    = "#009E73"
)

// progressView is one state of a Progress, as sent to the front end: HTML
// for notebooks and a line of text for consoles.
type progressView struct {
	total, count int
	loss         float64
	hasLoss      bool
	elapsed      time.Duration
	finished     bool
}

// same reports whether v and w show the same thing (NaN losses compare
// equal).
func (v progressView) same(w progressView) bool {
	return v.total == w.total && v.count == w.count && v.hasLoss == w.hasLoss &&
		math.Float64bits(v.loss) == math.Float64bits(w.loss) && v.elapsed == w.elapsed && v.finished == w.finished
}

// fraction returns the part of the total done, in [0, 1] (0 when the
// total is unknown).
func (v progressView) fraction() float64 {
	if v.total <= 0 {
		return 0
	}
	return min(float64(v.count)/float64(v.total), 1)
}

// details returns the parts after the bar: count, percentage, rate, loss
// and times.
func (v progressView) details() []string {
	var parts []string
	if v.total > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d %3d%%", v.count, v.total, int(math.Floor(100*v.fraction()))))
	} else {
		parts = append(parts, fmt.Sprintf("%d steps", v.count))
	}
	measured := v.count > 0 && v.elapsed > 0
	if measured {
		parts = append(parts, formatSpeed(v.count, v.elapsed))
	}
	if v.hasLoss {
		parts = append(parts, fmt.Sprintf("loss %.4g", v.loss))
	}
	switch {
	case v.finished:
		parts = append(parts, "done in "+formatDuration(v.elapsed, false))
	default:
		parts = append(parts, formatDuration(v.elapsed, false)+" elapsed")
		if v.total > 0 && measured {
			// The steps left at the mean speed so far.
			left := time.Duration(float64(max(v.total-v.count, 0)) * float64(v.elapsed) / float64(v.count))
			parts = append(parts, formatDuration(left, true)+" left")
		}
	}
	return parts
}

// formatSpeed writes the mean speed of count steps in elapsed (both
// positive): steps per second, or seconds per step when that is below 1.
func formatSpeed(count int, elapsed time.Duration) string {
	perSecond := float64(count) * float64(time.Second) / float64(elapsed)
	if perSecond >= 1 {
		return formatRate(perSecond) + " steps/s"
	}
	return formatRate(float64(elapsed)/float64(time.Second)/float64(count)) + " s/step"
}

// String returns the state as one line of text, the bar drawn with # and
// dots.
func (v progressView) String() string {
	text := strings.Join(v.details(), " · ")
	if v.total <= 0 {
		return text
	}
	filled := int(math.Floor(v.fraction() * progressBarWidth))
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", progressBarWidth-filled) + "] " + text
}

// HTML returns the state as a bar followed by the details.
func (v progressView) HTML() string {
	var b strings.Builder
	b.WriteString(`<div style="font-family:monospace;font-size:12px;white-space:nowrap">`)
	if v.total > 0 {
		colour := progressRunningColor
		if v.finished {
			colour = progressDoneColor
		}
		fmt.Fprintf(&b, `<span style="display:inline-block;width:200px;height:10px;border:1px solid #888;`+
			`border-radius:2px;background:#eee;vertical-align:middle;overflow:hidden">`+
			`<span style="display:block;width:%.1f%%;height:100%%;background:%s"></span></span> `,
			100*v.fraction(), colour)
	}
	b.WriteString(strings.Join(v.details(), " · "))
	b.WriteString(`</div>`)
	return b.String()
}

// formatRate writes a rate with three significant digits at most and an
// SI suffix: 0.5, 42, 812, 5.2k, 52k, 1.3M.
func formatRate(r float64) string {
	switch {
	case r >= 1e9:
		return fmt.Sprintf("%.1fG", r/1e9)
	case r >= 1e7:
		return fmt.Sprintf("%.0fM", r/1e6)
	case r >= 1e6:
		return fmt.Sprintf("%.1fM", r/1e6)
	case r >= 1e4:
		return fmt.Sprintf("%.0fk", r/1e3)
	case r >= 1e3:
		return fmt.Sprintf("%.1fk", r/1e3)
	case r >= 10:
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.1f", r)
}

// formatDuration writes d as m:ss, or h:mm:ss from an hour on, rounding
// down (elapsed time) or up (time left).
func formatDuration(d time.Duration, roundUp bool) string {
	secs := int64(d / time.Second)
	if roundUp && d%time.Second != 0 {
		secs++
	}
	if secs < 0 {
		secs = 0
	}
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
