package pages

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// newMarkdown returns the goldmark converter of the pages: GFM, footnotes,
// math kept for MathJax, fenced code highlighted with CSS classes, heading
// ids, and raw HTML passed through (a lesson's author writes it).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			mathExtension{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(fencedCode{}, 100))),
	)
}

// renderMarkdown renders src. ids gives the headings of one page unique
// ids; attachments resolve "attachment:NAME" image links to data URIs.
func (r *Renderer) renderMarkdown(src string, ids *headingIDs, attachments map[string]nbformat.MimeBundle) (string, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := r.md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	if len(attachments) > 0 {
		resolveAttachments(doc, attachments)
	}
	var b bytes.Buffer
	if err := r.md.Renderer().Render(&b, source, doc); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	return b.String(), nil
}

// resolveAttachments points the images of doc that link to
// "attachment:NAME" at the attachment's data.
func resolveAttachments(doc ast.Node, attachments map[string]nbformat.MimeBundle) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		name, found := strings.CutPrefix(string(img.Destination), "attachment:")
		if !found {
			return ast.WalkContinue, nil
		}
		if uri := attachmentURI(attachments[name]); uri != "" {
			img.Destination = []byte(uri)
		}
		return ast.WalkContinue, nil
	})
}

// attachmentURI is a data URI of the first image in bundle.
func attachmentURI(bundle nbformat.MimeBundle) string {
	for _, mime := range []string{"image/png", "image/jpeg", "image/gif", "image/webp"} {
		if s, ok := bundle.Text(mime); ok {
			return "data:" + mime + ";base64," + compactBase64(s)
		}
	}
	if s, ok := bundle.Text("image/svg+xml"); ok {
		return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(s))
	}
	return ""
}

// compactBase64 drops the line breaks nbformat may keep in base64 data.
func compactBase64(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// headingIDs gives the headings of one page unique ids, across all its
// markdown cells: "Gradient descent" becomes "gradient-descent", a second
// one "gradient-descent-1".
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	base := b.String()
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; ids.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	ids.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

// fencedCode renders fenced code blocks with the pages' highlighter.
type fencedCode struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (fencedCode) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		block := n.(*ast.FencedCodeBlock)
		var src bytes.Buffer
		lines := block.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			src.Write(seg.Value(source))
		}
		language := ""
		if block.Info != nil {
			language = string(block.Language(source))
		}
		if language == "" {
			language = "text" // an unmarked fence is not assumed to be Go
		}
		_, err := w.WriteString((&highlighter{}).Highlight(src.String(), language) + "\n")
		return ast.WalkSkipChildren, err
	})
}
