"""A base for the small model apps: named controls → model → in-place figure update.

A subclass builds its controls and figure, then calls :meth:`ModelApp._finish`. Every
change of a control calls :meth:`ModelApp._refresh`, which asks the subclass for one
``plotly_restyle`` update (:meth:`ModelApp._restyle`) and the summary line
(:meth:`ModelApp.summary_text`). :meth:`ModelApp.set` changes controls from code and
checks each value against the control's own range, so bad values raise a clear error.

Opt-in: a subclass that names integer sliders in ``BROWSER_CONTROLS`` (e.g. a count) is drawn
by a :class:`~virtlab_widgets.apps.browserfigure.BrowserFigure` instead of a FigureWidget. For
every value those sliders reach, the app's own update (:meth:`ModelApp._restyle` as
:func:`virtlab_widgets.static.restyle_state`, the kernel-less page's form, plus
:meth:`ModelApp._relayout_update` and the summary) is computed once and sent with the figure, so
a move of such a slider is answered in the browser by the state engine the kernel-less pages
run; the slider's value still syncs to Python, which keeps ``app.figure`` (a plain ``Figure``),
``app.values`` and ``summary_text()`` in step. A change of any other control recomputes the
states in the kernel and sends them again (one message).
"""
from __future__ import annotations

import html
import numbers
import re
from collections.abc import Sequence
from contextlib import ExitStack
from typing import ClassVar

import ipywidgets as W
import plotly.graph_objects as go

from ..static import Dim, State, restyle_state, static_mode
from ..text import t
from ..validate import check_choice, check_number
from .browserfigure import BrowserFigure
from .controls import App, figure_widget, summary, summary_html


def check_control(control: W.Widget, value, name: str):
    """``value`` checked against what ``control`` accepts (its range, its options)."""
    if isinstance(control, W.Checkbox):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, got {value!r}")
        return value
    if isinstance(control, (W.Dropdown, W.ToggleButtons)):
        options = [v for _, v in control.options]
        if not all(isinstance(v, str) for v in options):
            if value not in options:
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


class ModelApp(App):
    """Controls in ``self.controls`` (name → widget), one figure, a summary line."""

    BROWSER_CONTROLS: ClassVar[tuple[str, ...]] = ()
    """Integer sliders whose moves are answered in the browser (see the module docstring); such an
    app gives its layout changes in :meth:`_relayout_update`, not by overriding :meth:`_relayout`."""

    controls: dict[str, W.Widget]
    figure: go.Figure | go.FigureWidget
    summary: W.HTML
    view: BrowserFigure | None = None
    _building = False  # visiting the browser's states: no figure update, no new states
    _holding = False   # a kernel-less export visits values and restores them: keep the states

    def _finish(self, figure: go.Figure, rows: list[W.Widget], extra: Sequence[W.Widget] = ()) -> None:
        """Wrap ``figure`` once, lay out ``rows`` above it and start listening to controls."""
        self.summary = summary()
        if self.BROWSER_CONTROLS and not static_mode():  # kernel-less pages draw their own states
            for name in self.BROWSER_CONTROLS:
                if not isinstance(self.controls.get(name), W.IntSlider):
                    raise TypeError(f"{type(self).__name__}.BROWSER_CONTROLS names {name!r}, not an integer slider")
            self.figure = go.Figure(figure)  # the figure as drawn now; the browser draws the widget
            self.view = BrowserFigure(self.BROWSER_CONTROLS)
            for name, control in self.controls.items():  # recomputing every state: once, on release
                if name not in self.BROWSER_CONTROLS and isinstance(control, (W.IntSlider, W.FloatSlider)):
                    control.continuous_update = False
            shown: list[W.Widget] = [self.view]
        else:
            self.figure = figure_widget(figure)
            shown = [self.figure, self.summary]
        self.widget = W.VBox([*rows, *shown, *extra])
        for control in self.controls.values():
            control.observe(self._refresh, names="value")
        self._refresh()
        if self.view is not None:
            for name in self.BROWSER_CONTROLS:
                W.jslink((self.controls[name], "value"), (self.view, f"i_{name}"))

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def set(self, **values) -> ModelApp:
        """Change controls from code, e.g. ``app.set(vms=8)``; bad values raise ValueError/TypeError."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)}; this app has {sorted(self.controls)}")
        checked = {k: check_control(self.controls[k], v, k) for k, v in values.items()}
        for name, value in checked.items():
            self.controls[name].value = value
        if self.view is not None and not self._building:
            # the browser links slider and figure itself; this keeps the kernel's copy in step
            for name in self.BROWSER_CONTROLS:
                setattr(self.view, f"i_{name}", self.controls[name].value)
        return self

    def static_html(self) -> str:
        """The kernel-less rendering; it restores every control, so the browser's states stay valid."""
        self._holding = True
        try:
            return super().static_html()
        finally:
            self._holding = False

    def summary_text(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _restyle(self) -> tuple[dict, list[int]]:  # pragma: no cover
        raise NotImplementedError

    def _before_refresh(self) -> None:
        """Hook: recompute cached model curves (called before every update)."""

    def _refresh(self, change=None) -> None:
        self._before_refresh()
        if self._building:  # visiting states for the browser: the figure stays as drawn
            return
        with self.figure.batch_update():
            self.figure.plotly_restyle(*self._restyle())
            self._relayout()
        self.summary.value = summary_html(self.summary_text())
        if self.view is not None and not self._holding and (
                change is None or change["owner"] not in [self.controls[n] for n in self.BROWSER_CONTROLS]):
            self._show_states()

    def _browser_dims(self) -> list[Dim]:
        """Every position of each browser-answered slider (index = value − the slider's minimum)."""
        dims = []
        for name in self.BROWSER_CONTROLS:
            c = self.controls[name]
            values = list(range(c.min, c.max + 1))
            dims.append(Dim(name, c.description, values, [str(v) for v in values], c.value - c.min))
        return dims

    def _browser_state(self, values: dict) -> State:
        """What the app sends its figure for ``values`` (the restyle of the kernel-less page,
        :func:`~virtlab_widgets.static.restyle_state`, and the relayout), summary parts as HTML."""
        self.set(**values)
        layout = {_engine_path(k): v for k, v in self._relayout_update().items()}
        return State(data=restyle_state(self._restyle()), layout=layout,
                     summary=[html.escape(p) for p in self.summary_text().split(t("sum.sep"))])

    def _show_states(self) -> None:
        """Send every state of the browser-answered sliders (other controls as they are now)."""
        assert self.view is not None
        saved = {name: self.controls[name].value for name in self.BROWSER_CONTROLS}
        dims = self._browser_dims()
        sliders = [self.controls[name] for name in self.BROWSER_CONTROLS]
        self._building = True
        try:
            with ExitStack() as held:  # the sliders visit every value: tell the browser only the last
                for slider in sliders:
                    held.enter_context(slider.hold_sync())
                self.view.show([self.figure], dims, self._browser_state, sep=t("sum.sep"), summary_first=False,
                               offsets={name: self.controls[name].min for name in self.BROWSER_CONTROLS},
                               redraw=None)  # redrawn where text labels change with the count
                self.set(**saved)
        finally:
            self._building = False

    def _relayout(self) -> None:
        """Hook: small layout changes (titles, shapes) inside the same batch update."""
        update = self._relayout_update()
        if update:
            self.figure.plotly_relayout(update)

    def _relayout_update(self) -> dict:
        """Hook: ``plotly_relayout`` arguments for the current values (used by :meth:`_relayout`
        and, in the browser, per state of ``BROWSER_CONTROLS``)."""
        return {}


def _engine_path(path: str) -> str:
    """A plotly.py path (``"shapes[0].x0"``) as the state engine spells it (``"shapes.0.x0"``)."""
    return re.sub(r"\[(\d+)\]", r".\1", path)
