"""Helpers shared by the figure builders: traces by id, text widths and a layout that grows
with the font.

Every trace a builder draws carries an id (:func:`trace_positions`), and every in-place update
names the traces it changes (:data:`TraceUpdate`), so adding a trace renumbers nothing.

A figure has no fixed width: it fills its output area (``jupyter/figurewidget.py``; the
kernel-less pages use plotly's ``responsive``). Whatever must not collide is therefore
placed for the narrowest width a figure is expected at (:func:`narrow_width`), with text
widths estimated by :func:`text_width`; vertical space (margins, legend, height) is computed
from the font by :func:`fit_layout`, so :func:`virtlab_widgets.style.present` enlarges the
figure with its text instead of squeezing the plot.
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, TypeAlias, TypeVar

import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure, BaseTraceType

from ..style import em, font_size, growth

# --- traces by id -------------------------------------------------------------------------------
# A trace's id is its plotly ``meta`` (invisible unless a text template asks for ``%{meta}``).
# ``uid`` would be the natural place, but a FigureWidget replaces every uid with a random one;
# ``name`` is the translated legend text, and several traces share one.
TraceUpdate: TypeAlias = dict[str, dict[str, Any]]
"""Changes to a figure's traces by id: ``{trace id: {property path: value}}``, e.g.
``{"vm_now": {"x": [4], "marker.color": "#D55E00"}}``. Figure builders draw empty traces and
fill them with the same update the apps send later, so a figure and its in-place updates can
never disagree."""

AnyFigure = TypeVar("AnyFigure", bound=BaseFigure)


def trace_positions(fig: BaseFigure) -> dict[str, int]:
    """The place of every trace in ``fig.data``, by its id."""
    return {tr.meta: i for i, tr in enumerate(fig.data) if isinstance(tr.meta, str)}


def trace(fig: BaseFigure, trace_id: str) -> BaseTraceType:
    """The trace of ``fig`` with this id."""
    positions = trace_positions(fig)
    if trace_id not in positions:
        raise KeyError(f"no trace {trace_id!r} in this figure; it has {sorted(positions)}")
    return fig.data[positions[trace_id]]


def apply_traces(fig: AnyFigure, update: TraceUpdate) -> AnyFigure:
    """``fig`` with every value of ``update`` set (in place; returned for chaining). A
    FigureWidget inside ``batch_update()`` sends them to the browser as one message."""
    positions = trace_positions(fig)
    for trace_id, props in update.items():
        target = fig.data[positions[trace_id]]
        for path, value in props.items():
            target[path] = value
    return fig


def by_position(positions: dict[str, int], update: TraceUpdate) -> dict[tuple[int, str], Any]:
    """``update`` keyed by (trace position, property path), the state engine's form
    (:attr:`virtlab_widgets.export.State.data`)."""
    return {(positions[trace_id], path): value for trace_id, props in update.items() for path, value in props.items()}


# --- text widths ------------------------------------------------------------------------------
# Advance widths in font sizes, measured in Chromium with the figures' font stack where the
# fallback fonts are DejaVu Sans (Latin; one of the widest) and Noto Sans CJK (Hangul): an
# estimate that errs on the wide side on Windows (Malgun Gothic) and macOS.
_WIDTHS = {"wide": 0.95, "upper": 0.69, "lower": 0.57, "digit": 0.64, "space": 0.32, "punct": 0.46,
           "symbol": 0.9}
_BOLD = 1.12  # bold Latin and digits; Hangul keeps its width
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
LINE_HEIGHT = 1.3
"""Height of one line of text, in font sizes (plotly's own line spacing)."""


def text_lines(text: str) -> list[str]:
    """The visible lines of a plotly label: split at ``<br>``, tags dropped, entities decoded."""
    return [html.unescape(_TAG.sub("", line)) for line in _BREAK.split(str(text))]


def _char_width(ch: str) -> tuple[float, bool]:
    """(width in font sizes, grows when bold) of one character."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDTHS["wide"], False
    if ch.isspace():
        return _WIDTHS["space"], False
    if ch.isdigit():
        return _WIDTHS["digit"], True
    if ch.isalpha() and ch.isascii():
        return (_WIDTHS["upper"] if ch.isupper() else _WIDTHS["lower"]), True
    if ch.isascii():
        return _WIDTHS["punct"], True
    return _WIDTHS["symbol"], False


def text_width(text: str, size: float | None = None, bold: bool | None = None) -> float:
    """Estimated width (px) of the longest line of a plotly label at font ``size`` (default:
    the figures' font). ``bold`` defaults to whether the label is wrapped in ``<b>``."""
    if size is not None and (isinstance(size, bool) or not isinstance(size, (int, float)) or size <= 0):
        raise ValueError(f"font size must be a positive number, got {size!r}")
    size = font_size() if size is None else size
    bold = "<b>" in str(text) if bold is None else bold
    widest = 0.0
    for line in text_lines(text):
        total = 0.0
        for ch in line:
            w, grows = _char_width(ch)
            total += w * (_BOLD if bold and grows else 1.0)
        widest = max(widest, total)
    return widest * size


def text_height(text: str, size: float | None = None) -> float:
    """Height (px) of a plotly label with its ``<br>`` lines at font ``size``."""
    size = font_size() if size is None else size
    return len(text_lines(text)) * LINE_HEIGHT * size


def wrap_label(text: str, max_px: float, size: float | None = None) -> str:
    """``text`` broken with ``<br>`` at spaces so that no line is wider than ``max_px``
    (a single word wider than that stays whole)."""
    lines: list[str] = []
    for word in str(text).split(" "):
        if lines and text_width(lines[-1] + " " + word, size) <= max_px:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def narrow_width() -> int:
    """The narrowest figure width (px) labels are placed for: 700 px at the normal font (an
    output area in a 1024-px window), 42 font sizes (840 px) in presenter mode, the output area
    of a 1280-px projector. Wider output areas only add room."""
    return max(700, em(42))


# --- vertical layout ----------------------------------------------------------------------------
def _legend_items(fig: go.Figure) -> list[str]:
    """Names of the entries plotly will show in the legend."""
    if fig.layout.showlegend is False:
        return []
    items = [tr.name or "" for tr in fig.data if tr.showlegend is not False and tr.visible is not False]
    if len(items) < 2 and fig.layout.showlegend is not True:
        return []  # plotly hides the legend of a single trace
    return items


def legend_rows(items: list[str], width: float | None = None) -> int:
    """Rows a horizontal legend of ``items`` wraps into at ``width`` px (default: narrow)."""
    width = (narrow_width() if width is None else width) - em(2)
    rows, used = 0, width
    for name in items:
        need = em(3.2) + text_width(name)  # symbol, gaps and text
        if used + need > width:
            rows, used = rows + 1, 0.0
        used += need
    return rows


def legend_height(fig: go.Figure) -> int:
    """Pixels the horizontal legend of ``fig`` needs below the plot: its rows at
    :func:`narrow_width` (0 without a legend). For anything placed under a figure's legend."""
    return round(legend_rows(_legend_items(fig)) * 1.5 * font_size())


def _subplot_titles(fig: go.Figure) -> list:
    """The annotations make_subplots puts above its top row of subplots."""
    return [a for a in fig.layout.annotations
            if a.xref == "paper" and a.yref == "paper" and a.yanchor == "bottom" and a.y is not None and a.y >= 0.99
            and not a.showarrow]


def fit_layout(fig: go.Figure, plot_height: float, *, x_title: bool = True, x_ticks: bool = True,
               top_lines: float = 0, grow: bool = True) -> go.Figure:
    """Size ``fig`` around a plot area of ``plot_height`` px (at the normal font; grows with
    :func:`virtlab_widgets.style.growth` in presenter mode unless ``grow`` is False: a plot
    whose height was already computed from the font).

    From the top: the title, the subplot titles (wrapped to their subplot's width), ``top_lines``
    lines of annotations above the plot (e.g. a label on a vertical line), the plot; below it
    the x tick labels, the x axis title (unless ``x_title`` is False; neither without
    ``x_ticks``), then the legend with as many rows as its entries need at :func:`narrow_width`.
    Rotated y axis titles are wrapped to the plot's height. Every gap is a multiple of the font
    size, so nothing moves into anything else when the font grows.
    """
    if isinstance(plot_height, bool) or not isinstance(plot_height, (int, float)) or plot_height <= 0:
        raise ValueError(f"plot_height must be a positive number of pixels, got {plot_height!r}")
    fs = font_size()
    plot = round(plot_height * (growth() if grow else 1))
    top = em(0.7)
    title_size = round(fs * 1.25)
    if fig.layout.title.text:  # wrapped to the narrowest width, every line counted
        fig.layout.title.text = wrap_label(" ".join(text_lines(fig.layout.title.text)), narrow_width() - em(2),
                                           title_size)
        top += round(text_height(fig.layout.title.text, title_size)) + em(0.5)
    subtitles = _subplot_titles(fig)
    if subtitles:
        size = fs + 1
        domains = [ax.domain or (0, 1) for ax in fig.select_xaxes()]
        for a in subtitles:  # wrapped to the width of their subplot at the narrowest
            span = next((d[1] - d[0] for d in domains if d[0] - 1e-9 <= a.x <= d[1] + 1e-9), 1.0)
            a.update(font_size=size, yshift=em(0.3),
                     text=wrap_label(" ".join(text_lines(a.text)), span * (narrow_width() - em(4)), size))
        top += round(max(text_height(a.text, size) for a in subtitles)) + em(0.3)
    top += round(top_lines * LINE_HEIGHT * fs)
    below = em(0.75) + round(LINE_HEIGHT * fs) if x_ticks else 0  # tick labels with their standoff
    if x_title and x_ticks:
        below += em(0.5) + round(LINE_HEIGHT * fs)
    legend = legend_height(fig)
    bottom = below + (em(0.6) + legend if legend else em(0.5))
    height = plot + top + bottom
    for axis in fig.select_yaxes():  # a rotated title no longer than its axis
        if axis.title.text:
            span = (axis.domain[1] - axis.domain[0]) if axis.domain else 1.0
            axis.title.text = wrap_label(" ".join(text_lines(axis.title.text)), span * plot - em(1))
    if fig.layout.title.text:  # the title's top edge a fixed distance below the figure's top
        fig.update_layout(title=dict(font=dict(size=title_size), y=1 - em(0.7) / height, yref="container",
                                     yanchor="top", x=0.01, xanchor="left", automargin=False))
    fig.update_layout(height=height, margin=dict(t=top, b=bottom, l=em(1), r=em(1.5)),
                      legend=dict(orientation="h", x=0, xanchor="left", y=-(below + em(0.6)) / plot,
                                  yanchor="top", yref="paper"))
    return fig
