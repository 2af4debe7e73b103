package goeval

// The builtins min and max of floating-point values, which the rewriter
// calls in place of min and max of float32 and float64 values (see
// stdsource.go): compiled, so that -0.0 keeps its sign on the way in.

func minFloat64(x, y float64) float64 { return min(x, y) }
func maxFloat64(x, y float64) float64 { return max(x, y) }
func minFloat32(x, y float32) float32 { return min(x, y) }
func maxFloat32(x, y float32) float32 { return max(x, y) }
