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
from .common import TraceUpdate, apply_traces, fit_layout

# trace ids: per panel (1 = per instance, 2 = total) a curve and a marker per kind, the limit line
# and the overcommitted band
VM_EACH, CT_EACH, VM_TOTAL, CT_TOTAL = "vm_each", "container_each", "vm_total", "container_total"
VM_NOW, CT_NOW, VM_TOTAL_NOW, CT_TOTAL_NOW = "vm_now", "container_now", "vm_total_now", "container_total_now"
CPU_LEFT, CPU_RIGHT, OVER_LEFT, OVER_RIGHT = "limit_each", "limit_total", "over_each", "over_total"
CURVES = {(1, "vm"): VM_EACH, (1, "container"): CT_EACH, (2, "vm"): VM_TOTAL, (2, "container"): CT_TOTAL}
MARKERS = {(1, "vm"): VM_NOW, (1, "container"): CT_NOW, (2, "vm"): VM_TOTAL_NOW, (2, "container"): CT_TOTAL_NOW}
LIMITS, OVER = {1: CPU_LEFT, 2: CPU_RIGHT}, {1: OVER_LEFT, 2: OVER_RIGHT}
LIMIT_NAME = {"cpu": "cont.cpu_full", "disk": "cont.disk_full", "network": "cont.net_full"}


def _at(values: np.ndarray, n: int) -> float | None:
    v = float(values[n])
    return None if np.isnan(v) else v


def contention_restyle(c: ContentionCurves, n: int) -> TraceUpdate:
    """Curves ``c`` with ``n`` instances marked; the limit line named after what bounds the workload."""
    k, end = c.counts, int(c.counts[-1])
    top_total = float(max(np.nanmax(c.vm_total), np.nanmax(c.ct_total), 1.0)) * 110
    over = min(c.vm_over, end + 1)
    values = {(1, "vm"): c.vm_each * 100, (1, "container"): c.ct_each * 100,
              (2, "vm"): c.vm_total * 100, (2, "container"): c.ct_total * 100}
    update: TraceUpdate = {}
    for panel, top in ((1, 105), (2, top_total)):
        for kind in ("vm", "container"):
            update[CURVES[panel, kind]] = {"x": k, "y": values[panel, kind]}
            now = _at(values[panel, kind], n) if panel == 1 else values[panel, kind][n]
            update[MARKERS[panel, kind]] = {"x": [n], "y": [now]}
        update[LIMITS[panel]] = {"x": [c.cpu_full] * 2, "y": [0, top], "name": t(LIMIT_NAME[c.bound])}
        update[OVER[panel]] = ({"x": [over, end, end, over], "y": [0, 0, top, top]} if over <= end
                               else {"x": [], "y": []})
    return update


PLOT_HEIGHT = 260  # px of plot area at the normal font; fit_layout adds titles, ticks and legend


def contention_figure(c: ContentionCurves, n: int) -> go.Figure:
    """Build the two-panel contention figure."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("cont.each"), t("cont.total")],
                        horizontal_spacing=0.12)
    lw, ms = line_width(), marker_size()
    for col in (1, 2):  # per instance (left), total (right)
        for kind in ("vm", "container"):
            fig.add_scatter(meta=CURVES[col, kind], name=t(kind), legendgroup=kind, showlegend=col == 1,
                            mode="lines", line=dict(color=COLORS[kind], width=lw, dash=DASHES[kind]),
                            hovertemplate="%{x} → %{y:.0f} %<extra>" + t(kind) + "</extra>", row=1, col=col)
    for col in (1, 2):
        for kind in ("vm", "container"):
            fig.add_scatter(meta=MARKERS[col, kind], name=t("cont.now"), showlegend=False, mode="markers",
                            marker=dict(color=COLORS[kind], size=ms, symbol=SYMBOLS[kind],
                                        line=dict(color="white", width=1.5)),
                            hovertemplate="%{x} → %{y:.0f} %<extra></extra>", row=1, col=col)
    for col in (1, 2):
        fig.add_scatter(meta=LIMITS[col], name=t("cont.cpu_full"), legendgroup="cpu", showlegend=col == 1,
                        mode="lines", line=dict(color=COLORS["host"], width=1.5, dash="dot"), hoverinfo="name",
                        row=1, col=col)
    for col in (1, 2):
        fig.add_scatter(meta=OVER[col], name=t("cont.mem_over"), legendgroup="over", showlegend=col == 1,
                        mode="lines", fill="toself", fillcolor=OVERCOMMIT_FILL, line=dict(width=0),
                        hoverinfo="name", row=1, col=col)
    apply_traces(fig, contention_restyle(c, n))
    fig.update_xaxes(title_text=t("cont.axis_count"))
    fig.update_yaxes(title_text=t("cont.axis_each"), range=[0, 105], row=1, col=1)
    # the right panel's axis on its outer side: its title never lands on the left panel
    fig.update_yaxes(title_text=t("cont.axis_total"), rangemode="tozero", side="right", row=1, col=2)
    fig.update_layout(**base_layout(uirevision="contention"))
    return fit_layout(fig, PLOT_HEIGHT)
