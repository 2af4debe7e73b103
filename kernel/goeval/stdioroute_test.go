package goeval

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// orderLog records what each stream receives, in the order of the writes;
// consecutive writes to one stream are joined, as the kernel joins them.
type orderLog struct {
	mu     sync.Mutex
	writes []string
}

// stream is one stream's writer into the log.
type stream struct {
	name string
	log  *orderLog
}

func (s stream) Write(p []byte) (int, error) {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	if n := len(s.log.writes); n > 0 && strings.HasPrefix(s.log.writes[n-1], s.name+":") {
		s.log.writes[n-1] += string(p)
	} else {
		s.log.writes = append(s.log.writes, s.name+":"+string(p))
	}
	return len(p), nil
}

func (l *orderLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.writes, "|")
}

// Text a cell writes to os.Stdout or os.Stderr through a function of the
// standard library goes to Options.Stdout or Options.Stderr, in program
// order with fmt.Println and the print builtin.
func TestWritesToStdioFilesGoToTheWriters(t *testing.T) {
	tests := []struct {
		name, cell, want string
	}{
		{"fmt.Fprintln", `fmt.Println("first"); fmt.Fprintln(os.Stderr, "second"); fmt.Println("third")`,
			"out:first\n|err:second\n|out:third\n"},
		{"fmt.Fprintf and Fprint", `fmt.Fprintf(os.Stdout, "%d;", 1); fmt.Fprint(os.Stderr, "two;"); fmt.Fprintf(os.Stdout, "%s", "three")`,
			"out:1;|err:two;|out:three"},
		{"io.WriteString", `io.WriteString(os.Stderr, "e"); io.WriteString(os.Stdout, "o")`, "err:e|out:o"},
		{"bufio.NewWriter", "w := bufio.NewWriter(os.Stdout)\nfmt.Fprint(w, \"buffered\")\nprintln(\"builtin\")\nw.Flush()",
			"err:builtin\n|out:buffered"},
		{"io.MultiWriter", "var b strings.Builder\nm := io.MultiWriter(&b, os.Stderr)\nfmt.Fprint(m, \"both\")\nfmt.Print(b.String())",
			"err:both|out:both"},
		{"log.New", `l := log.New(os.Stdout, "> ", 0); l.Print("logged")`, "out:> logged\n"},
		{"log.SetOutput", "log.SetFlags(0)\nlog.SetOutput(os.Stdout)\nlog.Print(\"to stdout\")\nlog.SetOutput(os.Stderr)\nlog.Print(\"to stderr\")",
			"out:to stdout\n|err:to stderr\n"},
		{"io.Copy", `io.Copy(os.Stderr, strings.NewReader("copied"))`, "err:copied"},
		{"a Stringer of the cell", "type celsius float64\nfunc (c celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\nfmt.Fprintln(os.Stderr, celsius(21.5))",
			"err:21.5°C\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := &orderLog{}
			s := newSession(t, Options{Stdout: stream{"out", log}, Stderr: stream{"err", log}})
			s.run(tt.cell)
			if got := log.String(); got != tt.want {
				t.Errorf("writes %q, want %q", got, tt.want)
			}
		})
	}
}

// Writers other than the process's files are passed through unchanged.
func TestOtherWritersAreUntouched(t *testing.T) {
	log := &orderLog{}
	s := newSession(t, Options{Stdout: stream{"out", log}, Stderr: stream{"err", log}})
	got := s.value("var b strings.Builder\nfmt.Fprintf(&b, \"%d-%d\", 1, 2)\nw := bufio.NewWriter(&b)\nio.WriteString(w, \"+\")\nw.Flush()\nb.String()")
	if got != fmt.Sprintf("%q", "1-2+") && got != "1-2+" {
		t.Errorf("builder holds %s, want 1-2+", got)
	}
	if l := log.String(); l != "" {
		t.Errorf("the writers received %q", l)
	}
}
