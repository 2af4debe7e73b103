package memlimit

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// unlimitedCgroup is where cgroup v1 values start to mean "no limit"
// (the kernel reports a page-rounded 2^63-1).
const unlimitedCgroup = 1 << 62

// Machine is what the limit is decided from.
type Machine struct {
	// Physical is the machine's memory in bytes (0 if unknown).
	Physical uint64
	// Cgroup is the memory limit of the cgroup this process is in,
	// ancestors included (0 if none applies or it is unknown).
	Cgroup uint64
}

// ReadMachine reads the machine's memory and the cgroup limit from /proc
// and /sys (Linux); elsewhere it finds what the platform tells.
func ReadMachine() Machine {
	return readMachine("/")
}

// readMachine reads the files under root, which is "/" except in tests.
func readMachine(root string) Machine {
	m := Machine{Physical: physicalMemory(root)}
	m.Cgroup = cgroupLimit(root)
	return m
}

// physicalMemory is MemTotal from /proc/meminfo, or what the platform
// says.
func physicalMemory(root string) uint64 {
	b, err := os.ReadFile(filepath.Join(root, "proc/meminfo"))
	if err != nil {
		return platformPhysical()
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseUint(f[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// cgroupLimit is the smallest memory limit of this process's cgroup and
// its ancestors, under cgroup v1 (memory.limit_in_bytes) or v2
// (memory.max); 0 if none.
func cgroupLimit(root string) uint64 {
	groups, err := os.ReadFile(filepath.Join(root, "proc/self/cgroup"))
	if err != nil {
		return 0
	}
	mounts, err := os.ReadFile(filepath.Join(root, "proc/self/mountinfo"))
	if err != nil {
		return 0
	}
	var limit uint64
	for _, line := range strings.Split(strings.TrimSpace(string(groups)), "\n") {
		// hierarchy-id:controllers:path
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		var file string
		var mount mountPoint
		switch {
		case parts[0] == "0" && parts[1] == "": // v2
			file, mount = "memory.max", findMount(mounts, "cgroup2", "")
		case hasController(parts[1], "memory"): // v1
			file, mount = "memory.limit_in_bytes", findMount(mounts, "cgroup", "memory")
		default:
			continue
		}
		if mount.dir == "" {
			continue
		}
		if l := smallestOnPath(filepath.Join(root, mount.dir), mount.root, parts[2], file); l > 0 && (limit == 0 || l < limit) {
			limit = l
		}
	}
	return limit
}

func hasController(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// mountPoint is where a cgroup hierarchy is mounted (dir) and which of its
// cgroups the mount shows at dir (root: "/" on a host, the container's own
// cgroup inside a container).
type mountPoint struct{ dir, root string }

// findMount finds the mount of fstype (with the option opt, if set) in a
// /proc/self/mountinfo.
func findMount(mountinfo []byte, fstype, opt string) mountPoint {
	for _, line := range strings.Split(string(mountinfo), "\n") {
		// id parent major:minor root mountpoint options [optional...] - fstype source superoptions
		pre, post, ok := strings.Cut(line, " - ")
		if !ok {
			continue
		}
		f, g := strings.Fields(pre), strings.Fields(post)
		if len(f) < 5 || len(g) < 3 || g[0] != fstype {
			continue
		}
		if opt != "" && !hasController(g[2], opt) {
			continue
		}
		return mountPoint{dir: f[4], root: f[3]}
	}
	return mountPoint{}
}

// smallestOnPath reads file in the cgroup at path and in each ancestor up
// to the mount's root, and returns the smallest limit found (0 if none).
func smallestOnPath(mountDir, mountRoot, path, file string) uint64 {
	rel := strings.TrimPrefix(path, mountRoot)
	if mountRoot != "/" && rel == path {
		rel = "/" // the mount shows a cgroup that is not on our path: use its root
	}
	var limit uint64
	dir := filepath.Join(mountDir, rel)
	for {
		if l, err := readLimit(filepath.Join(dir, file)); err == nil && l > 0 && (limit == 0 || l < limit) {
			limit = l
		}
		if dir == mountDir || len(dir) < len(mountDir) {
			break
		}
		dir = filepath.Dir(dir)
	}
	return limit
}

// readLimit reads a cgroup limit file; "max" and v1's huge values are 0
// (no limit).
func readLimit(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(string(b))
	if s == "max" {
		return 0, nil
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, errors.New("not a number")
	}
	if v >= unlimitedCgroup {
		return 0, nil
	}
	return v, nil
}
