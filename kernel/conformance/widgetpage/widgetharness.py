"""The pieces of the widget browser test: Debian's Notebook server serving
the built test page, and headless Chromium driving it.

- NotebookServer: Notebook 6.4 on 127.0.0.1, a free port, a random token,
  in a temporary directory holding its notebook directory, the test page
  (served as a static file, page_url), JUPYTER_DATA_DIR (where `descent install` puts the
  kernel), JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR; stop() ends it and
  its kernels and removes the directory.
- Chromium: headless Chromium through chromedriver with a fresh profile;
  save() leaves a screenshot, the page and the console log.

Configuration comes from the environment (the Go test sets it):

  DESCENT            the descent program, with descent-worker next to it
  DESCENT_WIDGETPAGE the built test page (index.html, page.js, page.css)
  DESCENT_ARTIFACTS  where failures leave their artifacts
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

# DEADLINE bounds every wait: a guard against hangs, not a measure.
DEADLINE = 120

# The flags the project runs Chromium with: headless, and quiet on the
# network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,1600",
]


def wait_until(what, condition, deadline=DEADLINE, interval=0.05):
    """Polls condition until it returns a true value, which it returns;
    raises AssertionError naming what was awaited after deadline seconds."""
    end = time.monotonic() + deadline
    last = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except WebDriverException as e:  # the page is changing under us
            last = e
        if time.monotonic() > end:
            msg = "timed out after %ds waiting for %s" % (deadline, what)
            if last is not None:
                msg += " (last error: %s)" % last
            raise AssertionError(msg)
        time.sleep(interval)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NotebookServer:
    """Debian's classic Notebook server in a temporary directory, with the
    descent kernel and the test page."""

    def __init__(self, descent, page):
        self.descent, self.page = descent, page
        self.proc = self.dir = self.port = None
        self.token = secrets.token_hex(24)

    def url(self, path):
        sep = "&" if "?" in path else "?"
        return "http://127.0.0.1:%d/%s%stoken=%s" % (self.port, path.lstrip("/"), sep, self.token)

    def page_url(self):
        """The URL of the test page, with the token."""
        return self.url("static/descent-widgets/index.html")

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env.update(
            JUPYTER_DATA_DIR=os.path.join(self.dir, "data"),
            JUPYTER_CONFIG_DIR=os.path.join(self.dir, "config"),
            JUPYTER_RUNTIME_DIR=os.path.join(self.dir, "runtime"),
            JUPYTER_PATH=os.path.join(self.dir, "data"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="descent-widgets-")
        root = os.path.join(self.dir, "root")
        for sub in ("data", "config", "runtime"):
            os.makedirs(os.path.join(self.dir, sub))
        os.makedirs(root)
        # The page is one of the server's static files: same origin as the
        # API (the files of the notebook directory are served sandboxed,
        # with an opaque origin that the API refuses).
        static = os.path.join(self.dir, "static")
        shutil.copytree(self.page, os.path.join(static, "descent-widgets"))
        install = subprocess.run([self.descent, "install"], env=self.env(), capture_output=True, text=True)
        if install.returncode != 0:
            raise RuntimeError("descent install failed: %s%s" % (install.stdout, install.stderr))
        self.port = free_port()
        argv = [
            "/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1",
            "--port=%d" % self.port, "--port-retries=0", "--notebook-dir=" + root,
            "--NotebookApp.token=" + self.token, "--NotebookApp.password=",
            "--MappingKernelManager.cull_idle_timeout=0",
            "--NotebookApp.extra_static_paths=[%r]" % static,
        ]
        if os.geteuid() == 0:
            argv.append("--allow-root")
        self.log_path = os.path.join(self.dir, "notebook.log")
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(argv, env=self.env(), cwd=root, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until("the Notebook server", self._ready, deadline=60, interval=0.1)
        except AssertionError:
            log = self.log()
            self.stop()
            raise RuntimeError("the Notebook server did not start:\n" + log)
        return self

    def _ready(self):
        if self.proc.poll() is not None:
            raise AssertionError("the Notebook server exited with %s" % self.proc.returncode)
        try:
            with urllib.request.urlopen(self.url("api/status"), timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            return False

    def log(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            # The server shuts its kernels down on SIGTERM; the whole group
            # goes if it does not.
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)


class Chromium:
    """Headless Chromium with a fresh profile."""

    def __init__(self, artifacts):
        self.artifacts = artifacts
        self.driver = None
        self.profile = None

    def start(self):
        self.profile = tempfile.mkdtemp(prefix="descent-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in CHROMIUM_FLAGS:
            opts.add_argument(flag)
        opts.add_argument("--user-data-dir=" + self.profile)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=opts)
        self.driver.set_script_timeout(DEADLINE)
        return self

    def save(self, name):
        """Leaves a screenshot, the page and the console log; returns where."""
        os.makedirs(self.artifacts, exist_ok=True)
        base = os.path.join(self.artifacts, name)
        try:
            self.driver.save_screenshot(base + ".png")
            with open(base + ".html", "w") as f:
                f.write(self.driver.page_source)
            with open(base + ".console.txt", "w") as f:
                for entry in self.driver.get_log("browser"):
                    f.write("%s %s\n" % (entry.get("level"), entry.get("message")))
        except WebDriverException as e:
            with open(base + ".error.txt", "w") as f:
                f.write(str(e))
        return base

    def stop(self):
        if self.driver is not None:
            try:
                self.driver.quit()
            except WebDriverException:
                pass
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
