"""Python cost of one VM-vs-container explorer update, against the naive pattern.

Runs both inside an in-process IPython kernel (so widget messages are really built and
serialised, as in JupyterLab) and prints medians and their ratio:

* virtlab: a move of the VM slider of ``vm_vs_container()`` as the browser reports it (the
  slider's position changes; the browser has already drawn the precomputed state, so the
  kernel only records the value), and a preset change (the kernel re-evaluates the model and
  sends every state of the new host's sliders);
* naive: ``ipywidgets.interact`` over the same model, building and displaying a new
  plotly figure on every move (the common notebook pattern).

Usage: ``make bench`` or ``python benchmarks/bench_explorer.py [--moves N]``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # silence debugpy's frozen-module note

from ipykernel.inprocess.manager import InProcessKernelManager  # noqa: E402

SETUP = r"""
import statistics, time
import ipywidgets as W
import plotly.graph_objects as go
from IPython.display import display
from virtlab_widgets import vm_vs_container
from virtlab_widgets.figures.explorer import explorer_curves, explorer_figure

app = vm_vs_container(vms=4, containers=10, host="laptop-16")
display(app)
COMM = type(app.view.comm).__name__   # a real kernel comm, not a dummy: messages are built
GRID = [v for _, v in app.vms_slider.options]

def naive(vms=4, containers=10):
    fig = explorer_figure(explorer_curves("laptop-16"), vms, containers)
    display(go.FigureWidget(fig) if USE_WIDGET else fig)

def moves(n):
    return [GRID[(7 * i) % len(GRID)] for i in range(n)]

def timed(setter, n):
    out = []
    for v in moves(n):
        t = time.perf_counter(); setter(v); out.append(time.perf_counter() - t)
    return out
"""

RUN = r"""
USE_WIDGET = {use_widget}
ui = W.interactive(naive, vms=W.IntSlider(4, 0, GRID[-1]), containers=W.IntSlider(10, 0, 3000))
display(ui)
fast = timed(lambda v: setattr(app.vms_slider, "index", GRID.index(v)), {moves})
slow = timed(lambda v: setattr(ui.children[0], "value", v), {naive_moves})
hosts = ["laptop-8", "lab-server", "laptop-16"] * 2
preset = [0.0] * len(hosts)
for i, h in enumerate(hosts):
    t = time.perf_counter(); app.set(host=h); preset[i] = time.perf_counter() - t
RESULT = dict(fast=statistics.median(fast) * 1e3, fast_p90=sorted(fast)[int(0.9 * len(fast))] * 1e3,
              slow=statistics.median(slow) * 1e3, preset=statistics.median(preset) * 1e3)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300, help="slider moves for virtlab (default 300)")
    parser.add_argument("--naive-moves", type=int, default=30, help="slider moves for the naive pattern")
    args = parser.parse_args()
    km = InProcessKernelManager()
    km.start_kernel()
    shell = km.kernel.shell
    shell.run_cell(SETUP, silent=True).raise_error()
    rows = []
    for label, use_widget in (("interact + new go.Figure per move", False),
                              ("interact + new go.FigureWidget per move", True)):
        shell.run_cell(RUN.format(use_widget=use_widget, moves=args.moves, naive_moves=args.naive_moves),
                       silent=True).raise_error()
        r = shell.user_ns["RESULT"]
        rows.append((label, r["fast"], r["fast_p90"], r["slow"], r["slow"] / r["fast"]))
        preset_ms = r["preset"]
    comm = shell.user_ns["COMM"]
    km.shutdown_kernel()
    print(f"widget comm: {comm} (in-process ipykernel)")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"{'naive pattern':<42} {'virtlab median':>15} {'p90':>8} {'naive median':>13} {'ratio':>7}")
    for label, fast, p90, slow, ratio in rows:
        print(f"{label:<42} {fast:>12.3f} ms {p90:>5.3f} ms {slow:>10.1f} ms {ratio:>6.0f}x")
    print(f"virtlab preset change (new curves + every state of the new sliders): median {preset_ms:.0f} ms")
    print(json.dumps({"virtlab_median_ms": rows[0][1], "virtlab_p90_ms": rows[0][2], "preset_ms": preset_ms,
                      "naive": {r[0]: r[3] for r in rows}}))


if __name__ == "__main__":
    main()
