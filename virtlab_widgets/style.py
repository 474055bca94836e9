"""One look for every figure: colour-blind-safe colours (Okabe–Ito), fonts, presenter mode."""
from __future__ import annotations

import os
from dataclasses import dataclass

# Okabe & Ito (2008) palette: distinguishable with the common colour-vision deficiencies.
COLORS = {
    "vm": "#0072B2",          # blue
    "container": "#E69F00",   # orange
    "process": "#009E73",     # bluish green
    "microvm": "#56B4E9",     # sky blue
    "host": "#000000",        # black: capacity lines
    "warn": "#D55E00",        # vermillion: overcommit, failures
    "accent": "#CC79A7",      # reddish purple
    "muted": "#7F7F7F",
}
SYMBOLS = {"vm": "square", "container": "circle", "process": "diamond", "now": "star"}
DASHES = {"vm": "solid", "container": "dash", "process": "dot"}
OVERCOMMIT_FILL = "rgba(213, 94, 0, 0.12)"


BASE_FONT = 13
"""Font size (px) of every figure's text in normal mode; :func:`present` raises it."""
PRESENT_FONT = 20


@dataclass
class _Scale:
    font: int = BASE_FONT
    line: float = 2.5
    marker: int = 12


_PRESENT = _Scale(font=PRESENT_FONT, line=4.0, marker=18)
_scale = _Scale()

# ipywidgets' own CSS variables, enlarged for a projector (and their defaults, to switch back).
_WIDGET_CSS = {True: {"--jp-widgets-font-size": "20px", "--jp-widgets-inline-height": "40px",
                      "--jp-widgets-inline-label-width": "200px", "--jp-widgets-slider-handle-size": "24px",
                      "--jp-widgets-slider-track-thickness": "8px", "--jp-widgets-inline-width-short": "110px"},
               False: {"--jp-widgets-font-size": "var(--jp-ui-font-size1)", "--jp-widgets-inline-height": "28px",
                       "--jp-widgets-inline-label-width": "80px", "--jp-widgets-slider-handle-size": "16px",
                       "--jp-widgets-slider-track-thickness": "4px", "--jp-widgets-inline-width-short":
                       "calc(var(--jp-widgets-inline-width) / 2 - var(--jp-widgets-margin))"}}


def widget_css(on: bool = True) -> str:
    """A <style> that sets the widget size variables for the whole page (projector or default)."""
    rules = ";".join(f"{k}:{v}" for k, v in _WIDGET_CSS[bool(on)].items())
    return (f"<style id='virtlab-present'>:root{{{rules}}} .widget-html, .widget-label "
            "{font-size:var(--jp-widgets-font-size)} .widget-html code {font-size:0.92em}</style>")


def present(on: bool = True) -> None:
    """Projector mode: larger fonts, lines and markers for figures created from now on (their
    margins, legend rows, gaps and height grow with the text: ``figures/common.fit_layout``),
    and (in a notebook) larger sliders, menus, buttons and labels for every widget on the page.
    ``present(False)`` switches back."""
    global _scale
    if not isinstance(on, bool):
        raise TypeError(f"present() takes True or False, got {on!r}")
    _scale = _PRESENT if on else _Scale()
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - plain Python: figures only
        return
    if get_ipython() is not None and type(get_ipython()).__name__ != "TerminalInteractiveShell":
        display(HTML(widget_css(on)))


if os.environ.get("VIRTLAB_PRESENT", "").strip() not in ("", "0"):  # the slide build
    _scale = _PRESENT


def font_size() -> int:
    return _scale.font


def line_width() -> float:
    return _scale.line


def marker_size() -> int:
    return _scale.marker


def em(k: float) -> int:
    """``k`` times the current font size, in whole pixels: margins, gaps and standoffs that
    must grow with the text in presenter mode."""
    return round(k * font_size())


def growth() -> float:
    """How much a figure's drawing area grows with the font: 1 normally, about 1.24 with
    :func:`present` (the square root of the font ratio, so text grows faster than the plot)."""
    return (font_size() / BASE_FONT) ** 0.5


FONT_FAMILY = "Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


def template():
    """plotly_white plus axis spacing that scales with the font (every axis of every subplot):
    tick labels stand off their axis so the two "0"s at the origin never touch, and axis
    titles keep a gap to their tick labels; margins grow to fit them (automargin)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    axis = dict(automargin=True, title=dict(standoff=em(0.5)))
    out = go.layout.Template(pio.templates["plotly_white"])  # a copy: the registered one stays as it is
    out.layout.update(xaxis=dict(axis, ticklabelstandoff=em(0.75)), yaxis=dict(axis, ticklabelstandoff=em(0.45)))
    return out


def base_layout(height: int = 420, **extra) -> dict:
    """Layout shared by every figure: white template, readable fonts, legend below.

    No ``width``: a figure fills its output area and follows it when it is resized
    (``jupyter/figurewidget.py``; the kernel-less pages draw with plotly's ``responsive``).
    Margins scale with the font; axis titles and tick labels push them further if needed.
    """
    layout = dict(
        template=template(),
        height=height,
        font=dict(size=font_size(), family=FONT_FAMILY),
        margin=dict(l=em(4.6), r=em(1.5), t=em(3.8), b=em(3.8)),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        hoverlabel=dict(font_size=font_size()),
    )
    layout.update(extra)
    return layout
