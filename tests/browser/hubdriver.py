"""A real JupyterHub on 127.0.0.1 for the classroom tests and benchmark.

:class:`Hub` runs ``jupyterhub`` from this venv with the dummy authenticator (any password),
the simple local process spawner (one ``jupyterhub-singleuser`` per student, homes in a
temporary folder) and ``configurable-http-proxy`` from npm (found on PATH, in
``build/chp/``, or installed there with ``npm`` once). Students open the lecture through an
nbgitpuller link to a local bare clone of this repository's HEAD, exactly as a class would
through a link to the GitHub repository. Nothing listens beyond 127.0.0.1, and ``stop()``
ends the hub, the proxy and every student server.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from labdriver import JS_KERNEL_READY, LAB_SETTINGS, Loopback, NotebookSession, free_port

ROOT = Path(__file__).resolve().parents[2]
CHP_VERSION = "5.3.0"  # configurable-http-proxy on the npm registry
CHP_DIR = ROOT / "build" / "chp"
BIN = Path(sys.executable).parent


def find_chp(install: bool = True) -> str | None:
    """``configurable-http-proxy``: on PATH, in build/chp, or installed there with npm."""
    local = CHP_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    found = shutil.which("configurable-http-proxy") or (str(local) if local.exists() else None)
    if found or not install or shutil.which("npm") is None or shutil.which("node") is None:
        return found
    CHP_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(CHP_DIR), f"configurable-http-proxy@{CHP_VERSION}",
                    "--no-audit", "--no-fund", "--loglevel=error"], check=True, capture_output=True, timeout=300)
    return str(local) if local.exists() else None


def bare_clone(tmp: Path) -> str:
    """A bare clone of this repository's HEAD: the ``repo`` of the students' nbgitpuller link."""
    target = tmp / "virtlab.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", "--depth", "1", f"file://{ROOT}", str(target)],
                   check=True, capture_output=True, timeout=120)
    branch = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    return f"file://{target}", branch if branch != "HEAD" else "main"


CONFIG = """
import os
c = get_config()  # noqa: F821 - JupyterHub defines get_config in its config files
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/cookie_secret"
c.JupyterHub.pid_file = "{tmp}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{tmp}/proxy.pid"
c.SimpleLocalProcessSpawner.home_dir_template = "{tmp}/home/{{username}}"
c.Spawner.cmd = ["{singleuser}"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.args = {args}
c.Spawner.environment = {{
    "JUPYTERLAB_SETTINGS_DIR": lambda spawner: "{tmp}/home/" + spawner.user.name + "/.lab-settings",
    "JUPYTERLAB_WORKSPACES_DIR": lambda spawner: "{tmp}/home/" + spawner.user.name + "/.lab-workspaces",
    "PYTHONDONTWRITEBYTECODE": "1",
}}
"""


class Hub(Loopback):
    """JupyterHub + proxy on 127.0.0.1 for ``students``; use as a context manager."""

    def __init__(self, students: list[str], chp: str, startup_timeout: float = 90.0):
        self.students = students
        self.chp = chp
        self.startup_timeout = startup_timeout
        self.tmp = Path(tempfile.mkdtemp(prefix="virtlab-hub-"))
        self.log_path = self.tmp / "hub.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.repo, self.branch = bare_clone(self.tmp)

    def _write_config(self) -> Path:
        args = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp, for the test to drive
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
        for name in self.students:  # the same quiet JupyterLab settings as the plain-lab tests
            for rel, value in LAB_SETTINGS.items():
                p = self.tmp / "home" / name / ".lab-settings" / rel
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(json.dumps(value), "utf-8")
        path = self.tmp / "jupyterhub_config.py"
        path.write_text(CONFIG.format(port=self.port, hub_port=free_port(), proxy_api_port=free_port(),
                                      tmp=self.tmp, chp=self.chp, singleuser=BIN / "jupyterhub-singleuser",
                                      args=json.dumps(args)), "utf-8")
        return path

    def start(self) -> Hub:
        self.port = free_port()
        config = self._write_config()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        env["PATH"] = f"{BIN}{os.pathsep}{Path(self.chp).parent}{os.pathsep}{env.get('PATH', '')}"
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=self.tmp, env=env,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        tail = self.log_path.read_text("utf-8", "replace")[-3000:]
        self.stop()
        raise RuntimeError(f"jupyterhub did not start:\n{tail}")

    def link(self, notebook: str) -> str:
        from virtlab_widgets.classroom import gitpuller_link

        return gitpuller_link(self.url, self.repo, notebook, self.branch)

    def server_pids(self) -> dict[str, int]:
        """Each student's single-user server process id (from the spawners' pid files: the
        hub's REST API needs a token, so read what the simple spawner's children are instead)."""
        out = {}
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
                env = (proc / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(b"jupyterhub-singleuser" in c for c in cmd[:3]):
                prefix = b"JUPYTERHUB_USER="
                user = next((e[len(prefix):].decode() for e in env if e.startswith(prefix)), None)
                if user in self.students:
                    out[user] = int(proc.name)
        return out

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # the hub stops every server and the proxy
                self.proc.wait(timeout=60)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for pid in self.server_pids().values():  # anything the hub left behind
            try:
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (server + kernels), MiB."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(proc.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Student(NotebookSession):
    """One student's browser: log in, follow the class link, then drive the notebook."""

    def __init__(self, browser, hub: Hub, name: str, notebook: str):
        self.hub, self.student = hub, name
        self.path = f"{Path(hub.repo).name.removesuffix('.git')}/notebooks/{notebook}"
        self.responses: list[tuple[str, int]] = []
        super().__init__(browser, hub, self.path, viewport=(1366, 900))
        self.page.on("response", lambda r: self.responses.append((r.url, r.status)))

    def open(self, workspace: str | None = None) -> float:
        """Log in, click the nbgitpuller link, wait until the notebook's kernel is connected."""
        self.page.goto(f"{self.hub.url}/hub/login")
        self.page.fill("#username_input", self.student)
        self.page.fill("#password_input", "class-of-2026")
        self.page.click("#login_submit")
        self.page.wait_for_url("**/hub/**", timeout=60_000)
        t0 = time.perf_counter()
        self.page.goto(self.hub.link(Path(self.name).name[:2]))
        self.page.wait_for_function(JS_KERNEL_READY, arg=self.path, timeout=240_000, polling=100)
        return time.perf_counter() - t0
