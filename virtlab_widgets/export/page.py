"""The kernel-less page: a plotly figure with its own sliders and menus over precomputed states.

A static web page or an exported slide has no kernel, so ipywidgets there would be dead
sliders. :func:`interactive_html` draws the figure with plotly ``layout.sliders`` (counts) and
``layout.updatemenus`` (presets) whose positions are the state tables' combinations
(:mod:`virtlab_widgets.export.states`), and a ~1 kB inline script that, when a slider or menu
moves, looks up the combination of all controls and applies it with ``Plotly.react`` (so two
sliders combine correctly). plotly.js itself is NOT inlined: the page loads it once
(``window.Plotly``; the site puts ``assets/plotly.min.js`` in the page head).
"""
from __future__ import annotations

import hashlib
import html
import itertools
import json
from collections.abc import Callable

import plotly.graph_objects as go

from ..figures.common import narrow_width, text_width
from ..style import font_size
from .states import ENGINE_JS, Dim, State, apply_state, compact_json, state_tables

_GLUE = r"""
(function(){
var id=%(id)s, spec=%(spec)s;
var gd=document.getElementById(id), out=document.getElementById(id+"-summary");
if(!window.Plotly){gd.innerHTML='<p class="virtlab-noplotly">'+spec.noplotly+'</p>';return;}
var E=virtlabEngine;
function active(){var L=gd._fullLayout;return spec.dims.map(function(d){
 var box=d.kind==="slider"?L.sliders:L.updatemenus;return (box&&box[d.i]&&box[d.i].active)||0;});}
function apply(){var ix=active(),next=E.apply(spec,ix,gd.data,gd.layout);
 out.innerHTML=E.summary(spec,ix);gd.setAttribute("data-virtlab-state",ix.join(","));
 return Plotly.react(gd,next.data,next.layout,spec.config);}
Plotly.newPlot(gd,spec.figure.data,spec.figure.layout,spec.config).then(function(){
 gd.on("plotly_sliderchange",apply);gd.on("plotly_buttonclicked",apply);
 gd.setAttribute("data-virtlab-ready","1");});
})();
"""

_COUNTER = itertools.count()


def _menu_places(menus: list[Dim], margin: go.layout.Margin) -> tuple[list[tuple[int, float]], int]:
    """(row, x as a fraction of the plot's width) of each menu, left to right and wrapping, as
    wide as its longest option (plotly sizes a dropdown so) at the narrowest figure width."""
    fs = font_size()
    left = margin.l if margin.l is not None else 80
    right = margin.r if margin.r is not None else 80
    avail = narrow_width() - left - right
    places, row, x = [], 0, 0.0
    for d in menus:
        width = max(max(text_width(lab, fs) for lab in d.labels) + 2.6 * fs, text_width(f"<b>{d.label}</b>", fs))
        if x > 0 and x + width > avail:
            row, x = row + 1, 0.0
        places.append((row, x / avail))
        x += width + 1.2 * fs
    return places, (row + 1 if menus else 0)


def _controls_layout(fig: go.Figure, dims: list[Dim]) -> None:
    """Menus in rows above the plot (as many per row as fit), one slider per count below it."""
    menus = [d for d in dims if d.kind == "menu"]
    sliders = [d for d in dims if d.kind == "slider"]
    fs = font_size()
    places, menu_rows = _menu_places(menus, fig.layout.margin)
    row_px, slider_px = int(2.6 * fs + 50), int(3.2 * fs + 56)
    height = fig.layout.height or 450
    margin = fig.layout.margin
    top0, bottom0 = (margin.t if margin.t is not None else 50), (margin.b if margin.b is not None else 50)
    legend_px = 0
    if fig.layout.legend.y is not None and fig.layout.legend.y < 0 and fig.layout.showlegend is not False:
        legend_px = int(2.2 * fs + 20)
    top = top0 + menu_rows * row_px
    bottom = bottom0 + legend_px + len(sliders) * slider_px
    new_height = height + menu_rows * row_px + legend_px + len(sliders) * slider_px
    plot_px = new_height - top - bottom
    title = fig.layout.title
    title_px = (1 - title.y) * height if title.yref == "container" and title.y is not None else 8
    fig.update_layout(height=new_height, margin=dict(t=top, b=bottom + 10))
    if title.text:  # the menus go on top of the figure; the title keeps its place above the plot
        fig.update_layout(title=dict(y=1 - (title_px + menu_rows * row_px) / new_height, yanchor="top",
                                     yref="container"))
    updatemenus, annotations = [], []
    for d, (r, c) in zip(menus, places):
        # each row of menus in its own band above the figure's original top margin (which holds
        # its title and subplot titles): the dropdown on the band's floor, its label above it
        floor = top0 + (menu_rows - 1 - r) * row_px + 6
        annotations.append(dict(text=f"<b>{html.escape(d.label)}</b>", x=c, y=1 + (floor + 1.3 * fs + 16) / plot_px,
                                xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                                font=dict(size=fs)))
        updatemenus.append(dict(type="dropdown", direction="down", active=d.initial, x=c, xanchor="left",
                                y=1 + floor / plot_px, yanchor="bottom", showactive=True, font=dict(size=fs),
                                buttons=[dict(label=lab, method="skip", args=[None]) for lab in d.labels]))
    slider_list = []
    for k, d in enumerate(sliders):
        y = -(bottom0 + legend_px + k * slider_px) / plot_px
        slider_list.append(dict(
            active=d.initial, x=0, len=1, y=y, yanchor="top", pad=dict(t=10, b=10),
            currentvalue=dict(prefix=f"{d.label}: ", font=dict(size=fs + 1), xanchor="left"),
            font=dict(size=max(fs - 2, 10)),
            steps=[dict(label=lab, method="skip", args=[None], value=lab) for lab in d.labels]))
    if fig.layout.legend.y is not None and fig.layout.legend.y < 0:
        fig.update_layout(legend=dict(y=-(bottom0 - 8) / plot_px))
    fig.update_layout(updatemenus=updatemenus, sliders=slider_list,
                      annotations=list(fig.layout.annotations) + annotations)
    for group in (menus, sliders):
        for k, d in enumerate(group):
            d.slot = k


def interactive_html(fig: go.Figure, dims: list[Dim], state: Callable[[dict], State],
                     sep: str = " · ", note: str = "") -> str:
    """HTML for ``fig`` with sliders/menus over ``dims``; ``state(values)`` gives each combination.

    ``fig`` must show the initial combination (``dims[*].initial``); it is not modified.
    """
    tables = state_tables(fig, dims, state)
    shown = go.Figure(tables.figure)
    _controls_layout(shown, dims)
    apply_state(shown, State(layout=tables.first.layout), controls=True)
    body = compact_json(tables.spec(dims, sep, shown))
    div_id = "virtlab-" + hashlib.sha1(body.encode()).hexdigest()[:10] + f"-{next(_COUNTER)}"
    summary = sep.join(s for s in tables.summary if s)
    script = ENGINE_JS + _GLUE % {"id": json.dumps(div_id), "spec": body.replace("</", "<\\/")}
    note_style = f"color:#555;font-size:{font_size() - 1}px"
    note_html = f'<div class="virtlab-static-note" style="{note_style}">{note}</div>' if note else ""
    figure = (f'<div id="{div_id}" class="virtlab-figure" '
              f'style="width:100%;height:{shown.layout.height}px"></div>')
    status = (f'<div id="{div_id}-summary" class="virtlab-summary" role="status" aria-live="polite" '
              f'style="font-size:{font_size() + 2}px">{summary}</div>')
    return f'<div class="virtlab-static">{figure}{status}{note_html}</div><script>{script}</script>'


def figure_html(fig: go.Figure, summary: str = "", note: str = "") -> str:
    """A plain (non-interactive beyond hover/zoom) figure + its summary, plotly.js not inlined."""
    return interactive_html(fig, [], lambda _values: State(summary=[summary] if summary else []), note=note)

