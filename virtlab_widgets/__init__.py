"""virtlab: interactive lecture widgets for Chapter 4, Introduction to Virtual Machines.

Notebooks import the demos from here, e.g. ``from virtlab_widgets import vm_vs_container``.
"""
from plotly.graph_objects import FigureWidget as _FigureWidget  # noqa: F401  (pay its ~1 s import once, here)

from . import model, presets
from .apps.explorer import VmVsContainer, vm_vs_container
from .apps.quiz import Quiz, quiz
from .apps.timeline import Timeline, timeline
from .style import present
from .text import set_language

__all__ = [
    "model", "presets", "present", "set_language",
    "vm_vs_container", "VmVsContainer", "quiz", "Quiz", "timeline", "Timeline",
]
__version__ = "0.1.0"
