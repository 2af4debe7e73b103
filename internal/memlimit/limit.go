package memlimit

import (
	"fmt"
	"strconv"
	"strings"
)

// Env is the environment variable that sets the worker's memory limit, as
// kernel.json's "env" can: a size ("4GiB", "512MB"), a percentage of the
// default's base ("60%": of the cgroup limit if there is one, else of the
// machine), or "off".
const Env = "DESCENT_MEMORY_LIMIT"

// Default shares, in percent.
const (
	// PhysicalShare is the default share of the machine's memory: a
	// runaway cell leaves the other half to everyone else.
	PhysicalShare = 50
	// CgroupShare is the default share of a cgroup limit, which the kernel
	// process, the notebook server and other kernels count against too.
	CgroupShare = 75
)

// Limit is the worker's memory limit and how it was decided.
type Limit struct {
	// Bytes is the limit; 0 means none.
	Bytes uint64
	// Why says where the limit comes from, for the log and the error
	// message of a cell that goes over it.
	Why string
}

// Default is the limit a machine gets when nothing is set: PhysicalShare
// of its memory, or CgroupShare of the cgroup limit if that is smaller.
func (m Machine) Default() Limit {
	var l Limit
	if m.Physical > 0 {
		l = Limit{Bytes: m.Physical * PhysicalShare / 100, Why: fmt.Sprintf("%d%% of the machine's %s", PhysicalShare, FormatSize(m.Physical))}
	}
	if m.Cgroup > 0 {
		if c := m.Cgroup * CgroupShare / 100; l.Bytes == 0 || c < l.Bytes {
			l = Limit{Bytes: c, Why: fmt.Sprintf("%d%% of the cgroup limit of %s", CgroupShare, FormatSize(m.Cgroup))}
		}
	}
	return l
}

// Decide returns the limit setting asks for ("" means the default).
func (m Machine) Decide(setting string) (Limit, error) {
	s := strings.TrimSpace(setting)
	switch strings.ToLower(s) {
	case "":
		return m.Default(), nil
	case "off", "none", "0":
		return Limit{Why: Env + "=" + s}, nil
	}
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || p <= 0 || p > 100 {
			return Limit{}, fmt.Errorf("%s=%q: a percentage is between 0 and 100", Env, setting)
		}
		base, what := m.Physical, "the machine's"
		if m.Cgroup > 0 && (base == 0 || m.Cgroup < base) {
			base, what = m.Cgroup, "the cgroup limit of"
		}
		if base == 0 {
			return Limit{}, fmt.Errorf("%s=%q: the machine's memory is unknown; give a size", Env, setting)
		}
		return Limit{Bytes: uint64(float64(base) * p / 100), Why: fmt.Sprintf("%s=%s: %s of %s %s", Env, s, s, what, FormatSize(base))}, nil
	}
	b, err := ParseSize(s)
	if err != nil {
		return Limit{}, fmt.Errorf("%s: %w", Env, err)
	}
	return Limit{Bytes: b, Why: Env + "=" + s}, nil
}

// CheckSetting reports whether setting is a limit Decide accepts on any
// machine, for a setting written down before the machine is known (in a
// kernelspec).
func CheckSetting(setting string) error {
	_, err := Machine{Physical: 1 << 40}.Decide(setting)
	return err
}
