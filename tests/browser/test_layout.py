"""The layout gate: every notebook, after Run All, is readable and usable at a student's and a
lecturer's screen size.

Each lecture notebook (``notebooks/[0-9][0-9]_*.ipynb`` and ``notebooks/glossary.ipynb``, and
the same in every other edition such as ``notebooks/en/``) runs
twice in one JupyterLab: as written, checked at 1366×768 (a laptop), and with
``virtlab_widgets.present()`` injected as its first code after the setup import, checked at
1920×1080 and 1280×720 (projectors; the viewport is resized, not the notebook re-run).
``layout.js`` then checks every output: no two visible texts overlap, no text is cut off by its
figure or container, no chart's text is drawn over another chart, every option can be clicked
where it is drawn, nothing scrolls sideways. Every output with a figure or widget is
photographed into ``test-artifacts/layout/`` with the violations outlined (red: the text or
option, blue: what it collides with or is cut by), and the full report is written to
``test-artifacts/layout/report.txt``.

To check another checkout (e.g. the committed code in a worktree, to prove the gate finds the
defects it should), set ``VIRTLAB_LAYOUT_ROOT=/path/to/checkout``: its notebooks are run and its
package is imported by the kernel (PYTHONPATH); the test asserts which package the kernel used.

Two browser pages work side by side (one notebook each at a time): while one page is measured
and photographed, the other's kernel starts and runs, which keeps the gate to a few minutes.
"""
from __future__ import annotations

import ast
import copy
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import layout
import pytest
from labdriver import (
    ARTIFACTS,
    JS_ALL_RENDERED,
    JS_KERNEL_READY,
    JS_RUN_DONE,
    ROOT,
    LabServer,
    NotebookSession,
    expected_views,
    notebooks,
    served_name,
    served_stem,
)

GATE_ROOT = Path(os.environ.get("VIRTLAB_LAYOUT_ROOT") or ROOT).resolve()
SHOTS = ARTIFACTS / "layout"
REPORT = SHOTS / "report.txt"
PRESENT_CELL = "from virtlab_widgets import present\npresent()"
LANES = 2                      # browser pages working side by side (see the module docstring)
OPEN_TIMEOUT_S = 120           # kernel connected after opening a notebook
RUN_TIMEOUT_S = 240            # Run All finished


def gate_notebooks(root: Path = GATE_ROOT) -> list[Path]:
    """Every edition's numbered notebooks and glossary (``notebooks/``, ``notebooks/en/``, …)."""
    paths = notebooks(root / "notebooks")
    glossaries = sorted({p.parent / "glossary.ipynb" for p in paths})
    return paths + [g for g in glossaries if g.exists()]


def _imports_only(source: str) -> bool:
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in body)


def with_present(nb: dict) -> tuple[dict, int | None]:
    """A copy of ``nb`` with ``present()`` as the first code after the setup import (or as the
    very first code cell when the first code cell already draws something, as in 00), and the
    index of the inserted cell (None: no code cell, nothing inserted)."""
    nb = copy.deepcopy(nb)
    codes = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    if not codes:
        return nb, None
    first = codes[0]
    at = first + 1 if _imports_only("".join(nb["cells"][first]["source"])) else first
    nb["cells"].insert(at, {"cell_type": "code", "execution_count": None, "outputs": [],
                            "metadata": {"slideshow": {"slide_type": "skip"}}, "source": PRESENT_CELL})
    return nb, at


def renumber(found: dict, inserted: int | None) -> None:
    """Report cells by their index in the notebook as written (the present() cell shifted them)."""
    if inserted is None:
        return
    for item in found["violations"] + found["units"]:
        if item.get("cell") is not None and item["cell"] > inserted:
            item["cell"] -= 1


@dataclass(frozen=True)
class Job:
    """One notebook in one mode: ``laptop`` (as written) or ``present`` (present() on)."""

    path: Path
    mode: str

    @property
    def id(self) -> str:
        return f"{self.stem}-{self.mode}"

    @property
    def stem(self) -> str:  # "04_containers", "en-04_containers"
        return served_stem(self.path, GATE_ROOT / "notebooks")

    @property
    def label(self) -> str:  # "04_containers.ipynb", "en/04_containers.ipynb"
        return served_name(self.path, GATE_ROOT / "notebooks")

    @property
    def name(self) -> str:  # the file in the server's folder, beside the notebook (same edition)
        return self.label if self.mode == "laptop" else self.label.removesuffix(".ipynb") + "-present.ipynb"

    @property
    def viewports(self) -> tuple[tuple[int, int], ...]:
        return (layout.LAPTOP,) if self.mode == "laptop" else layout.PROJECTORS

    def notebook(self) -> tuple[dict, int | None]:
        """The notebook to run, and the index of the cell added to it (if any)."""
        nb = json.loads(self.path.read_text("utf-8"))
        return (nb, None) if self.mode == "laptop" else with_present(nb)


JOBS = [Job(p, mode) for p in gate_notebooks() for mode in ("laptop", "present")]


@dataclass
class JobResult:
    lines: list[str] = field(default_factory=list)     # one per violation
    error: str | None = None                           # the notebook could not be checked
    shots: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    stats: list[dict] = field(default_factory=list)


class GateServer(LabServer):
    """JupyterLab whose kernels import the package of the checkout under test."""

    def _env(self) -> dict:
        env = super()._env()
        env["PYTHONPATH"] = os.pathsep.join([str(GATE_ROOT), *filter(None, [env.get("PYTHONPATH")])])
        return env


class Lane:
    """One browser page that opens, runs and checks one notebook at a time (state machine
    driven by :func:`run_gate`: idle -> opening -> running -> idle)."""

    def __init__(self, browser, server: GateServer):
        self.browser, self.server = browser, server
        self.session: NotebookSession | None = None
        self.job: Job | None = None
        self.state = "idle"
        self.since = 0.0
        self.started = 0.0

    def start(self, job: Job) -> None:
        self.job, self.state, self.started = job, "opening", time.perf_counter()
        self.since = self.started
        if self.session is None:
            self.session = NotebookSession(self.browser, self.server, job.name, viewport=job.viewports[0])
            self.session.page.goto(f"{self.server.url}/lab/workspaces/layout{id(self)}/tree/{job.name}",
                                   wait_until="commit")
        else:
            self.session.name = job.name
            self.session.page.set_viewport_size({"width": job.viewports[0][0], "height": job.viewports[0][1]})
            self.session.page.evaluate("(p) => { window.jupyterapp.commands.execute('docmanager:open', {path: p}); }",
                                       job.name)

    def _eval(self, script: str, arg=None) -> bool:
        try:
            return bool(self.session.page.evaluate(script, arg))
        except Exception:  # noqa: BLE001 - the page is still navigating: not ready yet
            return False

    def poll(self) -> bool:
        """Advance; True when the notebook has run and is ready to be checked."""
        page, now = self.session.page, time.perf_counter()
        if self.state == "opening":
            if self._eval(JS_KERNEL_READY, self.job.name):
                page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
                page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
                self.state, self.since = "running", now
            elif now - self.since > OPEN_TIMEOUT_S:
                raise AssertionError(f"{self.job.name}: kernel not connected after {OPEN_TIMEOUT_S} s")
        elif self.state == "running":
            if self._eval(JS_RUN_DONE):
                return True
            if now - self.since > RUN_TIMEOUT_S:
                raise AssertionError(f"{self.job.name}: Run All not finished after {RUN_TIMEOUT_S} s")
        return False

    def check(self, inserted: int | None) -> JobResult:
        """Measure the current notebook at each of its viewports and photograph its outputs
        (``inserted``: the index of the present() cell added to it, if any)."""
        s, job, result = self.session, self.job, JobResult()
        outputs = s.outputs()
        errors = [f"cell {c['index']}: {o.get('ename')}: {o.get('evalue')}" for c in outputs
                  for o in c["outputs"] if o["output_type"] == "error"]
        if errors:
            result.error = "the notebook did not run (its layout cannot be judged): " + "; ".join(errors)
            return result
        used = s.kernel_eval("virtlab_widgets.__file__", "import virtlab_widgets").strip("'\"")
        if not Path(used).resolve().is_relative_to(GATE_ROOT):
            result.error = f"the kernel imported {used}, not the package under {GATE_ROOT}"
            return result
        expected = expected_views(s, outputs)
        s.page.wait_for_function(JS_ALL_RENDERED, arg={str(k): v for k, v in expected.items()},
                                 timeout=60_000, polling=50)
        for viewport in job.viewports:
            layout.resize(s.page, viewport)
            found = layout.check(s.page)
            renumber(found, inserted)
            context = f"{job.label} [{job.mode}] @ {viewport[0]}×{viewport[1]}"
            result.lines += layout.report_lines(context, found["violations"])
            kinds = Counter(v["check"] for v in found["violations"])
            result.stats.append({"viewport": viewport, "violations": len(found["violations"]), "kinds": kinds,
                                 **found["stats"]})
            result.shots += layout.photograph(s.page, found,
                                              SHOTS / f"{job.stem}-{job.mode}-{viewport[0]}x{viewport[1]}")
        return result

    def close_notebook(self) -> None:
        """Close the current notebook and shut its kernel down (the page stays for the next)."""
        page = self.session.page
        try:
            kernel = page.evaluate("() => { const w = window.jupyterapp.shell.currentWidget;"
                                   " const k = w.sessionContext.session && w.sessionContext.session.kernel;"
                                   " const id = k ? k.id : null; w.dispose(); return id; }")
        except Exception:  # noqa: BLE001 - a broken page is replaced by a fresh one
            kernel = None
            self.session.close()
            self.session = None
        if kernel:
            try:
                self.server.api(f"/api/kernels/{kernel}", method="DELETE")
            except OSError:
                pass
        self.state, self.job = "idle", None


def run_gate(browser, server: GateServer, jobs: list[Job]) -> dict[str, JobResult]:
    inserted = {}
    for job in jobs:
        nb, inserted[job.id] = job.notebook()
        server.write_notebook(job.name, nb)
    pending, results = list(jobs), {}
    lanes = [Lane(browser, server) for _ in range(min(LANES, len(jobs)))]
    try:
        while pending or any(lane.state != "idle" for lane in lanes):
            for lane in lanes:
                if lane.state == "idle" and pending:
                    lane.start(pending.pop(0))
                    continue
                if lane.state == "idle":
                    continue
                try:
                    ready = lane.poll()
                except AssertionError as exc:
                    results[lane.job.id] = JobResult(error=str(exc))
                    lane.close_notebook()
                    continue
                if ready:
                    job = lane.job
                    try:
                        result = lane.check(inserted[job.id])
                    except Exception as exc:  # noqa: BLE001 - reported per notebook, the others go on
                        result = JobResult(error=f"{type(exc).__name__}: {exc}")
                    result.seconds = time.perf_counter() - lane.started
                    results[job.id] = result
                    lane.close_notebook()
            time.sleep(0.05)
    finally:
        for lane in lanes:
            if lane.session is not None:
                lane.session.close()
    return results


def write_report(results: dict[str, JobResult], seconds: float) -> str:
    lines = [f"Layout gate over {GATE_ROOT} ({len(results)} notebook runs, {seconds:.0f} s).",
             "Boxes: [x y width×height] in CSS px from the top-left corner of the output the text is in;",
             "screenshots (red: the text/option, blue: what it collides with or is cut by) in "
             f"{SHOTS.relative_to(ROOT) if SHOTS.is_relative_to(ROOT) else SHOTS}.", ""]
    for job in JOBS:
        r = results.get(job.id)
        if r is None:
            continue
        counts = "; ".join(f"{s['viewport'][0]}×{s['viewport'][1]}: {s['violations']}"
                           + (f" ({', '.join(f'{n} {k}' for k, n in sorted(s['kinds'].items()))})"
                              if s["kinds"] else "")
                           for s in r.stats)
        lines.append(f"== {job.label} [{job.mode}] ({r.seconds:.0f} s) — "
                     + (f"NOT CHECKED: {r.error}" if r.error else f"violations {counts}"))
        lines += r.lines
        lines.append("")
    text = "\n".join(lines)
    SHOTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, "utf-8")
    return text


@pytest.fixture(scope="module")
def gate_results(browser, request) -> dict[str, JobResult]:
    """Runs the notebooks of the selected tests only (``-k 02_pros`` runs just those two)."""
    # nbval's notebook cells are items too, without a module
    selected = {item.callspec.params["job"].id for item in request.session.items
                if getattr(item, "module", None) is request.module
                and "job" in getattr(getattr(item, "callspec", None), "params", {})}
    t0 = time.perf_counter()
    with GateServer() as server:
        results = run_gate(browser, server, [job for job in JOBS if job.id in selected])
    write_report(results, time.perf_counter() - t0)
    return results


@pytest.mark.parametrize("job", JOBS, ids=lambda j: j.id)
def test_layout(job: Job, gate_results):
    result = gate_results[job.id]
    if result.error is not None:
        pytest.fail(f"{job.id}: {result.error}", pytrace=False)
    if result.lines:
        pytest.fail(f"{len(result.lines)} layout violation(s) in {job.label} [{job.mode}] "
                    f"(screenshots: test-artifacts/layout/{job.stem}-{job.mode}-*.png):\n"
                    + "\n".join(result.lines), pytrace=False)


# --- the gate itself, on a page with planted defects (seconds, no JupyterLab) ---------------

PLANTED_HTML = """<!DOCTYPE html><meta charset="utf-8"><style>
body { font: 13px sans-serif; margin: 8px; width: 900px; }
.widget-radio-box label { display: block; height: 20px; line-height: 20px; }
.widget-label { width: 60px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.hidden-label { width: 0; overflow: hidden; white-space: nowrap; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
<div class="jp-OutputArea-output" id="clean">
  <div class="widget-radio-box"><label><input type="radio" name="q">짧은 보기</label><label><input
    type="radio" name="q">다음 보기</label></div>
  <div class="hidden-label">화면 낭독기만 읽는 이름</div>
  <div style="position: relative"><span class="sr-only">화면 낭독기용 설명</span><span>보이는 글</span></div>
  <select style="width: 300px"><option>넉넉한 메뉴</option></select>
  <details><summary>정답 확인</summary><div>접힌 설명은 겹쳐 보이지 않는다</div></details>
  <div id="clean-plot"></div><div id="clean-subplots"></div>
</div>
<div class="jp-OutputArea-output" id="broken">
  <div class="widget-radio-box" style="width: 300px"><label><input
    type="radio" name="r">아주 긴 보기: 줄이 바뀌면 다음 보기 위로 넘어가서
    이 보기를 누르려던 학생이 다른 보기를 고르게 되는 바로 그 배치</label><label><input
    type="radio" name="r">다음 보기</label></div>
  <div class="widget-label">잘린 레이블 (ellipsis)</div>
  <select style="width: 90px"><option>CPU 위주 (튜닝한 KVM, 오버헤드 2 %)</option></select>
  <div style="width: 1400px">옆으로 넘치는 줄</div>
  <div id="broken-plot"></div>
</div>"""

PLANTED_JS = """async () => {
  const a = (x, y, text) => ({x, y, text, xref: 'paper', yref: 'paper', showarrow: false});
  Plotly.newPlot('clean-plot', [{x: [0, 1, 2, 3], y: [0, 2, 1, 3], name: 'VM'},
                                {x: [0, 1, 2, 3], y: [1, 0, 3, 2], name: '컨테이너'}],
    {width: 600, height: 360, legend: {orientation: 'h'}, xaxis: {title: {text: '인스턴스 수'}, range: [0, 3]},
     yaxis: {title: {text: '메모리 (GiB)'}, range: [0, 3]}});
  Plotly.newPlot('clean-subplots', [{x: [1, 2], y: [3, 4]}, {x: [1, 2], y: ['가', '나'], type: 'bar', orientation: 'h',
                                     xaxis: 'x2', yaxis: 'y2'}],
    {width: 700, height: 300, showlegend: false, xaxis: {domain: [0, 0.4]}, xaxis2: {domain: [0.55, 1]},
     yaxis2: {anchor: 'x2'}});
  Plotly.newPlot('broken-plot', [{x: [1, 2], y: [3, 4]},
      {x: [1.05, 0.3], y: ['멀티부팅 (한 번에 OS 하나)', '가상머신 (두 OS 동시에)'], type: 'bar', orientation: 'h',
       xaxis: 'x2', yaxis: 'y2', text: ['1.60× ⚠ 과할당: 시분할로 나눠 씀', ''], textposition: 'outside',
       cliponaxis: true}],
    {width: 700, height: 300, showlegend: false, xaxis: {domain: [0, 0.45]},
     xaxis2: {domain: [0.5, 1], range: [0, 1.2]},
     yaxis2: {anchor: 'x2'}, annotations: [a(0.1, 1.1, '네이티브 = 100 %'), a(0.12, 1.1, '99 %'),
       {...a(0.3, 1.2, '100 %'), xanchor: 'left'}, {...a(0.5, 1.2, '98 %'), xanchor: 'left'}]});
  // move "98 %" until its advance box starts 1 px inside that of "100 %"
  // (ink about 1 px apart: two bar labels that touch)
  const gd = document.getElementById('broken-plot');
  const [first, second] = [...gd.querySelectorAll('.annotation-text')].slice(2).map(t => t.getBoundingClientRect());
  await Plotly.relayout(gd, {'annotations[3].x': 0.5 - (second.left - first.right + 1) / gd._fullLayout._size.w});
}"""


def test_gate_finds_planted_defects_and_nothing_else(browser):
    import plotly

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.set_content(PLANTED_HTML)
        page.add_script_tag(path=str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js"))
        page.evaluate(PLANTED_JS)
        layout.wait_settled(page)
        found = layout.check(page)
    finally:
        context.close()
    by_unit = {0: [], 1: []}
    for v in found["violations"]:
        by_unit[v["unit"]].append(v)
    assert not by_unit[0], "false positives on the clean output:\n" + "\n".join(map(layout.describe, by_unit[0]))
    seen = [(v["check"], v["a"]["text"] if "a" in v else v["element"]) for v in by_unit[1]]
    expected = [("unclickable", "아주 긴 보기"), ("overlap", "아주 긴 보기"), ("clipped", "잘린 레이블"),
                ("clipped", "CPU 위주 (튜닝한 KVM"), ("hscroll", "div.jp-OutputArea-output"),
                ("clipped", "1.60× ⚠ 과할당"), ("intrudes", "멀티부팅 (한 번에 OS 하나)"),
                ("overlap", "네이티브 = 100 %"), ("crowded", "100 %")]
    missing = [e for e in expected if not any(c == e[0] and text.startswith(e[1]) for c, text in seen)]
    assert not missing, f"planted defects not found: {missing}\nfound:\n" + "\n".join(map(layout.describe, by_unit[1]))
