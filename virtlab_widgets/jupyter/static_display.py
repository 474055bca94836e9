"""How things display in a kernel-less build (``VIRTLAB_STATIC=1``, see :mod:`virtlab_widgets.export`).

Apps render themselves without widgets (``App._repr_mimebundle_``; an app without a figure as
:func:`widget_html`). :func:`install` makes everything else a notebook displays kernel-less too:
a plain ``go.Figure`` becomes a div and a script (plotly.js comes from the page, once, not
inlined per figure), and a bare ipywidget (not an app) becomes inert HTML, never a dead control.
It patches ``ipywidgets.Widget._repr_mimebundle_``, so it is installed only in the build's
kernels: :func:`install_if_static` runs when ``virtlab_widgets.apps`` is imported.
"""
from __future__ import annotations

import html

import ipywidgets as W
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from ..export import figure_html, static_mode


def widget_html(widget: W.Widget) -> str:
    """A readable, inert HTML rendering of a widget tree (labels, texts, options as lists)."""
    if isinstance(widget, go.FigureWidget):
        return figure_html(go.Figure(widget))
    if isinstance(widget, W.Box):
        tag = "div style='display:flex;flex-wrap:wrap;gap:4px 16px'" if isinstance(widget, W.HBox) else "div"
        return f"<{tag}>" + "".join(widget_html(c) for c in widget.children) + "</div>"
    if isinstance(widget, (W.HTML, W.HTMLMath)):
        return f"<div>{widget.value}</div>"
    if isinstance(widget, W.Label):
        return f"<div>{html.escape(widget.value)}</div>"
    if isinstance(widget, (W.Dropdown, W.RadioButtons, W.ToggleButtons, W.Select)):
        items = "".join(f"<li>{html.escape(str(label))}</li>" for label, value in widget._options_full
                        if value is not None)
        head = f"<b>{html.escape(widget.description)}</b>" if widget.description else ""
        return f"<div>{head}<ul>{items}</ul></div>"
    if isinstance(widget, (W.IntSlider, W.FloatSlider, W.Checkbox)):
        return f"<div>{html.escape(widget.description)}: {html.escape(str(widget.value))}</div>"
    return ""  # buttons, outputs: nothing to show without a kernel


class StaticRenderer(MimetypeRenderer):
    """Plotly renderer for kernel-less builds: a div + script, plotly.js loaded by the page."""

    def to_mimebundle(self, fig_dict):
        return {"text/html": figure_html(go.Figure(fig_dict))}


def _widget_bundle(widget: W.Widget, **_kwargs) -> dict:
    """Kernel-less display of a bare ipywidget (not an App): inert HTML, never a dead control."""
    return {"text/html": f'<div class="virtlab-static">{widget_html(widget)}</div>',
            "text/plain": type(widget).__name__}


def install() -> None:
    """Plain figures without plotly.js per figure, bare widgets as inert HTML."""
    pio.renderers["virtlab_static"] = StaticRenderer()
    pio.renderers.default = "virtlab_static"
    W.Widget._repr_mimebundle_ = _widget_bundle


def install_if_static() -> None:
    """:func:`install` in a kernel-less build's kernel (``VIRTLAB_STATIC`` set)."""
    if static_mode():
        install()
