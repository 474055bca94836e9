"""Widget helpers shared by every app: labelled controls, summary line, figure widget, and the
base of every app (:class:`App`; the demos' contract is :class:`~virtlab_widgets.apps.base.ModelApp`)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import ipywidgets as W
import plotly.graph_objects as go

from ..export import static_mode
from ..jupyter.a11y import with_slider_labels
from ..jupyter.figurewidget import FigureWidget
from ..jupyter.static_display import widget_html
from ..models import presets as P
from ..style import font_size
from ..text import label, t

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
    """Base of every app: ``self.widget`` is what the notebook shows, ``summary_text()`` its one line."""

    widget: W.Widget

    def summary_text(self) -> str:  # pragma: no cover - every app overrides it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        if static_mode():  # kernel-less build (VIRTLAB_STATIC=1): a figure, never a dead slider
            try:
                text = self.summary_text()
            except Exception:  # noqa: BLE001 - a repr must never raise
                text = type(self).__name__
            return {"text/html": self.static_html(), "text/plain": text}
        return self.widget._repr_mimebundle_(**kwargs)

    def static_html(self) -> str:
        """This app without a kernel: its widgets as inert HTML (a demo draws its figure instead)."""
        return f'<div class="virtlab-static">{widget_html(self.widget)}</div>'
