package goeval

import (
	"strings"
	"testing"
)

// Item 10: interpreted os.Stdin and fmt.Scan* read Options.Stdin, while
// os.Stdout stays an *os.File.
func TestStdin(t *testing.T) {
	const input = "alice\n42 7\nlast line\n"
	tests := []struct {
		name  string
		steps []step
	}{
		{"bufio.Reader", []step{{"r := bufio.NewReader(os.Stdin)\nline, _ := r.ReadString('\\n')\nline", "alice\n"}}},
		{"bufio.Scanner", []step{{"sc := bufio.NewScanner(os.Stdin)\nvar lines []string\nfor sc.Scan() { lines = append(lines, sc.Text()) }\nstrings.Join(lines, \"|\")",
			"alice|42 7|last line"}}},
		{"fmt.Fscan", []step{{"var name string\nvar a, b int\nfmt.Fscan(os.Stdin, &name, &a, &b)\nfmt.Sprint(name, a+b)", "alice49"}}},
		{"fmt.Scan", []step{{"var w string\nfmt.Scan(&w)\nw", "alice"}}},
		{"fmt.Scanln across cells", []step{{"var first string\nfmt.Scanln(&first)", ""}, {"var p, q int\nfmt.Scanln(&p, &q)\nfirst + fmt.Sprint(p*q)", "alice294"}}},
		{"os.Stdout stays a file", []step{{"fmt.Sprintf(\"%T\", os.Stdout)", "*os.File"}, {"os.Stdout.WriteString(\"\")", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newSession(t, Options{Stdin: strings.NewReader(input)}).script(tc.steps)
		})
	}
}

func TestStdinDefaultsToEmpty(t *testing.T) {
	s := newSession(t, Options{})
	s.script([]step{{"var w string\n_, err := fmt.Scan(&w)\nerr == io.EOF", "true"}})
}
