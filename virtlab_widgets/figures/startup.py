"""Start-up race: time until k copies of the same small web server all answer, started together.

Every bar ends at the same point (the app answering) and says what it includes: a VM
(guest boot + app), a Firecracker microVM (VMM process + InstanceStart → ``/sbin/init`` +
app), ``docker run`` with runc (CLI → dockerd → containerd → runc → command, + app) and a
plain process (fork/exec + app). Past the host's capacity (RAM or disk) a kind shows
"does not fit" instead of a time. :func:`startup_restyle` updates the figure in place.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go

from ..models import model
from ..models import presets as P
from ..style import COLORS, base_layout, em, font_size
from ..text import seconds, t
from .common import LINE_HEIGHT, TraceUpdate, apply_traces, narrow_width, text_lines, wrap_label

KINDS = ("vm", "microvm", "container", "process")
VM, MICROVM = "ubuntu-server", "microvm"
APP, RUNTIME = "web-small", "runc"
BARS, NO_FIT = "bars", "no_fit"  # trace ids
NO_FIT_Y = 1.0
"""Height (s, log axis) of the "does not fit" label in an empty slot; not a time."""


def startup_times(count: int, host="laptop-16") -> dict[str, float]:
    """Seconds until ``count`` copies of the app are all answering, per kind; NaN = does not fit."""
    return {
        "vm": float(model.app_ready_all_s("vm", count, host, vm=VM, container=APP)),
        "microvm": float(model.app_ready_all_s("vm", count, host, vm=MICROVM, container=APP)),
        "container": float(model.app_ready_all_s("container", count, host, container=APP, runtime=RUNTIME)),
        "process": float(model.app_ready_all_s("process", count, host, container=APP)),
    }


def startup_capacity(host="laptop-16") -> dict[str, int]:
    """How many of each kind fit the host's RAM and disk (the race's "does not fit" limit)."""
    return {"vm": model.vm_capacity(host, VM), "microvm": model.vm_capacity(host, MICROVM),
            "container": model.container_capacity(host, APP, RUNTIME),
            "process": model.process_capacity(host, APP)}


def includes() -> dict[str, str]:
    """Per kind, what its bar includes and leaves out (the hover text), with the cited values."""
    vm, micro = P.vm_profile(VM), P.vm_profile(MICROVM)
    app = seconds(P.container_profile(APP).app_start_s)
    return {
        "vm": t("start.inc.vm", boot=seconds(vm.boot_s), app=app),
        "microvm": t("start.inc.microvm", vmm=seconds(micro.vmm_start_s), boot=seconds(micro.boot_s), app=app),
        "container": t("start.inc.container", run=seconds(P.runtime(RUNTIME).start_s), app=app),
        "process": t("start.inc.process", fork=seconds(model.process_start_one_s()), app=app),
    }


def bar_label(kind: str) -> str:
    """The category label: the kind and, below it, the short list of what it includes, each
    wrapped to one bar's share of the narrowest plot (the figure less its side margins, see
    :func:`~virtlab_widgets.style.base_layout`), so that plotly never has to tilt them."""
    width = (narrow_width() - em(4.6 + 1.5)) / len(KINDS) - em(1.5)
    return "<br>".join(wrap_label(t(key), width) for key in (f"start.{kind}", f"start.scope.{kind}"))


def _fits(value: float) -> bool:
    return not math.isnan(value)


def startup_restyle(times: dict[str, float], capacity: dict[str, int]) -> TraceUpdate:
    """The bars (times) and the "does not fit" labels."""
    values = [times[k] for k in KINDS]
    no_fit = ["" if _fits(times[k]) else t("start.no_fit", cap=f"{capacity[k]:,}") for k in KINDS]
    return {BARS: {"y": [v if _fits(v) else None for v in values],
                   "text": [seconds(v) if _fits(v) else "" for v in values]},
            NO_FIT: {"y": [NO_FIT_Y] * len(KINDS), "text": no_fit}}


def startup_figure(count: int, host="laptop-16") -> go.Figure:
    """One bar per kind (log scale), labelled with the time, or "does not fit" past capacity."""
    labels = [bar_label(k) for k in KINDS]
    inc = includes()
    fig = go.Figure()
    fig.add_bar(meta=BARS, x=labels, customdata=[inc[k] for k in KINDS], textposition="outside",
                marker_color=[COLORS[k] for k in KINDS], cliponaxis=False,
                hovertemplate="%{text}<br>%{customdata}<extra></extra>")
    fig.add_scatter(meta=NO_FIT, x=labels, mode="text", textposition="middle center", showlegend=False,
                    textfont=dict(color=COLORS["host"]), hovertemplate="%{text}<extra></extra>")
    apply_traces(fig, startup_restyle(startup_times(count, host), startup_capacity(host)))
    layout = base_layout(height=440, title=t("start.title"), showlegend=False)
    # the bottom margin holds every line of the tallest label (the same plot height for any language)
    lines = max(len(text_lines(label)) for label in labels)
    bottom = em(1.5) + round(lines * LINE_HEIGHT * font_size())
    layout["height"] += bottom - layout["margin"]["b"]
    layout["margin"]["b"] = bottom
    fig.update_layout(**layout)
    fig.update_xaxes(tickangle=0)
    fig.update_yaxes(title_text=t("axis.time"), type="log", range=[-3.5, 3.5])
    return fig
