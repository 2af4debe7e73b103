package pages

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mathClass marks an element whose TeX MathJax typesets; the page body
// carries mathIgnoreClass, so that a dollar sign anywhere else (in code or
// output) is left alone.
const (
	mathClass       = "tex2jax_process"
	mathIgnoreClass = "tex2jax_ignore"
)

// mathExtension keeps TeX in markdown untouched: $...$ and $$...$$ in a
// paragraph, and display blocks that start with a line beginning "$$".
// Emphasis, escapes and entities do not apply inside; the TeX is written
// with its delimiters, HTML-escaped.
type mathExtension struct{}

// Extend implements goldmark.Extender.
func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 650)),
		parser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 150)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 150)))
}

var (
	kindMathInline = ast.NewNodeKind("MathInline")
	kindMathBlock  = ast.NewNodeKind("MathBlock")
)

// mathInline is $...$ (Display false) or $$...$$ within a paragraph; its
// segments are the TeX between the delimiters.
type mathInline struct {
	ast.BaseInline
	Display  bool
	segments []text.Segment
}

// Kind implements ast.Node.
func (n *mathInline) Kind() ast.NodeKind { return kindMathInline }

// Dump implements ast.Node.
func (n *mathInline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"TeX": string(n.tex(source))}, nil)
}

func (n *mathInline) tex(source []byte) []byte {
	var b bytes.Buffer
	for _, s := range n.segments {
		b.Write(s.Value(source))
	}
	return b.Bytes()
}

// mathBlock is a display block from a line starting "$$" to a line ending
// "$$"; its lines include the delimiters.
type mathBlock struct {
	ast.BaseBlock
	closed bool
}

// Kind implements ast.Node.
func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

// IsRaw implements ast.Node: the block holds TeX, not inline markdown.
func (n *mathBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *mathBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type mathInlineParser struct{}

// Trigger implements parser.InlineParser.
func (mathInlineParser) Trigger() []byte { return []byte{'$'} }

// Parse reads $TeX$ or $$TeX$$, possibly over several lines of the
// paragraph. As in Pandoc, an opening single $ must be followed by a
// non-space and a closing one preceded by a non-space and not followed by a
// digit, so that "$5 and $6" stays text. A backslash escapes the next
// character, so \$ does not close.
func (mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	display := len(line) >= 2 && line[1] == '$'
	open := 1
	if display {
		open = 2
	} else if len(line) < 2 || isSpace(line[1]) {
		return nil
	}
	savedLine, savedPos := block.Position()
	block.Advance(open)
	node := &mathInline{Display: display}
	for {
		line, segment := block.PeekLine()
		if line == nil {
			block.SetPosition(savedLine, savedPos)
			return nil
		}
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\':
				i++
				continue
			case c != '$':
				continue
			}
			if display {
				if i+1 < len(line) && line[i+1] == '$' {
					node.segments = append(node.segments, segment.WithStop(segment.Start+i))
					block.Advance(i + 2)
					return node
				}
				continue
			}
			if i == 0 || isSpace(line[i-1]) || (i+1 < len(line) && isDigit(line[i+1])) {
				continue
			}
			node.segments = append(node.segments, segment.WithStop(segment.Start+i))
			block.Advance(i + 1)
			return node
		}
		node.segments = append(node.segments, segment)
		block.AdvanceLine()
	}
}

type mathBlockParser struct{}

// Trigger implements parser.BlockParser.
func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

// Open starts a block at a line "$$..." that is either all of the display
// ("$$ x^2 $$") or has no closing "$$" (the display goes on below).
func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	rest := bytes.TrimRight(line[pos+2:], " \t\r\n")
	node := &mathBlock{}
	switch i := bytes.Index(rest, []byte("$$")); {
	case i < 0:
	case i == len(rest)-2:
		node.closed = true
	default:
		return nil, parser.NoChildren // "$$a$$ and text" is a paragraph
	}
	node.Lines().Append(text.NewSegment(segment.Start+pos, segment.Stop))
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// Continue adds lines up to the one that ends with "$$". A blank line,
// which TeX does not allow in math, ends an unclosed display.
func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*mathBlock)
	if n.closed {
		return parser.Close
	}
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	n.Lines().Append(segment)
	reader.AdvanceToEOL()
	if bytes.HasSuffix(bytes.TrimRight(line, " \t\r\n"), []byte("$$")) {
		n.closed = true
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser.
func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// CanInterruptParagraph implements parser.BlockParser.
func (mathBlockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.
func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

type mathRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMathInline, renderMathInline)
	reg.Register(kindMathBlock, renderMathBlock)
}

func renderMathInline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*mathInline)
	delim, kind := "$", "inline"
	if n.Display {
		delim, kind = "$$", "display"
	}
	w.WriteString(`<span class="math ` + kind + ` ` + mathClass + `">`)
	w.WriteString(html.EscapeString(delim + string(n.tex(source)) + delim))
	w.WriteString(`</span>`)
	return ast.WalkSkipChildren, nil
}

func renderMathBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var tex bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		tex.Write(seg.Value(source))
	}
	w.WriteString(`<div class="math display ` + mathClass + `">`)
	w.WriteString(html.EscapeString(string(bytes.TrimRight(tex.Bytes(), " \t\r\n"))))
	w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
