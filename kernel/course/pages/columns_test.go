package pages

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// widestMonoAdvance is the advance of the widest of the common monospace
// fonts the stylesheet may get, in em: DejaVu Sans Mono and Menlo (SF Mono
// and Liberation Mono have 0.600, Consolas 0.550).
const widestMonoAdvance = 0.602

// cssLength reads a length in rem from the stylesheet with re (one group).
func cssLength(t *testing.T, re string) float64 {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(pageCSS)
	if m == nil {
		t.Fatalf("the stylesheet has no match for %s", re)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCodeColumnsFollowTheStylesheet recomputes CodeColumns from the
// lengths in pageCSS, so that a change of layout changes the constant too.
func TestCodeColumnsFollowTheStylesheet(t *testing.T) {
	const rem = 16.0
	main := cssLength(t, `main \{ max-width: ([\d.]+)rem;`)
	mainPad := cssLength(t, `main \{[^}]*padding: [\d.]+rem ([\d.]+)rem`)
	prompt := cssLength(t, `--prompt: ([\d.]+)rem;`)
	prePad := cssLength(t, `pre \{[^}]*padding: [\d.]+rem ([\d.]+)rem;`)
	font := cssLength(t, `code, pre \{ font: ([\d.]+)rem/`)
	if !strings.Contains(pageCSS, ".input pre.code { background: var(--code-bg); border: 1px solid") {
		t.Fatal("the stylesheet no longer gives code cells a 1px border: update this test")
	}
	width := (main-2*mainPad-prompt-2*prePad)*rem - 2
	cols := width / (widestMonoAdvance * font * rem)
	if got := int(math.Floor(cols)); got != CodeColumns {
		t.Errorf("the stylesheet leaves %.1fpx for code, %.2f columns: CodeColumns should be %d, is %d", width, cols, got, CodeColumns)
	}
}

// TestCodeColumnsInABrowser renders a page, opens it in headless Chromium
// and measures how many characters of the page's monospace font fit in a
// code cell. It skips when Chromium is not installed.
func TestCodeColumnsInABrowser(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium: the stylesheet test above still holds CodeColumns to the CSS")
	}
	nb := &nbformat.Notebook{Cells: []*nbformat.Cell{codeCell(1, strings.Repeat("0", CodeColumns))}}
	var b bytes.Buffer
	if err := newRenderer(t).Lesson(&b, nb, Lesson{Title: "columns"}); err != nil {
		t.Fatal(err)
	}
	// The script writes the measurement into the DOM that --dump-dom prints.
	probe := `<script>
const pre = document.querySelector('.input pre.code'), cs = getComputedStyle(pre);
const inner = pre.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
const s = document.createElement('span'); s.textContent = '0'.repeat(100); pre.appendChild(s);
const cols = inner / (s.getBoundingClientRect().width / 100); s.remove();
document.body.setAttribute('data-columns', cols.toFixed(3));
document.body.setAttribute('data-overflow', pre.scrollWidth > pre.clientWidth);
</script>`
	page := strings.Replace(b.String(), "</body>", probe+"</body>", 1)
	// MathJax from the network is not needed and may not load: drop it.
	page = regexp.MustCompile(`<script defer src="[^"]*"></script>`).ReplaceAllString(page, "")
	file := filepath.Join(t.TempDir(), "columns.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless=new", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--window-size=1400,1000", "--dump-dom", "file://"+file)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --dump-dom: %v", browser, err)
	}
	m := regexp.MustCompile(`data-columns="([\d.]+)" data-overflow="(\w+)"`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the page did not report its columns:\n%s", out)
	}
	cols, _ := strconv.ParseFloat(string(m[1]), 64)
	t.Logf("a code cell holds %.2f columns", cols)
	if cols < CodeColumns || string(m[2]) != "false" {
		t.Errorf("a code cell holds %.2f columns (overflow %s): a line of CodeColumns = %d does not fit", cols, m[2], CodeColumns)
	}
	if cols >= CodeColumns+2 {
		t.Errorf("a code cell holds %.2f columns: CodeColumns = %d wastes the page's width", cols, CodeColumns)
	}
}
