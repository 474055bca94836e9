"""The state engine: every combination of a figure's controls, each value stored once.

A figure with controls (sliders, menus: :class:`Dim`) shows, for every combination of their
positions, one :class:`State`: trace values by (trace position, property path), layout values
by path, and the summary line in parts. :func:`state_tables` evaluates a state function for
every combination and pools the values: each value is stored once and indexed only by the
controls it depends on, so an explorer with ~3000 combinations stays a few hundred kB.
``ENGINE_JS`` looks a combination up in the browser; the kernel-less pages
(:mod:`virtlab_widgets.export.page`) and the live browser-answered figure
(``apps/browserfigure.py``) both run it: one rendering path.

Pure: numpy and plotly figures in, JSON-ready tables out; no widgets.
"""
from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

MAX_STATES = 6000


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

    def __post_init__(self) -> None:
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
def json_ready(value: Any) -> Any:
    """A JSON-ready copy: numpy → lists, floats to 6 significant digits, NaN → null."""
    if isinstance(value, np.ndarray):
        return [json_ready(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
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
        return json_ready(value.to_plotly_json())
    return value


def compact_json(value: Any) -> str:
    """``value`` as JSON without spaces, non-ASCII kept (the pages' pools and specs)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- paths ------------------------------------------------------------------------
CONTROL_PATHS = ("sliders.", "updatemenus.")
"""Layout paths of the page's own controls: a state may relabel them (applied after they exist)."""


def plotly_path(path: str) -> str:
    """An engine path (``"annotations.6.text"``) as plotly.py spells it (``"annotations[6].text"``)."""
    return re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", path)


def engine_path(path: str) -> str:
    """A plotly.py path (``"shapes[0].x0"``) as the engine spells it (``"shapes.0.x0"``)."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def apply_state(fig: go.Figure, state: State, controls: bool = False) -> go.Figure:
    """``fig`` with one state's trace and layout values set (in place; returned for chaining).

    Layout paths of the page's controls are set only with ``controls=True``."""
    for (tr, path), value in state.data.items():
        fig.data[tr][plotly_path(path)] = json_ready(value)
    for path, value in state.layout.items():
        if path.startswith(CONTROL_PATHS) == controls:
            fig.layout[plotly_path(path)] = json_ready(value)
    return fig


# --- the engine ---------------------------------------------------------------------------
# Given a spec (pool of values, keys with the controls they depend on) and the index of every
# control, it returns the trace/layout values and the summary.
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


def _factor(ids: np.ndarray) -> tuple[list[int], list[int]]:
    """The dims a key really depends on and its ids over just those dims (row-major)."""
    deps = [j for j in range(ids.ndim) if ids.shape[j] > 1 and not np.all(ids == ids.take([0], axis=j))]
    reduced = ids
    for j in reversed(range(ids.ndim)):
        if j not in deps:
            reduced = reduced.take(0, axis=j)
    return deps, [int(v) for v in np.ravel(reduced)]


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

    def pool_id(value: Any) -> int:
        key: tuple
        if value is None or isinstance(value, (str, int, float, bool)):
            key = (type(value), value)
        elif isinstance(value, list) and len(value) <= 4 and all(
                v is None or isinstance(v, (str, int, float)) for v in value):
            key = (list, tuple(value))
        else:
            hit = memo.get(id(value))
            if hit is None:
                hit = memo[id(value)] = (value, pool.setdefault(compact_json(json_ready(value)), len(pool)))
            return hit[1]
        got = scalars.get(key)
        if got is None:
            got = scalars[key] = pool.setdefault(compact_json(json_ready(value)), len(pool))
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
            missing = pool.setdefault(compact_json("" if key[0] == "summary" else None), len(pool))
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


def _flat_index(deps: list[int], dims: list[Dim]) -> int:
    f = 0
    for d in deps:
        f = f * len(dims[d].values) + dims[d].initial
    return f

