package conformance

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hubGuide is the JupyterHub guide whose commands the hub test runs.
var hubGuide = filepath.Join("..", "..", "install", "jupyterhub", "README.md")

// The guide's names for what the test replaces with its own.
const (
	guideClone   = "/usr/local/src/descent"
	guideBinDir  = "/tmp/descent-bin"
	guideStudent = "student1"
	guidePrefix  = "/usr/local"
)

// guideBlock returns the command lines of the first ```sh block after the
// heading that starts with heading, without comments.
func guideBlock(t *testing.T, heading string) []string {
	t.Helper()
	raw, err := os.ReadFile(hubGuide)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	found, in := false, false
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !found:
			found = strings.HasPrefix(line, heading)
		case !in:
			in = line == "```sh"
		case line == "```":
			return lines
		default:
			if cmd, _, _ := strings.Cut(line, "#"); strings.TrimSpace(cmd) != "" {
				lines = append(lines, strings.TrimSpace(cmd))
			}
		}
	}
	t.Fatalf("%s has no ```sh block after %q", hubGuide, heading)
	return nil
}

// requireHub skips the hub test unless it may change this machine (it
// creates a user and installs into /usr/local): as root, with
// DESCENT_REQUIRE_JUPYTER=1 (CI) or DESCENT_SYSTEM_TESTS=1, and with
// Debian's jupyterhub and the tools to manage users.
func requireHub(t *testing.T) {
	t.Helper()
	require := os.Getenv("DESCENT_REQUIRE_JUPYTER") == "1"
	if !require && os.Getenv("DESCENT_SYSTEM_TESTS") != "1" {
		t.Skip("the JupyterHub test creates a user and installs the kernel into /usr/local: it runs as root with DESCENT_SYSTEM_TESTS=1 or DESCENT_REQUIRE_JUPYTER=1 (as CI does)")
	}
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, "root")
	}
	for _, p := range []string{"jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy", "useradd", "chpasswd", "userdel", "su"} {
		if _, err := exec.LookPath(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := "the JupyterHub test needs " + strings.Join(missing, ", ")
	if require {
		t.Fatal(msg + "\nDESCENT_REQUIRE_JUPYTER=1 makes this a failure; install jupyterhub (see .ci/run) and run as root.")
	}
	t.Skip(msg)
}

// TestJupyterHub follows the JupyterHub guide on this machine: a local
// PAM user (created here, removed at the end), the kernel built and
// installed system-wide with the guide's commands, the guide's checks run
// as that user; then Debian's jupyterhub on 127.0.0.1, Chromium logging in,
// a lesson run to the end with no error, and the kernel and its worker
// running as that user. See browser/test_hub.py.
func TestJupyterHub(t *testing.T) {
	requireHub(t)
	requireJupyter(t, "jupyterhub", "notebook", "selenium")
	requireBrowser(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	user, password := createUser(t)

	// The kernel, installed as the guide says. A kernelspec already there
	// is put back at the end.
	kernelDir := filepath.Join(guidePrefix, "share", "jupyter", "kernels", "descent")
	keepExisting(t, kernelDir)
	bin, err := os.MkdirTemp("", "descent-bin-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(bin)
	replace := strings.NewReplacer(guideClone, root, guideBinDir, bin, guideStudent, user)
	run := func(line string) string {
		t.Helper()
		cmd := exec.Command("/bin/sh", "-c", replace.Replace(line))
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "DESCENT_WORKER=")
		out, err := cmd.CombinedOutput()
		t.Logf("$ %s\n%s", line, out)
		if err != nil {
			t.Fatalf("the guide's command %q failed: %v", line, err)
		}
		return string(out)
	}
	for _, line := range guideBlock(t, "## System-wide install") {
		if strings.HasPrefix(line, "git clone") {
			continue // this is the clone
		}
		run(line)
	}
	if _, err := os.Stat(filepath.Join(kernelDir, "kernel.json")); err != nil {
		t.Fatalf("the guide's commands installed no kernelspec in %s: %v", kernelDir, err)
	}
	var checked string
	for _, line := range guideBlock(t, "### Check the install") {
		checked += run(line)
	}
	for _, want := range []string{kernelDir, "descent works: "} {
		if !strings.Contains(checked, want) {
			t.Errorf("the guide's checks, run as %s, did not print %q", user, want)
		}
	}

	// A lesson in the student's home.
	const lesson = "01-gradient-descent.ipynb"
	home := homeOf(t, user)
	lessonCopy := filepath.Join(home, lesson)
	if out, err := exec.Command("install", "-o", user, "-m", "0644", filepath.Join(root, "notebooks", lesson), lessonCopy).CombinedOutput(); err != nil {
		t.Fatalf("copy the lesson: %v\n%s", err, out)
	}

	artifacts, err := os.MkdirTemp("", "descent-hub-artifacts-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-m", "unittest", "-v", "test_hub")
	cmd.Dir = "browser"
	cmd.Env = append(os.Environ(),
		"HUB_USER="+user, "HUB_PASSWORD="+password, "HUB_LESSON="+lesson, "HUB_KERNEL_DIR="+kernelDir,
		"DESCENT_ARTIFACTS="+artifacts, "PYTHONDONTWRITEBYTECODE=1",
	)
	out, err := cmd.CombinedOutput()
	t.Logf("JupyterHub tests:\n%s", out)
	if err != nil {
		t.Fatalf("JupyterHub tests failed: %v; screenshots, pages and console logs are in %s", err, artifacts)
	}
	if strings.Contains(string(out), "skipped") {
		t.Fatal("JupyterHub tests skipped tests; every test must run")
	}
	os.RemoveAll(artifacts)
}

// createUser creates a local user with a home and a password, and removes
// it (its processes first) when the test ends.
func createUser(t *testing.T) (name, password string) {
	t.Helper()
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	name = "dhub" + hex.EncodeToString(b[:4])
	password = hex.EncodeToString(b[4:])
	if out, err := exec.Command("useradd", "--create-home", "--shell", "/bin/bash", name).CombinedOutput(); err != nil {
		t.Fatalf("useradd: %v\n%s", err, out)
	}
	uid := uidOf(t, name)
	t.Cleanup(func() {
		stopUserProcesses(t, uid)
		if out, err := exec.Command("userdel", "--remove", name).CombinedOutput(); err != nil {
			t.Errorf("userdel %s: %v\n%s", name, err, out)
		}
	})
	chpasswd := exec.Command("chpasswd")
	chpasswd.Stdin = strings.NewReader(name + ":" + password + "\n")
	if out, err := chpasswd.CombinedOutput(); err != nil {
		t.Fatalf("chpasswd: %v\n%s", err, out)
	}
	return name, password
}

// keepExisting moves dir aside, if it exists, and puts it back when the
// test ends; what the test installed there is removed.
func keepExisting(t *testing.T, dir string) {
	t.Helper()
	aside := ""
	if _, err := os.Stat(dir); err == nil {
		aside = dir + ".kept-by-test-" + strconv.Itoa(os.Getpid())
		if err := os.Rename(dir, aside); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Error(err)
		}
		if aside != "" {
			if err := os.Rename(aside, dir); err != nil {
				t.Errorf("put back %s: %v", dir, err)
			}
		}
	})
}

// stopUserProcesses ends every process of uid: SIGTERM, then SIGKILL for
// those still there after a few seconds.
func stopUserProcesses(t *testing.T, uid int) {
	t.Helper()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		pids := processesOf(uid)
		if len(pids) == 0 {
			return
		}
		for _, pid := range pids {
			t.Logf("stopping process %d of uid %d (%v)", pid, uid, sig)
			syscall.Kill(pid, sig)
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) && len(processesOf(uid)) > 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// processesOf lists the processes whose real uid is uid.
func processesOf(uid int) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" && f[1] == strconv.Itoa(uid) {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}

// uidOf returns the numeric uid of a user.
func uidOf(t *testing.T, name string) int {
	t.Helper()
	out, err := exec.Command("id", "-u", name).Output()
	if err != nil {
		t.Fatalf("id -u %s: %v", name, err)
	}
	uid, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	return uid
}

// homeOf returns a user's home directory.
func homeOf(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("getent", "passwd", name).Output()
	if err != nil {
		t.Fatalf("getent passwd %s: %v", name, err)
	}
	f := strings.Split(strings.TrimSpace(string(out)), ":")
	if len(f) < 6 {
		t.Fatalf("getent passwd %s: %q", name, out)
	}
	return f[5]
}
