"""Drive a real JupyterLab in headless Chromium (shared by the browser tests and benchmarks).

* :class:`LabServer` starts ``jupyter lab`` on 127.0.0.1 (free port, no token) with isolated
  config/runtime/data/settings/workspace folders, on a temporary copy of ``notebooks/`` so that
  nothing the browser does (autosave, checkpoints) can touch the sources.
* :class:`NotebookSession` opens one notebook in its own browser context, records every request
  (and aborts any that would leave the local server), waits for the kernel, runs all cells and
  inspects what rendered.

Every wait is on real state (kernel connection status, cell execution counts, widget DOM),
never a fixed sleep.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]

# JupyterLab settings for a quiet, deterministic page: no news/update checks, no autosave,
# every cell rendered (no windowing, so off-screen widgets exist in the DOM).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def code_notebook(*cells: str) -> dict:
    """A notebook of code cells (no outputs), for tests that write their own."""
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                       "source": source} for source in cells],
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                        "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


def notebooks(root: Path = NOTEBOOK_DIR) -> list[Path]:
    """Every numbered lecture notebook of every edition (``notebooks/``, ``notebooks/en/``, …)."""
    editions = [root] + sorted(p.parent for p in root.glob("*/edition.json"))
    return [p for folder in editions for p in sorted(folder.glob(NOTEBOOK_GLOB))]


def served_name(path: Path, root: Path = NOTEBOOK_DIR) -> str:
    """A notebook's path in the lab server's folder (``en/04_containers.ipynb``): its kernel
    starts in that folder, so an edition's notebook runs in the edition's language."""
    return path.relative_to(root).as_posix()


def served_stem(path: Path, root: Path = NOTEBOOK_DIR) -> str:
    """``en-04_containers``: a file-name-safe id for screenshots and test ids."""
    return served_name(path, root).removesuffix(".ipynb").replace("/", "-")


def find_chromium() -> str | None:
    env = os.environ.get("VIRTLAB_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for cand in CHROMIUM_CANDIDATES:
        if Path(cand).exists():
            return cand
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Loopback:
    """A server on 127.0.0.1 at ``self.port``: its base URL and ``host:port``."""

    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


class LabServer(Loopback):
    """``jupyter lab`` on a temporary copy of the notebooks; use as a context manager."""

    def __init__(self, extra_args: list[str] | None = None, startup_timeout: float = 90.0,
                 server_extension: bool = True, token: str = ""):
        # The package's server extension serves plotly's widget JS (virtlab_widgets/jupyter/server_ext.py).
        # Enabled explicitly so the tests do not depend on how the package was installed.
        ext = f"--ServerApp.jpserver_extensions={{'virtlab_widgets.jupyter.server_ext': {server_extension}}}"
        self.extra_args = [ext, *(extra_args or [])]
        self.startup_timeout = startup_timeout
        self.token = token  # "" (the default): no authentication at all
        self.tmp = Path(tempfile.mkdtemp(prefix="virtlab-lab-"))
        self.root = self.tmp / "notebooks"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.log_path = self.tmp / "server.log"

    def copy_notebook(self, path: Path, name: str | None = None) -> str:
        """Copy one notebook (or write a generated one) into the served folder; returns its name."""
        target = self.root / (name or path.name)
        shutil.copyfile(path, target)
        return target.name

    def write_notebook(self, name: str, nb: dict) -> str:
        (self.root / name).write_text(json.dumps(nb, ensure_ascii=False), "utf-8")
        return name

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
        dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_RUNTIME_DIR": "runtime", "JUPYTER_DATA_DIR": "data",
                "JUPYTERLAB_SETTINGS_DIR": "settings", "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
                "IPYTHONDIR": "ipython"}
        for var, sub in dirs.items():
            (self.tmp / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(self.tmp / sub)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def start(self) -> LabServer:
        shutil.copytree(NOTEBOOK_DIR, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        env = self._env()
        for rel, value in LAB_SETTINGS.items():
            p = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(json.dumps(value), "utf-8")
        last_error = ""
        for _attempt in range(3):  # a port taken between free_port() and bind: try another
            self.port = free_port()
            cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                   "--ServerApp.password=", f"--ServerApp.root_dir={self.root}",
                   # tokenless server on 127.0.0.1 for one test run: let the fixture's REST calls
                   # (shutting kernels down) through without a browser XSRF cookie
                   "--ServerApp.disable_check_xsrf=True",
                   "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   "--ServerApp.open_browser=False", *self.extra_args]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                cmd.append("--allow-root")
            log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(cmd, cwd=self.tmp, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
            log.close()
            if self._wait_ready():
                return self
            last_error = self.log_path.read_text("utf-8", "replace")[-3000:]
            self._kill()
        raise RuntimeError(f"jupyter lab did not start:\n{last_error}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return True
            except OSError:
                # not listening yet: wait for the process (returns early if it exits)
                try:
                    self.proc.wait(timeout=0.1)
                except subprocess.TimeoutExpired:
                    pass
        return False

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.url}{path}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for k in self.api("/api/kernels"):
            self.api(f"/api/kernels/{k['id']}", method="DELETE")

    def _kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)

    def stop(self) -> None:
        try:
            if self.proc and self.proc.poll() is None:
                try:
                    self.shutdown_kernels()
                except OSError:
                    pass
        finally:
            self._kill()
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def launch_browser(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)


# --- in-page JavaScript --------------------------------------------------------------------

JS_KERNEL_READY = """(path) => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path || !w.sessionContext) return false;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle' && w.content.model !== null;
}"""

# Run All finished: every non-empty code cell has an execution count (or a cell errored, which
# stops Run All), and the kernel is idle again.
JS_RUN_DONE = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  let pending = 0, errored = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) if (c.outputs.get(j).type === 'error') errored = true;
    if (!c.executionCount && c.sharedModel.getSource().trim()) pending++;
  }
  const k = w.sessionContext.session.kernel;
  return (errored || pending === 0) && k.status === 'idle';
}"""

# Cells' outputs as the notebook model holds them (what the kernel sent).
JS_OUTPUTS = """() => {
  const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells; const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i); if (c.type !== 'code') continue;
    const outputs = [];
    for (let j = 0; j < c.outputs.length; j++) outputs.push(c.outputs.get(j).toJSON());
    out.push({index: i, source: c.sharedModel.getSource(), count: c.executionCount, outputs});
  }
  return out;
}"""

# Per code cell: what rendered in its output area.
JS_RENDERED = """() => {
  const w = window.jupyterapp.shell.currentWidget; const result = [];
  w.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const area = cell.node.querySelector('.jp-OutputArea'); if (!area) return;
    const q = (s) => area.querySelectorAll(s).length;
    const plots = [...area.querySelectorAll('.js-plotly-plot')].map(gd => ({
      traces: (gd.data || []).length,
      visible: (gd._fullData || []).filter(t => t.visible === true).length,
      drawn: gd.querySelectorAll('g.trace, g.layer-above .shape, .barlayer .trace').length,
      width: gd.getBoundingClientRect().width, height: gd.getBoundingClientRect().height}));
    result.push({index, text: area.innerText,
      counts: {slider: q('.widget-slider'), dropdown: q('.widget-dropdown select'),
               checkbox: q('.widget-checkbox input[type=checkbox]'), button: q('button.widget-button'),
               togglebuttons: q('.widget-toggle-buttons'), radio: q('.widget-radio-box'),
               html: q('.widget-html'), plot: plots.length},
      plots,
      errors: [...area.querySelectorAll('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"], '
                                        + '.jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]')]
              .map(e => e.innerText.slice(0, 2000))});
  });
  return result;
}"""

# What the kernel created under each displayed widget: walk the widget tree from every
# displayed root (children and any widget-valued trait except layout/style) and count views.
KERNEL_TREE_CODE = r"""
def __virtlab_tree(ids):
    import json
    import ipywidgets as W
    from ipywidgets.widgets.widget import _instances
    out = {}
    for mid in ids:
        root = _instances.get(mid)
        if root is None:
            out[mid] = None
            continue
        seen, stack, views = set(), [root], []
        while stack:
            w = stack.pop()
            if id(w) in seen:
                continue
            seen.add(id(w))
            views.append("PlotlyFigure" if hasattr(w, "plotly_restyle") else (w._view_name or type(w).__name__))
            for name in w.keys:
                if name in ("layout", "style"):
                    continue
                v = getattr(w, name, None)
                for x in (v if isinstance(v, (list, tuple)) else [v]):
                    if isinstance(x, W.Widget) and not isinstance(x, (W.Layout, W.Style)):
                        stack.append(x)
        out[mid] = views
    return json.dumps(out)
"""

# kernel view name -> key of JS_RENDERED's counts (views not listed here are not counted)
VIEW_KEYS = {
    "IntSliderView": "slider", "FloatSliderView": "slider", "FloatLogSliderView": "slider",
    "IntRangeSliderView": "slider", "FloatRangeSliderView": "slider", "SelectionSliderView": "slider",
    "SelectionRangeSliderView": "slider", "DropdownView": "dropdown", "CheckboxView": "checkbox",
    "ButtonView": "button", "ToggleButtonsView": "togglebuttons", "RadioButtonsView": "radio",
    "HTMLView": "html", "PlotlyFigure": "plot",
}


class NotebookSession:
    """One notebook open in its own browser context (fresh cache unless ``context`` is given)."""

    def __init__(self, browser, server: LabServer, name: str, context=None, viewport=(1280, 1400),
                 intercept: bool = True):
        """``intercept``: abort requests beyond the local server (routing disables the HTTP
        cache, so benchmarks that measure cached loads pass False and only record them)."""
        self.server, self.name = server, name
        self.own_context = context is None
        self.context = context or browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                                      locale="ko-KR", service_workers="block")
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.ws_in = 0
        self.ws_out = 0
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        if intercept:
            self.page.route("**/*", self._route)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("websocket", self._on_ws)
        self.console_errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(f"pageerror: {e}"))

    # Requests to anything but the local server are recorded and aborted (the test then fails).
    def _route(self, route):
        url = route.request.url
        if self._is_local(url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.netloc == self.server.host

    def _on_ws(self, ws):
        self.requests.append(ws.url)
        if not self._is_local(ws.url):
            self.foreign.append(ws.url)

        def size(payload):
            return len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)

        def received(payload):
            self.ws_in += size(payload)

        def sent(payload):
            self.ws_out += size(payload)

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    def non_local_requests(self) -> list[str]:
        return sorted(set(self.foreign + [u for u in self.requests if not self._is_local(u)]))

    # --- actions -----------------------------------------------------------------------
    def open(self, workspace: str | None = None) -> float:
        """Open the notebook and wait for its kernel; returns seconds from navigation."""
        ws = workspace or "t" + "".join(ch for ch in self.name if ch.isalnum())
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        t0 = time.perf_counter()
        self.page.goto(f"{self.server.url}/lab/workspaces/{ws}/tree/{self.name}")
        try:
            self.page.wait_for_function(JS_KERNEL_READY, arg=self.name, timeout=90_000, polling=50)
        except PlaywrightTimeout:
            dialogs = self.page.locator(".jp-Dialog").all_inner_texts()
            raise AssertionError(f"{self.name}: kernel not connected after 90 s"
                                 + (f"; dialog shown: {dialogs}" if dialogs else "")
                                 + "\nserver log tail:\n"
                                 + self.server.log_path.read_text("utf-8", "replace")[-2000:]) from None
        return time.perf_counter() - t0

    def run_all(self, timeout: float = 120_000) -> float:
        """Run → Run All Cells from the menu bar; wait until every cell ran and the kernel is idle."""
        t0 = time.perf_counter()
        self.page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
        self.page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        self.page.wait_for_function(JS_RUN_DONE, timeout=timeout, polling=20)
        return time.perf_counter() - t0

    def outputs(self) -> list[dict]:
        return self.page.evaluate(JS_OUTPUTS)

    def rendered(self) -> list[dict]:
        return self.page.evaluate(JS_RENDERED)

    def kernel_eval(self, expression: str, setup: str = "") -> str:
        """Evaluate ``expression`` silently in the notebook's kernel (no cell, no history)."""
        return self.page.evaluate("""async ([setup, expr]) => {
          const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
          const f = k.requestExecute({code: setup, silent: true, store_history: false,
                                      user_expressions: {r: expr}});
          const reply = await f.done;
          const r = reply.content.user_expressions ? reply.content.user_expressions.r : null;
          if (reply.content.status !== 'ok') return JSON.stringify({error: reply.content.evalue});
          if (!r || r.status !== 'ok') return JSON.stringify({error: r ? r.evalue : 'no result'});
          return r.data['text/plain'];
        }""", [setup, expression])

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)

    def screenshot_cells(self, indices, prefix: Path) -> list[Path]:
        """One image per code cell (input + outputs): the notebook scrolls inside JupyterLab, so
        a page screenshot only shows the viewport."""
        paths = []
        for index in sorted(indices):
            self.page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
                               ".setAttribute('data-virtlab-shot', String(i))", index)
            path = prefix.parent / f"{prefix.name}-cell{index:02d}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            self.page.locator(f'[data-virtlab-shot="{index}"]').screenshot(path=str(path))
            paths.append(path)
        return paths

    def close(self) -> None:
        try:
            self.page.close()
        finally:
            if self.own_context:
                self.context.close()


def widget_roots(outputs: list[dict]) -> dict[int, list[str]]:
    """cell index → model ids of the widgets displayed in its outputs."""
    roots: dict[int, list[str]] = {}
    for cell in outputs:
        for o in cell["outputs"]:
            view = (o.get("data") or {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                roots.setdefault(cell["index"], []).append(view["model_id"])
    return roots


def expected_views(session: NotebookSession, outputs: list[dict]) -> dict[int, dict[str, int]]:
    """cell index -> {count key: how many views of that kind the kernel displayed there}."""
    roots = widget_roots(outputs)
    ids = [m for ms in roots.values() for m in ms]
    if not ids:
        return {}
    raw = session.kernel_eval(f"__virtlab_tree({json.dumps(ids)})", KERNEL_TREE_CODE)
    trees = json.loads(ast.literal_eval(raw) if raw.startswith(("'", '"')) else raw)  # repr of a str
    assert "error" not in trees, f"could not read the kernel's widget tree: {trees}"
    expected: dict[int, dict[str, int]] = {}
    for cell, mids in roots.items():
        counts = expected.setdefault(cell, {})
        for mid in mids:
            assert trees.get(mid) is not None, f"cell {cell}: widget {mid} displayed but gone from the kernel"
            for view in trees[mid]:
                key = VIEW_KEYS.get(view)
                if key:
                    counts[key] = counts.get(key, 0) + 1
    return expected


JS_ALL_RENDERED = """(expected) => {
  const w = window.jupyterapp.shell.currentWidget;
  for (const [index, want] of Object.entries(expected)) {
    const cell = w.content.widgets[Number(index)]; if (!cell) return false;
    const area = cell.node.querySelector('.jp-OutputArea'); if (!area) return false;
    const have = {slider: '.widget-slider', dropdown: '.widget-dropdown select',
      checkbox: '.widget-checkbox input[type=checkbox]', button: 'button.widget-button',
      togglebuttons: '.widget-toggle-buttons', radio: '.widget-radio-box', html: '.widget-html',
      plot: '.js-plotly-plot'};
    for (const [key, n] of Object.entries(want))
      if (area.querySelectorAll(have[key]).length < n) return false;
    for (const gd of area.querySelectorAll('.js-plotly-plot')) {
      if (!gd._fullData || !gd.data || gd.data.length === 0) return false;
      if (gd.querySelectorAll('g.trace').length === 0) return false;
    }
  }
  return true;
}"""


# --- slider moves answered in the browser (test_explorer_browser.py, test_browser_sliders.py) ----
JS_KERNEL_IDLE = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"


def assert_answered_in_the_browser(page, one_way_s: float, what: str = "") -> None:
    """The plot and the summary changed within two thirds of a round trip after the key press,
    while every kernel message takes ``one_way_s`` each way (a delaying proxy): the browser
    answered, not the kernel. ``window.__probe`` holds the times (``performance.now()``) of the
    key press and of the plot's and the summary's first change, recorded by the test's page probe."""
    page.wait_for_function("() => window.__probe.plot > 0 && window.__probe.summary > 0", timeout=10_000)
    probe = page.evaluate("() => window.__probe")
    for part in ("plot", "summary"):
        waited = probe[part] - probe["key"]
        assert waited < 2 * one_way_s * 1000 / 3, \
            f"{what}{part} changed {waited:.0f} ms after the key: it waited for the kernel"


def kernel_value(session: NotebookSession, expression: str, done, timeout_s: float = 20.0):
    """``expression`` evaluated in the idle kernel, again until ``done(value)`` or ``timeout_s``:
    a slider's last move reaches the kernel a round trip after the page showed it (ipywidgets
    sends a model's next update only once the kernel answered the previous one)."""
    deadline = time.monotonic() + timeout_s
    while True:
        session.page.wait_for_function(JS_KERNEL_IDLE)
        value = ast.literal_eval(session.kernel_eval(expression))
        if done(value) or time.monotonic() > deadline:
            return value
        session.page.wait_for_timeout(200)
