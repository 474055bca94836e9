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


@dataclass
class _Scale:
    font: int = 13
    line: float = 2.5
    marker: int = 12


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
    return f"<style id='virtlab-present'>:root{{{rules}}} .widget-html, .widget-label {{font-size:var(--jp-widgets-font-size)}}</style>"


def present(on: bool = True) -> None:
    """Projector mode: larger fonts, lines and markers for figures created from now on, and
    (in a notebook) larger sliders, menus, buttons and labels for every widget on the page."""
    global _scale
    _scale = _Scale(font=20, line=4.0, marker=18) if on else _Scale()
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - plain Python: figures only
        return
    if get_ipython() is not None and type(get_ipython()).__name__ != "TerminalInteractiveShell":
        display(HTML(widget_css(on)))


if os.environ.get("VIRTLAB_PRESENT", "").strip() not in ("", "0"):  # the slide build
    _scale = _Scale(font=20, line=4.0, marker=18)


def font_size() -> int:
    return _scale.font


def line_width() -> float:
    return _scale.line


def marker_size() -> int:
    return _scale.marker


def base_layout(height: int = 420, **extra) -> dict:
    """Layout shared by every figure: white template, readable fonts, legend below."""
    layout = dict(
        template="plotly_white",
        height=height,
        font=dict(size=font_size(), family="Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"),
        margin=dict(l=60, r=20, t=50, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0),
        hoverlabel=dict(font_size=font_size()),
    )
    layout.update(extra)
    return layout
