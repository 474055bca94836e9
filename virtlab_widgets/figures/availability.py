"""Figure: recovery time after a host failure, and the yearly downtime it adds up to.

Two panels of horizontal bars (log time axis): one recovery, and a year of failures with
the availability ("nines") written on each bar; dotted lines mark 99.9 %, 99.99 %, 99.999 %.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..availability import STRATEGIES, downtime_for_nines
from ..style import COLORS, base_layout, font_size
from ..text import seconds_long, t
from .common import apply_restyle

COLOR = {"physical": COLORS["muted"], "vm": COLORS["vm"], "container": COLORS["container"]}
RECOVERY, DOWNTIME = 0, 1
REFERENCE_NINES = (3, 4, 5)


def availability_restyle(recovery: dict[str, float], downtime: dict[str, float],
                         labels: dict[str, str], parts: dict[str, str]) -> tuple[dict, list[int]]:
    """``plotly_restyle`` arguments: bar lengths, their labels and the breakdown in the hover."""
    names = [t(f"avail.{s}") for s in STRATEGIES]
    xs = [[recovery[s] for s in STRATEGIES], [max(downtime[s], 1e-3) for s in STRATEGIES]]
    text = [[seconds_long(recovery[s]) for s in STRATEGIES], [labels[s] for s in STRATEGIES]]
    custom = [[parts[s] for s in STRATEGIES]] * 2
    return {"x": xs, "y": [names, names], "text": text, "customdata": custom}, [RECOVERY, DOWNTIME]


def availability_figure(recovery, downtime, labels, parts) -> go.Figure:
    """Build the two-panel availability figure."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[t("avail.recovery"), t("avail.downtime")], vertical_spacing=0.2,
                        horizontal_spacing=0.22)
    colors = [COLOR[s] for s in STRATEGIES]
    for col in (1, 2):
        fig.add_bar(orientation="h", marker_color=colors, showlegend=False, textposition="auto",
                    textfont=dict(size=font_size() + 1), cliponaxis=False,
                    hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>", row=1, col=col)
    for k in REFERENCE_NINES:
        x = float(downtime_for_nines(k))
        fig.add_vline(x=x, line=dict(color=COLORS["host"], width=1.2, dash="dot"), row=1, col=2)
        fig.add_annotation(x=np.log10(x), y=0.0, yref="y2 domain", xref="x2", yanchor="bottom", xanchor="left",
                           textangle=-90, xshift=2, text=t("avail.nines_line", k=k), showarrow=False,
                           font=dict(size=font_size() - 2, color=COLORS["muted"]))
    apply_restyle(fig, availability_restyle(recovery, downtime, labels, parts))
    ticks = [1, 60, 3600, 86400, 7 * 86400]
    fig.update_xaxes(type="log", title_text=t("avail.axis_time"), range=[-0.5, 6], tickvals=ticks,
                     ticktext=[t(f"avail.tick.{i}") for i in range(len(ticks))])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(**base_layout(height=360, uirevision="availability"))
    fig.update_layout(margin=dict(t=80))
    return fig
