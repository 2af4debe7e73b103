"""Time from starting `descent kernel` to its shell port accepting a TCP
connection, for one or more builds side by side (alternating), 15 starts
each. jupyter_client connects a few milliseconds after it starts a kernel;
a kernel that is not listening by then costs a 100-200 ms libzmq retry.

    /usr/bin/python3 listen_time.py DESCENT_BINARY...

The client spins on connect(), so it keeps one core busy: compare builds
in the same run, not with figures taken otherwise.
"""

import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_ports(n):
    ports = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        ports.append(s.getsockname()[1])
        s.close()
    return ports


def listen_time(binary, conn_file):
    shell, iopub, stdin, control, hb = free_ports(5)
    with open(conn_file, "w") as f:
        json.dump({"shell_port": shell, "iopub_port": iopub, "stdin_port": stdin,
                   "control_port": control, "hb_port": hb, "ip": "127.0.0.1", "key": "k",
                   "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "descent"}, f)
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary, "kernel", conn_file], stderr=subprocess.DEVNULL)
    try:
        while True:
            s = socket.socket()
            try:
                s.connect(("127.0.0.1", shell))
                return time.perf_counter() - t0
            except OSError:
                pass
            finally:
                s.close()
    finally:
        proc.terminate()
        proc.wait()


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    conn_file = tempfile.mktemp(suffix=".json")
    times = {b: [] for b in binaries}
    for _ in range(15):
        for b in binaries:
            times[b].append(listen_time(b, conn_file))
    for b, ts in times.items():
        print("%-40s median %.1f ms  [%s]" % (b, statistics.median(ts) * 1e3,
                                             " ".join("%.0f" % (t * 1e3) for t in sorted(ts))))


if __name__ == "__main__":
    main()
