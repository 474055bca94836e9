"""Figure: per-instance and total throughput as VMs or containers are added to one host.

Left: throughput of each instance (% of one native instance); right: all instances
together. Dotted line: where the shared resource is fully used (every core busy for a
CPU-bound workload; from the first instance on for a disk- or network-bound one, whose
total never grows with cores); shaded: the VMs' memory is overcommitted.
:func:`contention_restyle` updates the whole figure in place.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.contention import ContentionCurves
from ..style import COLORS, DASHES, OVERCOMMIT_FILL, SYMBOLS, base_layout, line_width, marker_size
from ..text import t
from .common import apply_restyle, fit_layout

VM_EACH, CT_EACH, VM_TOTAL, CT_TOTAL, VM_NOW, CT_NOW, VM_TOTAL_NOW, CT_TOTAL_NOW = range(8)
CPU_LEFT, CPU_RIGHT, OVER_LEFT, OVER_RIGHT = range(8, 12)
LIMIT_NAME = {"cpu": "cont.cpu_full", "disk": "cont.disk_full", "network": "cont.net_full"}


def _names(bound: str) -> list[str]:
    """Every trace's name, in trace order; the limit line is named after what bounds the workload."""
    curves = [t("vm"), t("container")] * 2
    return curves + [t("cont.now")] * 4 + [t(LIMIT_NAME[bound])] * 2 + [t("cont.mem_over")] * 2


def _at(values: np.ndarray, n: int) -> float | None:
    v = float(values[n])
    return None if np.isnan(v) else v


def contention_restyle(c: ContentionCurves, n: int) -> tuple[dict, list[int]]:
    """``plotly_restyle`` arguments for curves ``c`` with ``n`` instances marked."""
    k, end = c.counts, int(c.counts[-1])
    top_total = float(max(np.nanmax(c.vm_total), np.nanmax(c.ct_total), 1.0)) * 110
    over = min(c.vm_over, end + 1)

    def shade(top: float) -> tuple[list[float], list[float]]:
        return ([over, end, end, over], [0, 0, top, top]) if over <= end else ([], [])

    xs = [k, k, k, k, [n], [n], [n], [n], [c.cpu_full] * 2, [c.cpu_full] * 2,
          shade(105)[0], shade(top_total)[0]]
    ys = [c.vm_each * 100, c.ct_each * 100, c.vm_total * 100, c.ct_total * 100,
          [_at(c.vm_each * 100, n)], [_at(c.ct_each * 100, n)],
          [c.vm_total[n] * 100], [c.ct_total[n] * 100], [0, 105], [0, top_total],
          shade(105)[1], shade(top_total)[1]]
    return {"x": xs, "y": ys, "name": _names(c.bound)}, list(range(12))


PLOT_HEIGHT = 260  # px of plot area at the normal font; fit_layout adds titles, ticks and legend


def contention_figure(c: ContentionCurves, n: int) -> go.Figure:
    """Build the two-panel contention figure."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("cont.each"), t("cont.total")],
                        horizontal_spacing=0.12)
    lw, ms = line_width(), marker_size()
    for col in (1, 2):  # per instance (left), total (right)
        for kind in ("vm", "container"):
            fig.add_scatter(name=t(kind), legendgroup=kind, showlegend=col == 1, mode="lines",
                            line=dict(color=COLORS[kind], width=lw, dash=DASHES[kind]),
                            hovertemplate="%{x} → %{y:.0f} %<extra>" + t(kind) + "</extra>", row=1, col=col)
    for col in (1, 2):
        for kind in ("vm", "container"):
            fig.add_scatter(name=t("cont.now"), showlegend=False, mode="markers",
                            marker=dict(color=COLORS[kind], size=ms, symbol=SYMBOLS[kind],
                                        line=dict(color="white", width=1.5)),
                            hovertemplate="%{x} → %{y:.0f} %<extra></extra>", row=1, col=col)
    for col in (1, 2):
        fig.add_scatter(name=t("cont.cpu_full"), legendgroup="cpu", showlegend=col == 1, mode="lines",
                        line=dict(color=COLORS["host"], width=1.5, dash="dot"), hoverinfo="name", row=1, col=col)
    for col in (1, 2):
        fig.add_scatter(name=t("cont.mem_over"), legendgroup="over", showlegend=col == 1, mode="lines",
                        fill="toself", fillcolor=OVERCOMMIT_FILL, line=dict(width=0), hoverinfo="name",
                        row=1, col=col)
    apply_restyle(fig, contention_restyle(c, n))
    fig.update_xaxes(title_text=t("cont.axis_count"))
    fig.update_yaxes(title_text=t("cont.axis_each"), range=[0, 105], row=1, col=1)
    # the right panel's axis on its outer side: its title never lands on the left panel
    fig.update_yaxes(title_text=t("cont.axis_total"), rangemode="tozero", side="right", row=1, col=2)
    fig.update_layout(**base_layout(uirevision="contention"))
    return fit_layout(fig, PLOT_HEIGHT)
