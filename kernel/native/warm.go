package native

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Warm compiles ahead, into the go command's build cache, what every
// plugin needs: the packages given (the preloaded ones) and the standard
// library's common packages, in plugin mode, and the symbol extractor.
// The first %%compile cell or %go get then takes seconds instead of half a
// minute. Progress goes to out.
func (b *Builder) Warm(ctx context.Context, packages []string, out io.Writer) error {
	start := time.Now()
	if _, err := b.extractHelper(ctx); err != nil {
		return err
	}
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n")
	for _, p := range append(warmStd, packages...) {
		src.WriteString("\t_ " + strconv.Quote(p) + "\n")
	}
	src.WriteString(")\n")
	fmt.Fprintf(out, "compiling %d packages and what they import for Go plugins (%s)...\n", len(warmStd)+len(packages), b.tc.Version)
	b.mu.Lock()
	built, err := b.build(ctx, map[string][]byte{"warm.go": []byte(src.String())}, nil)
	b.mu.Unlock()
	if err != nil {
		return fmt.Errorf("compiling for plugins: %w", err)
	}
	// The plugin itself is of no use; the build cache keeps the packages.
	os.Remove(built.file)
	fmt.Fprintf(out, "done in %.0f s: the first %%%%compile cell or %%go get now takes seconds\n", time.Since(start).Seconds())
	return nil
}

// warmStd are the standard packages cells commonly use, compiled by Warm.
var warmStd = []string{
	"bufio", "bytes", "errors", "fmt", "io", "math", "math/cmplx", "math/rand", "math/rand/v2", "os",
	"reflect", "slices", "maps", "sort", "strconv", "strings", "sync", "time", "unicode",
	"go/constant",
}
