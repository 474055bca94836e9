"""Figure: multi-booting vs a VM — minutes lost per day (left) and the host's RAM (right).

:func:`multiboot_restyle` updates everything in place: the lost-time curves and today's
markers (multi-boot, VM) and the RAM bar segments (:data:`SEGMENTS`).
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..models import multiboot as mb
from ..style import COLORS, DASHES, OVERCOMMIT_FILL, SYMBOLS, base_layout, em, font_size, line_width, marker_size
from ..text import t
from .common import LINE_HEIGHT, TraceUpdate, apply_traces, fit_layout, narrow_width, wrap_label

SWITCHES = np.arange(mb.MAX_SWITCHES + 1)
SEGMENTS = ("running_os", "second_os", "free", "short")
"""The RAM bars' segments, also their trace ids."""
LOST = {"multiboot": "multiboot_lost", "vm": "vm_lost"}  # trace ids: the lost-time curves,
NOW = {"multiboot": "multiboot_now", "vm": "vm_now"}     # and today's markers on them
COLUMNS = (0.56, 0.44)
BAR = 0.5  # bar thickness (category units); each bar's name stands above it, not beside it
Y_RANGE = [1.45, -0.95]  # reversed: the multi-boot row on top, room above each bar for its name
PLOT_HEIGHT = 250


def _spacing() -> float:
    """Gap between the panels (paper fraction): the right panel has no tick labels on its left."""
    return em(3) / narrow_width()


def _panel_px() -> float:
    """Width (px) of the RAM panel at the figure's narrowest."""
    return (narrow_width() - em(6)) * (1 - _spacing()) * COLUMNS[1]


def _rows() -> list[str]:
    return [t("mb.row.multiboot"), t("mb.row.vm")]


def multiboot_restyle(day: mb.DayOfWork) -> TraceUpdate:
    """Every trace, from the model's result for ``day``."""
    multi = mb.multiboot_lost_s(SWITCHES, day.guest) / 60
    vm = mb.vm_lost_s(SWITCHES, day.guest) / 60
    k = day.switches

    def gib(mib: float) -> float:
        return max(mib, 0.0) / 1024

    short = max(-day.free_with_vm_mib, 0.0)
    segments = {  # [multi-boot row, VM row], GiB
        "running_os": [gib(day.host_os_mib), gib(day.host_os_mib)],
        "second_os": [0.0, gib(day.vm_mib)],
        "free": [gib(day.free_multiboot_mib), gib(day.free_with_vm_mib)],
        "short": [0.0, gib(short)],
    }
    return {
        LOST["multiboot"]: {"x": list(SWITCHES), "y": list(multi)},
        LOST["vm"]: {"x": list(SWITCHES), "y": list(vm)},
        NOW["multiboot"]: {"x": [k], "y": [day.multiboot_lost_s / 60]},
        NOW["vm"]: {"x": [k], "y": [day.vm_lost_s / 60]},
        **{s: {"x": segments[s], "y": _rows(), "customdata": [f"{v:.1f}" for v in segments[s]]} for s in SEGMENTS},
    }


def multiboot_relayout(day: mb.DayOfWork) -> dict:
    """Move the host-RAM line and resize the RAM axis (host preset changes): the axis ends far
    enough right of the line for its rotated label."""
    ram = day.host_ram_mib / 1024
    share = (LINE_HEIGHT * font_size() + em(0.8)) / _panel_px()
    top = max(ram / (1 - share), (day.host_os_mib + day.vm_mib) / 1024 * 1.04)
    return {"shapes[0].x0": ram, "shapes[0].x1": ram, "xaxis2.range": [0, top],
            "annotations[2].x": ram, "annotations[2].text": t("mb.ram_line", v=f"{ram:.0f}")}


def multiboot_figure(day: mb.DayOfWork) -> go.Figure:
    """Build the two-panel comparison for ``day``."""
    fig = make_subplots(rows=1, cols=2, column_widths=list(COLUMNS), horizontal_spacing=_spacing(),
                        subplot_titles=(t("mb.fig.time"), t("mb.fig.memory")))
    for key, color in (("multiboot", COLORS["warn"]), ("vm", COLORS["vm"])):
        fig.add_scatter(meta=LOST[key], name=t(f"mb.trace.{key}"), mode="lines", legendgroup=key,
                        line=dict(color=color, width=line_width(), dash=DASHES["vm"] if key == "vm" else "dash"),
                        hovertemplate="%{x}" + t("mb.hover.k") + ": %{y:.1f} " + t("mb.hover.min") + "<extra></extra>",
                        row=1, col=1)
    for key, color in (("multiboot", COLORS["warn"]), ("vm", COLORS["vm"])):
        fig.add_scatter(meta=NOW[key], name=t("mb.trace.now"), mode="markers", legendgroup=key, showlegend=False,
                        marker=dict(color=color, size=marker_size() + 4, symbol=SYMBOLS["now"],
                                    line=dict(color="white", width=1)),
                        hovertemplate=t("mb.trace.now") + ": %{y:.1f} " + t("mb.hover.min") + "<extra></extra>",
                        row=1, col=1)
    colors = {"running_os": "rgba(0,0,0,0.35)", "second_os": COLORS["vm"], "free": "rgba(0,0,0,0.06)",
              "short": OVERCOMMIT_FILL.replace("0.12", "0.8")}
    for s in SEGMENTS:
        fig.add_bar(meta=s, name=t(f"mb.seg.{s}"), orientation="h", width=BAR, marker=dict(color=colors[s],
                    line=dict(color=COLORS["muted"] if s == "free" else "white", width=1)),
                    hovertemplate="%{y}: %{customdata} GiB<extra>%{fullData.name}</extra>", row=1, col=2)
    fig.add_shape(type="line", xref="x2", yref="y2 domain", x0=0, x1=0, y0=0, y1=1,
                  line=dict(color=COLORS["host"], width=2.5))
    fig.add_annotation(xref="x2", yref="y2 domain", x=0, y=0.5, xanchor="left", xshift=em(0.2), textangle=-90,
                       showarrow=False, text="", font=dict(color=COLORS["host"]))
    for i, name in enumerate(_rows()):  # each bar's name above it, left-aligned
        fig.add_annotation(xref="x2 domain", yref="y2", x=0, y=i - BAR / 2 - 0.04, xanchor="left", yanchor="bottom",
                           showarrow=False, text=wrap_label(name, _panel_px() - em(1)))
    apply_traces(fig, multiboot_restyle(day))
    fig.update_layout(**base_layout(barmode="stack", uirevision="multiboot"))
    fig.update_xaxes(title_text=t("mb.axis.switches"), range=[0, mb.MAX_SWITCHES], row=1, col=1)
    fig.update_yaxes(title_text=t("mb.axis.minutes"), rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text=t("mb.axis.ram"), row=1, col=2)
    fig.update_yaxes(range=Y_RANGE, showticklabels=False, fixedrange=True, row=1, col=2)
    fig.update_layout(multiboot_relayout(day))
    return fit_layout(fig, PLOT_HEIGHT)
