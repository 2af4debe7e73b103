// Package pages renders executed notebooks as static HTML course pages: one
// self-contained page per lesson (inlined CSS, images as data URIs) and an
// index that links the lessons and their notebooks.
//
// Markdown is rendered with goldmark (GitHub tables, strikethrough, task
// lists, autolinks and footnotes). TeX between $...$ or $$...$$ is kept
// exactly as written and marked for MathJax, which a script loads from a
// CDN: online the math is typeset, offline it stays readable TeX. Code
// cells and fenced Go blocks are highlighted from the Go scanner's tokens.
package pages
