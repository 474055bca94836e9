"""Start-up race: time until k instances of each kind are ready, started together."""
from __future__ import annotations

import plotly.graph_objects as go

from .. import model
from ..style import COLORS, base_layout
from ..text import seconds, t

KINDS = ("vm", "microvm", "container", "process")


def startup_times(count: int, host="laptop-16") -> dict[str, float]:
    """Seconds until ``count`` instances of each kind are all ready on ``host`` (the model's boot storm)."""
    return {
        "vm": float(model.vm_ready_all_s(count, "ubuntu-server", host)),
        "microvm": float(model.vm_ready_all_s(count, "microvm", host)),
        "container": float(model.container_ready_all_s(count, "web-small", "runc", host)),
        "process": float(model.process_ready_all_s(count, host)),
    }


def startup_figure(count: int, host="laptop-16") -> go.Figure:
    """One bar per kind (log scale), labelled with the time."""
    times = startup_times(count, host)
    fig = go.Figure(go.Bar(
        x=[t(f"start.{k}") for k in KINDS], y=list(times.values()),
        text=[seconds(v) for v in times.values()], textposition="outside",
        marker_color=[COLORS[k] for k in KINDS], hovertemplate="%{x}: %{text}<extra></extra>",
    ))
    fig.update_layout(**base_layout(height=420, title=t("start.title"), showlegend=False))
    fig.update_yaxes(title_text=t("axis.time"), type="log", range=[-3.5, 3.5])
    return fig
