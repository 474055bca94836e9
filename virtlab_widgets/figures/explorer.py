"""The VM-vs-container explorer's figure: how many fit on one host, and what happens when they don't.

Two rows (one figure, or one figure per row for the live widget, which redraws the main row
first). The first row answers the lecture's question and, with the controls, fits one laptop
screen; the second row holds the secondary views::

    | VM count -> memory total | container count -> memory total | memory total -> performance |
    | VMs: all booted after    | containers: all started after   | disk (log axis, decades)    |

The three panels of the first row share their y axis (memory in GiB, linear, 0 to twice the
host's RAM), so the host-RAM line and the red "RAM 초과" band run across the whole row: a
marker that crosses the line turns red, and the performance star falls to the left. Count
axes run from 0 to about twice what fits on the chosen host (:func:`count_grid`). Past the
point where the mix no longer fits, the ready-time panels show "들어가지 않음" instead of a
time (``model.fits``).

:func:`explorer_curves` evaluates the model once per preset over every count the sliders can
reach; :func:`explorer_state` is everything that depends on the two counts (trace values by
trace id), :func:`explorer_figure` the figure for one state. The live widget and the
kernel-less page send exactly these states (``virtlab_widgets/export``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from ..models import model
from ..models import presets as P
from ..style import COLORS, SYMBOLS, base_layout, em, font_size, growth, line_width, marker_size
from ..text import disk, gib, label, language, percent, t
from ..validate import MAX_COUNT
from .common import TraceUpdate, apply_traces, narrow_width, text_width, trace_positions

KINDS = ("vm", "container")
"""The two kinds compared, each with its column of panels (VMs left, containers in the middle)."""


def column_trace(kind: str, part: str) -> str:
    """The id of a trace of ``kind``'s column: its memory curve (``mem``), the dotted line at the
    most that fit (``cut``), the memory marker (``now``), the ready-time curve (``ready``), the
    "does not fit" band (``nofit``), the ready-time marker (``ready_now``), its disk bar (``disk``)."""
    return f"{kind}:{part}"


VM_MEM, VM_CUT, VM_NOW = column_trace("vm", "mem"), column_trace("vm", "cut"), column_trace("vm", "now")
CT_MEM, CT_CUT, CT_NOW = (column_trace("container", "mem"), column_trace("container", "cut"),
                          column_trace("container", "now"))
VM_READY, VM_NOFIT, VM_READY_NOW = (column_trace("vm", "ready"), column_trace("vm", "nofit"),
                                    column_trace("vm", "ready_now"))
CT_READY, CT_NOFIT, CT_READY_NOW = (column_trace("container", "ready"), column_trace("container", "nofit"),
                                    column_trace("container", "ready_now"))
DISK_VM, DISK_CT = column_trace("vm", "disk"), column_trace("container", "disk")
PERF, PERF_NOW, DISK_HOST = "perf", "perf_now", "host_disk"

DENSE = 40
"""A count slider up to this many shows every whole number; longer ones a 1-1.5-2-3-4-5-6-8 grid."""
_MANTISSAS = (1, 1.5, 2, 3, 4, 5, 6, 8)
_TOP = 0.985  # markers above the memory axis are pinned just below its top
OVER_FILL = "rgba(213, 94, 0, 0.16)"  # past capacity (COLORS["warn"], a little stronger than the shared fill)


def _nice_ceil(x: float) -> int:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) >= x."""
    if x <= 10:
        return int(math.ceil(x))
    exp = 10 ** math.floor(math.log10(x))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= x - 1e-9:
            return int(round(m * exp))
    return int(10 * exp)  # pragma: no cover - the loop ends at 10 x exp >= x


def count_grid(capacity: int, current: int = 0, limit: int = MAX_COUNT) -> list[int]:
    """Slider positions for an instance count on one host: 0 to about twice ``capacity``
    (what fits alone), never beyond ``limit``, always including ``current``.

    Up to :data:`DENSE` every whole number; beyond it 0-10 and a 1-1.5-2-3-4-5-6-8 grid per
    decade plus ``capacity`` and ``capacity + 1`` (the last count that fits and the first that
    does not), so a keyboard walks the range in about 35 steps and can stop on either side of
    the crossing.
    """
    if current > limit:
        raise ValueError(f"count {current} is above the limit {limit}")
    top = max(min(_nice_ceil(max(2 * capacity, 4)), limit), current)
    if top <= DENSE:
        return list(range(top + 1))
    values = set(range(0, 11)) | {capacity, capacity + 1, current, top}
    decade = 1
    while decade <= top:
        values |= {int(round(m * decade)) for m in _MANTISSAS}
        decade *= 10
    return sorted(v for v in values if 0 <= v <= top)


def _polyline(x, y) -> tuple[np.ndarray, np.ndarray]:
    """The points of ``(x, y)`` where the line bends or breaks (NaN): drawn through them, it
    passes exactly through every original point, so a curve over 10 000 counts costs a few."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) <= 2:
        return x, y
    keep = np.zeros(len(x), dtype=bool)
    keep[0] = keep[-1] = True
    nan = np.isnan(y)
    edge = nan[1:] != nan[:-1]
    keep[1:] |= edge
    keep[:-1] |= edge
    with np.errstate(invalid="ignore"):
        slope = np.diff(y) / np.diff(x)
    finite = np.isfinite(slope[1:]) & np.isfinite(slope[:-1])
    bend = finite & ~np.isclose(slope[1:], slope[:-1], rtol=1e-9, atol=1e-12)
    keep[1:-1] |= bend
    return x[keep], y[keep]


@dataclass(frozen=True)
class Side:
    """One kind's curves over every count its slider reaches (memory in GiB, time in seconds)."""

    counts: np.ndarray
    mem_gib: np.ndarray     # the instances' own memory (without the host's reserve)
    disk_gib: np.ndarray
    ready_s: np.ndarray     # all started together (the figure hides what does not fit)
    capacity: int           # what fits alone (model.vm_capacity, model.container_capacity)

    @property
    def top(self) -> int:
        """The largest count: the end of its slider."""
        return int(self.counts[-1])


@dataclass
class ExplorerCurves:
    """The model evaluated once per preset for every count of VMs and containers on one host
    (``side["vm"]``, ``side["container"]``: each kind's curves, see :class:`Side`)."""

    host: str
    vm: str
    container: str
    runtime: str
    page_sharing: float
    reserve_gib: float
    ram_gib: float
    host_disk_gib: float
    side: dict[str, Side]
    _cache: dict = field(default_factory=dict, repr=False)  # fit masks and per-count parts, built once

    @property
    def mem_top_gib(self) -> float:
        """Top of the memory axis: twice the host's RAM."""
        return 2 * self.ram_gib

    def fit_parts(self, kind: str, other: int) -> tuple[np.ndarray, np.ndarray]:
        """For every count of ``kind`` beside ``other`` of the other kind: whether the memory
        fits, whether the disk fits (``model.fit_parts``, evaluated once per ``other``)."""
        key = ("fit", kind, other)
        if key not in self._cache:
            counts = self.side[kind].counts
            n, m = (counts, other) if kind == "vm" else (other, counts)
            parts = model.fit_parts(n, m, self.host, self.vm, self.container, self.runtime,
                                    page_sharing=self.page_sharing)
            self._cache[key] = tuple(np.broadcast_to(np.asarray(p, dtype=bool), counts.shape) for p in parts)
        return self._cache[key]

    def fit(self, kind: str, other: int) -> np.ndarray:
        """For every count of ``kind``, whether it fits beside ``other`` of the other kind (``model.fits``)."""
        memory_ok, disk_ok = self.fit_parts(kind, other)
        return memory_ok & disk_ok

    def cut(self, kind: str, other: int) -> int:
        """The most of ``kind`` that fit beside ``other`` of the other kind (-1: not even none fit)."""
        return int(np.count_nonzero(self.fit(kind, other))) - 1

    def now(self, n: int, m: int) -> dict:
        """Every number of one state, read from the curves (``model.fit_parts`` for the verdict,
        evaluated once per container count over every VM count)."""
        vm, ct = self.side["vm"], self.side["container"]
        total = self.reserve_gib + vm.mem_gib[n] + ct.mem_gib[m]
        memory_ok, disk_ok = (bool(ok[n]) for ok in self.fit_parts("vm", m))
        return dict(total_gib=float(total), ratio=float(total / self.ram_gib), fits=memory_ok and disk_ok,
                    memory_ok=memory_ok, disk_ok=disk_ok,
                    perf=float(model.relative_performance(total * 1024, self.host)),
                    vm_mem_gib=float(vm.mem_gib[n]), ct_mem_gib=float(ct.mem_gib[m]),
                    vm_disk_gib=float(vm.disk_gib[n]), ct_disk_gib=float(ct.disk_gib[m]),
                    vm_ready_s=float(vm.ready_s[n]), ct_ready_s=float(ct.ready_s[m]))


def explorer_curves(host="laptop-16", vm="ubuntu-server", container="web-small", runtime="runc",
                    page_sharing: float = 0.0, vm_top: int | None = None,
                    ct_top: int | None = None) -> ExplorerCurves:
    """Evaluate the model over every count up to ``vm_top`` VMs and ``ct_top`` containers
    (default: the top of :func:`count_grid` for this host, about twice what fits)."""
    h = P.host(host)
    vm_cap = model.vm_capacity(h, vm, page_sharing=page_sharing)
    ct_cap = model.container_capacity(h, container, runtime)
    vm_top = count_grid(vm_cap)[-1] if vm_top is None else int(vm_top)
    ct_top = count_grid(ct_cap)[-1] if ct_top is None else int(ct_top)
    k, j = np.arange(vm_top + 1), np.arange(ct_top + 1)
    vms = Side(counts=k, mem_gib=np.asarray(model.vm_memory_mib(k, vm, page_sharing=page_sharing), dtype=float) / 1024,
               disk_gib=np.asarray(model.vm_disk_gib(k, vm), dtype=float), ready_s=model.vm_ready_all_s(k, vm, h),
               capacity=vm_cap)
    containers = Side(counts=j, mem_gib=np.asarray(model.container_memory_mib(j, container, runtime), dtype=float)
                      / 1024, disk_gib=np.asarray(model.container_disk_gib(j, container), dtype=float),
                      ready_s=model.container_ready_all_s(j, container, runtime, h), capacity=ct_cap)
    return ExplorerCurves(
        host=h.name, vm=P.vm_profile(vm).name, container=P.container_profile(container).name,
        runtime=P.runtime(runtime).name, page_sharing=float(page_sharing),
        reserve_gib=h.os_reserve_mib / 1024, ram_gib=h.ram_mib / 1024, host_disk_gib=float(h.disk_gib),
        side={"vm": vms, "container": containers},
    )


# --- geometry ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Geometry:
    """Pixel layout of the figure: plot rows grow with :func:`~virtlab_widgets.style.growth`,
    the gaps that hold text with the font (:func:`~virtlab_widgets.style.em`), so presenter
    mode enlarges the figure with its text instead of squeezing it."""

    top: int      # the first row's panel titles
    row1: int     # the main row's plots
    gap: int      # row 1's tick labels and axis titles, row 2's panel titles
    row2: int
    bottom: int   # row 2's tick labels and the disk axis' title
    left: int
    right: int

    @property
    def height(self) -> int:
        return self.top + self.row1 + self.gap + self.row2 + self.bottom

    @property
    def main_height(self) -> int:
        """From the figure's top to the bottom of the first row's axis titles."""
        return self.top + self.row1 + em(4.0)

    def row_domains(self) -> tuple[list[float], list[float]]:
        plot = self.row1 + self.gap + self.row2
        r2 = [0.0, self.row2 / plot]
        r1 = [(self.row2 + self.gap) / plot, 1.0]
        return r1, r2


def geometry() -> Geometry:
    """The figure's pixel budget for the current font (see :class:`Geometry`)."""
    k = growth()
    return Geometry(top=em(2.1), row1=round(235 * k), gap=em(6.8), row2=round(118 * k), bottom=em(4.6),
                    left=em(4.6), right=em(1.2))


def columns() -> tuple[list[float], list[float], list[float]]:
    """x domains of the three columns: the gaps hold the tick labels that meet there (the last
    count of one column, the first tick of the next) at the narrowest width a figure is drawn."""
    g = geometry()
    plot = narrow_width() - g.left - g.right
    gap12, gap23, third = em(2.6) / plot, em(4.4) / plot, 0.26
    half = (1 - gap12 - gap23 - third) / 2
    return [0.0, half], [half + gap12, 2 * half + gap12], [1 - third, 1.0]


def _nticks(top: int, column: int) -> int:
    """At most this many count ticks fit their column at the narrowest width without turning."""
    g, dom = geometry(), columns()[column]
    px = (dom[1] - dom[0]) * (narrow_width() - g.left - g.right)
    return max(3, int(px / (1.8 * text_width(f"{top:,}") + em(1))) + 1)


# --- the figure -------------------------------------------------------------------------------
def _decades(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick values and labels at whole powers of ten only (every other one at projector sizes)."""
    lo, hi = math.ceil(math.log10(low) - 1e-9), math.floor(math.log10(high) + 1e-9)
    step = 2 if hi - lo >= (4 if font_size() >= 18 else 5) else 1  # at most 5 labels in a narrow panel
    vals = [10.0 ** e for e in range(lo, hi + 1, step)]
    return vals, [f"{v:,.0f}" if v >= 1 else f"{v:g}" for v in vals]


def _disk_range(c: ExplorerCurves) -> tuple[float, float]:
    return _cached(c, ("disk-range",), lambda: _disk_range_of(c))


def _disk_range_of(c: ExplorerCurves) -> tuple[float, float]:
    """From below one container's disk (a decade boundary) to past the host's disk."""
    disks = [c.side[kind].disk_gib for kind in ("container", "vm")]
    one = [float(a[1]) for a in disks if len(a) > 1 and a[1] > 0]
    low = 10.0 ** math.floor(math.log10(min(one + [1.0])) - 0.3)
    high = max(*(a[-1] for a in disks), c.host_disk_gib) * 1.6
    return low, high


def _ready_top(c: ExplorerCurves) -> float:
    """Top of the ready-time axis: the slowest start that still fits (either kind alone)."""
    return _cached(c, ("ready-top",), lambda: _ready_top_of(c))


def _ready_top_of(c: ExplorerCurves) -> float:
    alone = [c.side[kind].ready_s[c.fit(kind, 0)] for kind in KINDS]
    top = max([float(np.nanmax(a)) for a in alone if a.size] + [1.0])
    return top * 1.18


_RAM_LABEL, _OVER_LABEL = 3, 4  # annotation indices, after the first row's three panel titles
_ROW_AXES = {1: ("", "2", "3"), 2: ("4", "5", "6")}


def preset_traces(c: ExplorerCurves) -> TraceUpdate:
    """Trace values that change with the presets only: the performance curve, the host's disk."""
    return _cached(c, ("preset-traces",), lambda: _preset_traces_of(c))


def _preset_traces_of(c: ExplorerCurves) -> TraceUpdate:
    px, py = performance_curve(c)
    return {PERF: {"x": px, "y": py},
            DISK_HOST: {"x": [c.host_disk_gib, c.host_disk_gib], "y": [-0.5, 2.25],  # label hangs from the top,
                        "text": ["", t("exp.disk_host", d=disk(c.host_disk_gib))]}}  # above the bars' labels


def preset_layout(c: ExplorerCurves, rows: tuple[int, ...] = (1, 2)) -> dict[str, object]:
    """Layout values that change with the presets only (``plotly_relayout`` paths), for the
    figure of ``rows``."""
    full = _cached(c, ("preset-layout",), lambda: _preset_layout_of(c))
    axes = {f"{kind}axis{k}" for r in rows for k in _ROW_AXES[r] for kind in "xy"}
    top = {path: path.split(".")[0].split("[")[0] for path in full}
    return {path: v for path, v in full.items()
            if top[path] in axes or (1 in rows and top[path] in ("shapes", "annotations"))}


def _preset_layout_of(c: ExplorerCurves) -> dict[str, object]:
    low, high = _disk_range(c)
    ticks, labels = _decades(low, high)
    vm_top, ct_top = c.side["vm"].top, c.side["container"].top
    pad_v, pad_c = 0.04 * vm_top, 0.04 * ct_top
    top = c.mem_top_gib
    shapes = []
    for x in ("x", "x2", "x3"):
        shapes.append(dict(type="rect", xref=f"{x} domain", yref="y", x0=0, x1=1, y0=c.ram_gib, y1=top,
                           fillcolor=OVER_FILL, line=dict(width=0), layer="below"))
        shapes.append(dict(type="line", xref=f"{x} domain", yref="y", x0=0, x1=1, y0=c.ram_gib, y1=c.ram_gib,
                           line=dict(color=COLORS["host"], width=2)))
    vm_range, ct_range = [-pad_v, vm_top + pad_v], [-pad_c, ct_top + pad_c]
    vm_ticks, ct_ticks = _nticks(vm_top, 0), _nticks(ct_top, 1)
    return {
        "xaxis.range": vm_range, "xaxis2.range": ct_range, "xaxis4.range": vm_range, "xaxis5.range": ct_range,
        "xaxis.nticks": vm_ticks, "xaxis4.nticks": vm_ticks, "xaxis2.nticks": ct_ticks, "xaxis5.nticks": ct_ticks,
        "yaxis.range": [0, top], "yaxis4.range": [0, _ready_top(c)],
        "xaxis6.range": [math.log10(low), math.log10(high)], "xaxis6.tickvals": ticks, "xaxis6.ticktext": labels,
        "shapes": shapes,
        f"annotations[{_RAM_LABEL}].text": t("exp.ram_line", v=gib(c.ram_gib * 1024)),
        f"annotations[{_RAM_LABEL}].y": c.ram_gib,
        f"annotations[{_OVER_LABEL}].y": top,
    }


def explorer_figure(c: ExplorerCurves, n: int, m: int, rows: tuple[int, ...] = (1, 2)) -> go.Figure:
    """The explorer's figure for ``n`` VMs and ``m`` containers (see the module docstring).

    ``rows=(1,)`` or ``(2,)`` draws one row as a figure of its own (its traces in the order
    they have in the whole figure): the live widget draws the rows separately, so a slider move
    redraws the main row first and each redraw handles half the figure.
    """
    rows = tuple(sorted(set(rows)))
    fig = go.Figure(_skeleton(font_size(), line_width(), marker_size(), language(), rows))
    fig.update_layout(preset_layout(c, rows))
    drawn = trace_positions(fig)
    update = {**preset_traces(c), **explorer_state(c, n, m)}
    return apply_traces(fig, {trace_id: props for trace_id, props in update.items() if trace_id in drawn})


@lru_cache(maxsize=8)
def _skeleton(_font: int, _line: float, _marker: int, _language: str, rows: tuple[int, ...]) -> go.Figure:
    """Traces, axes and titles of ``rows``: everything but the values of a preset or a state
    (built once per font size and language; :func:`explorer_figure` copies it)."""
    g = geometry()
    fs, lw, ms = font_size(), line_width(), marker_size()
    fig = go.Figure()
    axes = {1: ("x", "y"), 2: ("x2", "y2"), 3: ("x3", "y3"), 4: ("x4", "y4"), 5: ("x5", "y5"), 6: ("x6", "y6")}

    def add(panel: int, trace_id: str, **kw) -> None:
        x, y = axes[panel]
        fig.add_scatter(meta=trace_id, xaxis=x, yaxis=y, showlegend=False, cliponaxis=False, **kw)

    def marker(kind: str) -> dict:
        return dict(color=COLORS[kind], size=ms, symbol=SYMBOLS[kind], line=dict(color="white", width=1.5))

    text_font = dict(size=fs)
    axis = dict(fixedrange=True, automargin=False, title=dict(standoff=em(0.4)))
    cols = columns()
    two = rows == (1, 2)
    plot_px = g.row1 + g.gap + g.row2 if two else (g.row1 if rows == (1,) else g.row2)
    r1, r2 = g.row_domains() if two else ([0.0, 1.0], [0.0, 1.0])
    annotations = []

    def titles(row: int, domain: list[float], above: int) -> None:
        for dom, key in zip(cols, (("exp.fig.vm_mem", "exp.fig.ct_mem", "exp.fig.perf"),
                                      ("exp.fig.vm_ready", "exp.fig.ct_ready", "exp.fig.disk"))[row - 1]):
            annotations.append(dict(text=f"<b>{t(key)}</b>", x=(dom[0] + dom[1]) / 2, xref="paper", xanchor="center",
                                    y=domain[1] + above / plot_px, yref="paper", yanchor="bottom", showarrow=False,
                                    font=dict(size=fs + 1)))

    if 1 in rows:  # memory total against each count, then performance against the memory total
        for kind, panel, hover in (("vm", 1, "exp.hover.vm_mem"), ("container", 2, "exp.hover.ct_mem")):
            add(panel, column_trace(kind, "mem"), name=t(f"exp.trace.{kind}_mem"), mode="lines",
                line=dict(color=COLORS[kind], width=lw), hovertemplate=t(hover) + "<extra></extra>")
            add(panel, column_trace(kind, "cut"), name=t("exp.trace.cut"), mode="lines+text", hoverinfo="skip",
                line=dict(color=COLORS[kind], width=max(1.5, lw * 0.6), dash="dot"),
                textfont=dict(size=fs, color=COLORS[kind]))
            add(panel, column_trace(kind, "now"), name=t(f"exp.trace.{kind}_now"), mode="markers+text",
                marker=marker(kind), textfont=dict(size=fs, color=COLORS["warn"]),
                hovertemplate=t(hover) + "<extra></extra>")
        add(3, PERF, name=t("exp.trace.perf"), mode="lines", line=dict(color=COLORS["warn"], width=lw),
            hovertemplate=t("exp.hover.perf") + "<extra></extra>")
        add(3, PERF_NOW, name=t("exp.trace.perf_now"), mode="markers+text",
            marker=dict(color=COLORS["accent"], size=ms + 4, symbol=SYMBOLS["now"], line=dict(color="white", width=1)),
            textfont=text_font, hovertemplate=t("exp.hover.perf") + "<extra></extra>")
        fig.update_layout(
            xaxis=dict(axis, domain=cols[0], anchor="y", title_text=t("ctl.vms"), separatethousands=True,
                       exponentformat="none"),
            xaxis2=dict(axis, domain=cols[1], anchor="y2", title_text=t("ctl.containers"), separatethousands=True,
                        exponentformat="none"),
            xaxis3=dict(axis, domain=cols[2], anchor="y3", range=[-4, 110], tickvals=[0, 50, 100],
                        ticktext=["0 %", "50 %", "100 %"], title_text=t("exp.axis.perf")),
            yaxis=dict(axis, domain=r1, anchor="x", title_text=t("exp.axis.memory")),
            yaxis2=dict(axis, domain=r1, anchor="x2", matches="y", showticklabels=False),
            yaxis3=dict(axis, domain=r1, anchor="x3", matches="y", showticklabels=False),
        )
        titles(1, r1, em(0.3))
        annotations += [  # _RAM_LABEL, _OVER_LABEL: text and height set by preset_layout()
            dict(text="", xref="x2 domain", x=0.99, xanchor="right", yref="y", y=0, yanchor="bottom",
                 showarrow=False, font=dict(size=fs - 1), bgcolor="rgba(255, 255, 255, 0.85)"),  # over the curve
            dict(text=t("exp.over_region"), xref="x3 domain", x=0.98, xanchor="right", yref="y", y=0,
                 yanchor="top", showarrow=False, font=dict(size=fs - 1, color=COLORS["warn"])),
        ]
    if 2 in rows:  # time until all are ready (masked where the mix does not fit), and disk
        for kind, panel, hover in (("vm", 4, "exp.hover.vm_ready"), ("container", 5, "exp.hover.ct_ready")):
            add(panel, column_trace(kind, "ready"), name=t(f"exp.trace.{kind}_ready"), mode="lines",
                line=dict(color=COLORS[kind], width=lw), hovertemplate=t(hover) + "<extra></extra>")
            add(panel, column_trace(kind, "nofit"), name=t("exp.no_fit"), mode="lines+text", fill="toself",
                fillcolor=OVER_FILL, line=dict(width=0), hoverinfo="skip",
                textfont=dict(size=fs, color=COLORS["warn"]))
            add(panel, column_trace(kind, "ready_now"), name=t(f"exp.trace.{kind}_now"), mode="markers",
                marker=marker(kind), hovertemplate=t(hover) + "<extra></extra>")
        for kind in KINDS:  # two thick bars on a log axis, and the host's disk
            add(6, column_trace(kind, "disk"), name=t(f"exp.trace.{kind}_disk"), mode="lines+text",
                hoverinfo="skip", line=dict(color=COLORS[kind], width=round(14 * growth())), textfont=text_font)
        add(6, DISK_HOST, name=t("exp.trace.host_disk"), mode="lines+text", hoverinfo="skip",
            textposition="bottom left", line=dict(color=COLORS["host"], width=2), textfont=dict(size=fs - 1))
        fig.update_layout(
            xaxis4=dict(axis, domain=cols[0], anchor="y4", separatethousands=True, exponentformat="none"),
            xaxis5=dict(axis, domain=cols[1], anchor="y5", separatethousands=True, exponentformat="none"),
            yaxis4=dict(axis, domain=r2, anchor="x4", title_text=t("exp.axis.time")),
            yaxis5=dict(axis, domain=r2, anchor="x5", matches="y4", showticklabels=False),
            xaxis6=dict(axis, domain=cols[2], anchor="y6", type="log", title_text=t("exp.axis.disk")),
            yaxis6=dict(axis, domain=r2, anchor="x6", range=[-0.6, 2.3], showticklabels=False, showgrid=False,
                        zeroline=False),
        )
        titles(2, r2, em(0.6) if two else em(0.3))
    top = g.top
    if two:
        height, bottom = g.height, g.bottom
    elif rows == (1,):
        bottom = g.main_height - g.top - g.row1
        height = g.main_height
    else:
        bottom = g.bottom
        height = g.top + g.row2 + g.bottom
    fig.update_layout(**base_layout(height=height, margin=dict(l=g.left, r=g.right, t=top, b=bottom)),
                      showlegend=False, annotations=annotations, hovermode="closest")
    return fig


# --- one state --------------------------------------------------------------------------------
def _side(frac: float, right: str, left: str) -> str:
    """A text position that keeps a label inside its panel (``frac``: 0 left edge .. 1 right)."""
    return right if frac < 0.6 else left


def _cut_trace(cut: int, top: int, ram: float, key_one: str, kind_n: str) -> dict:
    """The dotted "최대 N" line at the last count that fits (or a note when none/all fit)."""
    if cut < 0:
        return {"x": [0, 0], "y": [0, ram], "text": [t("exp.cut_none"), ""], "textposition": "top right"}
    if cut >= top:
        return {"x": [top, top], "y": [0, 0], "text": [t("exp.cut_all", v=f"{top:,}"), ""],
                "textposition": "top left"}
    return {"x": [cut, cut], "y": [0, ram], "text": [t(key_one, **{kind_n: f"{cut:,}"}), ""],
            "textposition": _side(cut / max(top, 1), "top right", "top left")}


def _nofit_trace(cut: int, top: int, y_top: float) -> dict:
    """The red "들어가지 않음" band from the first count that does not fit to the axis' end."""
    if cut >= top:
        return {"x": [], "y": [], "text": [], "textposition": "bottom right"}
    start = max(cut + 0.5, -0.04 * top) if cut >= 0 else -0.04 * top
    end = top * 1.04
    wide = (end - start) / (1.08 * top) > 0.3
    return {"x": [start, end, end, start, start], "y": [0, 0, y_top, y_top, 0],
            "text": ["", "", "", t("exp.no_fit"), ""],
            "textposition": "bottom right" if wide else "bottom left"}


def _ready_curve(counts: np.ndarray, times: np.ndarray, fit: np.ndarray) -> dict:
    y = np.where(fit, times, np.nan)
    y[0] = np.nan  # 0 instances: nothing to start
    x, y = _polyline(counts, y)
    return {"x": x.tolist(), "y": [None if v != v else float(v) for v in y]}


def _memory_marker(x: float, total: float, top: float, ok: bool, kind: str, frac: float, reason: str) -> dict:
    pinned = total > top * _TOP
    return {"x": [x], "y": [min(total, top * _TOP)],
            "marker.color": COLORS[kind] if ok else COLORS["warn"],
            "marker.symbol": "triangle-up" if pinned else SYMBOLS[kind],
            "marker.size": marker_size() if ok else marker_size() + 4,
            "text": ["" if ok else reason],
            "textposition": _side(frac, "top right", "top left")}


def _cached(c: ExplorerCurves, key: tuple, make):
    """One value per preset and key, built once (states share it, so it is encoded once)."""
    if key not in c._cache:
        c._cache[key] = make()
    return c._cache[key]


def _disk_bar(low: float, value: float, kind: str, text: str) -> dict:
    """A thick line from the axis' start to ``value``; its label on a point just above it."""
    y = 1 if kind == "vm" else 0
    return {"x": [low, None, low, max(value, low)], "y": [y + 0.42, None, y, y], "text": [text, "", "", ""],
            "textposition": "middle right"}


_OTHER = {"vm": "container", "container": "vm"}
_CUT_LABEL = {"vm": ("exp.cut_vm", "n"), "container": ("exp.cut_ct", "m")}
_DISK_LABEL = {"vm": "exp.disk_vm", "container": "exp.disk_ct"}


def _column(c: ExplorerCurves, kind: str, other: int) -> TraceUpdate:
    """What moves with the other kind's count (``other``): ``kind``'s column (its curves are
    drawn against its own count, the other kind's memory below them) and the other kind's disk bar."""
    mine, theirs = c.side[kind], c.side[_OTHER[kind]]
    low, ready_top, cut = _disk_range(c)[0], _ready_top(c), c.cut(kind, other)
    x, y = _polyline(mine.counts, c.reserve_gib + theirs.mem_gib[other] + mine.mem_gib)
    key, count_name = _CUT_LABEL[kind]
    their_disk = float(theirs.disk_gib[other])
    return {column_trace(kind, "mem"): {"x": x.tolist(), "y": y.tolist()},
            column_trace(kind, "cut"): _cut_trace(cut, mine.top, c.ram_gib, key, count_name),
            column_trace(kind, "ready"): _ready_curve(mine.counts, mine.ready_s, c.fit(kind, other)),
            column_trace(kind, "nofit"): _nofit_trace(cut, mine.top, ready_top),
            column_trace(_OTHER[kind], "disk"): _disk_bar(low, their_disk, _OTHER[kind],
                                                          t(_DISK_LABEL[_OTHER[kind]], d=disk(their_disk)))}


def explorer_state(c: ExplorerCurves, n: int, m: int, now: dict | None = None) -> TraceUpdate:
    """Every trace value that depends on the counts, by trace id: ``{trace: {path: value}}``.

    Paths are plotly property paths (``"marker.color"``); the figure builder, the live widget
    and the kernel-less page all apply exactly this. Parts that depend on one count only are
    built once per count (and so stored once in the precomputed states).
    """
    now = c.now(n, m) if now is None else now
    top = c.mem_top_gib
    total, ok, perf = now["total_gib"], now["fits"], now["perf"] * 100
    reason = t("exp.over_ram") if not now["memory_ok"] else t("exp.over_disk")
    counts = {"vm": n, "container": m}
    state = {**_cached(c, ("column", "vm", m), lambda: _column(c, "vm", m)),
             **_cached(c, ("column", "container", n), lambda: _column(c, "container", n))}
    for kind in KINDS:
        k, side = counts[kind], c.side[kind]
        shown = k > 0 and bool(c.fit(kind, counts[_OTHER[kind]])[k])
        state[column_trace(kind, "now")] = _memory_marker(k, total, top, ok, kind, k / max(side.top, 1), reason)
        state[column_trace(kind, "ready_now")] = {"x": [k], "y": [float(side.ready_s[k]) if shown else None]}
        bar = column_trace(kind, "disk")
        state[bar] = {**state[bar], "line.color": COLORS[kind] if now["disk_ok"] else COLORS["warn"]}
    state[PERF_NOW] = {"x": [perf], "y": [min(total, top * _TOP)],
                       "marker.color": COLORS["accent"] if now["memory_ok"] else COLORS["warn"],
                       "text": [t("exp.perf_now", p=percent(now["perf"]))],
                       "textposition": "top left" if perf > 60 else "top right"}
    return state


def performance_curve(c: ExplorerCurves) -> tuple[list[float], list[float]]:
    """x (performance, %) and y (memory total, GiB) of the performance panel's curve."""
    y = np.concatenate([[0.0, c.ram_gib], np.linspace(c.ram_gib, c.mem_top_gib, 120)[1:]])
    x = model.relative_performance(y * 1024, c.host) * 100
    return x.tolist(), y.tolist()


def preset_title(host: str, vm: str, container: str, runtime: str) -> str:
    """A short description of the presets, for captions."""
    return " · ".join([label("hosts", host), label("vm_profiles", vm),
                       label("container_profiles", container), label("runtimes", runtime)])

