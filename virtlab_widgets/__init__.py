"""virtlab: interactive lecture widgets for Chapter 4, Introduction to Virtual Machines.

Notebooks import the demos from here, e.g. ``from virtlab_widgets import vm_vs_container``:
every name a demo module in ``apps/`` lists in its ``__all__`` (see
:func:`virtlab_widgets.apps.demos`), plus the host probe and the bare stack figure. They are
loaded on first use (PEP 562), so the CLI, the host probe and the Jupyter server extension do
not pay for plotly's widget machinery.
"""
from importlib import import_module
from typing import Any

from .models import model as model  # the names imported here are exported as they are
from .models import presets as presets
from .style import present as present
from .text import set_language as set_language

__version__ = "0.1.0"

_ELSEWHERE = {"probe": ".models.probe", "stack_figure": ".figures.stack"}
"""Exports that are not a demo module's: the host probe (no plotly to import) and a bare figure."""


def _demos() -> dict[str, Any]:
    from .apps import demos  # imports plotly's widget machinery, on first use only

    return demos()


def __getattr__(name: str) -> Any:
    if name == "__all__":  # `from virtlab_widgets import *`
        return ["model", "presets", "present", "set_language", *_ELSEWHERE, *_demos()]
    if name in _ELSEWHERE:
        value = getattr(import_module(_ELSEWHERE[name], __name__), name)
    elif not name.startswith("_") and name in _demos():
        value = _demos()[name]
    else:
        raise AttributeError(f"module 'virtlab_widgets' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__getattr__("__all__")))
