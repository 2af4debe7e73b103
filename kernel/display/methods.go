package display

// methodFinder is a value whose display methods are found by name when it
// is shown, rather than in its Go method set. The kernel's interpreter
// hands over the value of a cell's last expression this way when its type,
// declared in a cell, has display methods: compiled code cannot see the
// methods of interpreted types. DisplayMethod returns the method called
// name (HTML, Markdown, SVG, LaTeX, PNG, GIF or JSON) bound to the value,
// as func() string, func() []byte or func() any like the interfaces above,
// and false when the value has no such method (a nil pointer has none).
type methodFinder interface {
	DisplayMethod(name string) (any, bool)
}

// richMethods are the display methods of a value; nil when it lacks one.
// Each calls the method only when called itself, so that Bundle can catch
// its panic.
type richMethods struct {
	html, markdown, svg, latex func() string
	png, gif                   func() []byte
	json                       func() any
}

// richMethodsOf finds the display methods of v: in its method set, or
// through methodFinder.
func richMethodsOf(v any) richMethods {
	var m richMethods
	if x, ok := v.(HTMLer); ok {
		m.html = func() string { return x.HTML() }
	}
	if x, ok := v.(Markdowner); ok {
		m.markdown = func() string { return x.Markdown() }
	}
	if x, ok := v.(SVGer); ok {
		m.svg = func() string { return x.SVG() }
	}
	if x, ok := v.(LaTeXer); ok {
		m.latex = func() string { return x.LaTeX() }
	}
	if x, ok := v.(PNGer); ok {
		m.png = func() []byte { return x.PNG() }
	}
	if x, ok := v.(GIFer); ok {
		m.gif = func() []byte { return x.GIF() }
	}
	if x, ok := v.(JSONer); ok {
		m.json = func() any { return x.JSON() }
	}
	if f, ok := v.(methodFinder); ok {
		m.html = found(f, "HTML", m.html)
		m.markdown = found(f, "Markdown", m.markdown)
		m.svg = found(f, "SVG", m.svg)
		m.latex = found(f, "LaTeX", m.latex)
		m.png = found(f, "PNG", m.png)
		m.gif = found(f, "GIF", m.gif)
		m.json = found(f, "JSON", m.json)
	}
	return m
}

// found returns the method f finds by name if it has type F, else have.
func found[F any](f methodFinder, name string, have F) F {
	if fn, ok := f.DisplayMethod(name); ok {
		if typed, ok := fn.(F); ok {
			return typed
		}
	}
	return have
}
