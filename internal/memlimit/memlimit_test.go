package memlimit

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]uint64{
		"4GiB": 4 << 30, "4gib": 4 << 30, "4G": 4 << 30, "512MB": 512e6, "512 MiB": 512 << 20,
		"1.5g": 3 << 29, "2147483648": 2147483648, "100b": 100, "1TB": 1e12, "64k": 64 << 10,
	} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "GiB", "-1G", "four", "1e400", "NaN", "Inf"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) succeeded", bad)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for in, want := range map[uint64]string{
		100: "100 B", 2048: "2 KiB", 512 << 20: "512 MiB", 4 << 30: "4 GiB", 3 << 29: "1.5 GiB", 12638091250: "11.8 GiB", 2 << 40: "2 TiB",
	} {
		if got := FormatSize(in); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", in, got, want)
		}
	}
}

// The machine's memory agrees with what getconf (the C library) says.
func TestPhysicalMemoryMatchesGetconf(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("getconf _PHYS_PAGES is checked on Linux")
	}
	pages, err1 := exec.Command("getconf", "_PHYS_PAGES").Output()
	size, err2 := exec.Command("getconf", "PAGE_SIZE").Output()
	if err1 != nil || err2 != nil {
		t.Skip("getconf is not available")
	}
	p, _ := strconv.ParseUint(strings.TrimSpace(string(pages)), 10, 64)
	s, _ := strconv.ParseUint(strings.TrimSpace(string(size)), 10, 64)
	got := ReadMachine().Physical
	if diff := int64(got) - int64(p*s); diff < -int64(s) || diff > int64(s) {
		t.Fatalf("physical memory %d, getconf says %d pages of %d = %d", got, p, s, p*s)
	}
}

// writeTree creates files (path: content) under a temporary root.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const meminfo = "MemTotal:       16384000 kB\nMemFree:         1000 kB\n"

// The cgroup files as Linux lays them out (Documentation/admin-guide/
// cgroup-v1/memory.rst and cgroup-v2.rst): the limit that applies is the
// smallest on the way from this process's cgroup up to the root.
func TestCgroupLimits(t *testing.T) {
	v1Mounts := "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
	v2Mounts := "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  uint64
	}{
		{"v1, limit on a parent", map[string]string{
			"proc/self/cgroup":                                                                      "4:memory:/user.slice/user-1000.slice/session-1.scope\n0::/\n",
			"proc/self/mountinfo":                                                                   v1Mounts,
			"sys/fs/cgroup/memory/memory.limit_in_bytes":                                            "9223372036854771712\n",
			"sys/fs/cgroup/memory/user.slice/memory.limit_in_bytes":                                 "9223372036854771712\n",
			"sys/fs/cgroup/memory/user.slice/user-1000.slice/memory.limit_in_bytes":                 "4294967296\n",
			"sys/fs/cgroup/memory/user.slice/user-1000.slice/session-1.scope/memory.limit_in_bytes": "9223372036854771712\n",
		}, 4 << 30},
		{"v1, no limit", map[string]string{
			"proc/self/cgroup":                                           "4:memory:/process_api/abc\n",
			"proc/self/mountinfo":                                        v1Mounts,
			"sys/fs/cgroup/memory/memory.limit_in_bytes":                 "9223372036854771712\n",
			"sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes": "9223372036854771712\n",
		}, 0},
		{"v2, max at the leaf, a limit above", map[string]string{
			"proc/self/cgroup":    "0::/user.slice/user-1000.slice/jupyter.service\n",
			"proc/self/mountinfo": v2Mounts,
			"sys/fs/cgroup/user.slice/user-1000.slice/memory.max":                 "2147483648\n",
			"sys/fs/cgroup/user.slice/user-1000.slice/jupyter.service/memory.max": "max\n",
		}, 2 << 30},
		{"v2 in a container: the mount shows the container's own cgroup", map[string]string{
			"proc/self/cgroup":         "0::/\n",
			"proc/self/mountinfo":      "1200 1100 0:26 /docker/abc /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n",
			"sys/fs/cgroup/memory.max": "1073741824\n",
		}, 1 << 30},
		{"no cgroup files", map[string]string{"proc/meminfo": meminfo}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeTree(t, tc.files)
			if got := readMachine(root).Cgroup; got != tc.want {
				t.Fatalf("cgroup limit %d, want %d", got, tc.want)
			}
		})
	}
}

func TestDecide(t *testing.T) {
	m := Machine{Physical: 16 << 30}
	withCgroup := Machine{Physical: 16 << 30, Cgroup: 4 << 30}
	for _, tc := range []struct {
		m       Machine
		setting string
		want    uint64
		why     string
	}{
		{m, "", 8 << 30, "50% of the machine's 16 GiB"},
		{withCgroup, "", 3 << 30, "75% of the cgroup limit of 4 GiB"},
		{Machine{Physical: 4 << 30, Cgroup: 16 << 30}, "", 2 << 30, "50% of the machine's 4 GiB"},
		{m, "off", 0, ""},
		{m, "2GiB", 2 << 30, "DESCENT_MEMORY_LIMIT=2GiB"},
		{m, "25%", 4 << 30, "of the machine's 16 GiB"},
		{withCgroup, "50%", 2 << 30, "of the cgroup limit of 4 GiB"},
	} {
		l, err := tc.m.Decide(tc.setting)
		if err != nil || l.Bytes != tc.want || !strings.Contains(l.Why, tc.why) {
			t.Errorf("%+v.Decide(%q) = %+v, %v; want %d (%s)", tc.m, tc.setting, l, err, tc.want, tc.why)
		}
	}
	for _, bad := range []string{"lots", "0%", "150%", "-2G"} {
		if _, err := m.Decide(bad); err == nil {
			t.Errorf("Decide(%q) succeeded", bad)
		}
	}
	if l := (Machine{}).Default(); l.Bytes != 0 {
		t.Errorf("an unknown machine has limit %d", l.Bytes)
	}
}
