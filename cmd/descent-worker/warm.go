package main

import (
	"context"
	"fmt"
	"io"

	"github.com/descentlab/descent/kernel/native"
	"github.com/descentlab/descent/kernel/preload"
)

// WarmArg is the subcommand that compiles ahead, into the user's Go build
// cache, what the Go plugins of %go get and %%compile need.
const WarmArg = "warm"

// warm runs the warm subcommand; it reports to out.
func warm(out io.Writer) int {
	ctx := context.Background()
	b, err := native.New(ctx, native.Options{})
	if err != nil {
		fmt.Fprintf(out, "descent-worker warm: %v\n", err)
		return 1
	}
	if err := b.Warm(ctx, preload.Packages, out); err != nil {
		fmt.Fprintf(out, "descent-worker warm: %v\n", err)
		return 1
	}
	return 0
}
