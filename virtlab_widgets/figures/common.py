"""Helpers shared by the figure builders."""
from __future__ import annotations

import plotly.graph_objects as go


def apply_restyle(fig: go.Figure, update: "tuple[dict, list[int]]") -> go.Figure:
    """Apply a ``plotly_restyle``-style ``(values, trace_indices)`` update to a plain Figure.

    Figure builders draw empty traces, then fill them with the same update the apps
    send later, so a figure and its in-place updates can never disagree.
    """
    values, indices = update
    for j, i in enumerate(indices):
        fig.data[i].update({key: per_trace[j] for key, per_trace in values.items()})
    return fig
