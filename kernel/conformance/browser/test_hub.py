"""descent on a local JupyterHub, as a student of a course meets it: log in
through Chromium with a PAM account, open a lesson, run it all.

Run by kernel/conformance's TestJupyterHub, which creates the user, puts
the lesson in the user's home and installs the kernel system-wide as the
JupyterHub guide says. Environment: HUB_USER, HUB_PASSWORD, HUB_LESSON
(a notebook in the user's home), HUB_KERNEL_DIR (the system-wide
kernelspec directory), DESCENT_ARTIFACTS.
"""

import os
import unittest

from harness import BrowserTest, Chromium, NotebookPage
from hub import JupyterHub, processes


class Hub(BrowserTest):
    @classmethod
    def setUpClass(cls):
        cls.user = os.environ["HUB_USER"]
        cls.password = os.environ["HUB_PASSWORD"]
        cls.lesson = os.environ["HUB_LESSON"]
        cls.kernel_dir = os.environ["HUB_KERNEL_DIR"]
        cls.hub = JupyterHub([cls.user]).start()
        cls.server = cls.hub  # its log goes with a failure's artifacts
        try:
            cls.browser = Chromium().start()
        except Exception:
            cls.hub.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.browser.stop()
        cls.hub.stop()

    def test_lesson_runs_as_the_user(self):
        me = self.hub.login(self.browser.driver, self.user, self.password)
        page = NotebookPage(self.browser.driver, me)
        page.open(self.lesson)
        self.assertEqual(page.js("return Jupyter.notebook.kernel.name;"), "descent")
        self.assertFalse(page.dirty(), "the lesson is marked modified as soon as it opens")
        page.restart_and_run_all()
        errors = [e.text for e in page.error_outputs()]
        self.assertEqual(errors, [], "error outputs after Restart & Run All")
        images = page.images()
        self.assertGreaterEqual(len(images), 2, "the lesson shows %d images" % len(images))
        self.assertEqual([s for s, ok in images if not ok], [], "images that did not load")

        # The kernel and its worker run as the student, from the
        # system-wide kernelspec.
        kernel = os.path.join(self.kernel_dir, "descent")
        worker = os.path.join(self.kernel_dir, "descent-worker")
        kernels = processes(lambda argv: argv[0] == kernel and argv[1:2] == ["kernel"])
        workers = processes(lambda argv: argv[0] == worker and "serve" in argv)
        self.assertTrue(kernels, "no kernel process %s is running" % kernel)
        self.assertTrue(workers, "no worker process %s is running" % worker)
        for pid, uid, cmd in kernels + workers:
            self.assertEqual(uid, me.uid, "process %d (%s) runs as uid %d, not as %s (%d)" % (pid, cmd, uid, self.user, me.uid))
        page.leave()


if __name__ == "__main__":
    unittest.main()
