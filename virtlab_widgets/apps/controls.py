"""Widget helpers shared by every app: labelled controls, summary line, figure widget."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html import escape

import ipywidgets as W
import plotly.graph_objects as go
import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from ..models import presets as P
from ..static import app_html, static_bundle, static_mode
from ..style import font_size
from ..text import label, t
from .a11y import with_slider_labels
from .figurewidget import FigureWidget

PLOTLY_MIME = "application/vnd.plotly.v1+json"
_WIDE = {"description_width": "initial"}


def count_slider(key: str, value: int, max_count: int) -> W.IntSlider:
    """An integer slider 0..max_count with a Korean label (also its accessible name)."""
    return W.IntSlider(value=value, min=0, max=max_count, step=1, description=t(key),
                       continuous_update=True, style=_WIDE, layout=W.Layout(width="min(100%, 460px)"))


def number_slider(key: str, value: float, low: float, high: float, step: float, fmt: str = ".0f",
                  **kw) -> W.FloatSlider:
    """A float slider with a Korean label and a fixed display format."""
    return W.FloatSlider(value=value, min=low, max=high, step=step, description=t(key, **kw),
                         readout_format=fmt, continuous_update=True, style=_WIDE,
                         layout=W.Layout(width="min(100%, 460px)"))


def _fit_dropdown() -> W.Layout:
    """A dropdown as wide as its label plus its longest option (the browser sizes a select to
    its options, in the current widget font, so presenter mode widens it too), never wider
    than the row: no option is cut off."""
    return W.Layout(width="max-content", max_width="100%")


def preset_dropdown(kind: str, value: str, key: str) -> W.Dropdown:
    """A dropdown over the presets of ``kind`` showing their Korean names."""
    return W.Dropdown(options=[(label(kind, name), name) for name in P.names(kind)], value=value,
                      description=t(key), style=_WIDE, layout=_fit_dropdown())


def choice_dropdown(key: str, options: Sequence[tuple[str, str | None]], value: str | None) -> W.Dropdown:
    """A dropdown over ``(label, value)`` pairs that are not presets (benchmarks, layers…)."""
    return W.Dropdown(options=options, value=value, description=t(key), style=_WIDE, layout=_fit_dropdown())


def keep_words(html: str) -> str:
    """``html`` (a table, a list) in a block that breaks Korean lines between words, not inside
    them (narrow columns in presenter mode), and long paths anywhere rather than overflowing."""
    return f"<div style='word-break:keep-all;overflow-wrap:anywhere'>{html}</div>"


_CODE = re.compile(r"`([^`]+)`")


def html_with_code(text: str) -> str:
    """``text`` escaped for widget HTML, with each `backticked` command as ``<code>…</code>``
    (widget HTML is not Markdown: literal backticks would show)."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escape(str(text)))


def summary() -> W.HTML:
    """The one-line text summary under a figure (announced to screen readers when it changes)."""
    return W.HTML(layout=W.Layout(margin="4px 0 0 0"))


def summary_html(text: str) -> str:
    """HTML for :func:`summary`: a polite live region so screen readers read updates."""
    return f'<div role="status" aria-live="polite" style="font-size:{font_size() + 2}px">{text}</div>'


def figure_widget(fig: go.Figure) -> go.FigureWidget:
    """A FigureWidget for ``fig`` (created once per app; later changes are restyles)."""
    return FigureWidget(fig)  # go.FigureWidget whose 5 MB JS is loaded once per page (figurewidget.py)


def row(*children: W.Widget) -> W.HBox:
    """Controls side by side, wrapping on narrow screens."""
    return W.HBox(with_slider_labels(list(children)),  # sliders get an accessible name (a11y.py)
                  layout=W.Layout(flex_flow="row wrap", align_items="center"))


class App:
    """Base of every app: ``self.widget`` is what the notebook shows."""

    widget: W.Widget

    def _repr_mimebundle_(self, **kwargs):
        if static_mode():  # kernel-less build (VIRTLAB_STATIC=1): a figure, never a dead slider
            return static_bundle(self)
        bundle = self.widget._repr_mimebundle_(**kwargs)
        figure = getattr(self, "figure", None)
        if isinstance(bundle, dict) and isinstance(figure, BaseFigure):
            # A frontend without the widget manager (jupyterlab-rise: ipywidgets 8's manager
            # fails to load there) shows the figure as it was drawn, not the widget's repr.
            # JupyterLab prefers the widget view (rank -10 < plotly's 2): its view is unchanged.
            bundle[PLOTLY_MIME] = json.loads(pio.to_json(figure, validate=False))
        return bundle

    def static_html(self) -> str:
        """This demo without a kernel: a plotly figure with its own sliders/menus (static.py)."""
        return app_html(self)
