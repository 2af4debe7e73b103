package pages

// CodeColumns is the widest line of code, in columns (a tab counts
// tab-size = 4), that a lesson page shows without a horizontal scroll bar
// when the page has its full width. It follows from pageCSS: main is 56rem
// wide with 1.25rem of padding on each side, the prompt column takes
// --prompt = 5.5rem, and pre.code has 0.8rem of padding and a 1px border on
// each side, which leaves 46.4rem − 2px = 740.4px of a 16px rem for the
// code. Code is set at 0.875rem = 14px in the first monospace font
// available, whose advance is at most 0.602em (DejaVu Sans Mono and Menlo;
// SF Mono, Liberation Mono and Consolas are narrower): 8.43px per column,
// 87.8 columns. A test measures it in a real browser when one is installed.
const CodeColumns = 87

// pageCSS is the stylesheet of every page; the code colors follow it.
const pageCSS = `:root {
  --text: #1f2328; --muted: #656d76; --accent: #0b5cad; --line: #d8dee4;
  --code-bg: #f6f8fa; --err-bg: #fff1f0; --err: #b42318; --warn-bg: #fff8e6;
  --prompt: 5.5rem;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--text); background: #fff;
  font: 16px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif;
}
main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
a { color: var(--accent); }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.6em; }
h1 { font-size: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3em; }
h2 { font-size: 1.5rem; }
img, svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.35em 0.75em; }
th { background: var(--code-bg); }
blockquote { margin: 1em 0; padding: 0 1em; color: var(--muted); border-left: 0.25em solid var(--line); }
code, pre { font: 0.875rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
:not(pre) > code { background: var(--code-bg); padding: 0.15em 0.35em; border-radius: 4px; }
pre { margin: 0; padding: 0.6rem 0.8rem; overflow-x: auto; white-space: pre; tab-size: 4; }
.markdown pre, .cell.markdown pre { background: var(--code-bg); border-radius: 6px; margin: 1em 0; }
.bar { display: flex; gap: 1.5rem; justify-content: space-between; max-width: 56rem; margin: 0 auto;
  padding: 0.75rem 1.25rem; font-size: 0.9rem; border-bottom: 1px solid var(--line); }
.banner { background: var(--warn-bg); border: 1px solid #f0c36d; border-radius: 6px; padding: 0.6rem 0.9rem; }
.cell { margin: 0.9rem 0; }
details > summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: 0.4em 0; }
details.hidden-code > summary { font-weight: normal; font-size: 0.9rem; margin-left: var(--prompt); }
.cell.code .input, .cell.code .output { display: grid; grid-template-columns: var(--prompt) minmax(0, 1fr); }
.prompt { color: var(--muted); font: 0.8rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  text-align: right; padding: 0.65rem 0.6rem 0 0; user-select: none; }
.prompt.in { color: var(--accent); }
.prompt.out { color: #b35900; }
.input pre.code { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; }
.output > pre, .output > .rich { padding-top: 0.45rem; padding-bottom: 0.45rem; }
.output > .rich { min-width: 0; overflow-x: auto; padding-left: 0.8rem; padding-right: 0.8rem; }
.rich > pre { padding: 0; }
.widget-box { display: flex; gap: 0.3rem; }
.widget-vbox { flex-direction: column; }
.widget-hbox { flex-direction: row; flex-wrap: wrap; align-items: center; }
.widget-control { display: flex; align-items: center; gap: 0.6rem; font-size: 0.9rem; }
.widget-control input[type=range] { width: 16rem; }
.widget-label { min-width: 2rem; }
.widget-readout { font: 0.85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.widget-output .output { display: block; }
.rich > .markdown > :first-child, .rich > .html > :first-child { margin-top: 0; }
.rich > .markdown > :last-child, .rich > .html > :last-child { margin-bottom: 0; }
pre.stream.stderr { background: var(--err-bg); }
pre.error { background: var(--err-bg); color: var(--err); border-left: 3px solid var(--err); }
.cell.failed .input pre.code { border-color: var(--err); }
.stopped { color: var(--err); font-weight: 600; margin: 0.4rem 0.8rem; }
.math.display { display: block; overflow-x: auto; margin: 0.8em 0; text-align: center; }
.math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", serif; }
.footnotes { font-size: 0.9rem; color: var(--muted); border-top: 1px solid var(--line); margin-top: 2rem; }
ol.lessons { padding-left: 1.5rem; }
ol.lessons li { margin: 0.6rem 0; font-size: 1.1rem; }
ol.lessons .files { font-size: 0.85rem; color: var(--muted); margin-left: 0.5rem; }
ol.lessons .failure { font-size: 0.9rem; color: var(--err); }
@media (max-width: 40rem) {
  .cell.code .input, .cell.code .output { grid-template-columns: minmax(0, 1fr); }
  .prompt { text-align: left; padding: 0.3rem 0 0; }
  .prompt:empty { display: none; }
  details.hidden-code > summary { margin-left: 0; }
}
@media print {
  .bar { display: none; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  pre, pre.code { white-space: pre-wrap; word-break: break-word; overflow: visible; }
  .cell { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .output img { max-height: 9in; }
}
`
