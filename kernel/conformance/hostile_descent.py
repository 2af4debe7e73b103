"""descent under hostile bytes and a stalled front end, through
jupyter_client and pyzmq (libzmq), as a JupyterHub user's notebook would
meet them from another local user. Run by TestHostilePeersWithJupyterClient
(hostile_test.go) with JUPYTER_PATH pointing at the installed kernel.
"""

import socket
import struct
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel

TIMEOUT = 30
PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def greeting():
    g = bytearray(64)
    g[0], g[9], g[10] = 0xFF, 0x7F, 3
    g[12:16] = b"NULL"
    return bytes(g)


class HostileTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="descent", startup_timeout=60)
        self.info = self.km.get_connection_info()
        self.raw = []

    def tearDown(self):
        for s in self.raw:
            s.close()
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def connect(self, port):
        s = socket.create_connection((self.info["ip"], self.info[port]), timeout=TIMEOUT)
        self.raw.append(s)
        return s

    def closed_by_server(self, s):
        """Reads what the kernel sends (its greeting) until it closes."""
        s.settimeout(TIMEOUT)
        try:
            while s.recv(1 << 16):
                pass
        except ConnectionResetError:
            pass
        except socket.timeout:
            return False
        return True

    def execute(self, kc, code):
        msg_id = kc.execute(code)
        while True:
            m = kc.get_shell_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id:
                return m["content"]

    def test_attack_bytes_and_silent_connections(self):
        """75 bytes on each port (a greeting, then a frame announcing 2^60
        bytes) and connections that send nothing leave the kernel serving
        this client and a new one."""
        attack = greeting() + struct.pack(">BQ", 0x06, 1 << 60) + b"\x00\x00"
        self.assertEqual(len(attack), 75)
        for port in PORTS:
            self.connect(port)  # silent, kept open
            s = self.connect(port)
            s.sendall(attack)
            self.assertTrue(self.closed_by_server(s), "the kernel kept the attacker's connection on " + port)
        self.assertTrue(self.km.is_alive(), "the kernel process died")
        self.assertEqual(self.execute(self.kc, 'fmt.Println("still here")')["status"], "ok")
        other = self.km.client()
        other.start_channels()
        try:
            other.wait_for_ready(timeout=TIMEOUT)
            self.assertEqual(self.execute(other, "1 + 1")["status"], "ok")
            self.assertTrue(other.hb_channel.is_beating())
        finally:
            other.stop_channels()

    def test_replayed_message_runs_once(self):
        """The same signed execute_request sent twice runs once, as
        jupyter_client's Session would have it."""
        session = self.kc.session
        msg = session.msg("execute_request", {
            "code": "counter++", "silent": False, "store_history": False,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        self.assertEqual(self.execute(self.kc, "counter := 0")["status"], "ok")
        sock = self.kc.shell_channel.socket
        session.send(sock, msg)
        session.send(sock, msg)  # byte for byte the same frames
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg["header"]["msg_id"])
        count = self.kc.execute("counter")
        while True:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == count:
                break
            self.fail("a second reply to the replayed request")
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == count and m["msg_type"] == "execute_result":
                self.assertEqual(m["content"]["data"]["text/plain"], "1")
                break

    def test_stalled_front_end_holds_up_no_one(self):
        """A libzmq subscriber that stops reading (a suspended laptop)
        while a cell prints 30 MB: this client gets all of it, its
        heartbeat keeps beating and an interrupt is answered."""
        ctx = zmq.Context()
        stalled = ctx.socket(zmq.SUB)
        stalled.setsockopt(zmq.RCVHWM, 10)
        stalled.setsockopt(zmq.RCVBUF, 4096)
        stalled.setsockopt(zmq.SUBSCRIBE, b"")
        stalled.connect("tcp://%s:%d" % (self.info["ip"], self.info["iopub_port"]))
        try:
            time.sleep(0.5)  # the subscription lands
            code = 'line := strings.Repeat("x", 299)\nfor i := 0; i < 100000; i++ { fmt.Println(line) }'
            msg_id = self.kc.execute(code)
            got = 0
            while True:
                m = self.kc.get_iopub_msg(timeout=TIMEOUT)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                if m["msg_type"] == "stream":
                    got += len(m["content"]["text"])
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    break
            self.assertEqual(got, 300 * 100000)
            self.assertTrue(self.kc.hb_channel.is_beating())
            msg_id = self.kc.execute('fmt.Println("sleeping")\ntime.Sleep(time.Hour)')
            while True:
                m = self.kc.get_iopub_msg(timeout=TIMEOUT)
                if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
                    break
            self.km.interrupt_kernel()
            while True:
                m = self.kc.get_shell_msg(timeout=TIMEOUT)
                if m["parent_header"].get("msg_id") == msg_id:
                    self.assertEqual(m["content"]["status"], "error")
                    break
        finally:
            stalled.close(linger=0)
            ctx.term()


if __name__ == "__main__":
    unittest.main()
