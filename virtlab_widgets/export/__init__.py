"""Kernel-less export: every demo as a self-contained plotly figure with its own sliders/menus.

A static web page or an exported slide has no kernel. With ``VIRTLAB_STATIC=1`` in the kernel's
environment (the site and slide builds set it, see ``tools/build_site.py``), every app displays
itself as HTML instead of widgets (:func:`static_mode`): its figure at its current values, with
plotly sliders and menus whose positions are precomputed states of the SAME model.

Two modules, both pure (no widgets): :mod:`~virtlab_widgets.export.states`, the state engine
(every combination of the controls, each value stored once, and the ``ENGINE_JS`` that looks one
up in the browser; the live browser-answered figures run it too), and
:mod:`~virtlab_widgets.export.page`, the kernel-less page around it. The apps' side (controls as
dimensions, widgets as inert HTML) is ``apps/static_export.py``; the display patch for the build
is ``jupyter/static_display.py``.
"""
from __future__ import annotations

import os

from .page import figure_html, interactive_html
from .states import (
    ENGINE_JS,
    Dim,
    State,
    StateTables,
    count_values,
    engine_path,
    json_ready,
    plotly_path,
    sampled,
    state_tables,
)

ENV = "VIRTLAB_STATIC"


def static_mode() -> bool:
    """True when demos must render without a kernel (``VIRTLAB_STATIC`` set and not ``0``)."""
    return os.environ.get(ENV, "").strip() not in ("", "0", "false", "False")


__all__ = ["ENGINE_JS", "ENV", "Dim", "State", "StateTables", "count_values", "engine_path",
           "figure_html", "interactive_html", "json_ready", "plotly_path", "sampled", "state_tables", "static_mode"]
