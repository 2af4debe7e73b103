package pages

import "html/template"

// The MathJax that typesets the pages' TeX when the page is online. Only
// elements of class tex2jax_process are read, inside a body of class
// tex2jax_ignore, so dollar signs in code and outputs stay as they are.
const (
	mathScriptURL = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"
	mathConfig    = `window.MathJax = {
  tex: {
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true
  },
  options: {ignoreHtmlClass: 'tex2jax_ignore', processHtmlClass: 'tex2jax_process'}
};`
)

type lessonData struct {
	Title       string
	CSS         template.CSS
	Notebook    string
	Failure     string
	FailedCell  int
	Cells       []template.HTML
	MathConfig  template.JS
	MathScript  string
	IgnoreClass string
}

type indexData struct {
	Title   string
	CSS     template.CSS
	Lessons []Lesson
}

var lessonTemplate = template.Must(template.New("lesson").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}
</style>
<script>
{{.MathConfig}}
</script>
<script defer src="{{.MathScript}}"></script>
</head>
<body class="{{.IgnoreClass}}">
<nav class="bar"><a href="index.html">&larr; All lessons</a>{{if .Notebook}}<a href="{{.Notebook}}" download>Download the notebook</a>{{end}}</nav>
<main>
{{- if .Failure}}
<p class="banner">{{if .FailedCell}}This page is incomplete, execution stopped: {{.Failure}} (<a href="#failed">see cell {{.FailedCell}}</a>){{else}}This page is incomplete, the notebook was not executed: {{.Failure}}{{end}}</p>
{{- end}}
{{range .Cells}}{{.}}{{end -}}
</main>
</body>
</html>
`))

var indexTemplate = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<ol class="lessons">
{{- range .Lessons}}
<li><a class="lesson" href="{{.Page}}">{{.Title}}</a> <span class="files"><a href="{{.Page}}">page</a> · <a href="{{.Notebook}}" download>notebook</a></span>
{{- if .Failure}}<div class="failure">{{if .FailedCell}}Execution stopped{{else}}Not executed{{end}}: {{.Failure}}</div>{{end}}</li>
{{- end}}
</ol>
</main>
</body>
</html>
`))
