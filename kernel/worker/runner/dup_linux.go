package runner

import "golang.org/x/sys/unix"

// dupOnto makes newfd a duplicate of oldfd, closing what newfd was.
func dupOnto(oldfd, newfd int) error { return unix.Dup3(oldfd, newfd, 0) }
