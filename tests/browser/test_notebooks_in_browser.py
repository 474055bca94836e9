"""End to end: every lecture notebook runs in JupyterLab under headless Chromium.

For each ``notebooks/[0-9][0-9]_*.ipynb`` and its English edition ``notebooks/en/…`` (a
temporary copy, served by a local ``jupyter lab``):
open it, wait for its kernel, Run All from the menu, then check that no cell errored, that every
widget the kernel displayed rendered (controls, summaries, plotly figures with their traces)
with no error or text fallback, that the page made no request beyond the local server, and
that axe-core finds no serious/critical violation in the widgets. A screenshot of each notebook
goes to ``test-artifacts/browser/``. The main demos are then driven from the keyboard and
compared with what the package's own model says.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import unavailable
from labdriver import ARTIFACTS, JS_ALL_RENDERED, NotebookSession, expected_views, notebooks, served_name, served_stem

SHOTS = ARTIFACTS / "browser"
FALLBACK = re.compile(r"Error displaying widget|Loading widget|Failed to load model class"
                      r"|^\s*[A-Z]\w*\((children|layout|value|description|options|data)=", re.M)
WIDGET_SCOPE = ".jupyter-widgets, .js-plotly-plot, .widget-slider, .noUi-handle"


# --- the main demos, driven from the keyboard --------------------------------------------

@dataclass
class SliderDemo:
    """Press ArrowRight on a labelled slider and compare the page with the package's model."""

    id: str
    notebook: str
    cell_call: str                    # text that identifies the demo's code cell
    build: Callable[[], object]       # the same app, built in the test process
    slider_key: str                   # text key of the slider's label
    move: dict                        # app.set(**move) = the state after pressing `key`
    traces: Callable[[object], dict]  # app -> {trace position: {"x": [...], "y": [...]}} to compare
    key: str = "ArrowRight"


def _explorer(**kw):
    from virtlab_widgets import VmVsContainer
    return lambda: VmVsContainer(**kw)


def _explorer_traces(app) -> dict:
    """The explorer's markers in its main figure (the first plot of the cell), as the page has
    them: the model's values with the 6 significant digits the precomputed states carry."""
    from virtlab_widgets.export import json_ready
    from virtlab_widgets.figures.common import trace_positions
    from virtlab_widgets.figures.explorer import CT_NOW, PERF_NOW, VM_NOW, explorer_state
    state, at = explorer_state(app.curves, app.vms, app.containers), trace_positions(app.figure)
    return {at[i]: {"x": json_ready(state[i]["x"]), "y": json_ready(state[i]["y"])} for i in (VM_NOW, CT_NOW, PERF_NOW)}


def _startup(**kw):
    from virtlab_widgets import StartupRace
    return lambda: StartupRace(**kw)


def _startup_traces(app) -> dict:
    from virtlab_widgets.figures.common import trace_positions
    from virtlab_widgets.figures.startup import BARS
    return {trace_positions(app.figure)[BARS]: {"y": list(app.times().values())}}


DEMOS = [
    SliderDemo("04-explorer", "04_containers.ipynb", "vm_vs_container(vms=4, containers=10",
               _explorer(vms=4, containers=10, host="laptop-16"), "ctl.vms", {"vms": 5}, _explorer_traces),
    SliderDemo("04-startup-race", "04_containers.ipynb", "startup_race(count=1",
               _startup(count=1, host="laptop-16"), "ctl.start_count", {"count": 300}, _startup_traces,
               key="End"),  # 1 -> 2 starts in parallel on 16 cores: same bars; 300 queues up
    SliderDemo("00-preview", "00_index.ipynb", "vm_vs_container(vms=2, containers=20",
               _explorer(vms=2, containers=20, host="laptop-8"), "ctl.vms", {"vms": 3}, _explorer_traces),
]
NEEDED_LATER = {d.notebook for d in DEMOS}


# --- fixtures ------------------------------------------------------------------------------

class Sessions:
    """Notebooks opened and run once per module; kernels of finished notebooks are shut down."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.open: dict[str, tuple[NotebookSession, dict]] = {}

    def get(self, name: str) -> tuple[NotebookSession, dict]:
        if name not in self.open:
            if not (self.server.root / name).exists():
                pytest.skip(f"{name} does not exist (yet)")
            s = NotebookSession(self.browser, self.server, name)
            timing = {"open_s": s.open()}
            timing["run_all_s"] = s.run_all()
            self.open[name] = (s, timing)
        return self.open[name]

    def close(self, name: str) -> None:
        s, _ = self.open.pop(name, (None, None))
        if s is None:
            return
        try:
            kernel_id = s.page.evaluate(
                "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")
        except Exception:  # noqa: BLE001 - page already broken; the server stops it anyway
            kernel_id = None
        s.close()
        if kernel_id:
            try:
                self.server.api(f"/api/kernels/{kernel_id}", method="DELETE")
            except OSError:
                pass

    def close_all(self) -> None:
        for name in list(self.open):
            self.close(name)


@pytest.fixture(scope="module")
def sessions(browser, lab_server):
    s = Sessions(browser, lab_server)
    yield s
    s.close_all()


@pytest.fixture(scope="module")
def axe_script() -> str | None:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        return None
    return Path(AXE_FILE_PATH).read_text("utf-8")


# --- helpers -------------------------------------------------------------------------------

def wait_all_rendered(session: NotebookSession, expected: dict) -> bool:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        session.page.wait_for_function(JS_ALL_RENDERED, arg={str(k): v for k, v in expected.items()},
                                       timeout=60_000, polling=50)
        return True
    except PlaywrightTimeout:  # reported by the caller with what is missing
        return False


def describe_cell(outputs: list[dict], index: int) -> str:
    for c in outputs:
        if c["index"] == index:
            first = c["source"].strip().splitlines()[0][:80] if c["source"].strip() else ""
            return f"cell {index} `{first}`" if first else f"cell {index}"
    return f"cell {index}"


def run_axe(session: NotebookSession, script: str) -> list[dict]:
    session.page.evaluate(script)
    return session.page.evaluate("""async (scope) => {
      const r = await axe.run({include: [['.jp-OutputArea-output']]},
                              {resultTypes: ['violations']});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.filter(n => { const el = document.querySelector(n.target[0]);
                                     return el && el.closest(scope); })
                      .map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                  impact: n.impact}))}));
    }""", WIDGET_SCOPE)


# --- the tests -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", notebooks(), ids=served_name)
def test_notebook_runs_and_renders_in_browser(path, sessions, axe_script):
    session, _timing = sessions.get(served_name(path))
    try:
        outputs = session.outputs()

        # 1. no cell errored (error outputs or anything on stderr)
        failures = []
        for c in outputs:
            for o in c["outputs"]:
                if o["output_type"] == "error":
                    failures.append(f"{describe_cell(outputs, c['index'])} raised {o['ename']}: {o['evalue']}")
                elif o["output_type"] == "stream" and o.get("name") == "stderr":
                    failures.append(f"{describe_cell(outputs, c['index'])} wrote to stderr: {''.join(o['text'])[:500]}")
        assert not failures, "\n".join(failures)
        unexecuted = [describe_cell(outputs, c["index"]) for c in outputs
                      if c["source"].strip() and not c["count"]]
        assert not unexecuted, f"cells not executed by Run All: {unexecuted}"

        # 2. every widget the kernel displayed rendered: controls, summaries, figures with traces
        expected = expected_views(session, outputs)
        ok = wait_all_rendered(session, expected)
        rendered = {r["index"]: r for r in session.rendered()}
        problems = []
        for index, want in expected.items():
            have = rendered.get(index, {"counts": {}, "plots": []})
            for key, n in want.items():
                if have["counts"].get(key, 0) < n:
                    problems.append(f"{describe_cell(outputs, index)}: {key} rendered "
                                    f"{have['counts'].get(key, 0)} of {n}")
            for k, plot in enumerate(have["plots"]):
                if plot["traces"] == 0 or plot["drawn"] == 0 or plot["width"] == 0 or plot["height"] == 0:
                    problems.append(f"{describe_cell(outputs, index)}: figure {k} not drawn {plot}")
        for index, r in rendered.items():
            m = FALLBACK.search(r["text"])
            if m:
                problems.append(f"{describe_cell(outputs, index)}: widget fallback/error text {m.group(0)!r}")
            problems += [f"{describe_cell(outputs, index)}: error output {e[:300]}" for e in r["errors"]]
        assert ok and not problems, ("widgets did not all render:\n" + "\n".join(problems)
                                     + f"\nconsole errors: {session.console_errors[:10]}")

        stem = served_stem(path)
        for old in SHOTS.glob(f"{stem}*.png"):
            old.unlink()
        session.screenshot(SHOTS / f"{stem}.png")
        session.screenshot_cells(expected, SHOTS / stem)

        # plotly's widget JS came once, over HTTP from the local server (server_ext.py), not per figure
        if any(want.get("plot") for want in expected.values()):
            bundle = [u for u in session.requests if "/virtlab/plotly/" in u]
            assert len(bundle) == 1, f"plotly widget JS requested {len(bundle)} times: {bundle}"

        # 3. nothing but the local server (no CDN, fonts, telemetry)
        assert not session.non_local_requests(), f"requests beyond the local server: {session.non_local_requests()}"

        # 4. accessibility of the widgets (axe-core)
        if axe_script is None:
            unavailable("axe-core not available (pip install axe-playwright-python): accessibility check skipped")
        violations = [{**v, "nodes": [n for n in v["nodes"] if n["impact"] in ("serious", "critical")]}
                      for v in run_axe(session, axe_script)]
        violations = [v for v in violations if v["nodes"]]
        assert not violations, "axe-core serious/critical violations in the widgets:\n" + "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:5]]}" for v in violations)
    finally:
        if served_name(path) not in NEEDED_LATER:
            sessions.close(served_name(path))


JS_CELL_BY_SOURCE = """(needle) => {
  const w = window.jupyterapp.shell.currentWidget; let found = -1;
  w.content.widgets.forEach((cell, i) => {
    if (found < 0 && cell.model.type === 'code' && cell.model.sharedModel.getSource().includes(needle)) found = i;
  });
  if (found >= 0) w.content.widgets[found].node.setAttribute('data-virtlab-cell', String(found));
  return found;
}"""

# State of a demo's figure: its data for the given traces and the SVG they are drawn as.
JS_PLOT_STATE = """([cell, indices]) => {
  const gd = document.querySelector(`[data-virtlab-cell="${cell}"] .js-plotly-plot`);
  if (!gd || !gd.data) return null;
  const arr = (v) => v == null ? null : Array.from(v, (e) => (e === undefined ? null : e));
  const data = {}; const drawn = [];
  for (const i of indices) {
    const t = gd.data[i]; data[i] = {x: arr(t.x), y: arr(t.y)};
    const cd = gd.calcdata && gd.calcdata[i];
    const node = cd && cd[0] && cd[0].node3 && cd[0].node3.node();
    drawn.push(node ? [...node.querySelectorAll('path')]
      .map(p => (p.getAttribute('d') || '') + '@' + (p.getAttribute('transform') || '')).join('|') : '');
  }
  const status = document.querySelector(`[data-virtlab-cell="${cell}"] [role=status]`);
  return {data, drawn: drawn.join('#'), summary: status ? status.innerText.trim() : null};
}"""


def _close(actual, expected) -> bool:
    if expected is None:
        return actual is None or actual != actual  # missing point: null or NaN on the page
    if actual is None:
        return False
    if isinstance(expected, (list, tuple)):
        return isinstance(actual, list) and len(actual) == len(expected) and all(
            _close(a, e) for a, e in zip(actual, expected))
    return actual == pytest.approx(float(expected), rel=1e-9, abs=1e-12)


def _plain(values):
    return None if values is None else [None if v is None or v != v else float(v) for v in values]


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: d.id)
def test_slider_moves_plot_and_summary(demo: SliderDemo, sessions):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from virtlab_widgets.text import t

    session, _ = sessions.get(demo.notebook)
    page = session.page
    cell = page.evaluate(JS_CELL_BY_SOURCE, demo.cell_call)
    assert cell >= 0, f"no cell calling {demo.cell_call!r} in {demo.notebook}"

    app = demo.build()
    before_summary = re.sub(r"\s+", " ", app.summary_text())
    before_traces = demo.traces(app)
    indices = sorted(before_traces)
    app.set(**demo.move)
    after_summary = re.sub(r"\s+", " ", app.summary_text())
    after_traces = demo.traces(app)
    plain = lambda tr: {i: {a: _plain(v) for a, v in d.items()} for i, d in tr.items()}  # noqa: E731
    assert plain(after_traces) != plain(before_traces), "pick a move that changes the plot"

    scope = page.locator(f'[data-virtlab-cell="{cell}"]')
    try:  # a figure drawn by its widget after the cell ran (the explorer draws once it has a width)
        page.wait_for_function(f"(args) => ({JS_PLOT_STATE})(args) !== null", arg=[cell, indices], timeout=30_000)
    except PlaywrightTimeout:
        pass  # reported below
    state = page.evaluate(JS_PLOT_STATE, [cell, indices])
    assert state is not None, "demo figure not found"
    assert re.sub(r"\s+", " ", state["summary"] or "") == before_summary, "the demo does not start where the model does"

    # The slider is found by its accessible name (the label screen readers announce).
    handle = scope.get_by_role("slider", name=t(demo.slider_key), exact=True)
    assert handle.count() == 1, f"no slider named {t(demo.slider_key)!r}"
    handle.focus()
    page.keyboard.press(demo.key)

    try:
        page.wait_for_function("""([cell, indices, before, summary]) => {
          const gd = document.querySelector(`[data-virtlab-cell="${cell}"] .js-plotly-plot`);
          const status = document.querySelector(`[data-virtlab-cell="${cell}"] [role=status]`);
          if (!gd || !status) return false;
          const drawn = indices.map(i => { const cd = gd.calcdata && gd.calcdata[i];
            const n = cd && cd[0] && cd[0].node3 && cd[0].node3.node();
            return n ? [...n.querySelectorAll('path')].map(p => (p.getAttribute('d') || '') + '@'
                                                         + (p.getAttribute('transform') || '')).join('|') : ''; });
          return drawn.join('#') !== before && status.innerText.trim().replace(/\\s+/g, ' ') === summary;
        }""", arg=[cell, indices, state["drawn"], after_summary], timeout=30_000, polling="raf")
    except PlaywrightTimeout:
        pass  # the assertions below say what differs
    after = page.evaluate(JS_PLOT_STATE, [cell, indices])
    assert re.sub(r"\s+", " ", after["summary"] or "") == after_summary
    assert after["drawn"] != state["drawn"], "the plot was not redrawn"
    for i, want in after_traces.items():
        got = after["data"][str(i)]
        for axis, values in want.items():
            assert _close(got[axis], _plain(values)), f"trace {i} {axis}: page {got[axis]} != model {values}"
