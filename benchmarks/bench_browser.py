"""Browser benchmark: the lecture in JupyterLab under headless Chromium.

    .venv/bin/python benchmarks/bench_browser.py [--moves 40] [--rtt 0 100] [--latency-only]
                                                 [--skip-before] [--notebooks 00 04]

Reports
1. slider -> plot latency of the demos whose count sliders are answered in the browser (the
   VM-vs-container explorer's VM count, multi-boot vs VM's OS switches, recovery's instances to
   restart): from the key event (ArrowRight / ArrowLeft on the focused handle) to the moment the
   SVG (paths, texts) of the trace that shows the count changes, median and p90 over ``--moves`` moves; side by
   side with the naive pattern (``ipywidgets.interact`` + a new figure per move, written below
   in a temporary notebook);
   at each added round-trip time of ``--rtt`` (ms): 0 is the direct connection, anything else
   goes through a TCP proxy on 127.0.0.1 that delays each direction by half of it
   (tests/browser/delayproxy.py), as a kernel on Binder or a university JupyterHub would.
2. bytes to the browser to open and run each notebook: HTTP (bytes on the wire, JupyterLab's
   own assets already in the browser cache, as for a student moving from one notebook to the
   next) and websocket (kernel messages, in and out), for the package as it is ("after") and
   with plain ``go.FigureWidget`` patched back in ("before": plotly's ~5 MB JS in every figure).
3. cold start: from "Run all" (menu click, fresh kernel) to every widget visible, per notebook.

Uses the same server/browser driver as the end-to-end tests (tests/browser/labdriver.py).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from delayproxy import DelayProxy  # noqa: E402
from labdriver import (  # noqa: E402
    JS_ALL_RENDERED,
    JS_RUN_DONE,
    LabServer,
    NotebookSession,
    expected_views,
    find_chromium,
    launch_browser,
    notebooks,
)

KERNELSPEC = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}}

EXPLORER = """\
from virtlab_widgets import vm_vs_container
vm_vs_container(vms=4, containers=10, host="laptop-16")
"""
MULTIBOOT = """\
from virtlab_widgets import multiboot_vs_vm
multiboot_vs_vm(switches=6)
"""
RECOVERY = """\
from virtlab_widgets import recovery
recovery(failures_per_year=12, instances=40)
"""

# The naive pattern: interact re-runs the function on every move, which re-evaluates the model
# and builds and displays a brand-new figure (plotly's own mimetype renderer, local assets).
NAIVE = """\
import ipywidgets as W
import plotly.io as pio
from ipywidgets import interact
from virtlab_widgets.figures.explorer import explorer_curves, explorer_figure
from virtlab_widgets.text import t
pio.renderers.default = "plotly_mimetype"

@interact(vms=W.IntSlider(value=4, min=0, max=10, description=t("ctl.vms")),
          containers=W.IntSlider(value=10, min=0, max=3000, description=t("ctl.containers")))
def explorer(vms, containers):
    explorer_figure(explorer_curves("laptop-16"), vms, containers).show()
"""

# The naive pattern for a small demo: the same app's model (not displayed), set to the slider's
# value on every move, and its whole figure displayed anew.
NAIVE_APP = """\
import ipywidgets as W
import plotly.io as pio
from ipywidgets import interact
from virtlab_widgets import {factory}
from virtlab_widgets.text import t
pio.renderers.default = "plotly_mimetype"
app = {factory}({fixed}{control}={start})

@interact({control}=W.IntSlider(value={start}, min={low}, max={high}, description=t("{key}")))
def demo({control}):
    app.set({control}={control})
    app.figure.show()
"""

# "before": every app's figure_widget() builds a plain go.FigureWidget again.
BEFORE_PATCH = """\
import plotly.graph_objects as _go
import virtlab_widgets.apps.controls as _controls
_controls.FigureWidget = _go.FigureWidget
"""


def notebook(*sources: str) -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                       "source": src} for src in sources],
            "metadata": dict(KERNELSPEC), "nbformat": 4, "nbformat_minor": 5}


def with_patch(path: Path) -> dict:
    nb = json.loads(path.read_text("utf-8"))
    nb["cells"].insert(0, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                           "source": BEFORE_PATCH})
    return nb


def shutdown_kernel(session: NotebookSession, server: LabServer) -> None:
    kid = session.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")
    session.close()
    server.api(f"/api/kernels/{kid}", method="DELETE")


# --- 1. latency ----------------------------------------------------------------------------

JS_INSTALL_PROBE = """(traceIndex) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets.find(c => c.model.type === 'code'
                 && c.node.querySelector('.widget-slider'));
  const area = cell.node.querySelector('.jp-OutputArea');
  const sig = () => {
    const gd = area.querySelector('.js-plotly-plot');  // the main figure (the explorer draws two)
    const cd = gd && gd.calcdata && gd.calcdata[traceIndex];
    const node = cd && cd[0] && cd[0].node3 && cd[0].node3.node();
    if (!node) return null;
    return [...node.querySelectorAll('path, text')].map(p => (p.getAttribute('d') || p.textContent) + '@'
                                                          + (p.getAttribute('transform') || '')).join('|');
  };
  const probe = window.__probe = {t0: 0, t1: 0, before: sig(), sig};
  document.addEventListener('keydown', () => {
    probe.before = sig(); probe.t1 = 0; probe.t0 = performance.now();
  }, true);
  new MutationObserver(() => {
    if (probe.t0 && !probe.t1) { const s = sig(); if (s && s !== probe.before) probe.t1 = performance.now(); }
  }).observe(area, {subtree: true, childList: true, attributes: true});
  return probe.before !== null;
}"""

JS_IDLE = "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'"
SETTLE_MS = 300
PACKAGE, NAIVE_LABEL = "browser-side states (package)", "interact + new figure (naive)"


def _naive_app(factory: str, control: str, start: int, low: int, high: int, key: str, fixed: str = "") -> str:
    return NAIVE_APP.format(factory=factory, control=control, start=start, low=low, high=high, key=key,
                            fixed=fixed)


def _demos() -> dict[str, dict]:
    """Per demo: its two notebooks (package, naive), the slider's label key, the trace to watch
    (its place in the figure; the explorer's main row is drawn first, so the same in its first part)."""
    from virtlab_widgets import multiboot_vs_vm, recovery, vm_vs_container
    from virtlab_widgets.figures.availability import AVAILABILITY
    from virtlab_widgets.figures.common import trace_positions
    from virtlab_widgets.figures.explorer import VM_NOW
    from virtlab_widgets.figures.multiboot import NOW
    from virtlab_widgets.models.multiboot import MAX_SWITCHES

    return {
        "explorer": dict(package=EXPLORER, naive=NAIVE, key="ctl.vms",
                         trace=trace_positions(vm_vs_container().figure)[VM_NOW]),
        "multiboot": dict(package=MULTIBOOT, key="mb.ctl.switches",  # the "now" marker
                          trace=trace_positions(multiboot_vs_vm().figure)[NOW["multiboot"]],
                          naive=_naive_app("multiboot_vs_vm", "switches", 6, 0, MAX_SWITCHES, "mb.ctl.switches")),
        # from 40 instances on, every instance adds restart time (the first ~30 restart in parallel);
        # a bar grows by a fraction of a pixel on its log axis, so watch the availability labels,
        # which at 12 failures a year change with every instance
        "recovery": dict(package=RECOVERY, key="ctl.restart", trace=trace_positions(recovery().figure)[AVAILABILITY],
                         naive=_naive_app("recovery", "instances", 40, 1, 200, "ctl.restart",
                                          "failures_per_year=12, ")),
    }


DEMOS = ("explorer", "multiboot", "recovery")


def latency_runs(browser, server: LabServer, rtts: list[int], moves: int,
                 demos: tuple[str, ...] | list[str] = DEMOS) -> list[dict]:
    """Every demo and variant at every added round trip, in one run (same server, same browser)."""
    specs = _demos()
    rows = []
    for demo in demos:
        for variant in ("package", "naive"):
            server.write_notebook(f"_bench_{demo}_{variant}.ipynb", notebook(specs[demo][variant]))
    for rtt in rtts:
        proxy = DelayProxy(server.port, rtt / 2000).start() if rtt else None
        try:
            view = proxy.server(server) if proxy else server
            for demo in demos:
                for variant, label in (("package", PACKAGE), ("naive", NAIVE_LABEL)):
                    lat = measure_latency(browser, view, f"_bench_{demo}_{variant}.ipynb", moves,
                                          specs[demo]["trace"], specs[demo]["key"])
                    row = {"demo": demo, "variant": label, "rtt_ms": rtt, "median_ms": statistics.median(lat),
                           "p90_ms": pct(lat, 0.9), "n": len(lat)}
                    rows.append(row)
                    print(f"latency {demo}, {label}, +{rtt} ms RTT: median {row['median_ms']:.1f} ms, "
                          f"p90 {row['p90_ms']:.1f} ms (n={len(lat)})", flush=True)
        finally:
            if proxy:
                proxy.stop()
    return rows


def measure_latency(browser, server, name: str, moves: int, trace: int, key: str) -> list[float]:
    """Key press -> the SVG of trace ``trace`` changed, ``moves`` times (plus two warm-up moves),
    on the slider labelled ``t(key)``."""
    from virtlab_widgets.text import t

    s = NotebookSession(browser, server, name, intercept=False)
    try:
        s.open()
        s.run_all()
        s.page.wait_for_function("() => { const p = document.querySelectorAll('.js-plotly-plot');"
                                 " return p.length > 0 && p[p.length - 1].querySelectorAll('g.trace').length > 0; }")
        assert s.page.evaluate(JS_INSTALL_PROBE, trace), f"trace {trace} not found"
        handle = s.page.get_by_role("slider", name=t(key), exact=True)
        if not handle.count():  # an unnamed handle (no accessible name): the first slider's
            handle = s.page.locator(".widget-slider").first.locator(".noUi-handle")
        handle.first.focus()
        out = []
        for i in range(moves + 2):  # two warm-up moves
            key = "ArrowRight" if (i // 5) % 2 == 0 else "ArrowLeft"
            s.page.keyboard.press(key)
            s.page.wait_for_function("() => window.__probe.t1 > 0", timeout=60_000, polling="raf")
            dt = s.page.evaluate("() => window.__probe.t1 - window.__probe.t0")
            s.page.wait_for_function(JS_IDLE, polling=10)
            s.page.wait_for_timeout(SETTLE_MS)  # the kernel's side of the move, at any round trip
            if i >= 2:
                out.append(dt)
        return out
    finally:
        shutdown_kernel(s, server)


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


# --- 2 + 3. bytes and cold start -----------------------------------------------------------

class HttpCounter:
    """Bytes received over HTTP by one page (CDP: encodedDataLength, i.e. on the wire)."""

    def __init__(self, context, page):
        self.bytes = 0
        self.requests = 0
        self.cached = 0
        self.cdp = context.new_cdp_session(page)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.requestServedFromCache", self._cached)
        self.cdp.send("Network.enable")

    def _finished(self, ev):
        self.bytes += int(ev.get("encodedDataLength", 0))
        self.requests += 1

    def _cached(self, _ev):
        self.cached += 1


def expectations(browser, server: LabServer, name: str) -> dict:
    s = NotebookSession(browser, server, name)
    try:
        s.open()
        s.run_all()
        return expected_views(s, s.outputs())
    finally:
        shutdown_kernel(s, server)


def open_and_run(context, browser, server: LabServer, name: str, expected: dict) -> dict:
    s = NotebookSession(browser, server, name, context=context, intercept=False)
    http = HttpCounter(context, s.page)
    try:
        kernel_s = s.open(workspace=f"b{time.time_ns()}")
        t0 = time.perf_counter()
        s.page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
        s.page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        s.page.wait_for_function(f"() => ({JS_RUN_DONE})() && ({JS_ALL_RENDERED})({json.dumps(expected)})",
                                 timeout=180_000, polling="raf")
        cold = time.perf_counter() - t0
        foreign = s.non_local_requests()
        return {"kernel_s": kernel_s, "cold_s": cold, "http": http.bytes, "http_requests": http.requests,
                "ws_in": s.ws_in, "ws_out": s.ws_out, "foreign": foreign}
    finally:
        shutdown_kernel(s, server)


def mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--moves", type=int, default=40)
    ap.add_argument("--demos", nargs="+", choices=list(DEMOS), default=list(DEMOS), help="latency: which demos")
    ap.add_argument("--rtt", type=int, nargs="+", default=[0, 100], help="added round trips (ms) to measure at")
    ap.add_argument("--latency-only", action="store_true", help="only part 1 (slider -> plot latency)")
    ap.add_argument("--notebooks", nargs="*", help="two-digit prefixes (default: all)")
    ap.add_argument("--skip-before", action="store_true", help="do not measure plain go.FigureWidget")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    chromium = find_chromium()
    if not chromium:
        print("Chromium not found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    nbs = [p for p in notebooks() if not args.notebooks or p.name[:2] in args.notebooks]
    results: dict = {"latency": [], "notebooks": {}}
    with sync_playwright() as pw, LabServer() as server:
        browser = launch_browser(pw, chromium)
        try:
            # 1. latency, ours vs naive, same server and browser, at each round trip
            results["latency"] = latency_runs(browser, server, args.rtt, args.moves, args.demos)
            if args.latency_only:
                nbs = []

            if nbs:
                # 2 + 3. per notebook, in one browser context whose cache already holds JupyterLab
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                server.write_notebook("_bench_empty.ipynb", notebook("1"))
                warm = NotebookSession(browser, server, "_bench_empty.ipynb", context=context, intercept=False)
                http = HttpCounter(context, warm.page)
                warm.open(workspace=f"b{time.time_ns()}")
                results["lab_first_load_http"] = http.bytes
                print(f"JupyterLab itself, first load (empty cache): {mb(http.bytes)} over HTTP", flush=True)
                shutdown_kernel(warm, server)
                for path in nbs:
                    expected = expectations(browser, server, path.name)
                    row = {"after": open_and_run(context, browser, server, path.name, expected)}
                    if not args.skip_before:
                        before_name = server.write_notebook(f"_before_{path.name}", with_patch(path))
                        shifted = {str(int(k) + 1): v for k, v in expected.items()}
                        row["before"] = open_and_run(context, browser, server, before_name, shifted)
                    results["notebooks"][path.name] = row
                    a = row["after"]
                    b = row.get("before")
                    print(f"{path.name}: after  http {mb(a['http'])}  ws in {mb(a['ws_in'])} out {mb(a['ws_out'])}"
                          f"  cold {a['cold_s']:.2f} s"
                          + (f" | before http {mb(b['http'])}  ws in {mb(b['ws_in'])}  cold {b['cold_s']:.2f} s"
                             if b else ""), flush=True)
                context.close()
        finally:
            browser.close()

    # --- table ------------------------------------------------------------------------------
    print("\n## Slider -> plot latency (key event -> the SVG of the trace showing the count changed)\n")
    print("| demo | variant | added round trip | median | p90 | moves |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in results["latency"]:
        print(f"| {r['demo']} | {r['variant']} | +{r['rtt_ms']} ms | {r['median_ms']:.1f} ms | "
              f"{r['p90_ms']:.1f} ms | {r['n']} |")
    print("\ntarget: median <= 50 ms for slider moves with +100 ms round trip")
    if not results["notebooks"]:
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), "utf-8")
        return 0
    print("\n## Per notebook: bytes to the browser (open + Run All) and cold start (Run All -> all widgets visible)\n")
    print(f"JupyterLab's own assets on a first visit (empty browser cache): {mb(results['lab_first_load_http'])}, "
          "then cached; the rows below are with JupyterLab cached.\n")
    print("| notebook | HTTP | WS in | WS out | total | cold start | before: HTTP | before: WS in "
          "| before: cold start |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, row in results["notebooks"].items():
        a, b = row["after"], row.get("before")
        cells = [name, mb(a["http"]), mb(a["ws_in"]), mb(a["ws_out"]), mb(a["http"] + a["ws_in"] + a["ws_out"]),
                 f"{a['cold_s']:.2f} s"]
        cells += [mb(b["http"]), mb(b["ws_in"]), f"{b['cold_s']:.2f} s"] if b else ["", "", ""]
        print("| " + " | ".join(cells) + " |")
    foreign = sorted({u for row in results["notebooks"].values() for r in row.values() for u in r["foreign"]})
    print(f"\nrequests beyond the local server: {foreign or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
