"""Figure: recovery time after a host failure, and the yearly downtime it adds up to.

Two panels of horizontal bars on one log time axis each, sharing the strategy names: one
recovery, and a year of failures. Each bar carries its time; the availability ("nines") of
each strategy stands in a column right of the second panel, clear of the bars; dotted lines
mark 99.9 %, 99.99 %, 99.999 %, labelled in an empty band below the bars.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models.availability import STRATEGIES, downtime_for_nines
from ..style import COLORS, base_layout, em, font_size
from ..text import language, seconds_long, t
from .common import TraceUpdate, apply_traces, fit_layout, text_width, wrap_label

COLOR = {"physical": COLORS["muted"], "vm": COLORS["vm"], "container": COLORS["container"]}
RECOVERY, DOWNTIME, AVAILABILITY = "recovery", "downtime", "availability"  # trace ids
REFERENCE_NINES = (3, 4, 5)
X_START, X_END = -0.3, 6.0  # log10 seconds: 0.5 s .. 11.6 days, further right when downtime is longer
WIDEST = dict(pct="99.999999 %", nines="10.0")  # the widest availability label (see apps/availability._pct)
PLOT_HEIGHT = 230


def availability_restyle(recovery: dict[str, float], downtime: dict[str, float],
                         labels: dict[str, str], parts: dict[str, str]) -> TraceUpdate:
    """Bar lengths and times, the hover breakdown, and the availability column (``labels``: per
    strategy, e.g. ``99.999869 %<br>(5.9 nines)``)."""
    names, hover = strategy_names(), [parts[s] for s in STRATEGIES]
    return {
        RECOVERY: {"x": [recovery[s] for s in STRATEGIES], "y": names,
                   "text": [seconds_long(recovery[s]) for s in STRATEGIES], "customdata": hover},
        DOWNTIME: {"x": [max(downtime[s], 1e-3) for s in STRATEGIES], "y": names,
                   "text": [seconds_long(downtime[s]) for s in STRATEGIES], "customdata": hover},
        AVAILABILITY: {"x": [10 ** x_end(recovery, downtime)] * len(STRATEGIES), "y": names,
                       "text": [labels[s] for s in STRATEGIES],
                       "customdata": [labels[s].replace("<br>", " ") for s in STRATEGIES]},
    }


def strategy_names() -> list[str]:
    """The bars' names, wrapped to two lines when long, so the panels keep their width."""
    return list(_strategy_names(language(), font_size()))


@lru_cache(maxsize=8)
def _strategy_names(_language: str, _font: int) -> tuple[str, ...]:
    """:func:`strategy_names`, measured once per language and font size (every state asks)."""
    return tuple(wrap_label(t(f"avail.{s}"), em(8)) for s in STRATEGIES)


def x_end(recovery: dict[str, float], downtime: dict[str, float]) -> float:
    """Right end of both time axes (log10 s): 6 (11.6 days), or past the longest bar."""
    longest = max([*recovery.values(), *downtime.values(), 1.0])
    return max(X_END, float(np.log10(longest)) + 0.15)


def _nines_band(plot_px: float) -> float:
    """Category units to leave empty below the bars for the rotated "N nines" labels."""
    label_px = max(text_width(t("avail.nines_line", k=k), font_size() - 2) for k in REFERENCE_NINES) + em(0.4)
    per_unit = plot_px / (len(STRATEGIES) + 0.2)
    return label_px / per_unit + 0.1


def availability_figure(recovery, downtime, labels, parts) -> go.Figure:
    """Build the two-panel availability figure."""
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.07,
                        subplot_titles=[t("avail.recovery"), t("avail.downtime")])
    colors = [COLOR[s] for s in STRATEGIES]
    for col, trace in ((1, RECOVERY), (2, DOWNTIME)):
        fig.add_bar(meta=trace, orientation="h", marker_color=colors, showlegend=False, textposition="auto",
                    insidetextanchor="end", textfont=dict(size=font_size() + 1), cliponaxis=False,
                    hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>", row=1, col=col)
    fig.add_scatter(meta=AVAILABILITY, mode="text", textposition="middle right", cliponaxis=False, showlegend=False,
                    textfont=dict(size=font_size()), hovertemplate="%{y}: %{customdata}<extra></extra>",
                    row=1, col=2)
    for k in REFERENCE_NINES:
        x = float(downtime_for_nines(k))
        fig.add_vline(x=x, line=dict(color=COLORS["host"], width=1.2, dash="dot"), layer="below", row=1, col=2)
        fig.add_annotation(x=np.log10(x), y=0.0, yref="y2 domain", xref="x2", yanchor="bottom", xanchor="left",
                           textangle=-90, xshift=2, yshift=em(0.2), text=t("avail.nines_line", k=k),
                           showarrow=False, font=dict(size=font_size() - 2, color=COLORS["muted"]))
    apply_traces(fig, availability_restyle(recovery, downtime, labels, parts))
    ticks = [1, 60, 3600, 86400]
    fig.update_xaxes(type="log", title_text=t("avail.axis_time"), range=[X_START, x_end(recovery, downtime)],
                     tickvals=ticks, ticktext=[t(f"avail.tick.{i}") for i in range(len(ticks))])
    fig.update_layout(**base_layout(uirevision="availability"))
    fit_layout(fig, PLOT_HEIGHT)
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    fig.update_yaxes(range=[len(STRATEGIES) - 0.5 + _nines_band(plot_px), -0.5])
    column = max(text_width(t("avail.label", **WIDEST)), text_width(t("avail.label", pct="100.00 %", nines="0.0")))
    fig.update_layout(margin_r=round(column + em(1.2)))
    return fig
