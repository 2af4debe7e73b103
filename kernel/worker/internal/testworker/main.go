// Command testworker is the worker process the supervisor's tests start: the
// production worker plus a package of compiled helpers, descent.test/hooks.
package main

import (
	"fmt"
	"os"
	"reflect"
	"syscall"
	"time"

	"github.com/traefik/yaegi/interp"
	"golang.org/x/sys/unix"

	"github.com/descentlab/descent/kernel/worker/runner"
)

func main() {
	os.Exit(runner.Run(runner.Config{Exports: []interp.Exports{hooks()}}))
}

// hooks are compiled functions cells call to act as compiled code does.
func hooks() interp.Exports {
	return interp.Exports{"descent.test/hooks/hooks": {
		// PrintCompiled prints a line from compiled code (fd 1).
		"PrintCompiled": reflect.ValueOf(func(s string) { fmt.Println(s) }),
		// WriteBytes writes raw bytes to fd 1, possibly part of a character.
		"WriteBytes": reflect.ValueOf(func(b []byte) { os.Stdout.Write(b) }),
		// PrintRuntime writes a line to fd 2, as the builtin println does.
		"PrintRuntime": reflect.ValueOf(func(s string) { println(s) }),
		// Exit ends the process.
		"Exit": reflect.ValueOf(os.Exit),
		// PrintThenSleep prints msg from compiled code, then calls
		// time.Sleep(d): once msg is seen the cell is in the sleep.
		"PrintThenSleep": reflect.ValueOf(func(msg string, d time.Duration) {
			fmt.Println(msg)
			time.Sleep(d)
		}),
		// Raise sends the signal named (e.g. "SIGSEGV") to the process, as
		// another process could.
		"Raise": reflect.ValueOf(func(name string) {
			syscall.Kill(os.Getpid(), unix.SignalNum(name))
			time.Sleep(time.Minute)
		}),
		// GoPanic panics in a compiled goroutine.
		"GoPanic": reflect.ValueOf(func(msg string) {
			go func() { panic(msg) }()
			time.Sleep(time.Minute)
		}),
	}}
}
