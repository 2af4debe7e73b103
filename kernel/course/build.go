package course

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/descentlab/descent/internal/atomicfile"
	"github.com/descentlab/descent/kernel/course/execute"
	"github.com/descentlab/descent/kernel/course/pages"
	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// IndexTitle is the title of the course index.
const IndexTitle = "Lessons"

// Options tune Build.
type Options struct {
	// Out is the directory the course is written to; it is created if
	// needed.
	Out string
	// KernelArgv is the kernel's command line, with "{connection_file}".
	KernelArgv []string
	// Timeout bounds each cell; 0 means no limit.
	Timeout time.Duration
	// AllowErrors keeps executing a notebook after a cell's error.
	AllowErrors bool
	// Progress receives the progress lines, problems as they happen, and
	// the kernels' stderr; nil discards them.
	Progress io.Writer
}

// Report says what Build did.
type Report struct {
	// Lessons are the lessons written, in order.
	Lessons []pages.Lesson
	// Failures are the notebooks that failed: unreadable, a kernel that
	// did not start, a cell that failed, a file that could not be written.
	Failures []error
	// AllowedErrors counts the cells whose errors were allowed.
	AllowedErrors int
	// Index is the path of the index page.
	Index string
}

// Build executes the notebooks at paths, in order, and writes into
// opts.Out, for a notebook NAME.ipynb, the executed NAME.ipynb and its page
// NAME.html, then index.html. A notebook that fails is written as far as it
// ran, and Build goes on with the next one; its failures are in the report.
// The error is for what stops the whole build (the output directory cannot
// be made, ctx ended).
func Build(ctx context.Context, paths []string, opts Options) (*Report, error) {
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, fmt.Errorf("making the output directory: %w", err)
	}
	renderer, err := pages.New()
	if err != nil {
		return nil, err
	}
	report := &Report{Index: filepath.Join(opts.Out, "index.html")}
	for _, path := range paths {
		if ctx.Err() != nil {
			break
		}
		lesson, allowed, failure := buildLesson(ctx, renderer, path, opts, progress)
		report.AllowedErrors += allowed
		if failure != nil {
			fmt.Fprintf(progress, "descent run: %v\n", failure)
			report.Failures = append(report.Failures, failure)
		}
		if lesson != nil {
			report.Lessons = append(report.Lessons, *lesson)
		}
	}
	var index bytes.Buffer
	if err := renderer.Index(&index, IndexTitle, report.Lessons); err != nil {
		return report, fmt.Errorf("rendering the index: %w", err)
	}
	if err := writeFile(report.Index, index.Bytes()); err != nil {
		return report, err
	}
	return report, ctx.Err()
}

// buildLesson executes one notebook and writes its files. The lesson is
// nil when the notebook could not be read.
func buildLesson(ctx context.Context, renderer *pages.Renderer, path string, opts Options, progress io.Writer) (*pages.Lesson, int, error) {
	name := filepath.Base(path)
	stem := strings.TrimSuffix(name, ".ipynb")
	nb, err := nbformat.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("notebook %s: %w", name, err)
	}
	lesson := &pages.Lesson{Page: stem + ".html", Notebook: stem + ".ipynb"}
	res, runErr := execute.Run(ctx, opts.KernelArgv, nb, execute.Options{
		Name: name, Timeout: opts.Timeout, AllowErrors: opts.AllowErrors, Progress: progress,
	})
	allowed := 0
	if res != nil {
		allowed = len(res.Errors)
	}
	if runErr != nil {
		lesson.Failure = runErr.Error()
		var cellErr *execute.CellFailure
		if errors.As(runErr, &cellErr) {
			lesson.FailedCell = cellErr.Cell
		}
	}
	lesson.Title = pages.Title(nb)
	if lesson.Title == "" {
		lesson.Title = stem
	}
	if err := nbformat.WriteFile(filepath.Join(opts.Out, lesson.Notebook), nb); err != nil {
		return lesson, allowed, errors.Join(runErr, fmt.Errorf("notebook %s: writing the executed notebook: %w", name, err))
	}
	var page bytes.Buffer
	if err := renderer.Lesson(&page, nb, *lesson); err != nil {
		return lesson, allowed, errors.Join(runErr, fmt.Errorf("notebook %s: rendering the page: %w", name, err))
	}
	if err := writeFile(filepath.Join(opts.Out, lesson.Page), page.Bytes()); err != nil {
		return lesson, allowed, errors.Join(runErr, err)
	}
	return lesson, allowed, runErr
}

// writeFile writes data to path through a temporary file, so that a
// failed write leaves the previous file.
func writeFile(path string, data []byte) error {
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
