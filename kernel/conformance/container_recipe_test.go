package conformance

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// dockerfile is the container recipe of the JupyterHub guide.
var dockerfile = filepath.Join("..", "..", "install", "jupyterhub", "Dockerfile")

// instruction is one instruction of a Dockerfile, continuation lines
// joined.
type instruction struct {
	op, args string
}

// readDockerfile returns the instructions of a Dockerfile, comments left
// out.
func readDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if s, more := strings.CutSuffix(line, `\`); more {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(line)
		op, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(op), strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestContainerRecipeSteps runs the RUN steps of install/jupyterhub/
// Dockerfile on this machine, without Docker: the build stage's in the
// clone, the image's as a user who is not root and has only CONDA_DIR set
// (as jovyan in a jupyter/docker-stacks image), with the image's paths
// mapped to temporary directories. A step that would fail in the image
// fails here. (What only Docker can check, the base images and COPY, is
// not run.)
func TestContainerRecipeSteps(t *testing.T) {
	requireJupyter(t, "jupyter_client")
	steps := readDockerfile(t, dockerfile)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "descent-container-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil { // jovyan reaches into it
		t.Fatal(err)
	}
	// The image's paths, and where they are here.
	paths := map[string]string{
		"/out":                   filepath.Join(tmp, "out"),
		"/tmp/descent-bin":       filepath.Join(tmp, "image", "descent-bin"),
		"/tmp/descent-kernel.sh": filepath.Join(tmp, "image", "descent-kernel.sh"),
	}
	conda := filepath.Join(tmp, "image", "opt-conda") // $CONDA_DIR, jovyan's
	home := filepath.Join(tmp, "image", "home-jovyan")
	for _, d := range []string{filepath.Join(tmp, "image"), conda, home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// image/ stands for the image's /tmp, where anyone may create files.
	if err := os.Chmod(filepath.Join(tmp, "image"), 0o1777); err != nil {
		t.Fatal(err)
	}
	mapPaths := func(s string) string {
		for _, from := range []string{"/tmp/descent-kernel.sh", "/tmp/descent-bin", "/out"} {
			s = strings.ReplaceAll(s, from, paths[from])
		}
		return s
	}
	// jovyan: nobody when the test runs as root, else the test's user.
	asUser := func(cmd *exec.Cmd) *exec.Cmd { return cmd }
	if os.Geteuid() == 0 {
		asUser = func(cmd *exec.Cmd) *exec.Cmd {
			c := exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"}, cmd.Args...)...)
			c.Dir, c.Env = cmd.Dir, cmd.Env
			return c
		}
	}

	stage, runs := 0, 0
	for _, in := range steps {
		switch in.op {
		case "FROM":
			stage++
		case "COPY":
			// COPY [--from=build] [--chown=...] SRC DST: copy SRC (from the
			// build stage's paths, or the clone) to DST's place here.
			f := strings.Fields(in.args)
			var from bool
			var args []string
			for _, a := range f {
				switch {
				case strings.HasPrefix(a, "--from="):
					from = true
				case strings.HasPrefix(a, "--"):
				default:
					args = append(args, a)
				}
			}
			if len(args) != 2 || stage == 1 {
				continue // the build stage's COPY . . is the clone itself
			}
			src := filepath.Join(root, args[0])
			if from {
				src = mapPaths(args[0])
			}
			dst := mapPaths(args[1])
			if out, err := exec.Command("cp", "-R", src, dst).CombinedOutput(); err != nil {
				t.Fatalf("COPY %s: %v\n%s", in.args, err, out)
			}
			if os.Geteuid() == 0 {
				// --chown=${NB_UID}:${NB_GID}: jovyan owns the copies.
				if out, err := exec.Command("chown", "-R", "nobody:nogroup", dst, conda, home).CombinedOutput(); err != nil {
					t.Fatalf("chown: %v\n%s", err, out)
				}
			}
		case "RUN":
			runs++
			cmd := exec.Command("/bin/sh", "-c", mapPaths(in.args))
			env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
			if stage == 1 {
				// The golang image: the go command, as root, in the clone.
				cmd.Dir = root
				env = append(env, "HOME="+os.Getenv("HOME"), "GOFLAGS="+os.Getenv("GOFLAGS"),
					"GOCACHE="+goEnv(t, "GOCACHE"), "GOMODCACHE="+goEnv(t, "GOMODCACHE"))
			} else {
				cmd.Dir = home
				env = append(env, "HOME="+home,
					"CONDA_DIR="+conda,
					// The image's Jupyter is $CONDA_DIR's: its sys.prefix.
					"JUPYTER_PATH="+filepath.Join(conda, "share", "jupyter"),
					"JUPYTER_RUNTIME_DIR="+filepath.Join(home, ".local", "share", "jupyter", "runtime"),
					"JUPYTER_DATA_DIR="+filepath.Join(home, ".local", "share", "jupyter"),
					"PYTHONDONTWRITEBYTECODE=1",
				)
				cmd = asUser(cmd)
			}
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			t.Logf("RUN %s (stage %d):\n%s", in.args, stage, out)
			if err != nil {
				t.Fatalf("the Dockerfile's step RUN %s failed: %v", in.args, err)
			}
		}
	}
	if runs < 2 {
		t.Fatalf("the Dockerfile has %d RUN steps; want the build and the install", runs)
	}
	// What the image holds: the kernelspec in $CONDA_DIR, the programs in it
	// readable by all, and the temporary files gone.
	spec := filepath.Join(conda, "share", "jupyter", "kernels", "descent")
	for name, mode := range map[string]os.FileMode{"kernel.json": 0o644, "descent": 0o755, "descent-worker": 0o755} {
		fi, err := os.Stat(filepath.Join(spec, name))
		if err != nil {
			t.Errorf("the image lacks %s: %v", name, err)
			continue
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s has mode %v, want %v", name, fi.Mode().Perm(), mode)
		}
	}
	for _, p := range []string{paths["/tmp/descent-bin"], paths["/tmp/descent-kernel.sh"]} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is left in the image", p)
		}
	}
}

// goEnv returns a go env variable, so that the build step shares the
// test's caches.
func goEnv(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}
