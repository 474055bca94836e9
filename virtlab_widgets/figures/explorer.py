"""The VM-vs-container figure: memory, disk, time until all are ready, performance.

:func:`explorer_curves` evaluates the model once over every count a slider can reach;
:func:`explorer_figure` draws it; :func:`marker_restyle` is the small update a slider
move needs (markers and the current-total line only), so widgets never rebuild a figure.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import model
from .. import presets as P
from ..style import COLORS, DASHES, OVERCOMMIT_FILL, SYMBOLS, base_layout, font_size, line_width, marker_size
from ..text import label, t

# Trace order (fixed; marker_restyle relies on it).
MEM_VM, MEM_CT, MEM_CAP, MEM_OVER, MEM_TOTAL, MEM_VM_NOW, MEM_CT_NOW = range(7)
DISK_VM, DISK_CT, DISK_VM_NOW, DISK_CT_NOW = range(7, 11)
READY_VM, READY_CT, READY_VM_NOW, READY_CT_NOW = range(11, 15)
PERF, PERF_OVER, PERF_NOW = range(15, 18)
NOW_TRACES = [MEM_TOTAL, MEM_VM_NOW, MEM_CT_NOW, DISK_VM_NOW, DISK_CT_NOW,
              READY_VM_NOW, READY_CT_NOW, PERF_NOW]


@dataclass(frozen=True)
class ExplorerCurves:
    """The model evaluated for 0..max_count VMs and containers on one host."""

    counts: np.ndarray
    reserve_gib: float
    ram_gib: float
    vm_mem_gib: np.ndarray        # VMs' own memory (without host reserve)
    ct_mem_gib: np.ndarray
    vm_disk_gib: np.ndarray
    ct_disk_gib: np.ndarray
    vm_ready_s: np.ndarray
    ct_ready_s: np.ndarray
    demand_pct: np.ndarray        # x of the performance curve
    perf_pct: np.ndarray

    def now(self, n: int, m: int) -> dict[str, float]:
        """Values at the current counts, read from the curves (no model call)."""
        total = self.reserve_gib + self.vm_mem_gib[n] + self.ct_mem_gib[m]
        ratio = total / self.ram_gib
        swapped = max(0.0, 1.0 - 1.0 / ratio)
        perf = 1.0 / (1.0 + P.value("overcommit", "swap_penalty") * swapped)
        return dict(total_gib=total, ratio=ratio, perf=perf,
                    vm_mem_gib=self.vm_mem_gib[n], ct_mem_gib=self.ct_mem_gib[m],
                    vm_disk_gib=self.vm_disk_gib[n], ct_disk_gib=self.ct_disk_gib[m],
                    vm_ready_s=self.vm_ready_s[n], ct_ready_s=self.ct_ready_s[m])


def explorer_curves(host="laptop-16", vm="ubuntu-server", container="web-small", runtime="runc",
                    page_sharing: float = 0.0, max_count: int = 300) -> ExplorerCurves:
    """Evaluate the model over every count from 0 to ``max_count``."""
    h = P.host(host)
    k = np.arange(max_count + 1)
    vm_mem = model.vm_memory_mib(k, vm, page_sharing=page_sharing) / 1024
    ct_mem = model.container_memory_mib(k, container, runtime) / 1024
    reserve = h.os_reserve_mib / 1024
    top = reserve + vm_mem[-1] + ct_mem[-1]
    demand = np.geomspace(min(reserve, 0.25 * h.ram_mib / 1024), max(top, 4 * h.ram_mib / 1024), 200)
    perf = model.relative_performance(demand * 1024, h)
    return ExplorerCurves(
        counts=k, reserve_gib=reserve, ram_gib=h.ram_mib / 1024, vm_mem_gib=vm_mem, ct_mem_gib=ct_mem,
        vm_disk_gib=model.vm_disk_gib(k, vm), ct_disk_gib=model.container_disk_gib(k, container),
        vm_ready_s=model.vm_ready_all_s(k, vm, h), ct_ready_s=model.container_ready_all_s(k, container, runtime, h),
        demand_pct=demand / (h.ram_mib / 1024) * 100, perf_pct=perf * 100,
    )


def _positive(values: np.ndarray) -> np.ndarray:
    """Zeros become None-like NaN so log axes skip them."""
    return np.where(values > 0, values, np.nan)


def _curve_data(c: ExplorerCurves) -> list[dict]:
    """x/y of every trace that depends only on the presets, in trace order."""
    k, top = c.counts, float(c.reserve_gib + c.vm_mem_gib[-1] + c.ct_mem_gib[-1])
    over_top = max(top, c.ram_gib) * 1.5
    x_end = int(k[-1])
    return [
        dict(x=k, y=c.reserve_gib + c.vm_mem_gib),
        dict(x=k, y=c.reserve_gib + c.ct_mem_gib),
        dict(x=[0, x_end], y=[c.ram_gib, c.ram_gib]),
        dict(x=[0, x_end, x_end, 0], y=[c.ram_gib, c.ram_gib, over_top, over_top]),
        None, None, None,
        dict(x=k, y=_positive(c.vm_disk_gib)),
        dict(x=k, y=_positive(c.ct_disk_gib)),
        None, None,
        dict(x=k, y=_positive(c.vm_ready_s)),
        dict(x=k, y=_positive(c.ct_ready_s)),
        None, None,
        dict(x=c.demand_pct, y=c.perf_pct),
        dict(x=[100, c.demand_pct[-1], c.demand_pct[-1], 100], y=[0, 0, 105, 105]),
        None,
    ]


def curve_restyle(c: ExplorerCurves) -> tuple[dict, list[int]]:
    """``plotly_restyle`` arguments that replace every preset-dependent curve."""
    data = [(i, d) for i, d in enumerate(_curve_data(c)) if d is not None]
    return ({"x": [d["x"] for _, d in data], "y": [d["y"] for _, d in data]},
            [i for i, _ in data])


def marker_restyle(c: ExplorerCurves, n: int, m: int) -> tuple[dict, list[int]]:
    """``plotly_restyle`` arguments that move every marker to ``n`` VMs and ``m`` containers."""
    now = c.now(n, m)
    x_end = int(c.counts[-1])
    pos = lambda v: v if v > 0 else None  # noqa: E731 - log axes cannot show 0
    xs = [[0, x_end], [n], [m], [n], [m], [n], [m], [now["ratio"] * 100]]
    ys = [[now["total_gib"]] * 2,
          [c.reserve_gib + now["vm_mem_gib"]], [c.reserve_gib + now["ct_mem_gib"]],
          [pos(now["vm_disk_gib"])], [pos(now["ct_disk_gib"])],
          [pos(now["vm_ready_s"])], [pos(now["ct_ready_s"])], [now["perf"] * 100]]
    return {"x": xs, "y": ys}, NOW_TRACES


def explorer_figure(c: ExplorerCurves, n: int, m: int) -> go.Figure:
    """Build the 2x2 figure for ``n`` VMs and ``m`` containers."""
    fig = make_subplots(rows=2, cols=2, subplot_titles=[t("fig.memory"), t("fig.disk"),
                                                        t("fig.ready"), t("fig.performance")],
                        horizontal_spacing=0.1, vertical_spacing=0.16)
    lw, ms = line_width(), marker_size()

    def curve(kind, name, unit, row, col, **kw):
        fig.add_scatter(name=name, mode="lines", line=dict(color=COLORS[kind], width=lw, dash=DASHES[kind]),
                        hovertemplate=f"%{{x}} → %{{y:.3~s}} {unit}<extra>{name}</extra>",
                        row=row, col=col, **kw)

    def marker(kind, row, col, showlegend=False):
        name = t(f"trace.{kind}_now")
        fig.add_scatter(name=name, mode="markers", showlegend=showlegend, legendgroup=kind + "_now",
                        marker=dict(color=COLORS[kind], size=ms, symbol=SYMBOLS[kind],
                                    line=dict(color="white", width=1.5)),
                        hovertemplate=f"%{{x}} → %{{y:.3~s}}<extra>{name}</extra>", row=row, col=col)

    curve("vm", t("trace.vm_curve"), "GiB", 1, 1, legendgroup="vm")
    curve("container", t("trace.container_curve"), "GiB", 1, 1, legendgroup="container")
    fig.add_scatter(name=t("trace.capacity"), mode="lines", line=dict(color=COLORS["host"], width=lw),
                    hovertemplate="%{y:.0f} GiB<extra>" + t("trace.capacity") + "</extra>", row=1, col=1)
    fig.add_scatter(name=t("region.overcommit"), mode="lines", fill="toself", fillcolor=OVERCOMMIT_FILL,
                    line=dict(width=0), hoverinfo="skip", row=1, col=1)
    fig.add_scatter(name=t("trace.total_now"), mode="lines",
                    line=dict(color=COLORS["accent"], width=lw, dash="dot"),
                    hovertemplate="%{y:.1f} GiB<extra>" + t("trace.total_now") + "</extra>", row=1, col=1)
    marker("vm", 1, 1, showlegend=True)
    marker("container", 1, 1, showlegend=True)
    for row, col, unit in ((1, 2, "GiB"), (2, 1, "s")):
        curve("vm", t("trace.vm_curve"), unit, row, col, legendgroup="vm", showlegend=False)
        curve("container", t("trace.container_curve"), unit, row, col, legendgroup="container", showlegend=False)
        marker("vm", row, col)
        marker("container", row, col)
    fig.add_scatter(name=t("trace.performance"), mode="lines", showlegend=False,
                    line=dict(color=COLORS["warn"], width=lw),
                    hovertemplate="%{x:.0f} % → %{y:.0f} %<extra></extra>", row=2, col=2)
    fig.add_scatter(name=t("region.overcommit"), mode="lines", fill="toself", fillcolor=OVERCOMMIT_FILL,
                    line=dict(width=0), hoverinfo="skip", showlegend=False, row=2, col=2)
    fig.add_scatter(name=t("trace.performance_now"), mode="markers", showlegend=False,
                    marker=dict(color=COLORS["accent"], size=ms + 4, symbol=SYMBOLS["now"]),
                    hovertemplate="%{x:.0f} % → %{y:.0f} %<extra></extra>", row=2, col=2)

    for (i, d) in enumerate(_curve_data(c)):
        if d is not None:
            fig.data[i].update(x=d["x"], y=d["y"])
    args, idx = marker_restyle(c, n, m)
    for j, i in enumerate(idx):
        fig.data[i].update(x=args["x"][j], y=args["y"][j])

    for r, cl in ((1, 1), (1, 2), (2, 1)):
        fig.update_xaxes(title_text=t("axis.count"), row=r, col=cl)
    fig.update_yaxes(title_text=t("axis.memory"), type="log", row=1, col=1)
    fig.update_yaxes(title_text=t("axis.disk"), type="log", row=1, col=2)
    fig.update_yaxes(title_text=t("axis.time"), type="log", row=2, col=1)
    fig.update_xaxes(title_text=t("axis.demand"), type="log", row=2, col=2)
    fig.update_yaxes(title_text=t("axis.performance"), range=[0, 105], row=2, col=2)
    scale = font_size() / 13  # presenter mode: taller figure, legend clear of the axis titles
    fig.update_layout(**base_layout(height=int(720 * min(scale, 1.25)), uirevision="explorer"))
    fig.update_layout(legend=dict(y=-0.1 * scale), margin=dict(b=int(60 * scale)))
    fig.update_annotations(font_size=font_size() + 2)  # the subplot titles
    return fig


def preset_title(host: str, vm: str, container: str, runtime: str) -> str:
    """A short description of the presets, for captions."""
    return " · ".join([label("hosts", host), label("vm_profiles", vm),
                       label("container_profiles", container), label("runtimes", runtime)])
