"""descent through jupyter_client's KernelClient, as jupyter-console and
Notebook use it: stdin answered with KernelClient.input(), an interrupt and
a restart while a cell waits for input, and the order of stdout, stderr and
display outputs.

Run by TestKernelClient (kernel_client_test.go) with JUPYTER_PATH pointing
at the installed kernel.
"""

import threading
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 30

SCAN = 'var name string\nfmt.Scan(&name)\nfmt.Println("hello", name)'


class KernelClientTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="descent", startup_timeout=60)

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def outputs(self, msg_id):
        """The IOPub messages of request msg_id up to its idle, as
        (msg_type, content), without the status and execute_input ones."""
        out = []
        while True:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            t = m["msg_type"]
            if t == "status" and m["content"]["execution_state"] == "idle":
                return out
            if t not in ("status", "execute_input"):
                out.append((t, m["content"]))

    def reply(self, msg_id):
        while True:
            m = self.kc.get_shell_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id:
                return m["content"]

    def start_scan(self):
        """Runs SCAN and returns its msg_id once its input_request came."""
        msg_id = self.kc.execute(SCAN, allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["parent_header"]["msg_id"], msg_id)
        return msg_id

    def test_input_answered_with_kernel_client_input(self):
        self.kc.execute_interactive("x := 7", timeout=TIMEOUT)
        msg_id = self.start_scan()
        # KernelClient.input() sends an input_reply with an empty parent.
        self.kc.input("Ada")
        self.assertEqual(self.reply(msg_id)["status"], "ok")
        self.assertEqual(self.outputs(msg_id), [("stream", {"name": "stdout", "text": "hello Ada\n"})])

    def test_interrupt_while_waiting_for_input(self):
        self.kc.execute_interactive("x := 7", timeout=TIMEOUT)
        msg_id = self.start_scan()
        self.km.interrupt_kernel()
        reply = self.reply(msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertIn("waiting for input", reply["evalue"])
        outs = self.outputs(msg_id)
        self.assertEqual([t for t, _ in outs], ["error"], "the cell went on after the interrupted read: %r" % outs)
        # The kernel goes on, with the variables.
        msg_id = self.kc.execute("fmt.Println(x)")
        self.assertEqual(self.reply(msg_id)["status"], "ok")
        self.assertEqual(self.outputs(msg_id), [("stream", {"name": "stdout", "text": "7\n"})])

    def test_restart_while_waiting_for_input(self):
        msg_id = self.start_scan()
        restart = threading.Thread(target=lambda: self.km.restart_kernel(now=False))
        restart.start()
        reply = self.reply(msg_id)
        restart.join(TIMEOUT)
        self.assertEqual(reply["status"], "error")
        # jupyter_client interrupts the kernel before it asks for the
        # restart: whichever reaches the cell first ends the wait.
        self.assertIn(reply["ename"], ("Restarted", "Interrupted"))
        want = "restarted" if reply["ename"] == "Restarted" else "waiting for input"
        self.assertIn(want, reply["evalue"])
        self.kc.wait_for_ready(timeout=60)
        msg_id = self.kc.execute('fmt.Println("after the restart")')
        self.assertEqual(self.reply(msg_id)["status"], "ok")
        self.assertEqual(self.outputs(msg_id), [("stream", {"name": "stdout", "text": "after the restart\n"})])

    def test_output_order(self):
        msg_id = self.kc.execute('fmt.Println("first"); fmt.Fprintln(os.Stderr, "second"); fmt.Println("third")')
        self.reply(msg_id)
        self.assertEqual(self.outputs(msg_id), [
            ("stream", {"name": "stdout", "text": "first\n"}),
            ("stream", {"name": "stderr", "text": "second\n"}),
            ("stream", {"name": "stdout", "text": "third\n"}),
        ])
        msg_id = self.kc.execute(
            'fmt.Println("a")\ndisplay.Markdown("**b**")\nfmt.Fprintln(os.Stderr, "c")\nfmt.Println("d")\n'
            'display.Show(42)\nfmt.Println("e")')
        self.reply(msg_id)
        described = []
        for t, c in self.outputs(msg_id):
            if t == "stream":
                described.append("%s:%s" % (c["name"], c["text"]))
            else:
                described.append("%s:%s" % (t, c["data"].get("text/markdown") or c["data"]["text/plain"]))
        self.assertEqual(described, ["stdout:a\n", "display_data:**b**", "stderr:c\n", "stdout:d\n",
                                     "display_data:42", "stdout:e\n"])


if __name__ == "__main__":
    unittest.main()
