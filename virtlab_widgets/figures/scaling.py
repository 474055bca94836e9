"""Figure: Scale Up (one bigger server) vs Scale Out (more servers) as demand grows.

Left: usable capacity (cores) against the demand line; right: yearly cost (illustrative).
Scale Up ends at the largest server on offer (shaded beyond it).
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.scaling import ScalingCurves
from ..style import COLORS, OVERCOMMIT_FILL, base_layout, em, line_width, marker_size
from ..text import t
from .common import TraceUpdate, apply_traces, fit_layout, narrow_width

UP_CAP, OUT_CAP, DEMAND, CAP_NOW = "up_capacity", "out_capacity", "demand", "capacity_now"  # trace ids
UP_COST, OUT_COST, COST_NOW, LIMIT = "up_cost", "out_cost", "cost_now", "up_limit"
UP, OUT = COLORS["accent"], COLORS["process"]


def scaling_restyle(c: ScalingCurves, demand: float) -> TraceUpdate:
    """Curves ``c`` with the current demand marked."""
    d, i = c.demand, c.index(demand)
    end = float(d[-1])
    no_up = np.nonzero(np.isnan(c.up_cores))[0]
    start = float(d[no_up[0]]) if no_up.size else None
    top = float(np.nanmax(c.out_cost)) * 1.1
    limit = ([start, end, end, start], [0, 0, top, top]) if start is not None else ([], [])

    def now(v: float) -> float | None:
        return None if np.isnan(v) else float(v)

    return {UP_CAP: {"x": d, "y": c.up_capacity}, OUT_CAP: {"x": d, "y": c.out_capacity},
            DEMAND: {"x": [0, end], "y": [0, end]},
            CAP_NOW: {"x": [demand, demand], "y": [now(c.up_capacity[i]), float(c.out_capacity[i])]},
            UP_COST: {"x": d, "y": c.up_cost}, OUT_COST: {"x": d, "y": c.out_cost},
            COST_NOW: {"x": [demand, demand], "y": [now(c.up_cost[i]), float(c.out_cost[i])]},
            LIMIT: {"x": limit[0], "y": limit[1]}}


def scaling_figure(c: ScalingCurves, demand: float) -> go.Figure:
    """Build the two-panel Scale Up / Scale Out figure."""
    # the cost axis on the right: each panel's y labels in its own outer margin, none between them
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("scale.capacity"), t("scale.cost")],
                        horizontal_spacing=em(3.5) / narrow_width())
    lw, ms = line_width(), marker_size()
    for trace, name, color, dash in ((UP_CAP, t("scale.up"), UP, "solid"), (OUT_CAP, t("scale.out"), OUT, "dash")):
        fig.add_scatter(meta=trace, name=name, legendgroup=name, mode="lines",
                        line=dict(color=color, width=lw, dash=dash, shape="hv"),
                        hovertemplate="%{x:.0f} → %{y:.0f}<extra>" + name + "</extra>", row=1, col=1)
    fig.add_scatter(meta=DEMAND, name=t("scale.demand"), mode="lines",
                    line=dict(color=COLORS["host"], width=1.5, dash="dot"), hoverinfo="skip", row=1, col=1)
    fig.add_scatter(meta=CAP_NOW, name=t("scale.now"), mode="markers", showlegend=False,
                    marker=dict(color=[UP, OUT], size=ms, symbol=["square", "circle"]), row=1, col=1)
    for trace, name, color, dash in ((UP_COST, t("scale.up"), UP, "solid"), (OUT_COST, t("scale.out"), OUT, "dash")):
        fig.add_scatter(meta=trace, name=name, legendgroup=name, showlegend=False, mode="lines",
                        line=dict(color=color, width=lw, dash=dash, shape="hv"),
                        hovertemplate="%{x:.0f} → %{y:,.0f}<extra>" + name + "</extra>", row=1, col=2)
    fig.add_scatter(meta=COST_NOW, name=t("scale.now"), mode="markers", showlegend=False,
                    marker=dict(color=[UP, OUT], size=ms, symbol=["square", "circle"]), row=1, col=2)
    fig.add_scatter(meta=LIMIT, name=t("scale.limit"), mode="lines", fill="toself", fillcolor=OVERCOMMIT_FILL,
                    line=dict(width=0), hoverinfo="name", row=1, col=2)
    apply_traces(fig, scaling_restyle(c, demand))
    fig.update_xaxes(title_text=t("scale.axis_demand"))
    fig.update_yaxes(title_text=t("scale.axis_capacity"), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=t("scale.axis_cost"), rangemode="tozero", tickformat=",", side="right",
                     row=1, col=2)
    fig.update_layout(**base_layout(uirevision="scaling"))
    return fit_layout(fig, 260)
