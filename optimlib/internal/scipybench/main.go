// Command scipybench measures optimlib's global and local methods against
// scipy's, side by side, on the same landscapes, budgets, cost rule and
// number of seeds, and prints the tables of BENCHMARKS.md:
//
//	go run ./optimlib/internal/scipybench -seeds 1000
//
// The scipy side is scipy_side.py, run with Debian's /usr/bin/python3
// (python3-scipy). Without -python, or with -parts that omit it, only the
// optimlib side runs.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

//go:embed scipy_side.py
var scipySide []byte

func main() {
	seeds := flag.Int("seeds", 1000, "seeds per method and configuration (both sides)")
	budgets := flag.String("budgets", "300,2000", "evaluation budgets of the escape benchmark")
	parts := flag.String("parts", "escape,local", "what to measure: escape, local")
	python := flag.String("python", "/usr/bin/python3", "the Python with scipy (empty: optimlib side only)")
	flag.Parse()
	cfg, err := parseConfig(*seeds, *budgets, *parts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scipybench:", err)
		os.Exit(2)
	}
	if err := run(os.Stdout, cfg, *python); err != nil {
		fmt.Fprintln(os.Stderr, "scipybench:", err)
		os.Exit(1)
	}
}

// config is what to measure.
type config struct {
	Seeds   int      `json:"seeds"`
	Budgets []int    `json:"budgets"`
	Parts   []string `json:"parts"`
}

// has reports whether part is to be measured.
func (c config) has(part string) bool {
	for _, p := range c.Parts {
		if p == part {
			return true
		}
	}
	return false
}

// parseConfig reads the flags.
func parseConfig(seeds int, budgets, parts string) (config, error) {
	cfg := config{Seeds: seeds}
	if seeds < 1 {
		return cfg, fmt.Errorf("-seeds %d, need at least 1", seeds)
	}
	for _, b := range strings.Split(budgets, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(b))
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("bad budget %q", b)
		}
		cfg.Budgets = append(cfg.Budgets, n)
	}
	for _, p := range strings.Split(parts, ",") {
		p = strings.TrimSpace(p)
		if p != "escape" && p != "local" {
			return cfg, fmt.Errorf("unknown part %q (escape, local)", p)
		}
		cfg.Parts = append(cfg.Parts, p)
	}
	return cfg, nil
}

// run measures both sides and prints the tables.
func run(w io.Writer, cfg config, python string) error {
	var sc *scipyResults
	if python != "" {
		var err error
		if sc, err = runScipy(python, cfg); err != nil {
			return err
		}
		fmt.Fprintf(w, "scipy %s, numpy %s (%s); %d seeds per configuration on both sides.\n\n", sc.version.Scipy, sc.version.Numpy, python, cfg.Seeds)
	}
	if cfg.has("escape") {
		ackleyThreshold := ackleySecondMin
		if sc != nil {
			ackleyThreshold = sc.ackley
		}
		printEscape(w, cfg, measureEscape(cfg, ackleyThreshold), sc)
	}
	if cfg.has("local") {
		printLocal(w, measureLocal(), sc)
	}
	return nil
}

// scipyResults is what scipy_side.py printed.
type scipyResults struct {
	version struct {
		Scipy string `json:"scipy"`
		Numpy string `json:"numpy"`
	}
	ackley float64
	escape map[escapeKey]map[string]float64 // "basinhopping/fd" → success rate
	local  map[localKey]localRecord
}

// escapeKey names one escape configuration.
type escapeKey struct {
	landscape string
	budget    int
}

// localKey names one local configuration.
type localKey struct {
	landscape, method, mode string
}

// localRecord is the cost for a method to reach f ≤ 1e-10: from the
// classic start, and from each start of the grid (0: not reached).
type localRecord struct {
	Classic int   `json:"classic"`
	Hits    []int `json:"hits"`
}

// runScipy runs scipy_side.py and collects its lines.
func runScipy(python string, cfg config) (*scipyResults, error) {
	dir, err := os.MkdirTemp("", "scipybench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "scipy_side.py")
	if err := os.WriteFile(script, scipySide, 0o600); err != nil {
		return nil, err
	}
	req, _ := json.Marshal(cfg)
	cmd := exec.Command(python, script)
	cmd.Stdin = bytes.NewReader(req)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", python, err)
	}
	res := &scipyResults{escape: map[escapeKey]map[string]float64{}, local: map[localKey]localRecord{}}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue // L-BFGS-B's Fortran prints its warnings on stdout
		}
		if err := res.add(line); err != nil {
			return nil, err
		}
		fmt.Fprintf(os.Stderr, "scipy: %s\n", line)
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("%s scipy_side.py: %w", python, err)
	}
	if res.version.Scipy == "" {
		return nil, errors.New("scipy_side.py printed no version line")
	}
	return res, nil
}

// add records one line of scipy_side.py.
func (r *scipyResults) add(line []byte) error {
	var head struct {
		Part string `json:"part"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return fmt.Errorf("scipy_side.py: %w in %s", err, line)
	}
	switch head.Part {
	case "version":
		return json.Unmarshal(line, &r.version)
	case "ackley_second_min":
		var v struct {
			F float64 `json:"f"`
		}
		err := json.Unmarshal(line, &v)
		r.ackley = v.F
		return err
	case "escape":
		var v struct {
			Landscape string `json:"landscape"`
			Budget    int    `json:"budget"`
			Method    string `json:"method"`
			Mode      string `json:"mode"`
			Seeds     int    `json:"seeds"`
			Successes int    `json:"successes"`
		}
		if err := json.Unmarshal(line, &v); err != nil {
			return err
		}
		k := escapeKey{v.Landscape, v.Budget}
		if r.escape[k] == nil {
			r.escape[k] = map[string]float64{}
		}
		r.escape[k][v.Method+"/"+v.Mode] = float64(v.Successes) / float64(v.Seeds)
	case "local":
		var v struct {
			Landscape string `json:"landscape"`
			Method    string `json:"method"`
			Mode      string `json:"mode"`
			localRecord
		}
		if err := json.Unmarshal(line, &v); err != nil {
			return err
		}
		r.local[localKey{v.Landscape, v.Method, v.Mode}] = v.localRecord
	}
	return nil
}
