"""Run-time overhead: Felter et al. (IBM Research Report RC25482 and its raw data), container
and VM relative to native.

A value the report does not measure but the data file derives (the Docker-NAT round trip,
2 x native) is drawn hatched, labelled "≈", and its hover says how it was derived. The
"native = 100 %" reference is a legend entry, so it never sits on a bar's label.
"""
from __future__ import annotations

import plotly.graph_objects as go

from .. import model
from .. import presets as P
from ..style import COLORS, base_layout
from ..text import t

KINDS = ("container", "vm")
DERIVED_PATTERN = "/"


def _cell(key: str, row: dict, kind: str) -> tuple[str, str, str]:
    """(bar label, hover detail, pattern) of one benchmark's bar for ``kind``."""
    pct = row[f"{kind}_relative"] * 100
    raw = f"{row[kind]:,} {row['unit']} (native {row['native']:,})"
    if P.derived("runtime_overhead", key, kind) is None:
        return f"{pct:.0f} %", raw, ""
    note = t(f"oh.derived.{key}.{kind}", native=f"{row['native']:g}")
    return f"≈{pct:.0f} %", f"{raw}<br>{note}", DERIVED_PATTERN


def overhead_figure() -> go.Figure:
    """Grouped bars: each benchmark's container and KVM result as % of native (100 % = no loss)."""
    table = model.runtime_overhead()
    names = [t(f"oh.{key}") for key in table]
    fig = go.Figure()
    for kind in KINDS:
        cells = [_cell(key, row, kind) for key, row in table.items()]
        fig.add_bar(name=t(kind), x=names, y=[row[f"{kind}_relative"] * 100 for row in table.values()],
                    text=[c[0] for c in cells], customdata=[c[1] for c in cells], textposition="outside",
                    marker=dict(color=COLORS[kind], pattern=dict(shape=[c[2] for c in cells])),
                    hovertemplate="%{x}: %{text}<br>%{customdata}<extra>" + t(kind) + "</extra>")
    # the native reference: a dotted line behind the bars, named only in the legend (no text
    # inside the plot that could collide with the bars' "99 %" labels)
    line = dict(color=COLORS["host"], dash="dot")
    fig.add_hline(y=100, line=line, layer="below")
    fig.add_scatter(name=t("oh.native"), x=[None], y=[None], mode="lines", line=line, hoverinfo="skip")
    fig.update_layout(**base_layout(height=480, title=t("oh.title"), barmode="group"))
    # legend above the plot: below it, the rotated benchmark names would run into it
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
                      margin=dict(t=95))
    fig.update_yaxes(title_text=t("oh.axis"), range=[0, 125])
    return fig
