"""A base for the small model apps: named controls → model → in-place figure update.

A subclass builds its controls and figure, then calls :meth:`ModelApp._finish`. Every
change of a control calls :meth:`ModelApp._refresh`, which asks the subclass for one
``plotly_restyle`` update (:meth:`ModelApp._restyle`) and the summary line
(:meth:`ModelApp.summary_text`). :meth:`ModelApp.set` changes controls from code and
checks each value against the control's own range, so bad values raise a clear error.
"""
from __future__ import annotations

import numbers
from collections.abc import Sequence

import ipywidgets as W
import plotly.graph_objects as go

from ..validate import check_choice, check_number
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
    """Controls in ``self.controls`` (name → widget), one FigureWidget, a summary line."""

    controls: dict[str, W.Widget]
    figure: go.FigureWidget
    summary: W.HTML

    def _finish(self, figure: go.Figure, rows: list[W.Widget], extra: Sequence[W.Widget] = ()) -> None:
        """Wrap ``figure`` once, lay out ``rows`` above it and start listening to controls."""
        self.figure = figure_widget(figure)
        self.summary = summary()
        self.widget = W.VBox([*rows, self.figure, self.summary, *extra])
        for control in self.controls.values():
            control.observe(self._refresh, names="value")
        self._refresh()

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
        return self

    def summary_text(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _restyle(self) -> tuple[dict, list[int]]:  # pragma: no cover
        raise NotImplementedError

    def _before_refresh(self) -> None:
        """Hook: recompute cached model curves (called before every update)."""

    def _refresh(self, _change=None) -> None:
        self._before_refresh()
        with self.figure.batch_update():
            self.figure.plotly_restyle(*self._restyle())
            self._relayout()
        self.summary.value = summary_html(self.summary_text())

    def _relayout(self) -> None:
        """Hook: small layout changes (titles, shapes) inside the same batch update."""
