"""Kernel-less mode: every demo as a self-contained plotly figure with its own sliders/menus.

A static web page or an exported slide has no kernel, so ipywidgets there would be dead
sliders. With ``VIRTLAB_STATIC=1`` in the kernel's environment (the site and slide builds
set it, see ``tools/build_site.py``), every app displays itself as HTML instead:

* a plotly figure built by the app's own figure builder at its current values;
* plotly ``layout.sliders`` (counts) and ``layout.updatemenus`` (presets) whose positions
  are precomputed states of the SAME model: for every combination of the control values
  the app's ``_static_state`` returns the trace/layout values and the summary line;
* a ~1 kB inline script that, when a slider or menu moves, looks up the combination of
  all controls and applies it with ``Plotly.react`` (so two sliders combine correctly).

Each value is stored once (a pool) and indexed only by the controls it depends on, so an
explorer with ~3000 combinations stays a few hundred kB. plotly.js itself is NOT inlined:
the page loads it once (``window.Plotly``; the site puts ``assets/plotly.min.js`` in the
page head).

An app opts in by implementing ``_static_dims()`` and ``_static_state(values)``;
``App.static_html()`` falls back to a static snapshot (figure + summary) or a plain HTML
rendering of its widgets, never a dead slider.
"""
from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from .style import font_size

ENV = "VIRTLAB_STATIC"
MAX_STATES = 6000


def static_mode() -> bool:
    """True when demos must render without a kernel (``VIRTLAB_STATIC`` set and not ``0``)."""
    return os.environ.get(ENV, "").strip() not in ("", "0", "false", "False")


@dataclass
class Dim:
    """One control of the static figure: a plotly slider (``kind="slider"``) or a menu."""

    name: str
    label: str
    values: Sequence[Any]
    labels: Sequence[str]
    initial: int = 0
    kind: str = "slider"  # or "menu"
    slot: int = 0         # its place among the figure's sliders (or menus), set by _controls_layout

    def __post_init__(self):
        if len(self.values) != len(self.labels) or not self.values:
            raise ValueError(f"dimension {self.name!r}: {len(self.values)} values, {len(self.labels)} labels")
        if not 0 <= self.initial < len(self.values):
            raise ValueError(f"dimension {self.name!r}: initial index {self.initial} out of range")


@dataclass
class State:
    """Everything one combination of control values shows.

    ``data`` maps ``(trace index, property path)`` to a value, ``layout`` maps a layout
    path (``"xaxis.range"``, ``"shapes"``) to a value, ``summary`` is the summary line split
    into parts (joined with ``sep``), so each part is stored once per the controls it
    depends on.
    """

    data: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)
    summary: Sequence[str] = ()


def sampled(low: float, high: float, current: float, step: float, count: int = 9) -> list:
    """About ``count`` slider positions from ``low`` to ``high`` on the control's step grid,
    always including ``current``; roughly geometric when the range spans decades."""
    low, high = float(low), float(high)
    if high <= low:
        return [current]
    if low >= 0 and high / max(low, step, 1e-9) > 30:
        start = max(low, step)
        raw = np.geomspace(start, high, count - (1 if low < start else 0))
        raw = np.concatenate([[low], raw]) if low < start else raw
    else:
        raw = np.linspace(low, high, count)
    snapped = {round(round((v - low) / step) * step + low, 10) for v in raw} | {float(current)}
    out = sorted(v for v in snapped if low - 1e-9 <= v <= high + 1e-9)
    if all(float(v).is_integer() for v in out) and float(step).is_integer():
        return [int(v) for v in out]
    return out


def count_values(current: int, max_count: int, min_count: int = 0,
                 grid: Sequence[int] = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 100, 150, 200, 300)) -> list[int]:
    """Slider positions for an instance count: a fixed, readable grid plus ``current``."""
    return sorted({g for g in grid if min_count <= g <= max_count} | {int(current), int(max_count)})


# --- JSON ------------------------------------------------------------------------
def _clean(value):
    """A JSON-ready copy: numpy → lists, floats to 6 significant digits, NaN → null."""
    if isinstance(value, np.ndarray):
        return [_clean(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (np.floating, float)):
        v = float(value)
        if not math.isfinite(v):
            return None
        return float(f"{v:.6g}")
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if hasattr(value, "to_plotly_json"):
        return _clean(value.to_plotly_json())
    return value


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _set_path(target: dict, path: str, value) -> None:
    keys = path.split(".")
    for k in keys[:-1]:
        target = target.setdefault(k, {})
    target[keys[-1]] = value


# --- the interactive figure -----------------------------------------------------------
# The state engine, shared by the kernel-less page (below) and the live browser-side figure
# (``apps/browserfigure.py``): given a spec (pool of values, keys with the controls they depend
# on) and the index of every control, it returns the trace/layout values and the summary.
ENGINE_JS = r"""
var virtlabEngine = (function () {
  function setp(o, path, v) {
    var k = path.split(".");
    for (var i = 0; i < k.length - 1; i++) {
      var c = o[k[i]];
      o[k[i]] = c ? (Array.isArray(c) ? c.slice() : Object.assign({}, c)) : {};
      o = o[k[i]];
    }
    o[k[k.length - 1]] = v;
  }
  function pick(spec, key, ix) {  // the pool id of key's value for control indices ix
    var f = 0;
    for (var j = 0; j < key.deps.length; j++) { var d = key.deps[j]; f = f * spec.dims[d].n + ix[d]; }
    return key.ids[f];
  }
  function value(spec, key, ix) { return spec.pool[pick(spec, key, ix)]; }
  function summary(spec, ix) {
    return spec.summary.map(function (k) { return value(spec, k, ix); })
      .filter(function (s) { return s; }).join(spec.sep);
  }
  // Every key applied to copies of data/layout (the objects passed in are not modified).
  function apply(spec, ix, data, layout) {
    data = data.slice(); layout = Object.assign({}, layout);
    var copied = {};
    spec.data.forEach(function (k) {
      var i = k.trace;
      if (!copied[i]) { data[i] = Object.assign({}, data[i]); copied[i] = 1; }
      setp(data[i], k.path, value(spec, k, ix));
    });
    spec.layout.forEach(function (k) { setp(layout, k.path, value(spec, k, ix)); });
    return {data: data, layout: layout};
  }
  // Only what differs between two index vectors: {traces: {i: {path: v}}, layout: {path: v}}.
  function changes(spec, from, to) {
    var traces = {}, layout = {}, n = 0;
    spec.data.forEach(function (k) {
      var id = pick(spec, k, to);
      if (from && pick(spec, k, from) === id) return;
      (traces[k.trace] = traces[k.trace] || {})[k.path] = spec.pool[id]; n++;
    });
    spec.layout.forEach(function (k) {
      var id = pick(spec, k, to);
      if (from && pick(spec, k, from) === id) return;
      layout[k.path] = spec.pool[id]; n++;
    });
    return {traces: traces, layout: layout, count: n};
  }
  return {setp: setp, pick: pick, value: value, summary: summary, apply: apply, changes: changes};
})();
"""

_GLUE = r"""
(function(){
var id=%(id)s, spec=%(spec)s;
var gd=document.getElementById(id), out=document.getElementById(id+"-summary");
if(!window.Plotly){gd.innerHTML='<p class="virtlab-noplotly">'+spec.noplotly+'</p>';return;}
var E=virtlabEngine;
function active(){var L=gd._fullLayout;return spec.dims.map(function(d){
 var box=d.kind==="slider"?L.sliders:L.updatemenus;return (box&&box[d.i]&&box[d.i].active)||0;});}
function apply(){var ix=active(),next=E.apply(spec,ix,gd.data,gd.layout);
 out.innerHTML=E.summary(spec,ix);gd.setAttribute("data-virtlab-state",ix.join(","));
 return Plotly.react(gd,next.data,next.layout,spec.config);}
Plotly.newPlot(gd,spec.figure.data,spec.figure.layout,spec.config).then(function(){
 gd.on("plotly_sliderchange",apply);gd.on("plotly_buttonclicked",apply);
 gd.setAttribute("data-virtlab-ready","1");});
})();
"""

_COUNTER = itertools.count()


def _factor(ids: np.ndarray) -> tuple[list[int], list[int]]:
    """The dims a key really depends on and its ids over just those dims (row-major)."""
    deps = [j for j in range(ids.ndim) if ids.shape[j] > 1 and not np.all(ids == ids.take([0], axis=j))]
    reduced = ids
    for j in reversed(range(ids.ndim)):
        if j not in deps:
            reduced = reduced.take(0, axis=j)
    return deps, [int(v) for v in np.ravel(reduced)]


def _menu_places(menus: list[Dim], margin) -> tuple[list[tuple[int, float]], int]:
    """(row, x as a fraction of the plot's width) of each menu, left to right and wrapping, as
    wide as its longest option (plotly sizes a dropdown so) at the narrowest figure width."""
    from .figures.common import narrow_width, text_width

    fs = font_size()
    left = margin.l if margin.l is not None else 80
    right = margin.r if margin.r is not None else 80
    avail = narrow_width() - left - right
    places, row, x = [], 0, 0.0
    for d in menus:
        width = max(max(text_width(lab, fs) for lab in d.labels) + 2.6 * fs, text_width(f"<b>{d.label}</b>", fs))
        if x > 0 and x + width > avail:
            row, x = row + 1, 0.0
        places.append((row, x / avail))
        x += width + 1.2 * fs
    return places, (row + 1 if menus else 0)


def _controls_layout(fig: go.Figure, dims: list[Dim]) -> None:
    """Menus in rows above the plot (as many per row as fit), one slider per count below it."""
    menus = [d for d in dims if d.kind == "menu"]
    sliders = [d for d in dims if d.kind == "slider"]
    fs = font_size()
    places, menu_rows = _menu_places(menus, fig.layout.margin)
    row_px, slider_px = int(2.6 * fs + 50), int(3.2 * fs + 56)
    height = fig.layout.height or 450
    margin = fig.layout.margin
    top0, bottom0 = (margin.t if margin.t is not None else 50), (margin.b if margin.b is not None else 50)
    legend_px = 0
    if fig.layout.legend.y is not None and fig.layout.legend.y < 0 and fig.layout.showlegend is not False:
        legend_px = int(2.2 * fs + 20)
    top = top0 + menu_rows * row_px
    bottom = bottom0 + legend_px + len(sliders) * slider_px
    new_height = height + menu_rows * row_px + legend_px + len(sliders) * slider_px
    plot_px = new_height - top - bottom
    title = fig.layout.title
    title_px = (1 - title.y) * height if title.yref == "container" and title.y is not None else 8
    fig.update_layout(height=new_height, margin=dict(t=top, b=bottom + 10))
    if title.text:  # the menus go on top of the figure; the title keeps its place above the plot
        fig.update_layout(title=dict(y=1 - (title_px + menu_rows * row_px) / new_height, yanchor="top",
                                     yref="container"))
    updatemenus, annotations = [], []
    for d, (r, c) in zip(menus, places):
        # each row of menus in its own band above the figure's original top margin (which holds
        # its title and subplot titles): the dropdown on the band's floor, its label above it
        floor = top0 + (menu_rows - 1 - r) * row_px + 6
        annotations.append(dict(text=f"<b>{html.escape(d.label)}</b>", x=c, y=1 + (floor + 1.3 * fs + 16) / plot_px,
                                xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                                font=dict(size=fs)))
        updatemenus.append(dict(type="dropdown", direction="down", active=d.initial, x=c, xanchor="left",
                                y=1 + floor / plot_px, yanchor="bottom", showactive=True, font=dict(size=fs),
                                buttons=[dict(label=lab, method="skip", args=[None]) for lab in d.labels]))
    slider_list = []
    for k, d in enumerate(sliders):
        y = -(bottom0 + legend_px + k * slider_px) / plot_px
        slider_list.append(dict(
            active=d.initial, x=0, len=1, y=y, yanchor="top", pad=dict(t=10, b=10),
            currentvalue=dict(prefix=f"{d.label}: ", font=dict(size=fs + 1), xanchor="left"),
            font=dict(size=max(fs - 2, 10)),
            steps=[dict(label=lab, method="skip", args=[None], value=lab) for lab in d.labels]))
    if fig.layout.legend.y is not None and fig.layout.legend.y < 0:
        fig.update_layout(legend=dict(y=-(bottom0 - 8) / plot_px))
    fig.update_layout(updatemenus=updatemenus, sliders=slider_list,
                      annotations=list(fig.layout.annotations) + annotations)
    for group in (menus, sliders):
        for k, d in enumerate(group):
            d.slot = k


CONTROL_PATHS = ("sliders.", "updatemenus.")
"""Layout paths of the page's own controls: a state may relabel them (applied after they exist)."""


def plotly_path(path: str) -> str:
    """An engine path (``"annotations.6.text"``) as plotly.py spells it (``"annotations[6].text"``)."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", path)


def apply_state(fig: go.Figure, state: State, controls: bool = False) -> go.Figure:
    """``fig`` with one state's trace and layout values set (in place; returned for chaining).

    Layout paths of the page's controls are set only with ``controls=True``."""
    for (tr, path), value in state.data.items():
        fig.data[tr][plotly_path(path)] = _clean(value)
    for path, value in state.layout.items():
        if path.startswith(CONTROL_PATHS) == controls:
            fig.layout[plotly_path(path)] = _clean(value)
    return fig


@dataclass
class StateTables:
    """Every combination of the controls, each value stored once (see :func:`state_tables`)."""

    figure: go.Figure | None   # the figure at the initial combination
    first: State               # the initial combination's state
    keys: dict                 # {"data": [...], "layout": [...], "summary": [...]}, each {deps, ids, ...}
    pool: list                 # the distinct values, JSON-ready
    summary: list[str]         # the initial summary parts

    def spec(self, dims: list[Dim], sep: str, figure: go.Figure | None = None) -> dict:
        """The engine's input (``ENGINE_JS``): figure JSON (``figure``, else the tables' own; none
        if neither), controls, keys and the value pool."""
        fig = self.figure if figure is None else figure
        out = {} if fig is None else {"figure": json.loads(pio.to_json(fig, validate=False, engine="json"))}
        return out | {
            "config": {"responsive": True, "displaylogo": False},
            "dims": [{"name": d.name, "n": len(d.values), "kind": d.kind, "i": d.slot}
                     for d in dims],
            "data": self.keys["data"], "layout": self.keys["layout"], "summary": self.keys["summary"],
            "pool": self.pool, "sep": sep,
            "noplotly": "이 그림을 그리려면 plotly.js가 필요합니다 (plotly.js is not loaded on this page).",
        }


def state_tables(fig: go.Figure | None, dims: list[Dim], state: Callable[[dict], State]) -> StateTables:
    """Evaluate ``state`` for every combination of ``dims`` and pool the results.

    Each key (a trace property, a layout path, a summary part) keeps only the dims its value
    really changes with, so a value that depends on one slider is stored once per position of
    that slider, not once per combination. ``fig`` is not modified (None: no figure, e.g.
    when the caller draws the initial state itself).
    """
    first = state({d.name: d.values[d.initial] for d in dims})
    if fig is not None:
        fig = apply_state(go.Figure(fig), first)
    shape = tuple(len(d.values) for d in dims)
    total = int(np.prod(shape)) if shape else 1
    if total > MAX_STATES:
        raise ValueError(f"{total} combinations of {[d.name for d in dims]} (at most {MAX_STATES})")
    pool: dict[str, int] = {}
    cols: dict[tuple, list[int]] = {}
    memo: dict[int, tuple] = {}    # shared objects (lists, arrays, dicts) by identity, kept alive
    scalars: dict[tuple, int] = {}  # strings, numbers, None and short lists of them, by value

    def pool_id(value) -> int:
        key: tuple
        if value is None or isinstance(value, (str, int, float, bool)):
            key = (type(value), value)
        elif isinstance(value, list) and len(value) <= 4 and all(
                v is None or isinstance(v, (str, int, float)) for v in value):
            key = (list, tuple(value))
        else:
            hit = memo.get(id(value))
            if hit is None:
                hit = memo[id(value)] = (value, pool.setdefault(_dumps(_clean(value)), len(pool)))
            return hit[1]
        got = scalars.get(key)
        if got is None:
            got = scalars[key] = pool.setdefault(_dumps(_clean(value)), len(pool))
        return got

    combos = itertools.product(*[range(n) for n in shape])
    for c, ix in enumerate(combos):
        s = first if c == 0 and all(i == d.initial for i, d in zip(ix, dims)) else \
            state({d.name: d.values[i] for d, i in zip(dims, ix)})
        for (tr, path), value in s.data.items():
            cols.setdefault(("data", tr, path), [-1] * total)[c] = pool_id(value)
        for path, value in s.layout.items():
            cols.setdefault(("layout", path), [-1] * total)[c] = pool_id(value)
        for j, value in enumerate(s.summary):
            cols.setdefault(("summary", j), [-1] * total)[c] = pool_id(value)
    for key, got in cols.items():  # a key some combinations do not set: "" (summary) or null (reset)
        if -1 in got:
            missing = pool.setdefault(_dumps("" if key[0] == "summary" else None), len(pool))
            cols[key] = [missing if i < 0 else i for i in got]
    keys: dict[str, list[dict]] = {"data": [], "layout": [], "summary": []}
    used: dict[int, int] = {}
    for key, ids in cols.items():
        deps, flat = _factor(np.asarray(ids).reshape(shape))
        if key[0] == "summary" or deps:
            flat = [used.setdefault(i, len(used)) for i in flat]
            entry = {"deps": deps, "ids": flat}
            if key[0] == "data":
                entry.update(trace=key[1], path=key[2])
            elif key[0] == "layout":
                entry.update(path=key[1])
            keys[key[0]].append(entry)
    values = list(pool)
    pool_out = [None] * len(used)
    for old, new in used.items():
        pool_out[new] = json.loads(values[old])
    initial_summary = [pool_out[k["ids"][_flat_index(k["deps"], dims)]] for k in keys["summary"]]
    return StateTables(figure=fig, first=first, keys=keys, pool=pool_out, summary=initial_summary)


def interactive_html(fig: go.Figure, dims: list[Dim], state: Callable[[dict], State],
                     sep: str = " · ", note: str = "") -> str:
    """HTML for ``fig`` with sliders/menus over ``dims``; ``state(values)`` gives each combination.

    ``fig`` must show the initial combination (``dims[*].initial``); it is not modified.
    """
    tables = state_tables(fig, dims, state)
    shown = go.Figure(tables.figure)
    _controls_layout(shown, dims)
    apply_state(shown, State(layout=tables.first.layout), controls=True)
    body = _dumps(tables.spec(dims, sep, shown))
    div_id = "virtlab-" + hashlib.sha1(body.encode()).hexdigest()[:10] + f"-{next(_COUNTER)}"
    summary = sep.join(s for s in tables.summary if s)
    script = ENGINE_JS + _GLUE % {"id": json.dumps(div_id), "spec": body.replace("</", "<\\/")}
    note_style = f"color:#555;font-size:{font_size() - 1}px"
    note_html = f'<div class="virtlab-static-note" style="{note_style}">{note}</div>' if note else ""
    figure = (f'<div id="{div_id}" class="virtlab-figure" '
              f'style="width:100%;height:{shown.layout.height}px"></div>')
    status = (f'<div id="{div_id}-summary" class="virtlab-summary" role="status" aria-live="polite" '
              f'style="font-size:{font_size() + 2}px">{summary}</div>')
    return f'<div class="virtlab-static">{figure}{status}{note_html}</div><script>{script}</script>'


def _flat_index(deps: list[int], dims: list[Dim]) -> int:
    f = 0
    for d in deps:
        f = f * len(dims[d].values) + dims[d].initial
    return f


def figure_html(fig: go.Figure, summary: str = "", note: str = "") -> str:
    """A plain (non-interactive beyond hover/zoom) figure + its summary, plotly.js not inlined."""
    return interactive_html(fig, [], lambda _values: State(summary=[summary] if summary else []), note=note)


# --- fallbacks for apps without their own static state ----------------------------------
def restyle_state(update: tuple[dict, list[int]]) -> dict:
    """``plotly_restyle`` arguments ``(values, trace indices)`` as ``State.data``."""
    values, indices = update
    return {(i, prop): per_trace[j] for prop, per_trace in values.items() for j, i in enumerate(indices)}


def widget_html(widget) -> str:
    """A readable, inert HTML rendering of a widget tree (labels, texts, options as lists)."""
    import ipywidgets as W

    if isinstance(widget, go.FigureWidget):
        return figure_html(go.Figure(widget))
    if isinstance(widget, W.Box):
        tag = "div style='display:flex;flex-wrap:wrap;gap:4px 16px'" if isinstance(widget, W.HBox) else "div"
        return f"<{tag}>" + "".join(widget_html(c) for c in widget.children) + "</div>"
    if isinstance(widget, (W.HTML, W.HTMLMath)):
        return f"<div>{widget.value}</div>"
    if isinstance(widget, W.Label):
        return f"<div>{html.escape(widget.value)}</div>"
    if isinstance(widget, (W.Dropdown, W.RadioButtons, W.ToggleButtons, W.Select)):
        items = "".join(f"<li>{html.escape(str(label))}</li>" for label, value in widget._options_full
                        if value is not None)
        head = f"<b>{html.escape(widget.description)}</b>" if widget.description else ""
        return f"<div>{head}<ul>{items}</ul></div>"
    if isinstance(widget, (W.IntSlider, W.FloatSlider, W.Checkbox)):
        return f"<div>{html.escape(widget.description)}: {html.escape(str(widget.value))}</div>"
    return ""  # buttons, outputs: nothing to show without a kernel


class StaticRenderer(MimetypeRenderer):
    """Plotly renderer for kernel-less builds: a div + script, plotly.js loaded by the page."""

    def to_mimebundle(self, fig_dict):
        return {"text/html": figure_html(go.Figure(fig_dict))}


def install_renderer() -> None:
    """Make plain ``go.Figure`` outputs kernel-less too (no plotly.js inlined per figure)."""
    pio.renderers["virtlab_static"] = StaticRenderer()
    pio.renderers.default = "virtlab_static"


def static_bundle(app) -> dict:
    """What an app displays in kernel-less mode: HTML only, no widget view."""
    return {"text/html": app.static_html(), "text/plain": app_text(app)}


# --- per-app entry points -------------------------------------------------------------
def _control_dim(name: str, control) -> Dim | None:
    """A static dimension for one ipywidgets control (None: keep its current value)."""
    import ipywidgets as W

    desc = control.description or name
    if isinstance(control, W.Checkbox):
        return Dim(name, desc, [False, True], ["✗", "✓"], int(bool(control.value)), "menu")
    if isinstance(control, (W.Dropdown, W.ToggleButtons, W.RadioButtons)):
        opts = [(str(label), value) for label, value in control._options_full]
        values = [v for _, v in opts]
        if control.value not in values:
            return None
        return Dim(name, desc, values, [lab for lab, _ in opts], values.index(control.value), "menu")
    if isinstance(control, (W.IntSlider, W.FloatSlider)):
        values = sampled(control.min, control.max, control.value, control.step, 7)
        fmt = (lambda v: f"{v:g}") if isinstance(control, W.FloatSlider) else str
        return Dim(name, desc, values, [fmt(v) for v in values], values.index(control.value), "slider")
    return None


def model_app_dims(app, budget: int = 200) -> list[Dim]:
    """Dims for a ModelApp-like app (``app.controls``): menus first, then sliders, while the
    number of combinations stays within ``budget``; other controls keep their values."""
    dims = [d for d in (_control_dim(n, c) for n, c in app.controls.items()) if d is not None]
    dims.sort(key=lambda d: d.kind != "menu")
    chosen, total = [], 1
    for d in dims:
        if total * len(d.values) <= budget:
            chosen.append(d)
            total *= len(d.values)
    order = list(app.controls)
    return sorted(chosen, key=lambda d: order.index(d.name))


def _layout_snapshot(fig) -> dict:
    layout = fig.layout.to_plotly_json()
    return {k: v for k, v in layout.items() if k not in ("template", "sliders", "updatemenus")}


def model_app_state(app, values: dict) -> State:
    """Set the controls, then read what the app itself would send to its figure."""
    from .text import t

    app.set(**values)
    layout = _layout_snapshot(app.figure)
    return State(data=restyle_state(app._restyle()), layout=layout,
                 summary=app.summary_text().split(t("sum.sep")))


def app_html(app) -> str:
    """Kernel-less HTML for any app (see the module docstring)."""
    from .text import t

    sep = t("sum.sep")
    if hasattr(app, "_static_dims") and hasattr(app, "_static_state"):
        return interactive_html(app._static_base_figure(), app._static_dims(), app._static_state, sep=sep)
    if hasattr(app, "controls") and hasattr(app, "_restyle") and hasattr(app, "figure"):
        saved = dict(app.values)
        dims = model_app_dims(app)
        try:
            base = go.Figure(app.figure)
            fixed = [c for n, c in app.controls.items() if n not in {d.name for d in dims}]
            note = "" if not fixed else t("static.fixed") + ", ".join(
                f"{html.escape(c.description)} = {html.escape(str(c.value))}" for c in fixed)
            return interactive_html(base, dims, lambda v: model_app_state(app, v), sep=sep, note=note)
        finally:
            app.set(**saved)
    if hasattr(app, "figure") and isinstance(app.figure, go.Figure):
        summary = app.summary_text() if hasattr(app, "summary_text") else ""
        return interactive_html(go.Figure(app.figure), [], lambda _v: State(summary=summary.split(sep)), sep=sep)
    return f'<div class="virtlab-static">{widget_html(app.widget)}</div>'


def app_text(app) -> str:
    """The app's summary line (plain text) for ``text/plain``."""
    try:
        return app.summary_text()
    except Exception:  # noqa: BLE001 - a repr must never raise
        return type(app).__name__


def menu_dim(name: str, control) -> Dim:
    """A menu dimension over every option of a dropdown, starting at its current value."""
    dim = _control_dim(name, control)
    if dim is None:
        raise ValueError(f"control {name!r} has no option equal to its value {control.value!r}")
    dim.kind = "menu"
    return dim


def _widget_bundle(widget, **_kwargs) -> dict:
    """Kernel-less display of a bare ipywidget (not an App): inert HTML, never a dead control."""
    return {"text/html": f'<div class="virtlab-static">{widget_html(widget)}</div>',
            "text/plain": type(widget).__name__}


def install_static() -> None:
    """Kernel-less build: plain figures without plotly.js per figure, bare widgets as HTML."""
    import ipywidgets as W

    install_renderer()
    W.Widget._repr_mimebundle_ = _widget_bundle


if static_mode():
    install_static()
