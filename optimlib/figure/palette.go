package figure

import (
	"image/color"
	"math"
)

// The Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), which
// stay distinct under the common forms of colour blindness.
var (
	okabeBlack         = color.RGBA{0x00, 0x00, 0x00, 0xff}
	okabeOrange        = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	okabeSkyBlue       = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	okabeBluishGreen   = color.RGBA{0x00, 0x9e, 0x73, 0xff}
	okabeYellow        = color.RGBA{0xf0, 0xe4, 0x42, 0xff}
	okabeBlue          = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	okabeVermillion    = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	okabeReddishPurple = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
)

// seriesOrder is the order in which series take colours: the strongest
// contrasts on white first, yellow last.
var seriesOrder = [...]color.RGBA{
	okabeBlue, okabeVermillion, okabeBluishGreen, okabeReddishPurple,
	okabeOrange, okabeSkyBlue, okabeBlack, okabeYellow,
}

// SeriesColor returns the colour of series i (0-based) in every figure of
// this package: the Okabe–Ito palette in the order blue, vermillion, bluish
// green, reddish purple, orange, sky blue, black, yellow, repeating after
// eight series.
func SeriesColor(i int) color.RGBA {
	n := len(seriesOrder)
	return seriesOrder[((i%n)+n)%n]
}

// OkabeIto returns the eight Okabe–Ito colours in their usual order: black,
// orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
func OkabeIto() []color.RGBA {
	return []color.RGBA{
		okabeBlack, okabeOrange, okabeSkyBlue, okabeBluishGreen,
		okabeYellow, okabeBlue, okabeVermillion, okabeReddishPurple,
	}
}

// viridisStops samples the viridis colour map at 0, 1/8, ..., 1; Viridis
// interpolates between them.
var viridisStops = [...]color.RGBA{
	{68, 1, 84, 255},
	{71, 44, 122, 255},
	{59, 81, 139, 255},
	{44, 113, 142, 255},
	{33, 144, 141, 255},
	{39, 173, 129, 255},
	{92, 200, 99, 255},
	{170, 220, 50, 255},
	{253, 231, 37, 255},
}

// Viridis returns the viridis colour at t in [0, 1] (dark purple at 0,
// yellow at 1; t outside [0, 1] is clamped, NaN gives the colour at 0). Its
// lightness grows steadily with t, so it reads correctly in grey and for
// colour-blind readers.
func Viridis(t float64) color.RGBA {
	if !(t > 0) {
		return viridisStops[0]
	}
	if t >= 1 {
		return viridisStops[len(viridisStops)-1]
	}
	pos := t * float64(len(viridisStops)-1)
	i := int(pos)
	return mix(viridisStops[i], viridisStops[i+1], pos-float64(i))
}

// mix returns a + w·(b − a) channel by channel, w in [0, 1].
func mix(a, b color.RGBA, w float64) color.RGBA {
	ch := func(x, y uint8) uint8 {
		return uint8(math.Round(float64(x) + w*(float64(y)-float64(x))))
	}
	return color.RGBA{ch(a.R, b.R), ch(a.G, b.G), ch(a.B, b.B), ch(a.A, b.A)}
}

// lighten mixes c with white by w in [0, 1].
func lighten(c color.RGBA, w float64) color.RGBA {
	return mix(c, color.RGBA{255, 255, 255, 255}, w)
}

// toRGBA converts any colour to 8-bit premultiplied RGBA (nil gives opaque
// black).
func toRGBA(c color.Color) color.RGBA {
	if c == nil {
		return okabeBlack
	}
	return color.RGBAModel.Convert(c).(color.RGBA)
}

// color3 returns the opaque grey with all three channels v.
func color3(v uint8) color.RGBA { return color.RGBA{v, v, v, 255} }
