"""A real browser on a real Notebook server, for descent's front-end tests.

The pieces, each started and stopped by the test that uses it:

- NotebookServer: Debian's classic Notebook (6.4) on 127.0.0.1, on a free
  port, with a random token, in a temporary directory of its own: its
  notebook directory, JUPYTER_DATA_DIR (where `descent install` puts the
  kernel), JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR. stop() ends the
  server, its kernels, and removes the directory.
- Chromium: headless Chromium through chromedriver (python3-selenium), with
  a fresh profile directory, no network services of its own, and a
  directory where failures leave a screenshot, the page's HTML and the
  browser's console log.
- NotebookPage: what a user does in a notebook page: open it, type in a
  cell, press Tab or Shift-Tab, run cells, use the Kernel menu and the
  toolbar, answer an input box; and what a user sees: prompts, outputs,
  errors, images.
- BrowserTest: a unittest.TestCase base class that starts one server and
  one browser for its test class and saves the artifacts of every failing
  test.

Configuration comes from the environment (the Go test sets it):

  DESCENT            the descent program, with descent-worker next to it
  DESCENT_LESSONS    a directory of notebooks copied into the server's
                     notebook directory (optional)
  DESCENT_ARTIFACTS  where failures leave their artifacts (default: a new
                     temporary directory, named in the failure)
  DESCENT_PYTHON     the Python that runs Notebook (default /usr/bin/python3)
  CHROMIUM, CHROMEDRIVER   the browser and its driver (default: Debian's)

Nothing here waits on wall-clock time for correctness: every wait polls
for a condition and fails after a generous deadline, with a screenshot.
"""

import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

# DEADLINE bounds every wait: a guard against hangs, not a measure.
DEADLINE = 120

# The flags the project runs Chromium with: headless, and quiet on the
# network (no QUIC, no background requests, no component updates, no sync).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


class HarnessError(Exception):
    """A piece of the harness could not start or stop."""


def wait_until(what, condition, deadline=DEADLINE, interval=0.05):
    """Polls condition until it returns a true value, which it returns;
    raises AssertionError naming what was awaited after deadline seconds."""
    end = time.monotonic() + deadline
    last_error = None
    while True:
        try:
            value = condition()
            if value:
                return value
        except WebDriverException as e:  # the page is changing under us
            last_error = e
        if time.monotonic() > end:
            msg = "timed out after %ds waiting for %s" % (deadline, what)
            if last_error is not None:
                msg += " (last error: %s)" % last_error
            raise AssertionError(msg)
        time.sleep(interval)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server in a process group of its own, its output in a log file,
    ready when a URL answers 200: the start-up and shut-down that the
    Notebook server here and the JupyterHub of hub.py share."""

    def __init__(self, name, log_path):
        self.name = name
        self.log_path = log_path
        self.proc = None
        self._log = None

    def start(self, argv, env, cwd, ready_url, deadline, interval, on_failure):
        """Starts argv and waits until ready_url answers; when it does not,
        calls on_failure (the owner's clean-up) and raises HarnessError
        with the log."""
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until("%s to answer on %s" % (self.name, ready_url), lambda: self._ready(ready_url),
                       deadline=deadline, interval=interval)
        except AssertionError:
            log = self.log()
            on_failure()
            raise HarnessError("%s did not start; its log:\n%s" % (self.name, log))

    def _ready(self, url):
        if self.proc.poll() is not None:
            raise AssertionError("%s exited with %s" % (self.name, self.proc.returncode))
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self, grace):
        """SIGTERM to the process group, SIGKILL to what is left of it
        after grace seconds; closes the log."""
        if self.running():
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        if self._log:
            self._log.close()
            self._log = None


class NotebookServer:
    """Debian's classic Notebook server in a temporary directory.

    descent: the descent program; `descent install` puts the kernelspec
    into the server's own JUPYTER_DATA_DIR. notebooks: a directory whose
    *.ipynb files are copied into the notebook directory.
    """

    def __init__(self, descent, notebooks=None, python=None):
        self.descent = descent
        self.notebooks = notebooks
        self.python = python or os.environ.get("DESCENT_PYTHON", "/usr/bin/python3")
        self.server = None
        self.dir = None
        self.port = None
        self.token = secrets.token_hex(24)

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    def url(self, path):
        """The URL of path on the server, with the token."""
        sep = "&" if "?" in path else "?"
        return "%s/%s%stoken=%s" % (self.base_url, path.lstrip("/"), sep, self.token)

    def env(self):
        """The environment of the server (and of the kernels it starts)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env.update(
            JUPYTER_DATA_DIR=os.path.join(self.dir, "data"),
            JUPYTER_CONFIG_DIR=os.path.join(self.dir, "config"),
            JUPYTER_RUNTIME_DIR=os.path.join(self.dir, "runtime"),
            # No other kernelspec or extension: only what this server has.
            JUPYTER_PATH=os.path.join(self.dir, "data"),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.pop("DESCENT_WORKER", None)  # the worker next to descent
        return env

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="descent-notebook-")
        root = os.path.join(self.dir, "root")
        os.makedirs(root)
        for sub in ("data", "config", "runtime"):
            os.makedirs(os.path.join(self.dir, sub))
        if self.notebooks:
            for name in sorted(os.listdir(self.notebooks)):
                if name.endswith(".ipynb"):
                    shutil.copy(os.path.join(self.notebooks, name), root)
        install = subprocess.run(
            [self.descent, "install"], env=self.env(), capture_output=True, text=True
        )
        if install.returncode != 0:
            raise HarnessError("descent install failed: %s%s" % (install.stdout, install.stderr))
        self.port = free_port()
        argv = [
            self.python, "-m", "notebook",
            "--no-browser",
            "--ip=127.0.0.1",
            "--port=%d" % self.port,
            "--port-retries=0",
            "--notebook-dir=" + root,
            "--NotebookApp.token=" + self.token,
            "--NotebookApp.password=",
            "--NotebookApp.open_browser=False",
            "--MappingKernelManager.cull_idle_timeout=0",
        ]
        if os.geteuid() == 0:
            argv.append("--allow-root")
        self.server = ServerProcess("the Notebook server", os.path.join(self.dir, "notebook.log"))
        self.server.start(argv, self.env(), root, self.url("api/status"), deadline=60, interval=0.1,
                          on_failure=self.stop)
        return self

    def api(self, method, path, body=None):
        """Calls the server's REST API and returns the decoded answer."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url(path), data=data, method=method)
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def kernels(self):
        """The kernels the server runs (GET /api/kernels)."""
        return self.api("GET", "api/kernels")

    def log(self):
        return self.server.log() if self.server else ""

    def stop(self):
        """Ends the server (which shuts its kernels down), then any kernel
        process of its runtime directory that is left, and removes the
        directory."""
        if self.server is not None:
            if self.server.running():
                try:
                    for k in self.kernels():
                        self.api("DELETE", "api/kernels/" + k["id"])
                except Exception:  # best effort: the server may be unwell
                    pass
            self.server.stop(grace=20)
        if self.dir:
            stop_processes_mentioning(os.path.join(self.dir, "runtime"))
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


def stop_processes_mentioning(text):
    """Sends SIGTERM to the processes whose command line contains text (the
    kernels started with a connection file in a test's runtime directory)."""
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmdline = f.read().decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            try:
                os.kill(int(pid), signal.SIGTERM)
            except OSError:
                pass


class Chromium:
    """Headless Chromium driven by chromedriver, with a fresh profile."""

    def __init__(self, artifacts=None):
        self.artifacts = artifacts or os.environ.get("DESCENT_ARTIFACTS") or tempfile.mkdtemp(prefix="descent-browser-artifacts-")
        os.makedirs(self.artifacts, exist_ok=True)
        self.driver = None
        self.profile = None

    def start(self):
        self.profile = tempfile.mkdtemp(prefix="descent-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in CHROMIUM_FLAGS + ["--user-data-dir=" + self.profile]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(
            executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"),
            log_path=os.path.join(self.profile, "chromedriver.log"),
        )
        try:
            self.driver = webdriver.Chrome(service=service, options=options)
        except Exception:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.driver.set_page_load_timeout(60)
        return self

    def save_artifacts(self, name):
        """Saves a screenshot, the page's HTML and the console log as
        ARTIFACTS/name.{png,html,console.txt}; returns their paths."""
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)
        paths = []
        base = os.path.join(self.artifacts, safe)
        try:
            if self.driver.save_screenshot(base + ".png"):
                paths.append(base + ".png")
            with open(base + ".html", "w") as f:
                f.write(self.driver.page_source)
            paths.append(base + ".html")
            with open(base + ".console.txt", "w") as f:
                for entry in self.driver.get_log("browser"):
                    f.write("%s %s\n" % (entry.get("level"), entry.get("message")))
            paths.append(base + ".console.txt")
        except Exception as e:  # the browser itself may be the failure
            sys.stderr.write("saving artifacts of %s: %s\n" % (name, e))
        return paths

    def stop(self):
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:
                pass
            self.driver = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


class NotebookPage:
    """A classic Notebook page in the browser, seen as a user sees it."""

    def __init__(self, driver, server):
        self.d = driver
        self.server = server

    # --- navigation ----------------------------------------------------

    def open(self, path):
        """Opens the notebook at path (relative to the notebook directory)
        and waits until its kernel is ready."""
        self.leave()
        self.d.get(self.server.url("notebooks/" + path))
        self.wait_kernel_ready()
        return self

    def new_notebook(self, kernel="descent"):
        """Creates a notebook from the dashboard's New menu, as a user does,
        switches to its tab and waits until its kernel is ready."""
        self.leave()
        self.d.get(self.server.url("tree"))
        before = set(self.d.window_handles)
        self.click("#new-dropdown-button")
        self.click("#kernel-%s a" % kernel)
        handle = wait_until("the new notebook's tab", lambda: set(self.d.window_handles) - before)
        self.d.switch_to.window(handle.pop())
        self.wait_kernel_ready()
        return self

    def leave(self):
        """Lets the current page go without the 'leave page?' question."""
        try:
            self.d.execute_script("window.onbeforeunload = null;")
        except WebDriverException:
            pass

    def wait_kernel_ready(self):
        """Waits until the notebook's kernel has answered kernel_info and is
        idle, and starts following when each cell's execution ends."""
        wait_until(
            "the notebook's kernel to be ready",
            lambda: self.js(
                "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                " && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.language_info"
                " && !Jupyter.notebook.kernel_busy"
                " && $('#kernel_indicator_icon').hasClass('kernel_idle_icon'))"
            ),
        )
        # A cell is done when its own request's idle status has arrived
        # (finished_execute), not when its reply has: Notebook gets the
        # reply and the outputs on two channels, in either order.
        self.js(
            "if (!window.__descentFollowsCells) { window.__descentFollowsCells = true;"
            " Jupyter.notebook.events.on('execute.CodeCell', function (e, d) { d.cell.__descentDone = false; });"
            " Jupyter.notebook.events.on('finished_execute.CodeCell', function (e, d) { d.cell.__descentDone = true; }); }"
        )

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def click(self, css):
        el = wait_until("%s to be clickable" % css, lambda: self._displayed(css))
        el.click()
        return el

    def _displayed(self, css):
        for el in self.d.find_elements(By.CSS_SELECTOR, css):
            if el.is_displayed() and el.is_enabled():
                return el
        return None

    # --- what the notebook holds ---------------------------------------

    def dirty(self):
        """Whether Notebook marks the notebook modified."""
        return self.js("return Jupyter.notebook.dirty;")

    def code_cells(self):
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .cell.code_cell")

    def cell(self, index):
        """The index-th cell of the notebook (all kinds)."""
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .cell")[index]

    def input_prompt(self, cell_el):
        return cell_el.find_element(By.CSS_SELECTOR, ".input_prompt").text.strip()

    def output_texts(self, cell_el):
        return [o.text for o in cell_el.find_elements(By.CSS_SELECTOR, ".output_area")]

    def error_outputs(self):
        """The error outputs shown in the page (tracebacks)."""
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .output_area .output_error")

    def images(self):
        """(src head, loaded) of every <img> in the notebook."""
        return self.js(
            "return $('#notebook-container img').toArray().map(function (i) {"
            " return [i.src.slice(0, 40), i.complete && i.naturalWidth > 0]; });"
        )

    # --- running -------------------------------------------------------

    def all_cells_ran(self):
        """Whether every code cell has run to its end, with an execution
        count: the end of Run All."""
        return self.js(
            "var cells = Jupyter.notebook.get_cells().filter(function (c) { return c.cell_type === 'code'; });"
            "return cells.every(function (c) {"
            " return c.__descentDone === true && typeof c.input_prompt_number === 'number'; });"
        )

    def cell_index(self, cell_el):
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .cell").index(cell_el)

    def cell_done(self, cell_el):
        """Whether the cell's last execution has ended (reply and idle)."""
        return self.js(
            "var c = Jupyter.notebook.get_cell(arguments[0]);"
            "return c.__descentDone === true && typeof c.input_prompt_number === 'number';",
            self.cell_index(cell_el),
        )

    def kernel_menu(self, item_id, confirm=None):
        """Chooses an item of the Kernel menu (#restart_run_all, ...) and,
        when confirm names a button, presses it in the dialog."""
        self.click("#kernellink")
        self.click("#%s > a" % item_id)
        if confirm:
            buttons = "//div[contains(@class,'modal-footer')]//button[normalize-space(.)='%s']" % confirm
            btn = wait_until("the %r button" % confirm, lambda: self._visible_xpath(buttons))
            btn.click()
            wait_until("the dialog to close", lambda: not self.d.find_elements(By.CSS_SELECTOR, ".modal.in"))

    def _visible_xpath(self, xpath):
        for el in self.d.find_elements(By.XPATH, xpath):
            if el.is_displayed():
                return el
        return None

    def restart_and_run_all(self):
        self.kernel_menu("restart_run_all", confirm="Restart and Run All Cells")
        # The restart clears the counts; then every cell runs.
        wait_until("Restart & Run All to finish", self.all_cells_ran, deadline=300, interval=0.2)

    def restart(self):
        self.kernel_menu("restart_kernel", confirm="Restart")
        self.wait_kernel_ready()

    def interrupt_from_toolbar(self):
        """Presses the toolbar's ■ (interrupt) button."""
        self.click("button[data-jupyter-action='jupyter-notebook:interrupt-kernel']")

    def last_cell(self):
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .cell")[-1]

    def add_cell(self):
        """Adds a code cell at the end and selects it."""
        n = self.js("Jupyter.notebook.select(Jupyter.notebook.ncells() - 1);"
                    "Jupyter.notebook.insert_cell_below('code');"
                    "Jupyter.notebook.select_next();"
                    "return Jupyter.notebook.ncells();")
        return self.d.find_elements(By.CSS_SELECTOR, "#notebook-container .cell")[n - 1]

    def set_code(self, cell_el, code):
        """Puts code into a cell's editor (as a paste would)."""
        index = self.cell_index(cell_el)
        self.js("var c = Jupyter.notebook.get_cell(arguments[0]); c.set_text(arguments[1]);"
                "Jupyter.notebook.select(arguments[0]);", index, code)

    def focus_editor(self, cell_el):
        """Clicks into a cell's editor, at the end of its text."""
        cell_el.find_element(By.CSS_SELECTOR, ".CodeMirror").click()
        index = self.cell_index(cell_el)
        self.js("var c = Jupyter.notebook.get_cell(arguments[0]); Jupyter.notebook.edit_mode();"
                "c.code_mirror.focus(); c.code_mirror.execCommand('goDocEnd');", index)

    def type_keys(self, *keys):
        """Types keys into what has the focus."""
        ActionChains(self.d).send_keys(*keys).perform()

    def shift_tab(self):
        """Presses Shift-Tab (the shift key held while Tab goes down)."""
        ActionChains(self.d).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()

    def run_selected_with_keyboard(self, cell_el):
        """Shift-Enter in the cell's editor."""
        self.focus_editor(cell_el)
        ActionChains(self.d).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()

    def run_cell(self, code, wait=True):
        """Adds a cell with code, runs it with Shift-Enter and, with wait,
        waits until it has finished; returns the cell element."""
        cell_el = self.add_cell()
        self.set_code(cell_el, code)
        self.run_selected_with_keyboard(cell_el)
        if wait:
            self.wait_cell_done(cell_el)
        return cell_el

    def wait_cell_busy(self, cell_el):
        wait_until("the cell to start running", lambda: self.input_prompt(cell_el) == "In [*]:")

    def wait_cell_done(self, cell_el, deadline=DEADLINE):
        wait_until("the cell to finish", lambda: self.cell_done(cell_el), deadline=deadline)


class BrowserTest(unittest.TestCase):
    """One Notebook server and one Chromium for a test class; every test
    method that fails leaves a screenshot, the page and the console log in
    the artifacts directory (named in the failure)."""

    notebooks = None  # a directory of notebooks to serve, or None

    @classmethod
    def setUpClass(cls):
        descent = os.environ.get("DESCENT")
        if not descent:
            raise unittest.SkipTest("DESCENT (the descent program) is not set")
        notebooks = cls.notebooks or os.environ.get("DESCENT_LESSONS")
        cls.server = NotebookServer(descent, notebooks).start()
        try:
            cls.browser = Chromium().start()
        except Exception:
            cls.server.stop()
            raise
        cls.page = NotebookPage(cls.browser.driver, cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.browser.stop()
        cls.server.stop()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in list(vars(cls)):
            if name.startswith("test") and callable(getattr(cls, name)):
                setattr(cls, name, _with_artifacts(getattr(cls, name)))


def _with_artifacts(method):
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except BaseException as e:
            if isinstance(e, unittest.SkipTest):
                raise
            paths = self.browser.save_artifacts("%s.%s" % (type(self).__name__, method.__name__))
            log = self.server.log()[-4000:]
            raise AssertionError("%s\nartifacts: %s\nNotebook server log (end):\n%s" % (e, ", ".join(paths), log)) from e
    return run
