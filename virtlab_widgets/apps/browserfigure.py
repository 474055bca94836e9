"""A plotly figure whose slider moves are answered in the browser, without the kernel.

Every state a count slider can reach is computed in Python once per preset (the same pooled
state tables the kernel-less pages use, :func:`virtlab_widgets.export.state_tables`) and sent
to the browser with the figure. :class:`BrowserFigure` is an anywidget that draws the figure
with plotly.js and, for each control, holds the control's position in an ``Int`` trait
(``i_<name>``). An app ties a slider's position to that trait with ``ipywidgets.jslink``
(``apps/base.py``), a link that lives in the browser: a key press on the slider updates the
trait in the page, the figure applies the precomputed state at once (only the traces that
change, as a zero-length animation) and writes the summary line, and both models still sync
to the kernel in the background, so ``app.vms`` and ``summary_text()`` stay right. Nothing
waits for a round trip; preset changes (new curves) go through the kernel and replace the spec.

plotly.js is not inlined: the widget imports plotly's own widget bundle with the loader of
:mod:`virtlab_widgets.jupyter.figurewidget` (from the Jupyter server's route, or once per page
from the kernel), and shares its page-wide cache, so a notebook with both kinds of figure
loads plotly.js once.

The state engine (``ENGINE_JS``) is the one the kernel-less pages run: one rendering path.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import anywidget
import ipywidgets as W
import plotly.graph_objects as go
import plotly.io as pio
import traitlets

from ..export import ENGINE_JS, Dim, State, StateTables, state_tables
from ..jupyter.figurewidget import REPLY, REQUEST, bundle_source, loader_helpers
from ..style import font_size

_WIDGET_JS = r"""
function plotlyFor(model) {
  return (async () => {
    let mod = await once(KEY + ':server', fromServer);
    if (!mod) mod = await kernelBundle(model);
    return globalThis[KEY + ':Plotly'] || globalThis.Plotly;
  })();
}

// ipywidgets' SelectionSlider tells screen readers its position (0, 1, 2 ...); say the value
// shown in its readout instead (aria-valuetext), for every grid slider on the page.
function nameGridValues() {
  for (const s of document.querySelectorAll('.virtlab-grid-slider')) {
    const out = s.querySelector('.widget-readout');
    const text = out && out.textContent.trim();
    if (!text) continue;
    for (const h of s.querySelectorAll('[role="slider"]'))
      if (h.getAttribute('aria-valuetext') !== text) h.setAttribute('aria-valuetext', text);
  }
}
function installGridValues() {
  if (globalThis.__virtlabGridValues) return;
  const obs = new MutationObserver(nameGridValues);
  obs.observe(document.body, {subtree: true, childList: true, attributes: true,
                              attributeFilter: ['aria-valuenow', 'aria-valuetext']});
  globalThis.__virtlabGridValues = obs;
  nameGridValues();
}

function positions(model, spec) {  // a trait may hold the control's value: index = value - offset
  return spec.dims.map((d) => Math.max(0, Math.min(d.n - 1, (model.get('i_' + d.name) | 0) - (d.offset | 0))));
}

// A frame of partial traces for Plotly.animate: {trace: {path: value}} -> nested objects.
function frameOf(changes) {
  const traces = Object.keys(changes.traces).map(Number);
  const data = traces.map((i) => {
    const t = {};
    for (const [path, v] of Object.entries(changes.traces[i])) virtlabEngine.setp(t, path, v);
    return t;
  });
  return {data, traces};
}

export default {
  render({ model, el }) {
    installGridValues();
    el.classList.add('virtlab-browserfigure');
    const status = document.createElement('div');
    status.className = 'virtlab-summary';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    let spec = model.get('spec');
    let gds = [];
    const build = () => {  // one plot per part, below the summary (or above it)
      for (const gd of gds) { if (Plotly && gd._fullLayout) Plotly.purge(gd); gd.remove(); }
      gds = spec.figures.map((f, k) => {
        const gd = document.createElement('div');
        gd.className = 'virtlab-figure virtlab-part-' + k;
        gd.style.width = '100%';
        gd.style.height = f.layout.height + 'px';
        return gd;
      });
      status.style.fontSize = spec.font_px + 'px';
      status.style.margin = '2px 0 4px 0';
      if (spec.summary_first) el.replaceChildren(status, ...gds); else el.replaceChildren(...gds, status);
    };
    let Plotly = null, shown = null, drawing = null, again = false, closed = false;
    build();

    const mark = (ix) => { for (const gd of gds) gd.setAttribute('data-virtlab-state', ix.join(',')); };
    const full = async () => {
      const ix = positions(model, spec);
      const all = [].concat(...spec.figures.map((f) => f.data));
      const one = spec.parts.length === 1;  // only a single part's states may change its layout
      const next = virtlabEngine.apply(spec, ix, all, one ? spec.figures[0].layout : {});
      status.innerHTML = virtlabEngine.summary(spec, ix);
      shown = ix;
      await Promise.all(spec.parts.map((part, k) => Plotly.react(
        gds[k], JSON.parse(JSON.stringify(next.data.slice(part.start, part.start + part.count))),
        one ? next.layout : spec.figures[k].layout, spec.config)));
      mark(ix);
      for (const gd of gds) gd.setAttribute('data-virtlab-ready', '1');
    };
    // A count moved: the summary at once, then only the traces whose values differ, part by
    // part (the main view first), each as a zero-length animation: no full redraw.
    const animate = (k, traces) => {
      const part = spec.parts[k];
      const mine = Object.keys(traces).map(Number).filter((i) => i >= part.start && i < part.start + part.count);
      if (!mine.length) return Promise.resolve();
      const frame = frameOf({traces: Object.fromEntries(mine.map((i) => [i - part.start, traces[i]]))});
      return Plotly.animate(gds[k], frame, {transition: {duration: 0}, frame: {duration: 0, redraw: false},
                                            mode: 'immediate'});
    };
    const move = () => {
      if (!Plotly || !shown) return;
      const ix = positions(model, spec);
      status.innerHTML = virtlabEngine.summary(spec, ix);
      if (drawing) { again = true; return; }
      const changes = virtlabEngine.changes(spec, shown, ix);
      shown = ix;
      mark(ix);
      if (!changes.count) return;
      // a new layout (an axis range), or a figure whose texts change (spec.redraw), is redrawn
      // (Plotly.react); otherwise only the changed traces move
      drawing = (spec.redraw || Object.keys(changes.layout).length ? full() :
        spec.parts.reduce((done, _part, k) => done.then(() => animate(k, changes.traces)), Promise.resolve()))
        .finally(() => {
          drawing = null;
          if (again && !closed) { again = false; move(); }
        });
    };
    const replace = () => {
      spec = model.get('spec');
      build();
      if (Plotly) full();
    };
    const listeners = [['change:spec', replace]];
    for (const d of spec.dims) listeners.push(['change:i_' + d.name, move]);
    for (const [ev, cb] of listeners) model.on(ev, cb);
    // Draw once the output area gives el a width (anywidget attaches el only after render()
    // returns), then follow that width (plotly keeps each part's height).
    let width = 0, started = false;
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (!w || w === width || closed) return;
      width = w;
      if (!started) { started = true; plotlyFor(model).then(first, failed); return; }
      if (Plotly) for (const gd of gds) if (gd._fullLayout) Plotly.Plots.resize(gd);
    });
    const first = (p) => {
      if (closed) return;
      Plotly = p;
      if (!Plotly) { status.textContent = spec.noplotly; return; }
      full();
    };
    const failed = (error) => { if (!closed) showFailure(el, error); };  // plotly.js never came
    ro.observe(el);
    return () => {
      closed = true;
      ro.disconnect();
      for (const [ev, cb] of listeners) model.off(ev, cb);
      if (Plotly) for (const gd of gds) if (gd._fullLayout) Plotly.purge(gd);
    };
  },
};
"""


def widget_esm() -> str:
    """The widget's JavaScript module: the shared loader, the shared state engine, the view."""
    return loader_helpers() + ENGINE_JS + _WIDGET_JS


class BrowserFigure(anywidget.AnyWidget):
    """A plotly figure plus precomputed states; ``i_<dim>`` traits select the state to show.

    Build it with :meth:`from_states`; replace the states with :meth:`show` (e.g. after a
    preset change). The summary line is drawn by the widget itself (``role="status"``).
    """

    _esm = widget_esm()
    spec = traitlets.Dict().tag(sync=True)

    def __init__(self, dims: Sequence[str], **kwargs):
        kwargs.setdefault("layout", W.Layout(width="100%"))
        super().__init__(**kwargs)
        self.dim_names = list(dims)
        self.add_traits(**{f"i_{name}": traitlets.Int(0).tag(sync=True) for name in self.dim_names})
        self.on_msg(self._on_custom_msg)

    @classmethod
    def from_states(cls, parts: list[go.Figure], dims: list[Dim], state: Callable[[dict], State],
                    sep: str, summary_first: bool = True) -> BrowserFigure:
        """A widget for ``parts`` over every combination of ``dims`` (``state(values)`` each)."""
        widget = cls([d.name for d in dims])
        widget.show(parts, dims, state, sep, summary_first)
        return widget

    def show(self, parts: list[go.Figure], dims: list[Dim], state: Callable[[dict], State], sep: str,
             summary_first: bool = True, offsets: dict[str, int] | None = None,
             redraw: bool | None = False) -> StateTables:
        """Replace every state (one message: the figures, the states, the controls' positions).

        ``parts`` are drawn one below the other, each at the initial combination; a state's
        trace indices count through all of them in order. A slider move redraws the first part
        first (keep the main view there), then the others. Only a single part's states may change
        layout values (the part is then redrawn). ``offsets`` (per dim, default 0): the
        ``i_<dim>`` trait holds index + offset, e.g. an ``IntSlider``'s value linked directly
        (index = value − its minimum). ``redraw``: answer each move with ``Plotly.react`` instead
        of a zero-length animation (which moves points and bars but leaves their text labels);
        ``None``: only when some trace's text changes between states.
        """
        if [d.name for d in dims] != self.dim_names:
            raise ValueError(f"dims {[d.name for d in dims]} differ from this widget's {self.dim_names}")
        tables = state_tables(None, dims, state)
        if tables.keys["layout"] and len(parts) != 1:
            raise ValueError("a browser figure of several parts changes traces only (layout keys: "
                             f"{[k['path'] for k in tables.keys['layout']]})")
        spec = tables.spec(dims, sep)
        spec["figures"] = [json.loads(pio.to_json(p, validate=False, engine="json")) for p in parts]
        counts = [len(p.data) for p in parts]
        spec["parts"] = [{"start": sum(counts[:k]), "count": c} for k, c in enumerate(counts)]
        offsets = offsets or {}
        for d in spec["dims"]:
            d["offset"] = int(offsets.get(d["name"], 0))
        if redraw is None:
            redraw = any(k["path"].split(".")[0] in ("text", "texttemplate") for k in tables.keys["data"])
        spec.update(font_px=font_size() + 2, summary_first=bool(summary_first), redraw=bool(redraw))
        spec["config"].update(displayModeBar=False)  # fixed axes: nothing to zoom, and no icons over titles
        with self.hold_sync():
            self.spec = spec
            for d in dims:
                setattr(self, f"i_{d.name}", d.initial + int(offsets.get(d.name, 0)))
        return tables

    def _on_custom_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == REQUEST:
            self.send({"type": REPLY, "source": bundle_source()})


def grid_slider(description: str, values: Sequence[int], value: int) -> W.SelectionSlider:
    """A slider over the given counts (not evenly spaced), readout with thousands separators.

    Its keyboard steps are the grid's positions; :class:`BrowserFigure` names the current value
    for screen readers (``aria-valuetext``).
    """
    slider = W.SelectionSlider(options=[(f"{v:,}", v) for v in values], value=value, description=description,
                               continuous_update=True, style={"description_width": "initial"},
                               layout=W.Layout(width="min(100%, 440px)"))
    slider.add_class("virtlab-grid-slider")
    return slider


def set_grid(slider: W.SelectionSlider, values: Sequence[int], value: int) -> None:
    """New positions for ``slider`` keeping ``value`` (one message to the browser)."""
    options = [(f"{v:,}", v) for v in values]
    if list(slider.options) == options:
        slider.value = value
        return
    with slider.hold_sync():
        slider.options = options
        slider.value = value
