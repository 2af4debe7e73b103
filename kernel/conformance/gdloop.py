"""Hand-written gradient descent, 10^6 steps on Rosenbrock, side by side in
one run: an interpreted descent cell, a %%compile cell, compiled Go, and
Python in ipykernel; plus the latency of compiling a small %%compile cell
and of a first %go get of a small pure-Go module, with Go's caches warm.

Every round runs each variant once, in alternation, so machine noise hits
all alike. The loop times are taken inside the kernel (or the Go program)
around the call, so protocol overhead is not in them; compile and %go get
latencies are the client's round trip of the cell.

    go run . install --prefix /tmp/gd && \\
    JUPYTER_PATH=/tmp/gd/share/jupyter /usr/bin/python3 kernel/conformance/gdloop.py [--rounds 7] [--module github.com/montanaflynn/stats@v0.7.1]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

STEPS = 1000000

GO_FUNC = """func gd(x, y, lr float64, steps int) (float64, float64) {
	for i := 0; i < steps; i++ {
		gx := -2*(1-x) - 400*x*(y-x*x)
		gy := 200 * (y - x*x)
		x -= lr * gx
		y -= lr * gy
	}
	return x, y
}
"""

GO_TIMED = """t0 := time.Now()
x, y := gd(-1.5, 2, 0.001, %d)
fmt.Printf("ELAPSED %%.9f %%.6f %%.6f\\n", time.Since(t0).Seconds(), x, y)
""" % STEPS

GO_PROGRAM = """package main

import (
	"fmt"
	"time"
)

""" + GO_FUNC + """
func main() {
""" + GO_TIMED + "}\n"

PY_FUNC = """import time
def gd(x, y, lr, steps):
    for i in range(steps):
        gx = -2*(1-x) - 400*x*(y-x*x)
        gy = 200*(y - x*x)
        x -= lr*gx
        y -= lr*gy
    return x, y
"""

PY_TIMED = """t0 = time.perf_counter()
x, y = gd(-1.5, 2.0, 0.001, %d)
print("ELAPSED %%.9f %%.6f %%.6f" %% (time.perf_counter() - t0, x, y))
""" % STEPS


class Kernel:
    """A kernel started through jupyter_client, run cell by cell."""

    def __init__(self, name, env=None):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(env=env if env is not None else dict(os.environ))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def run(self, code, timeout=600):
        """Runs code; returns (stdout, wall seconds); raises on an error."""
        out, err = [], None
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t, c = msg["msg_type"], msg["content"]
            if t == "stream" and c["name"] == "stdout":
                out.append(c["text"])
            elif t == "error":
                err = "%s: %s" % (c["ename"], c["evalue"])
            elif t == "status" and c["execution_state"] == "idle":
                break
        wall = time.perf_counter() - t0
        if err:
            raise RuntimeError("cell failed: %s\n%s" % (err, code))
        return "".join(out), wall

    def elapsed(self, code):
        """Runs a timed cell and returns the ELAPSED figure it printed."""
        out, _ = self.run(code)
        m = re.search(r"ELAPSED (\S+) (\S+) (\S+)", out)
        if not m:
            raise RuntimeError("no ELAPSED line in %r" % out)
        return float(m.group(1)), (float(m.group(2)), float(m.group(3)))

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def median(xs):
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--module", default="github.com/montanaflynn/stats@v0.7.1")
    args = ap.parse_args()

    gocache = subprocess.check_output(["go", "env", "GOCACHE"], text=True).strip()
    work = tempfile.mkdtemp(prefix="descent-gdloop-")
    prog = os.path.join(work, "gd")
    os.makedirs(os.path.join(work, "src"))
    with open(os.path.join(work, "src", "main.go"), "w") as f:
        f.write(GO_PROGRAM)
    with open(os.path.join(work, "src", "go.mod"), "w") as f:
        f.write("module gdloop\n\ngo 1.26\n")
    subprocess.check_call(["go", "build", "-o", prog, "."], cwd=os.path.join(work, "src"))

    # The descent kernel under test keeps Go's build cache but gets a
    # descent cache of its own, warmed as `descent install --warm` does.
    cache = os.path.join(work, "cache")
    env = dict(os.environ, XDG_CACHE_HOME=cache, GOCACHE=gocache)
    descent = Kernel("descent", env=env)
    python = Kernel("python3")
    descent.run("%%compile\n" + GO_FUNC.replace("func gd(", "func gdc("))
    descent.run(GO_FUNC.replace("func gd(", "func gdi("))
    python.run(PY_FUNC)

    res = {k: [] for k in ("interpreted", "compiled cell", "Go", "Python", "compile", "go get")}
    for r in range(args.rounds):
        el, xy = descent.elapsed(GO_TIMED.replace("gd(", "gdi("))
        res["interpreted"].append(el)
        el, xy2 = descent.elapsed(GO_TIMED.replace("gd(", "gdc("))
        res["compiled cell"].append(el)
        m = re.search(r"ELAPSED (\S+) (\S+) (\S+)", subprocess.check_output([prog], text=True))
        res["Go"].append(float(m.group(1)))
        el, xy3 = python.elapsed(PY_TIMED)
        res["Python"].append(el)
        if r == 0:
            print("final points (interpreted, compiled cell, Python):", xy, xy2, xy3)
        # A small cell never compiled before, with Go's caches warm.
        _, wall = descent.run("%%%%compile\nfunc sq%d(x float64) float64 { return x*x + %d }\n" % (r, r))
        res["compile"].append(wall)

        # A first %%go get: a fresh descent cache (warmed) in a new kernel.
        fresh = os.path.join(work, "fresh%d" % r)
        fenv = dict(env, XDG_CACHE_HOME=fresh)
        worker = os.path.join(os.environ["JUPYTER_PATH"].split(os.pathsep)[0], "kernels", "descent", "descent-worker")
        subprocess.check_call([worker, "warm"], env=fenv, stdout=subprocess.DEVNULL)
        k = Kernel("descent", env=fenv)
        _, wall = k.run("%go get " + args.module)
        res["go get"].append(wall)
        k.stop()
        shutil.rmtree(fresh, ignore_errors=True)
        print("round %d done" % (r + 1), file=sys.stderr)

    descent.stop()
    python.stop()
    shutil.rmtree(work, ignore_errors=True)

    go = median(res["Go"])
    print("\n10^6 GD steps on Rosenbrock, %d rounds, medians (min-max):" % args.rounds)
    for k in ("interpreted", "compiled cell", "Go", "Python"):
        xs = res[k]
        print("  %-14s %8.4f s  (%.4f-%.4f)  %6.1fx compiled Go" % (k, median(xs), min(xs), max(xs), median(xs) / go))
    for k, what in (("compile", "%%compile of a small new cell"), ("go get", "first %go get " + args.module)):
        xs = res[k]
        print("  %-30s %6.2f s  (%.2f-%.2f)" % (what, median(xs), min(xs), max(xs)))
    ratios = [c / g for c, g in zip(res["compiled cell"], res["Go"])]
    print("  compiled cell / Go, per round: " + ", ".join("%.2f" % x for x in ratios))


if __name__ == "__main__":
    main()
