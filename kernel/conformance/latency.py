"""Kernel latency through jupyter_client: descent, ipykernel and a kernel that
does nothing, side by side in one run.

For each kernel, in alternation (so machine noise hits all alike):
  * start: KernelManager.start_kernel() to the first kernel_info_reply;
  * round trip of a trivial cell, execute_request until both its
    execute_reply and its idle status have arrived, measured two ways:
      - "session": jupyter_client's Session over pyzmq sockets, as
        jupyter_server relays a notebook's messages;
      - "blocking": jupyter_client's BlockingKernelClient, as scripts and
        nbclient do (its get_*_msg calls add ~0.3 ms a message).

The "null" kernel (null_kernel.py) answers every execute at once without
running anything: its figures are the floor that the client, the transport
and the messages a cell must produce set on this machine. "client CPU" is
the CPU time the client's own thread spends on one round trip (sending,
polling, checking signatures, parsing JSON and dates of the five messages):
no kernel can make a round trip shorter than that.

    JUPYTER_PATH=<prefix>/share/jupyter /usr/bin/python3 latency.py \
        [--starts 7] [--execs 1000] [--kernels descent,python3,null]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager

CELL = "1 + 1"


def install_null_kernel():
    """Writes a kernelspec for null_kernel.py and puts it on JUPYTER_PATH."""
    root = tempfile.mkdtemp(prefix="descent-latency-")
    spec = os.path.join(root, "kernels", "null")
    os.makedirs(spec)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "null_kernel.py")
    with open(os.path.join(spec, "kernel.json"), "w") as f:
        json.dump({"argv": [sys.executable, script, "{connection_file}"],
                   "display_name": "null", "language": "none"}, f)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (root, os.environ.get("JUPYTER_PATH")) if p)


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
    return km, kc, time.perf_counter() - t0


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


class Blocking:
    """Round trips through BlockingKernelClient."""

    def __init__(self, kc):
        self.kc = kc
        # A SUB socket receives only once its subscription has reached the
        # kernel: wait until a status for our request arrives on IOPub.
        for _ in range(100):
            msg_id = kc.kernel_info()
            try:
                while True:
                    m = kc.get_iopub_msg(timeout=0.2)
                    if m["parent_header"].get("msg_id") == msg_id:
                        break
                break
            except Exception:
                continue
        while True:  # drop the queued kernel_info replies
            try:
                kc.get_shell_msg(timeout=0.2)
            except Exception:
                break

    def close(self):
        self.kc.stop_channels()

    def roundtrip(self):
        kc = self.kc
        t0 = time.perf_counter()
        msg_id = kc.execute(CELL, store_history=False)
        idle = reply = False
        while not idle:
            m = kc.get_iopub_msg(timeout=30)
            idle = (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "idle")
        while not reply:
            reply = kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id") == msg_id
        return time.perf_counter() - t0


class Direct:
    """Round trips through jupyter_client's Session on pyzmq sockets."""

    def __init__(self, km):
        self.s = km.session
        self.shell = km.connect_shell()
        self.iopub = km.connect_iopub()
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)
        for _ in range(100):  # as above: until IOPub delivers
            m = self.s.send(self.shell, "kernel_info_request", {})
            if self._wait(m["header"]["msg_id"], 0.2):
                break

    def _wait(self, msg_id, timeout):
        idle = reply = False
        deadline = time.perf_counter() + timeout
        while not (idle and reply):
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            for sock, _ in self.poller.poll(left * 1000):
                _, m = self.s.recv(sock, mode=zmq.NOBLOCK)
                if m is None or m["parent_header"].get("msg_id") != msg_id:
                    continue
                if sock is self.shell:
                    reply = True
                elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    idle = True
        return True

    def roundtrip(self):
        t0 = time.perf_counter()
        m = self.s.send(self.shell, "execute_request", {
            "code": CELL, "silent": False, "store_history": False,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        if not self._wait(m["header"]["msg_id"], 30):
            raise RuntimeError("no reply in 30 s")
        return time.perf_counter() - t0

    def close(self):
        self.shell.close(0)
        self.iopub.close(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=7)
    ap.add_argument("--execs", type=int, default=1000)
    ap.add_argument("--kernels", default="descent,python3,null")
    args = ap.parse_args()
    names = args.kernels.split(",")
    if "null" in names:
        install_null_kernel()

    starts = {n: [] for n in names}
    for _ in range(args.starts):
        for n in names:
            km, kc, s = start_once(n)
            starts[n].append(s)
            stop(km, kc)

    # One client at a time: a second client connected to the same kernel
    # would deserialize every IOPub message too, in the same process.
    trips = {(n, how): [] for n in names for how in ("session", "blocking")}
    cpu = {(n, how): [] for n in names for how in ("session", "blocking")}
    live = {}
    try:
        for n in names:
            km, kc, _ = start_once(n)
            kc.stop_channels()
            live[n] = km
        for how in ("session", "blocking"):
            clients = {}
            for n, km in live.items():
                if how == "session":
                    clients[n] = Direct(km)
                else:
                    kc = km.client()
                    kc.start_channels()
                    clients[n] = Blocking(kc)
                for _ in range(50):  # warm up
                    clients[n].roundtrip()
            for _ in range(args.execs):
                for n in names:
                    c0 = time.thread_time()
                    trips[(n, how)].append(clients[n].roundtrip())
                    cpu[(n, how)].append(time.thread_time() - c0)
            for c in clients.values():
                c.close()
    finally:
        for km in live.values():
            km.shutdown_kernel(now=True)

    print("%-8s %9s | %-8s %8s %8s %8s | %s" % ("kernel", "start s", "client", "p50 ms", "p90 ms", "p99 ms",
                                             "client CPU ms (mean)"))
    for n in names:
        for how in ("session", "blocking"):
            t = trips[(n, how)]
            print("%-8s %9s | %-8s %8.3f %8.3f %8.3f | %.3f" % (
                n, "%.3f" % statistics.median(starts[n]) if how == "session" else "", how,
                percentile(t, 50) * 1e3, percentile(t, 90) * 1e3, percentile(t, 99) * 1e3,
                statistics.mean(cpu[(n, how)]) * 1e3))
    if "descent" in names:
        for ref in [n for n in names if n != "descent"]:
            print("descent / %s: start %.2f; session p50 %.2f, p99 %.2f; blocking p50 %.2f, p99 %.2f" % (
                ref, statistics.median(starts["descent"]) / statistics.median(starts[ref]),
                *[percentile(trips[("descent", how)], p) / percentile(trips[(ref, how)], p)
                  for how in ("session", "blocking") for p in (50, 99)]))
    print("(%d starts and %d executes per kernel and client, alternating)" % (args.starts, args.execs))


if __name__ == "__main__":
    main()
