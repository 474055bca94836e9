"""Run-time overhead: Felter et al. (ISPASS 2015), container and VM relative to native."""
from __future__ import annotations

import plotly.graph_objects as go

from .. import model
from ..style import COLORS, base_layout
from ..text import t


def overhead_figure() -> go.Figure:
    """Grouped bars: each benchmark's container and KVM result as % of native (100 % = no loss)."""
    table = model.runtime_overhead()
    names = [t(f"oh.{key}") for key in table]
    fig = go.Figure()
    for kind in ("container", "vm"):
        values = [row[f"{kind}_relative"] * 100 for row in table.values()]
        raw = [f"{row[kind]:,} {row['unit']} (native {row['native']:,})" for row in table.values()]
        fig.add_bar(name=t(kind), x=names, y=values, customdata=raw, marker_color=COLORS[kind],
                    text=[f"{v:.0f} %" for v in values], textposition="outside",
                    hovertemplate="%{x}: %{y:.0f} %<br>%{customdata}<extra>" + t(kind) + "</extra>")
    fig.add_hline(y=100, line=dict(color=COLORS["host"], dash="dot"), annotation_text=t("oh.native"))
    fig.update_layout(**base_layout(height=460, title=t("oh.title"), barmode="group"))
    fig.update_yaxes(title_text=t("oh.axis"), range=[0, 125])
    return fig
