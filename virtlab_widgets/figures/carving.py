"""Figure: one host's CPU, memory and disk divided between the hypervisor and its VMs.

Horizontal stacked bars in % of the host's capacity, one bar per resource; every VM is
its own segment, so overcommit shows as bars running past the 100 % line. The trace
layout is fixed (``MAX_VMS`` VM traces, :func:`vm_trace`), so :func:`carving_restyle` updates it in place.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..models.carving import RESOURCES, Carving
from ..style import COLORS, OVERCOMMIT_FILL, base_layout, em, font_size
from ..text import t
from .common import TraceUpdate, apply_traces, fit_layout, narrow_width, text_width

MAX_VMS = 32
HYPERVISOR, FREE, RATIO = "hypervisor", "free", "ratio"  # trace ids (and the VMs', vm_trace)


def vm_trace(i: int) -> str:
    """The id of the bar segment of VM slot ``i`` (0 .. MAX_VMS - 1)."""
    return f"vm{i}"


def _amount(resource: str, v: float) -> str:
    text = f"{v:.3g}" if resource == "cpu" else (f"{v:,.0f}" if v >= 100 or v == int(v) else f"{v:,.1f}")
    return t(f"carve.unit.{resource}", v=text)


def ratio_label(c: Carving, i: int) -> str:
    """The text next to a bar, e.g. ``1.60× ⚠ 과할당: 시분할``."""
    resource, r = RESOURCES[i], c.ratio[i]
    text = "∞" if not np.isfinite(r) else f"{r:.2f}"
    return t(f"carve.over.{resource}", r=text) if r > 1 + 1e-12 else t("carve.ok", r=text)


def bar_label(c: Carving, i: int) -> str:
    """The label drawn right of bar ``i``: :func:`ratio_label` wrapped after its colon."""
    return ratio_label(c, i).replace(": ", "<br>", 1)


def categories(c: Carving) -> list[str]:
    """Bar names with the host's capacity, e.g. ``CPU (16 코어)``."""
    return [t(f"carve.{r}", v=_amount(r, c.capacity[i])) for i, r in enumerate(RESOURCES)]


def _label_x(c: Carving) -> np.ndarray:
    """Where each bar's label starts (% of capacity): just right of the bar or the 100 % line."""
    used = np.minimum((c.reserved + c.promised) / c.capacity * 100, 1e6)
    return np.maximum(np.where(np.isfinite(used), used, 100), 100) + 2


def x_end(c: Carving) -> float:
    """Right end of the x axis (%): at least 150, and far enough right that every bar's label
    fits beside it when the figure is at its narrowest (:func:`narrow_width`)."""
    plot_px = narrow_width() - max(text_width(name) for name in categories(c)) - em(3)
    end = 150.0
    for i, x in enumerate(_label_x(c)):
        share = min((text_width(bar_label(c, i), font_size() + 1) + em(0.8)) / plot_px, 0.6)
        end = max(end, float(x) / (1 - share))
    return end


def carving_restyle(c: Carving) -> TraceUpdate:
    """Every bar segment and label for ``c``."""
    cats = categories(c)

    def bar(v: np.ndarray) -> dict:
        return {"x": list(np.asarray(v) / c.capacity * 100), "y": cats,
                "customdata": [_amount(r, float(x)) for r, x in zip(RESOURCES, v)]}

    # the reserve, one segment per VM slot (empty past c.vms), the free rest, the labels
    return {HYPERVISOR: bar(c.reserved),
            **{vm_trace(i): bar(c.per_vm if i < c.vms else np.zeros(3)) for i in range(MAX_VMS)},
            FREE: bar(c.free),
            RATIO: {"x": list(_label_x(c)), "y": cats, "customdata": [ratio_label(c, i) for i in range(3)],
                    "text": [bar_label(c, i) for i in range(3)]}}


def carving_figure(c: Carving) -> go.Figure:
    """Build the carving figure for ``c``."""
    fig = go.Figure()
    bar = dict(orientation="h", hovertemplate="%{customdata}<extra>%{fullData.name}</extra>")
    fig.add_bar(meta=HYPERVISOR, name=t("carve.hypervisor"), marker=dict(color=COLORS["muted"]), **bar)
    for i in range(MAX_VMS):
        fig.add_bar(meta=vm_trace(i), name=t("carve.vm") if i == 0 else t("carve.vm_i", i=i + 1), legendgroup="vm",
                    showlegend=i == 0, marker=dict(color=COLORS["vm"], line=dict(color="white", width=1.5)),
                    **bar)
    fig.add_bar(meta=FREE, name=t("carve.free"), marker=dict(color="rgba(0,0,0,0.06)",
                                                  line=dict(color=COLORS["muted"], width=1)), **bar)
    fig.add_scatter(meta=RATIO, name="", mode="text", showlegend=False, textposition="middle right", cliponaxis=False,
                    textfont=dict(size=font_size() + 1), hoverinfo="skip")
    fig.add_vline(x=100, line=dict(color=COLORS["host"], width=2.5))
    fig.add_annotation(x=100, xref="x", y=1, yref="paper", yanchor="bottom", xanchor="center", showarrow=False,
                       text=t("carve.capacity"), yshift=em(0.15))
    fig.add_vrect(x0=100, x1=1e6, fillcolor=OVERCOMMIT_FILL, line_width=0, layer="below")
    apply_traces(fig, carving_restyle(c))
    fig.update_layout(**base_layout(barmode="stack", bargap=0.3, uirevision="carving", title=t("carve.title")))
    fig.update_xaxes(title_text=t("carve.axis_x"), range=[0, x_end(c)])
    fig.update_yaxes(autorange="reversed")
    return fit_layout(fig, 230, top_lines=1)
