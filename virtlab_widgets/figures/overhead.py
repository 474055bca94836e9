"""Run-time overhead: Felter et al. (IBM Research Report RC25482 and its raw data), container
and VM relative to native.

A value the report does not measure but the data file derives (the Docker-NAT round trip,
2 x native) is drawn hatched, labelled "≈", and its hover says how it was derived. The
"native = 100 %" reference is a legend entry, so it never sits on a bar's label.
"""
from __future__ import annotations

import plotly.graph_objects as go

from ..models import model
from ..models import presets as P
from ..style import COLORS, base_layout, em
from ..text import t
from .common import fit_layout, wrap_label

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


BAR_PX = 13  # px per bar at the normal font (two bars, container and KVM, per benchmark)


def overhead_figure() -> go.Figure:
    """Horizontal grouped bars: each benchmark's container and KVM result as % of native (100 % =
    no loss). Benchmarks are rows with their names on the left, so long names wrap instead of
    being rotated into the legend."""
    table = model.runtime_overhead()
    names = [wrap_label(t(f"oh.{key}"), em(11)) for key in table]
    fig = go.Figure()
    for kind in reversed(KINDS):  # plotly draws the first horizontal trace at the bottom of a group
        cells = [_cell(key, row, kind) for key, row in table.items()]
        fig.add_bar(meta=kind, name=t(kind), y=names, x=[row[f"{kind}_relative"] * 100 for row in table.values()],
                    orientation="h", text=[c[0] for c in cells], customdata=[c[1] for c in cells],
                    textposition="outside", cliponaxis=False,
                    marker=dict(color=COLORS[kind], pattern=dict(shape=[c[2] for c in cells])),
                    hovertemplate="%{y}: %{text}<br>%{customdata}<extra>" + t(kind) + "</extra>")
    # the native reference: a dotted line behind the bars, named only in the legend (no text
    # inside the plot that could collide with the bars' "99 %" labels)
    line = dict(color=COLORS["host"], dash="dot")
    fig.add_vline(x=100, line=line, layer="below")
    fig.add_scatter(meta="native", name=t("oh.native"), x=[None], y=[None], mode="lines", line=line, hoverinfo="skip")
    fig.update_layout(**base_layout(title=t("oh.title"), barmode="group", bargap=0.25, legend_traceorder="reversed"))
    fig.update_xaxes(title_text=t("oh.axis"), range=[0, 125])
    fig.update_yaxes(autorange="reversed", automargin=True)  # the first benchmark on top
    return fit_layout(fig, BAR_PX * 2 * len(names) / 0.75)
