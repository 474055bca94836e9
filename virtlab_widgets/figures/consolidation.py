"""Figure: hosts needed after virtualization and the yearly bill, over server utilisation.

Left: hosts needed vs the N servers consolidated; right: yearly cost, physical vs
virtualized, shaded where virtualization does not pay. Costs are illustrative (assumed).
"""
from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.consolidation import ConsolidationCurves
from ..style import COLORS, OVERCOMMIT_FILL, SYMBOLS, base_layout, line_width, marker_size
from ..text import t
from .common import TraceUpdate, apply_traces, fit_layout

HOSTS, SERVERS, HOSTS_NOW, COST_PHYS, COST_VIRT, LOSS, COST_NOW = (  # trace ids
    "hosts", "servers", "hosts_now", "cost_physical", "cost_virtual", "loss", "cost_now")


def consolidation_restyle(c: ConsolidationCurves, utilisation: float) -> TraceUpdate:
    """Curves ``c`` with the current utilisation marked."""
    u = c.utilisation * 100
    now = c.at(utilisation)
    top = max(float(c.virtual_cost.max()), c.physical_cost) * 1.1
    start = None if c.breakeven is None else c.breakeven * 100
    loss = ([start, 100, 100, start], [0, 0, top, top]) if start is not None else ([], [])
    return {HOSTS: {"x": u, "y": c.hosts}, SERVERS: {"x": [1, 100], "y": [c.servers] * 2},
            HOSTS_NOW: {"x": [utilisation * 100], "y": [now["hosts"]]},
            COST_PHYS: {"x": [1, 100], "y": [c.physical_cost] * 2}, COST_VIRT: {"x": u, "y": c.virtual_cost},
            LOSS: {"x": loss[0], "y": loss[1]}, COST_NOW: {"x": [utilisation * 100], "y": [now["virtual"]]}}


PLOT_HEIGHT = 260  # px of plot area at the normal font; fit_layout adds titles, ticks and legend


def consolidation_figure(c: ConsolidationCurves, utilisation: float) -> go.Figure:
    """Build the two-panel consolidation figure."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("cons.hosts"), t("cons.cost")],
                        horizontal_spacing=0.12)
    lw, ms = line_width(), marker_size()
    vm_line = dict(color=COLORS["vm"], width=lw, shape="hv")
    fig.add_scatter(meta=HOSTS, name=t("cons.after"), mode="lines", line=vm_line, legendgroup="vm",
                    hovertemplate="%{x:.0f} % → %{y:.0f}<extra></extra>", row=1, col=1)
    fig.add_scatter(meta=SERVERS, name=t("cons.before"), mode="lines", legendgroup="phys",
                    line=dict(color=COLORS["host"], width=lw, dash="dot"),
                    hovertemplate="%{y:.0f}<extra></extra>", row=1, col=1)
    fig.add_scatter(meta=HOSTS_NOW, name=t("cons.now"), mode="markers", showlegend=False,
                    marker=dict(color=COLORS["vm"], size=ms, symbol=SYMBOLS["vm"]), row=1, col=1)
    fig.add_scatter(meta=COST_PHYS, name=t("cons.before"), mode="lines", legendgroup="phys", showlegend=False,
                    line=dict(color=COLORS["host"], width=lw, dash="dot"),
                    hovertemplate="%{y:,.0f}<extra></extra>", row=1, col=2)
    fig.add_scatter(meta=COST_VIRT, name=t("cons.after"), mode="lines", legendgroup="vm", showlegend=False,
                    line=vm_line, hovertemplate="%{x:.0f} % → %{y:,.0f}<extra></extra>", row=1, col=2)
    fig.add_scatter(meta=LOSS, name=t("cons.loss"), mode="lines", fill="toself", fillcolor=OVERCOMMIT_FILL,
                    line=dict(width=0), hoverinfo="name", row=1, col=2)
    fig.add_scatter(meta=COST_NOW, name=t("cons.now"), mode="markers", showlegend=False,
                    marker=dict(color=COLORS["vm"], size=ms, symbol=SYMBOLS["vm"]), row=1, col=2)
    apply_traces(fig, consolidation_restyle(c, 0.15))
    fig.update_xaxes(title_text=t("cons.axis_u"), range=[0, 101])
    fig.update_yaxes(title_text=t("cons.axis_hosts"), rangemode="tozero", row=1, col=1)
    # the right panel's axis on its outer side: its title never lands on the left panel
    fig.update_yaxes(title_text=t("cons.axis_cost"), rangemode="tozero", tickformat=",", side="right", row=1, col=2)
    fig.update_layout(**base_layout(uirevision="consolidation"))
    fit_layout(fig, PLOT_HEIGHT)
    return apply_traces(fig, consolidation_restyle(c, utilisation))
