"""Layered stack diagrams: Type 1 / Type 2 hypervisors, a container host, containers in a VM.

Stable public API (notebooks 3 and 5 use it)::

    stack_figure(arch, you_are_here=None) -> go.Figure
        arch ∈ ARCHS = ("type1", "type2", "container", "container_in_vm")
        you_are_here: None or a layer id of that arch (see layers(arch)), one of
        LAYERS = ("hardware", "hypervisor", "host_os", "guest_os", "app",
                  "container_engine", "container");
        the layer's boxes get a thick outline and a "현재 위치 (you are here)" marker.
        Raises ValueError for an unknown arch/layer or a layer that arch does not have.
    layers(arch) -> tuple of the layer ids present in that arch, bottom to top.
    stack_restyle(arch, you_are_here=None) / stack_relayout(arch): the in-place updates
        an app sends to a FigureWidget built by stack_figure (the same traces for every arch:
        MAX_BOXES boxes, box_trace(i), and the LABELS, OUTLINES, OUTLINE_LABELS, HERE traces).
"""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from ..style import COLORS, base_layout, em, font_size
from ..text import t
from ..validate import check_choice
from .common import LINE_HEIGHT, TraceUpdate, apply_traces, fit_layout, narrow_width, text_width, wrap_label

ARCHS = ("type1", "type2", "container", "container_in_vm")
LAYERS = ("hardware", "hypervisor", "host_os", "guest_os", "app", "container_engine", "container")
MAX_BOXES = 12
LABELS, OUTLINES, OUTLINE_LABELS, HERE = "labels", "outlines", "outline_labels", "here"  # trace ids
WIDTH, HEIGHT, GAP = 12.0, 1.0, 0.12
LEVEL_EM = 3.4
"""Height of one layer in font sizes: room for a two-line label whatever the font."""
SPAN = 7.0
"""Layers' worth of plot height, the same for every architecture (the tallest fits)."""

FILL = {
    "hardware": "rgba(127,127,127,0.45)",
    "hypervisor": "rgba(0,114,178,0.55)",      # VM blue
    "host_os": "rgba(0,0,0,0.18)",
    "guest_os": "rgba(86,180,233,0.45)",       # sky blue
    "app": "rgba(0,158,115,0.35)",             # bluish green
    "container_engine": "rgba(230,159,0,0.35)",
    "container": "rgba(230,159,0,0.75)",       # container orange
}


@dataclass(frozen=True)
class Box:
    """One rectangle of the diagram: a layer, its horizontal extent, its level and its label."""

    layer: str
    x0: float
    x1: float
    level: int
    label: str


def box_trace(i: int) -> str:
    """The id of box slot ``i`` (0 .. MAX_BOXES - 1; an arch uses the first ones)."""
    return f"box{i}"


def _columns(n: int, x0: float = 0.0, x1: float = WIDTH, gap: float = 0.15) -> list[tuple[float, float]]:
    w = (x1 - x0 - gap * (n - 1)) / n
    return [(x0 + i * (w + gap), x0 + i * (w + gap) + w) for i in range(n)]


def boxes(arch: str) -> tuple[list[Box], list[tuple[float, float, int, int, str]]]:
    """Boxes and outlines (x0, x1, from level, to level, label) of one architecture (unchecked arch)."""
    full = (0.0, WIDTH)
    apps = "ABC"
    if arch == "type1":
        cols = _columns(3)
        boxes = [Box("hardware", *full, 0, t("stack.hardware")), Box("hypervisor", *full, 1, t("stack.hypervisor1"))]
        boxes += [Box("guest_os", a, b, 2, t("stack.guest_os", os=os))
                  for (a, b), os in zip(cols, ("Linux", "Windows", "Linux"))]
        boxes += [Box("app", a, b, 3, t("stack.app", name=apps[i])) for i, (a, b) in enumerate(cols)]
        return boxes, [(a, b, 2, 3, t("stack.vm", i=i + 1)) for i, (a, b) in enumerate(cols)]
    if arch == "type2":
        cols = _columns(2, 0.0, 8.3)
        boxes = [Box("hardware", *full, 0, t("stack.hardware")), Box("host_os", *full, 1, t("stack.host_os")),
                 Box("hypervisor", 0.0, 8.3, 2, t("stack.hypervisor2")),
                 Box("app", 8.45, WIDTH, 2, t("stack.host_app"))]
        boxes += [Box("guest_os", a, b, 3, t("stack.guest_os", os=os))
                  for (a, b), os in zip(cols, ("Ubuntu", "Windows"))]
        boxes += [Box("app", a, b, 4, t("stack.app", name=apps[i])) for i, (a, b) in enumerate(cols)]
        return boxes, [(a, b, 3, 4, t("stack.vm", i=i + 1)) for i, (a, b) in enumerate(cols)]
    base = 0 if arch == "container" else 2
    boxes = [Box("hardware", *full, 0, t("stack.hardware"))]
    outlines = []
    if arch == "container":
        boxes.append(Box("host_os", *full, 1, t("stack.host_os_shared")))
        top = 1
    else:
        boxes += [Box("hypervisor", *full, 1, t("stack.hypervisor")),
                  Box("guest_os", *full, 2, t("stack.guest_os_vm"))]
        top = 2
    cols = _columns(3)
    boxes.append(Box("container_engine", *full, top + 1, t("stack.engine")))
    boxes += [Box("container", a, b, top + 2, t("stack.container_libs")) for a, b in cols]
    boxes += [Box("app", a, b, top + 3, t("stack.app", name=apps[i])) for i, (a, b) in enumerate(cols)]
    outlines += [(a, b, top + 2, top + 3, t("stack.container", i=i + 1)) for i, (a, b) in enumerate(cols)]
    if base:
        outlines.append((0.0, WIDTH, 2, top + 3, t("stack.vm", i=1)))
    return boxes, outlines


def layers(arch: str) -> tuple[str, ...]:
    """The layer ids drawn for ``arch``, bottom to top (each once)."""
    items, _ = boxes(check_choice(arch, "architecture", ARCHS))
    seen: list[str] = []
    for b in sorted(items, key=lambda b: b.level):
        if b.layer not in seen:
            seen.append(b.layer)
    return tuple(seen)


def check_layer(arch: str, you_are_here: str | None) -> str | None:
    """``you_are_here`` if that layer is part of ``arch`` (None passes); else a clear ValueError."""
    if you_are_here is None:
        return None
    check_choice(you_are_here, "layer", LAYERS)
    present = layers(arch)
    if you_are_here not in present:
        raise ValueError(f"layer {you_are_here!r} is not part of the {arch!r} stack; it has: {', '.join(present)}")
    return you_are_here


def levels(arch: str) -> int:
    """Number of stacked levels of ``arch``."""
    return 1 + max(b.level for b in boxes(check_choice(arch, "architecture", ARCHS))[0])


def _rect(x0: float, x1: float, y0: float, y1: float) -> tuple[list, list]:
    return [x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0]


X_START = -0.4


def here_label() -> str:
    """The "you are here" marker's text, on two lines."""
    return t("stack.here").replace(" (", "<br>(", 1)


def x_end() -> float:
    """Right end of the x axis: room right of the boxes for the "you are here" label at the
    figure's narrowest width (the boxes span 0..``WIDTH``)."""
    share = (text_width(here_label(), font_size() + 2) + em(1.2)) / (narrow_width() - em(2.5))
    return (WIDTH + 0.25 - X_START * share) / (1 - share)


def _units_to_px() -> float:
    """Pixels per x unit at the narrowest width."""
    return (narrow_width() - em(2.5)) / (x_end() - X_START)


def _label_units() -> float:
    """Height of one line of text in y units (one layer = ``HEIGHT``)."""
    return LINE_HEIGHT * font_size() / em(LEVEL_EM)


def stack_restyle(arch: str, you_are_here: str | None = None) -> TraceUpdate:
    """Every trace of the diagram for ``arch``: a FigureWidget switches architecture in place."""
    check_choice(arch, "architecture", ARCHS)
    here = check_layer(arch, you_are_here)
    items, outlines = boxes(arch)
    update: TraceUpdate = {}
    for i in range(MAX_BOXES):
        if i < len(items):
            b = items[i]
            x, y = _rect(b.x0 + 0.05, b.x1 - 0.05, b.level * HEIGHT + GAP / 2, (b.level + 1) * HEIGHT - GAP / 2)
            mine = b.layer == here
            update[box_trace(i)] = {"x": x, "y": y, "fillcolor": FILL[b.layer], "name": t(f"stack.desc.{b.layer}"),
                                    "line.width": 5 if mine else 1,
                                    "line.color": COLORS["warn"] if mine else "white"}
        else:
            update[box_trace(i)] = {"x": [], "y": [], "fillcolor": "rgba(0,0,0,0)", "name": "", "line.width": 0,
                                    "line.color": "white"}
    label_x = [(b.x0 + b.x1) / 2 for b in items]
    label_y = [(b.level + 0.5) * HEIGHT for b in items]
    px = _units_to_px()
    label_t = [wrap_label(b.label, (b.x1 - b.x0) * px - em(1), font_size() + 1) for b in items]
    ox, oy, lx, ly, lt = [], [], [], [], []
    inner_top = 0.02
    for x0, x1, l0, l1, text in outlines:
        # an outer outline clears the labels of the outlines inside it
        pad, top = (0.1, inner_top + _label_units() + 0.1) if l1 - l0 > 1 else (0.0, inner_top)
        x, y = _rect(x0 - 0.02 - pad, x1 + 0.02 + pad, l0 * HEIGHT - 0.02 - pad, (l1 + 1) * HEIGHT + top)
        ox += x + [None]
        oy += y + [None]
        lx.append(x0 + 0.1 - pad)
        ly.append((l1 + 1) * HEIGHT + top)
        lt.append(text)
    if here is None:
        hx, hy, ht = [], [], []
    else:
        level = min(b.level for b in items if b.layer == here)
        hx, hy, ht = [WIDTH + 0.25], [(level + 0.5) * HEIGHT], [here_label()]
    return {**update, LABELS: {"x": label_x, "y": label_y, "text": label_t},
            OUTLINES: {"x": ox, "y": oy, "line.width": 2, "line.color": COLORS["host"]},
            OUTLINE_LABELS: {"x": lx, "y": ly, "text": lt}, HERE: {"x": hx, "y": hy, "text": ht}}


def stack_relayout(arch: str) -> dict:
    """``plotly_relayout`` arguments: the title and the vertical range of the diagram for ``arch``
    (the figure keeps one height; a shorter stack gets taller layers)."""
    top = levels(arch) * HEIGHT + 2 * _label_units() + 0.25
    return {"title.text": t(f"stack.arch.{arch}"), "yaxis.range": [-0.15, max(top, 4.6)]}


def stack_figure(arch: str, you_are_here: str | None = None) -> go.Figure:
    """The layered diagram of ``arch``, optionally marking ``you_are_here`` (see the module docstring)."""
    update = stack_restyle(arch, you_are_here)
    fig = go.Figure()
    for i in range(MAX_BOXES):
        fig.add_scatter(meta=box_trace(i), mode="lines", fill="toself", hoveron="fills", hoverinfo="name",
                        showlegend=False)
    fig.add_scatter(meta=LABELS, mode="text", textfont=dict(size=font_size() + 1, color="black"), hoverinfo="skip",
                    showlegend=False)
    fig.add_scatter(meta=OUTLINES, mode="lines", line=dict(dash="dash"), hoverinfo="skip", showlegend=False)
    fig.add_scatter(meta=OUTLINE_LABELS, mode="text", textposition="top right", hoverinfo="skip", showlegend=False,
                    textfont=dict(size=font_size(), color=COLORS["host"]))
    fig.add_scatter(meta=HERE, mode="text", textposition="middle right", hoverinfo="skip", showlegend=False,
                    cliponaxis=False, textfont=dict(size=font_size() + 2, color=COLORS["warn"]))
    apply_traces(fig, update)
    fig.update_layout(**base_layout(uirevision="stack"))
    fig.update_xaxes(visible=False, range=[X_START, x_end()], fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True)
    fig.update_layout(stack_relayout(arch))
    fit_layout(fig, SPAN * em(LEVEL_EM), x_title=False, x_ticks=False, grow=False)
    return fig.update_layout(margin=dict(l=em(0.8), r=em(0.8)))
