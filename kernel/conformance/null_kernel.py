"""A kernel that does nothing, for the latency benchmark's baseline.

It speaks just enough of the protocol for latency.py over jupyter_client's
Session and pyzmq (libzmq): kernel_info, and execute answered at once with
busy, execute_input, execute_result "2", execute_reply and idle, without
running anything. What latency.py measures against it is the cost of the
client, the transport and the minimum a kernel must send, on this machine.

    python3 null_kernel.py CONNECTION_FILE
"""

import json
import signal
import sys

import zmq
from jupyter_client.session import Session


def main():
    # jupyter_client interrupts a kernel before it shuts it down: nothing to
    # interrupt here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    cfg = json.load(open(sys.argv[1]))
    session = Session(key=cfg["key"].encode(), signature_scheme=cfg["signature_scheme"])
    ctx = zmq.Context()

    def bind(kind, port):
        s = ctx.socket(kind)
        s.bind("%s://%s:%s" % (cfg["transport"], cfg["ip"], port))
        return s

    shell, control = bind(zmq.ROUTER, cfg["shell_port"]), bind(zmq.ROUTER, cfg["control_port"])
    iopub, stdin, hb = bind(zmq.PUB, cfg["iopub_port"]), bind(zmq.ROUTER, cfg["stdin_port"]), bind(zmq.REP, cfg["hb_port"])
    poller = zmq.Poller()
    for s in (shell, control, hb):
        poller.register(s, zmq.POLLIN)
    count = 0
    while True:
        for sock, _ in poller.poll():
            if sock is hb:
                hb.send_multipart(hb.recv_multipart())
                continue
            idents, msg = session.recv(sock, mode=zmq.NOBLOCK)
            if msg is None:
                continue
            kind = msg["header"]["msg_type"]
            session.send(iopub, "status", {"execution_state": "busy"}, parent=msg)
            if kind == "kernel_info_request":
                session.send(sock, "kernel_info_reply", {
                    "status": "ok", "protocol_version": "5.3", "implementation": "null",
                    "implementation_version": "0", "banner": "",
                    "language_info": {"name": "null", "version": "0", "file_extension": ".txt"},
                }, parent=msg, ident=idents)
            elif kind == "execute_request":
                count += 1
                session.send(iopub, "execute_input", {"code": msg["content"]["code"], "execution_count": count}, parent=msg)
                session.send(iopub, "execute_result", {"execution_count": count, "data": {"text/plain": "2"}, "metadata": {}}, parent=msg)
                session.send(sock, "execute_reply", {"status": "ok", "execution_count": count, "payload": [], "user_expressions": {}}, parent=msg, ident=idents)
            elif kind == "shutdown_request":
                session.send(sock, "shutdown_reply", {"status": "ok", "restart": False}, parent=msg, ident=idents)
                session.send(iopub, "status", {"execution_state": "idle"}, parent=msg)
                return
            session.send(iopub, "status", {"execution_state": "idle"}, parent=msg)


if __name__ == "__main__":
    main()
