// Command extract writes the interpreter's symbol tables of the preloaded
// packages into the current directory: it runs `yaegi extract` on
// preload.Packages.
//
//	go run ../internal/extract
package main

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/descentlab/descent/kernel/preload"
)

func main() {
	args := append([]string{"run", "github.com/traefik/yaegi/cmd/yaegi", "extract"}, preload.Packages...)
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}
