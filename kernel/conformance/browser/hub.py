"""A local JupyterHub for browser tests (see harness.py for the browser).

JupyterHub: Debian's jupyterhub 3.0 on 127.0.0.1, with its
configurable-http-proxy (NODE_PATH=/usr/share/nodejs, which Debian's proxy
needs under a NodeSource node), PAM authentication and the local process
spawner, in a temporary directory of its own. It runs as root, so that it
can start each user's single-user server as that user. stop() ends the
hub, its proxy and the servers it spawned, and removes the directory.

HubUser: a user's view of the hub, with url(path) like NotebookServer's,
so that harness.NotebookPage works on the user's server.

The user must exist and have a password (the Go test creates one).
"""

import os
import pwd
import shutil
import tempfile

from selenium.webdriver.common.by import By

from harness import HarnessError, ServerProcess, free_port, wait_until

CONFIG = """\
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = {dir!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {dir!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {dir!r} + "/cookie_secret"
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""


class JupyterHub:
    """A JupyterHub on 127.0.0.1 for users (a set of user names)."""

    def __init__(self, users):
        self.users = set(users)
        self.server = None
        self.dir = None
        self.port = None

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        if os.geteuid() != 0:
            raise HarnessError("JupyterHub with PAM users must run as root")
        self.dir = tempfile.mkdtemp(prefix="descent-hub-")
        self.port = free_port()
        config = CONFIG.format(port=self.port, hub_port=free_port(), proxy_api_port=free_port(),
                               dir=self.dir, users=self.users)
        config_path = os.path.join(self.dir, "jupyterhub_config.py")
        with open(config_path, "w") as f:
            f.write(config)
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        env["NODE_PATH"] = "/usr/share/nodejs"  # Debian's configurable-http-proxy
        env.pop("DESCENT_WORKER", None)
        self.server = ServerProcess("JupyterHub", os.path.join(self.dir, "jupyterhub.log"))
        self.server.start(["jupyterhub", "-f", config_path], env, self.dir, self.base_url + "/hub/health",
                          deadline=90, interval=0.2, on_failure=self.stop)
        return self

    def log(self):
        return self.server.log() if self.server else ""

    def stop(self):
        """Ends the hub, which stops the proxy and the servers it spawned;
        what is left of its process group is killed."""
        if self.server is not None:
            self.server.stop(grace=30)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def login(self, driver, user, password):
        """Logs user in through the hub's login page and waits until the
        user's server shows its dashboard."""
        driver.get(self.base_url + "/hub/login")
        wait_until("the login form", lambda: driver.find_elements(By.ID, "username_input"))
        driver.find_element(By.ID, "username_input").send_keys(user)
        driver.find_element(By.ID, "password_input").send_keys(password)
        driver.find_element(By.ID, "login_submit").click()
        wait_until(
            "%s's server to start and show its dashboard" % user,
            lambda: ("/user/%s/tree" % user) in driver.current_url and driver.find_elements(By.ID, "notebook_list"),
            deadline=180, interval=0.2,
        )
        return HubUser(self, user)


class HubUser:
    """A logged-in user's single-user server, behind the hub's proxy."""

    def __init__(self, hub, name):
        self.hub = hub
        self.name = name
        self.uid = pwd.getpwnam(name).pw_uid

    def url(self, path):
        return "%s/user/%s/%s" % (self.hub.base_url, self.name, path.lstrip("/"))

    def log(self):
        return self.hub.log()


def processes(match):
    """(pid, uid, cmdline) of the processes whose argv matches: match is a
    function of the argv list."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
            with open("/proc/%s/status" % pid) as f:
                uid = next(int(l.split()[1]) for l in f if l.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if argv and match(argv):
            out.append((int(pid), uid, " ".join(argv)))
    return out
