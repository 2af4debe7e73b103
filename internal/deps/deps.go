// Package deps pins the project dependencies while the packages that use them are being written.
package deps

import (
	_ "github.com/alecthomas/chroma/v2"
	_ "github.com/go-zeromq/zmq4"
	_ "github.com/google/uuid"
	_ "github.com/traefik/yaegi/interp"
	_ "github.com/traefik/yaegi/stdlib"
	_ "github.com/yuin/goldmark"
	_ "github.com/yuin/goldmark-highlighting/v2"
	_ "golang.org/x/sys/unix"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/plot"
)
