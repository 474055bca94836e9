"""The one contract of every demo: named controls → model → in-place figure update → summary.

A demo subclasses :class:`ModelApp`: it puts its controls in ``self.controls`` (name → widget),
builds its figure (every trace with an id, see :mod:`virtlab_widgets.figures.common`) and calls
:meth:`ModelApp._finish`. It implements

* :meth:`~ModelApp._restyle`: the figure's traces for the current values, by trace id, and, if
  the layout changes too, :meth:`~ModelApp._relayout_update` (axis ranges, titles, shapes);
* :meth:`~ModelApp.summary_text`: the one-line summary;
* if it caches model results or has other widgets, :meth:`~ModelApp._before_refresh`.

The base owns the rest. A change of a control updates the figure in place (one message) and
the summary. :meth:`ModelApp.set` changes controls from code, each value checked against its
control's own range or options (bad values raise a clear error; several values, one update).
The kernel-less export (:meth:`ModelApp.static_html`) draws the figure with plotly sliders and
menus (:meth:`~ModelApp._static_dims`: every menu, sliders sampled) over the states
:meth:`~ModelApp._state_at` gives: the same update, in the export engine's form.

Opt-in: an app that names integer or grid sliders (``IntSlider``, ``SelectionSlider``) in
``BROWSER_CONTROLS`` is drawn by a :class:`~virtlab_widgets.apps.browserfigure.BrowserFigure`
instead of a FigureWidget. For every position those sliders reach (the other controls as they
are), :meth:`~ModelApp._state_at` is computed once and sent with the figure, so a move of such a
slider is answered in the browser by the state engine the kernel-less pages run. The slider's
value still syncs to Python, which keeps ``values``, ``summary_text()`` and ``figure`` (a plain
``Figure``, brought up to date when read) in step. A change of any other control recomputes
the states in the kernel and sends them again (one message).
"""
from __future__ import annotations

import html
import json
import numbers
from collections.abc import Collection, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import Any, ClassVar, Self

import ipywidgets as W
import plotly.graph_objects as go
import plotly.io as pio

from ..export import Dim, State, engine_path, interactive_html, static_mode
from ..figures.common import TraceUpdate, apply_traces, by_position, trace_positions
from ..text import t
from ..validate import check_choice, check_number
from .browserfigure import BrowserFigure
from .controls import App, figure_widget, summary, summary_html
from .static_export import fixed_note, model_app_dims

PLOTLY_MIME = "application/vnd.plotly.v1+json"
BROWSER_SLIDERS = (W.IntSlider, W.SelectionSlider)


def check_control(control: W.Widget, value: Any, name: str) -> Any:
    """``value`` checked against what ``control`` accepts (its range, its options)."""
    if isinstance(control, W.Checkbox):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, got {value!r}")
        return value
    if isinstance(control, (W.Dropdown, W.ToggleButtons, W.SelectionSlider)):
        options = [v for _, v in control.options]
        if not all(isinstance(v, str) for v in options):
            if not any(type(value) is type(v) and value == v for v in options):  # 1 is not True
                raise ValueError(f"{name} must be one of {options}, got {value!r}")
            return value
        return check_choice(value, name, options)
    if isinstance(control, W.IntSlider):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
        return int(check_number(value, name, control.min, control.max))
    if isinstance(control, W.FloatSlider):
        return check_number(value, name, control.min, control.max)
    raise TypeError(f"control {name!r} of type {type(control).__name__} cannot be set from code")


def _link(slider: W.Widget) -> tuple[str, int]:
    """(trait, offset) that ties a browser-answered slider to its figure: a position is trait − offset."""
    return ("index", 0) if isinstance(slider, W.SelectionSlider) else ("value", slider.min)


class ModelApp(App):
    """Controls in ``self.controls`` (name → widget), one figure, a summary line (see the module doc)."""

    BROWSER_CONTROLS: ClassVar[tuple[str, ...]] = ()
    """Integer or grid sliders whose moves are answered in the browser (see the module docstring)."""
    BROWSER_REDRAW: ClassVar[bool | None] = None
    """How the browser answers such a move: None redraws the figure (``Plotly.react``) when a state
    changes some trace's text, False only moves the traces that change (a zero-length animation)."""
    SUMMARY_ABOVE: ClassVar[bool] = False
    """A browser-answered app's summary line above its figure instead of below it."""

    controls: dict[str, W.Widget]
    summary: W.HTML
    view: BrowserFigure | None = None
    _figure: go.Figure | go.FigureWidget
    _positions: dict[str, int]         # trace id -> place in the figure (and in the states)
    _stale = False                     # browser-drawn: Python's copy of the figure waits to be read
    _building = False                  # visiting states: the figure, the view and the states stay
    _pending: set[str] | None = None   # controls changed inside _one_update()
    _browser_grid: list[list] | None = None  # the browser-answered sliders' positions the view has states for

    def _finish(self, figure: go.Figure, rows: list[W.Widget], extra: Sequence[W.Widget] = ()) -> None:
        """Wrap ``figure`` once, lay out ``rows`` above it and start listening to controls."""
        self.summary = summary()
        self._positions = trace_positions(figure)
        if self.BROWSER_CONTROLS and not static_mode():  # kernel-less pages draw their own states
            for name in self.BROWSER_CONTROLS:
                if not isinstance(self.controls.get(name), BROWSER_SLIDERS):
                    raise TypeError(f"{type(self).__name__}.BROWSER_CONTROLS names {name!r}, not an integer slider "
                                    "(IntSlider or SelectionSlider)")
            self._figure = go.Figure(figure)  # the figure as drawn now; the browser draws the widget
            self.view = BrowserFigure(self.BROWSER_CONTROLS)
            for name, control in self.controls.items():  # recomputing every state: once, on release
                if name not in self.BROWSER_CONTROLS and isinstance(control, (W.IntSlider, W.FloatSlider)):
                    control.continuous_update = False
            shown: list[W.Widget] = [self.view]
        else:
            self._figure = figure_widget(figure)
            shown = [self._figure, self.summary]
        self.widget = W.VBox([*rows, *shown, *extra])
        for name, control in self.controls.items():
            control.observe(partial(self._control_changed, name), names="value")
        self._refresh()
        if self.view is not None:
            for name in self.BROWSER_CONTROLS:
                W.jslink((self.controls[name], _link(self.controls[name])[0]), (self.view, f"i_{name}"))

    # --- what a demo implements (and summary_text) ---------------------------------------------
    def _restyle(self) -> TraceUpdate:  # pragma: no cover
        """The figure's traces for the current values, by trace id."""
        raise NotImplementedError

    def _relayout_update(self) -> dict:
        """Hook: ``plotly_relayout`` arguments for the current values (titles, ranges, shapes)."""
        return {}

    def _before_refresh(self) -> None:
        """Hook: recompute cached model results and the app's other widgets (before every update)."""

    # --- the public API ---------------------------------------------------------------------
    @property
    def figure(self) -> go.Figure | go.FigureWidget:
        """The figure as drawn now: the FigureWidget shown, or (browser-answered) a plain Figure."""
        if self._stale:
            self._stale = False
            self._draw()
        return self._figure

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def set(self, **values: Any) -> Self:
        """Change controls from code, e.g. ``app.set(vms=8)``; bad values raise ValueError/TypeError."""
        self._set(values)
        return self

    def static_html(self) -> str:
        """This demo without a kernel: its figure with plotly sliders and menus over precomputed
        states; controls the page cannot change are named under it. Every control ends as it was."""
        dims = self._static_dims()
        note = fixed_note([c for name, c in self.controls.items() if name not in {d.name for d in dims}])
        saved = self.values
        self._building = True
        try:
            return interactive_html(go.Figure(self.figure), dims, self._static_state, sep=t("sum.sep"), note=note)
        finally:
            self._set(saved)
            self._building = False

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if not static_mode() and isinstance(bundle, dict):
            # A frontend without the widget manager (jupyterlab-rise: ipywidgets 8's manager
            # fails to load there) shows the figure as it was drawn, not the widget's repr.
            # JupyterLab prefers the widget view (rank -10 < plotly's 2): its view is unchanged.
            bundle[PLOTLY_MIME] = json.loads(pio.to_json(self.figure, validate=False))
        return bundle

    # --- states: the browser's and the kernel-less page's ---------------------------------------
    def _state_at(self, values: dict) -> State:
        """What the app shows for ``values`` (other controls as they are): its update, in the export
        engine's form (trace positions, engine paths, the summary's parts as HTML)."""
        self._set(values)
        return State(data=by_position(self._positions, self._restyle()),
                     layout={engine_path(k): v for k, v in self._relayout_update().items()},
                     summary=self._summary_parts())

    def _summary_parts(self) -> list[str]:
        """The summary line's parts as HTML (the browser and the kernel-less page join them)."""
        return [html.escape(p) for p in self.summary_text().split(t("sum.sep"))]

    def _static_dims(self) -> list[Dim]:
        """The kernel-less page's controls: every menu, sliders sampled, within a budget of states."""
        return model_app_dims(self.controls)

    def _static_state(self, values: dict) -> State:
        """One state of the kernel-less page (:meth:`_state_at`, unless the app chooses its own dims)."""
        return self._state_at(values)

    def _browser_parts(self) -> list[go.Figure]:
        """The figures the browser draws one below the other (their traces in the figure's order)."""
        return [self.figure]

    # --- updates ------------------------------------------------------------------------------
    def _set(self, values: dict) -> None:
        unknown = set(values) - set(self.controls)
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)}; this app has {sorted(self.controls)}")
        checked = {k: check_control(self.controls[k], v, k) for k, v in values.items()}
        with self._one_update():
            for name, value in checked.items():
                self.controls[name].value = value
        if self.view is not None and not self._building:
            # the browser links slider and figure itself; this keeps the kernel's copy in step
            for name in self.BROWSER_CONTROLS:
                trait = _link(self.controls[name])[0]
                setattr(self.view, f"i_{name}", getattr(self.controls[name], trait))

    @contextmanager
    def _one_update(self) -> Iterator[None]:
        """Control changes inside are answered by one update at the end (nested: by the outermost)."""
        if self._pending is not None:
            yield
            return
        self._pending = set()
        try:
            yield
        finally:
            changed, self._pending = self._pending, None
            if changed:
                self._refresh(changed)

    def _control_changed(self, name: str, _change: dict) -> None:
        if self._pending is not None:
            self._pending.add(name)
        else:
            self._refresh({name})

    def _refresh(self, changed: Collection[str] | None = None) -> None:
        """Update the figure and the summary after ``changed`` controls moved (None: any)."""
        outer, self._pending = self._pending, set()
        try:
            self._before_refresh()  # controls it moves (a slider's grid) are part of this update
        finally:
            self._pending = outer
        if self._building:
            return
        if self.view is not None:
            self._stale = True
        else:
            self._draw()
        self.summary.value = summary_html(self.summary_text())
        if self.view is not None and (changed is None or any(c not in self.BROWSER_CONTROLS for c in changed)
                                      or self._browser_positions() != self._browser_grid):  # e.g. a slider's new grid
            self._show_states()

    def _draw(self) -> None:
        with self._figure.batch_update():
            apply_traces(self._figure, self._restyle())
            self._figure.update_layout(self._relayout_update())

    def _browser_positions(self) -> list[list]:
        """The values each browser-answered slider can take, in order."""
        return [[v for _, v in c.options] if isinstance(c, W.SelectionSlider) else list(range(c.min, c.max + 1))
                for c in (self.controls[name] for name in self.BROWSER_CONTROLS)]

    def _browser_dims(self) -> list[Dim]:
        """Every position of each browser-answered slider."""
        return [Dim(name, self.controls[name].description, values, [f"{v:,}" for v in values],
                    values.index(self.controls[name].value))
                for name, values in zip(self.BROWSER_CONTROLS, self._browser_positions())]

    def _show_states(self) -> None:
        """Send every state of the browser-answered sliders (other controls as they are now)."""
        assert self.view is not None
        saved = {name: self.controls[name].value for name in self.BROWSER_CONTROLS}
        parts, dims = self._browser_parts(), self._browser_dims()
        self._browser_grid = [list(d.values) for d in dims]
        self._building = True
        try:
            with ExitStack() as held:  # the sliders visit every value: tell the browser only the last
                for name in self.BROWSER_CONTROLS:
                    held.enter_context(self.controls[name].hold_sync())
                self.view.show(parts, dims, self._state_at, sep=t("sum.sep"), summary_first=self.SUMMARY_ABOVE,
                               offsets={name: _link(self.controls[name])[1] for name in self.BROWSER_CONTROLS},
                               redraw=self.BROWSER_REDRAW)
                self._set(saved)
        finally:
            self._building = False
