package figure

import "math"

// contourSet holds the contour lines of a grid at each level, as polylines
// in data coordinates: lines[k] are the lines at levels[k].
type contourSet struct {
	levels []float64
	lines  [][][]Point
	points int
	// cmap maps values to colours consistently with the levels.
	cmap levelMap
}

// bytes estimates the memory the set holds.
func (s *contourSet) bytes() int64 { return int64(16*s.points + 8*len(s.levels) + 64) }

// contourLines traces the contours of g at each level with marching
// squares. A grid corner counts as inside when z > level; where a cell's
// corners alternate (a saddle cell) the mean of the four corners decides
// which pair is joined. Cells with a blank (NaN) corner are skipped.
// Segments are joined into polylines through the grid edges they share, so
// a closed contour becomes one closed polyline.
func contourLines(g *SurfaceGrid, levels []float64) *contourSet {
	set := &contourSet{levels: levels, lines: make([][][]Point, len(levels))}
	t := newTracer(g)
	for k, level := range levels {
		set.lines[k] = t.trace(level)
		for _, l := range set.lines[k] {
			set.points += len(l)
		}
	}
	return set
}

// Edge numbering: horizontal edge (i, j) joins corners (i, j) and (i+1, j)
// and is numbered j·(nx−1) + i; vertical edge (i, j) joins (i, j) and
// (i, j+1) and is numbered nh + j·nx + i, where nh = ny·(nx−1).

// tracer holds the work buffers of contourLines, reused across levels.
type tracer struct {
	g      *SurfaceGrid
	nx, ny int
	nh     int
	// link[e] are the two edges joined to edge e by segments (−1: none).
	link [][2]int32
	// touched lists the edges with a link, to reset them cheaply.
	touched []int32
	used    []bool
}

func newTracer(g *SurfaceGrid) *tracer {
	nx, ny := g.Dims()
	n := ny*(nx-1) + nx*(ny-1)
	t := &tracer{g: g, nx: nx, ny: ny, nh: ny * (nx - 1), link: make([][2]int32, n), used: make([]bool, n)}
	for i := range t.link {
		t.link[i] = [2]int32{-1, -1}
	}
	return t
}

// Cell sides, in the order of the bits of a cell's case: bottom, right,
// top, left.
const (
	sideBottom = iota
	sideRight
	sideTop
	sideLeft
)

// caseSegments lists, for each case (bit 0: corner (i,j) inside, bit 1:
// (i+1,j), bit 2: (i+1,j+1), bit 3: (i,j+1)), the pairs of sides a segment
// joins. Cases 5 and 10 are saddles; their entry is the pairing used when
// the cell's mean is outside (each inside corner is cut off on its own),
// and saddleSegments holds the other one.
var caseSegments = [16][][2]int{
	0:  nil,
	1:  {{sideLeft, sideBottom}},
	2:  {{sideBottom, sideRight}},
	3:  {{sideLeft, sideRight}},
	4:  {{sideRight, sideTop}},
	5:  {{sideLeft, sideBottom}, {sideRight, sideTop}},
	6:  {{sideBottom, sideTop}},
	7:  {{sideLeft, sideTop}},
	8:  {{sideTop, sideLeft}},
	9:  {{sideTop, sideBottom}},
	10: {{sideBottom, sideRight}, {sideTop, sideLeft}},
	11: {{sideTop, sideRight}},
	12: {{sideRight, sideLeft}},
	13: {{sideRight, sideBottom}},
	14: {{sideBottom, sideLeft}},
	15: nil,
}

// saddleSegments are the other pairings of cases 5 and 10, used when the
// cell's mean is inside: the inside corners connect through the centre and
// the outside corners are cut off instead.
var saddleSegments = map[int][][2]int{
	5:  {{sideBottom, sideRight}, {sideTop, sideLeft}},
	10: {{sideLeft, sideBottom}, {sideRight, sideTop}},
}

// edge returns the number of side s of cell (i, j).
func (t *tracer) edge(i, j, s int) int32 {
	switch s {
	case sideBottom:
		return int32(j*(t.nx-1) + i)
	case sideTop:
		return int32((j+1)*(t.nx-1) + i)
	case sideLeft:
		return int32(t.nh + j*t.nx + i)
	default: // sideRight
		return int32(t.nh + j*t.nx + i + 1)
	}
}

// trace returns the polylines of one level.
func (t *tracer) trace(level float64) [][]Point {
	for _, e := range t.touched {
		t.link[e] = [2]int32{-1, -1}
		t.used[e] = false
	}
	t.touched = t.touched[:0]
	z := t.g.z
	nx := t.nx
	for j := 0; j < t.ny-1; j++ {
		for i := 0; i < nx-1; i++ {
			z00, z10 := z[j*nx+i], z[j*nx+i+1]
			z01, z11 := z[(j+1)*nx+i], z[(j+1)*nx+i+1]
			if math.IsNaN(z00) || math.IsNaN(z10) || math.IsNaN(z01) || math.IsNaN(z11) {
				continue
			}
			c := 0
			if z00 > level {
				c |= 1
			}
			if z10 > level {
				c |= 2
			}
			if z11 > level {
				c |= 4
			}
			if z01 > level {
				c |= 8
			}
			segs := caseSegments[c]
			if (c == 5 || c == 10) && (z00+z10+z01+z11)/4 > level {
				segs = saddleSegments[c]
			}
			for _, s := range segs {
				t.join(t.edge(i, j, s[0]), t.edge(i, j, s[1]))
			}
		}
	}
	return t.chains(level)
}

// join records a segment between edges a and b.
func (t *tracer) join(a, b int32) {
	t.addLink(a, b)
	t.addLink(b, a)
}

func (t *tracer) addLink(a, b int32) {
	l := &t.link[a]
	switch {
	case l[0] < 0:
		l[0] = b
		t.touched = append(t.touched, a)
	case l[1] < 0:
		l[1] = b
	}
}

// chains walks the linked edges into polylines: first the open chains
// (from an end with a single link), then the closed loops.
func (t *tracer) chains(level float64) [][]Point {
	var out [][]Point
	for pass := 0; pass < 2; pass++ {
		for _, e := range t.touched {
			if t.used[e] {
				continue
			}
			open := t.link[e][1] < 0
			if pass == 0 && !open {
				continue
			}
			out = append(out, t.walk(e, level, !open))
		}
	}
	return out
}

// walk follows links from edge start until the chain ends or returns to
// start (closed: the first point is repeated at the end).
func (t *tracer) walk(start int32, level float64, closed bool) []Point {
	line := []Point{t.crossing(start, level)}
	t.used[start] = true
	prev, cur := int32(-1), start
	for {
		l := t.link[cur]
		next := l[0]
		if next == prev || t.used[next] {
			next = l[1]
		}
		if next < 0 || t.used[next] {
			if closed {
				line = append(line, line[0])
			}
			return line
		}
		line = append(line, t.crossing(next, level))
		t.used[next] = true
		prev, cur = cur, next
	}
}

// crossing returns where the level crosses edge e, by linear interpolation
// between its two corners.
func (t *tracer) crossing(e int32, level float64) Point {
	nx := t.nx
	var i0, j0, i1, j1 int
	if int(e) < t.nh {
		j0 = int(e) / (nx - 1)
		i0 = int(e) % (nx - 1)
		i1, j1 = i0+1, j0
	} else {
		v := int(e) - t.nh
		j0, i0 = v/nx, v%nx
		i1, j1 = i0, j0+1
	}
	za, zb := t.g.z[j0*nx+i0], t.g.z[j1*nx+i1]
	w := 0.5
	if zb != za {
		w = (level - za) / (zb - za)
	}
	xa, ya := t.g.xs[i0], t.g.ys[j0]
	xb, yb := t.g.xs[i1], t.g.ys[j1]
	return Point{X: xa + w*(xb-xa), Y: ya + w*(yb-ya)}
}
