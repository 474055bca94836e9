"""virtlab: interactive lecture widgets for Chapter 4, Introduction to Virtual Machines.

Notebooks import the demos from here, e.g. ``from virtlab_widgets import vm_vs_container``.
"""
import nbformat as _nbformat  # noqa: F401  (see the note at the end of this file)
import plotly.graph_objects as _go

from . import model, presets
from .apps.explorer import VmVsContainer, vm_vs_container
from .apps.overhead import OverheadChart, overhead_chart
from .apps.quiz import Quiz, quiz
from .apps.startup import StartupRace, startup_race
from .apps.timeline import Timeline, timeline
from .style import present
from .text import set_language

__all__ = [
    "model", "presets", "present", "set_language",
    "vm_vs_container", "VmVsContainer", "quiz", "Quiz", "timeline", "Timeline",
    "startup_race", "StartupRace", "overhead_chart", "OverheadChart",
]
__version__ = "0.1.0"

# Resolve FigureWidget once, at import, so no demo pays for it later. Its first touch
# imports nbformat -> jsonschema. Measured in an ipykernel (plotly 7.1): importing
# nbformat *before* plotly's widget machinery takes ~1.0 s in all; letting plotly import
# it takes 3.8-7 s. Hence the explicit nbformat import at the top.
_go.FigureWidget
