// Command logo draws the descent kernel logos, install/logo-32x32.png and
// install/logo-64x64.png: a descent path zigzagging down the contour rings
// of a valley to its minimum. Run it from the repository root:
//
//	go run ./install/logo
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

func main() {
	dir := flag.String("dir", "install", "directory to write the PNG files to")
	flag.Parse()
	for _, size := range []int{32, 64} {
		path := filepath.Join(*dir, fmt.Sprintf("logo-%dx%d.png", size, size))
		if err := writePNG(path, render(size)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rgba is a colour with straight alpha, components in [0, 1].
type rgba struct{ r, g, b, a float64 }

var (
	background = rgba{0.114, 0.157, 0.259, 1} // deep blue
	ring       = rgba{0.427, 0.639, 0.878, 1} // light blue
	path       = rgba{0.976, 0.576, 0.200, 1} // orange
	minimum    = rgba{1, 1, 1, 1}
)

// The valley: elliptic contours centred at (cx, cy) in unit coordinates,
// tilted by angle, and the iterates of gradient descent with a step that
// overshoots across the narrow axis, as descent does in a valley.
const (
	cx, cy  = 0.57, 0.57
	angle   = 0.55
	ratio   = 2.3 // long axis / short axis
	samples = 8   // supersampling per pixel side
)

// valley returns the "radius" of (x, y): contours are its level sets.
func valley(x, y float64) float64 {
	dx, dy := x-cx, y-cy
	c, s := math.Cos(angle), math.Sin(angle)
	u := c*dx + s*dy
	v := -s*dx + c*dy
	return math.Hypot(u/ratio, v)
}

// iterates runs gradient descent on the valley from a start point near the
// top left and returns its first points.
func iterates() [][2]float64 {
	c, s := math.Cos(angle), math.Sin(angle)
	// In the valley's frame f = (u/ratio)^2 + v^2, and a step of 0.8
	// overshoots across the valley (v flips sign) while u creeps along it.
	u, v := -0.56, 0.10
	const step = 0.8
	var pts [][2]float64
	for range 9 {
		x := cx + c*u - s*v
		y := cy + s*u + c*v
		pts = append(pts, [2]float64{x, y})
		u -= step * 2 * u / (ratio * ratio)
		v -= step * 2 * v
	}
	return pts
}

// render draws the logo at size×size pixels.
func render(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	pts := iterates()
	px := 1 / float64(size) // one pixel in unit coordinates
	lineW := math.Max(0.035, 1.3*px)
	ringW := math.Max(0.012, 0.6*px)
	dotR := math.Max(0.045, 1.6*px)
	for py := range size {
		for pxi := range size {
			var acc rgba
			for sy := range samples {
				for sx := range samples {
					x := (float64(pxi) + (float64(sx)+0.5)/samples) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/samples) / float64(size)
					c := shade(x, y, pts, lineW, ringW, dotR)
					acc.r += c.r * c.a
					acc.g += c.g * c.a
					acc.b += c.b * c.a
					acc.a += c.a
				}
			}
			n := float64(samples * samples)
			out := color.NRGBA{}
			if acc.a > 0 {
				out = color.NRGBA{
					R: uint8(math.Round(255 * acc.r / acc.a)),
					G: uint8(math.Round(255 * acc.g / acc.a)),
					B: uint8(math.Round(255 * acc.b / acc.a)),
					A: uint8(math.Round(255 * acc.a / n)),
				}
			}
			img.SetNRGBA(pxi, py, out)
		}
	}
	return img
}

// shade returns the colour of the point (x, y) of the unit square.
func shade(x, y float64, pts [][2]float64, lineW, ringW, dotR float64) rgba {
	if !insideRoundedSquare(x, y, 0.18) {
		return rgba{}
	}
	c := background
	r := valley(x, y)
	for _, level := range []float64{0.07, 0.15, 0.24, 0.34} {
		if math.Abs(r-level) < ringW {
			c = ring
		}
	}
	for i := 0; i+1 < len(pts); i++ {
		if segmentDistance(x, y, pts[i], pts[i+1]) < lineW/2 {
			c = path
		}
	}
	for _, p := range pts[:len(pts)-1] {
		if math.Hypot(x-p[0], y-p[1]) < dotR*0.75 {
			c = path
		}
	}
	if math.Hypot(x-cx, y-cy) < dotR {
		c = minimum
	}
	return c
}

func insideRoundedSquare(x, y, radius float64) bool {
	qx := math.Max(math.Abs(x-0.5)-(0.5-radius), 0)
	qy := math.Max(math.Abs(y-0.5)-(0.5-radius), 0)
	return math.Hypot(qx, qy) <= radius
}

func segmentDistance(x, y float64, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := ((x-a[0])*dx + (y-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(a[0]+t*dx), y-(a[1]+t*dy))
}
