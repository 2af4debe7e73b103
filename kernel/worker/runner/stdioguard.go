package runner

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// stdioGuard keeps the worker's standard streams working from one cell to
// the next. A cell can close os.Stdout or os.Stderr, assign another file
// to them, or close the descriptors under them (through os.NewFile); the
// text of every later cell would then vanish. After each cell (and before
// the next, for a goroutine that did it in between) the guard puts the
// descriptors and variables back and says what it repaired.
type stdioGuard struct {
	streams []*guardedStream
}

// guardedStream is one descriptor the worker depends on, and the variable
// cells know it by.
type guardedStream struct {
	name  string // how a cell knows it: "os.Stdout"
	fd    int
	spare int // a duplicate of the original descriptor, to restore it from
	ident unix.Stat_t
	// file is the variable cells see, nil for fd 2 (which only the Go
	// runtime writes to: its crash reports).
	file *(*os.File)
	orig *os.File // the file the variable is meant to hold
	// use tells the stream's writer about a new file; nil for fd 2.
	use func(*os.File)
}

// guard adds fd to the guarded streams. file and use may be nil.
func (g *stdioGuard) guard(name string, fd int, file *(*os.File), use func(*os.File)) error {
	spare, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 10)
	if err != nil {
		return fmt.Errorf("keeping a copy of %s (fd %d): %w", name, fd, err)
	}
	s := &guardedStream{name: name, fd: fd, spare: spare, file: file, use: use}
	if err := unix.Fstat(spare, &s.ident); err != nil {
		unix.Close(spare)
		return fmt.Errorf("keeping a copy of %s (fd %d): %w", name, fd, err)
	}
	if file != nil {
		s.orig = *file
	}
	g.streams = append(g.streams, s)
	return nil
}

// repair restores every stream a cell broke and returns a note saying
// which, or "".
func (g *stdioGuard) repair() string {
	if g == nil {
		return ""
	}
	var notes []string
	for _, s := range g.streams {
		if note := s.repair(); note != "" {
			notes = append(notes, note)
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return "(" + strings.Join(notes, "; ") + ")\n"
}

func (s *guardedStream) repair() string {
	var st unix.Stat_t
	fdOK := unix.Fstat(s.fd, &st) == nil && st.Dev == s.ident.Dev && st.Ino == s.ident.Ino
	closed := s.orig != nil && !isOpen(s.orig)
	replaced := s.file != nil && *s.file != s.orig
	if fdOK && !closed && !replaced {
		return ""
	}
	if !fdOK {
		if err := dupOnto(s.spare, s.fd); err != nil {
			return fmt.Sprintf("%s could not be restored: %v", s.name, err)
		}
	}
	if s.file == nil {
		return fmt.Sprintf("the cell closed or replaced file descriptor %d, where the Go runtime reports a crash; it is restored", s.fd)
	}
	if closed || !fdOK {
		// The descriptor is right again; the closed *os.File cannot be
		// reopened, so the variable gets a new one.
		s.orig = os.NewFile(uintptr(s.fd), s.orig.Name())
		if s.use != nil {
			s.use(s.orig)
		}
	}
	*s.file = s.orig
	switch {
	case closed || !fdOK:
		return fmt.Sprintf("%s was closed: what was written to it after that was lost; it is open again for the next cell", s.name)
	default:
		return fmt.Sprintf("%s was assigned another file; it is the cell's %s again for the next cell", s.name, strings.ToLower(strings.TrimPrefix(s.name, "os.")))
	}
}

// isOpen reports whether f has not been closed.
func isOpen(f *os.File) bool {
	rc, err := f.SyscallConn()
	return err == nil && rc.Control(func(uintptr) {}) == nil
}
