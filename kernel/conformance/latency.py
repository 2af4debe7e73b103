"""Kernel latency, descent side by side with ipykernel, through jupyter_client.

For each kernel, in alternation (so machine noise hits both alike):
  * start: time from KernelManager.start_kernel() to the first kernel_info_reply;
  * round trip: execute of a trivial cell until its idle status, N times.
Prints medians and p99 per kernel and the descent/ipykernel ratios.

    JUPYTER_PATH=... /usr/bin/python3 latency.py [--starts 7] [--execs 1000]
"""

import argparse
import statistics
import time

from jupyter_client.manager import KernelManager

CELLS = {"descent": "1 + 1", "python3": "1 + 1"}


def percentile(xs, p):
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def start_once(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - t0
    return km, kc, elapsed


def roundtrip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code, store_history=False)
    while True:
        msg = kc.get_iopub_msg(timeout=10)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    return time.perf_counter() - t0


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=7)
    ap.add_argument("--execs", type=int, default=1000)
    ap.add_argument("--kernels", default="descent,python3")
    args = ap.parse_args()
    names = args.kernels.split(",")

    starts = {n: [] for n in names}
    for _ in range(args.starts):
        for n in names:
            km, kc, s = start_once(n)
            starts[n].append(s)
            stop(km, kc)

    trips = {n: [] for n in names}
    live = {}
    for n in names:
        km, kc, _ = start_once(n)
        live[n] = (km, kc)
        for _ in range(50):  # warm up
            roundtrip(kc, CELLS[n])
    for _ in range(args.execs):
        for n in names:
            trips[n].append(roundtrip(live[n][1], CELLS[n]))
    for km, kc in live.values():
        stop(km, kc)

    print("%-10s %12s %12s %12s %12s" % ("kernel", "start med s", "exec p50 ms", "exec p90 ms", "exec p99 ms"))
    row = {}
    for n in names:
        row[n] = (statistics.median(starts[n]), percentile(trips[n], 50) * 1e3,
                  percentile(trips[n], 90) * 1e3, percentile(trips[n], 99) * 1e3)
        print("%-10s %12.3f %12.3f %12.3f %12.3f" % ((n,) + row[n]))
    if len(names) == 2:
        a, b = names
        print("ratio %s/%s: start %.2f, p50 %.2f, p99 %.2f" % (
            a, b, row[a][0] / row[b][0], row[a][1] / row[b][1], row[a][3] / row[b][3]))
    print("(%d starts and %d executes per kernel, alternating)" % (args.starts, args.execs))


if __name__ == "__main__":
    main()
