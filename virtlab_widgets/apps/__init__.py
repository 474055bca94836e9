"""Thin ipywidgets apps around the pure figure builders, one demo per module.

A demo module lists what notebooks may import in its ``__all__`` (its app class and its one-call
factory); :func:`demos` gathers them, and ``virtlab_widgets`` exports them lazily. The shared
modules (``base``, ``controls``, ``browserfigure``, ``hostreport``, ``static_export``) have no
``__all__`` and export nothing.

Importing this package pays plotly's widget import cost once, before any app needs it.
Measured in an ipykernel (2-core VM, plotly 7.1, jsonschema 4.25):

* letting plotly import nbformat -> jsonschema itself took 3.8-7 s; importing nbformat
  first took ~1.0 s in all (why plotly's import path is slower was not investigated);
* 0.73 s of the remaining second is jsonschema building a grammar for the optional
  ``rfc3987_syntax`` package, used only to check the "iri" string format. We hide that
  package while nbformat imports (jsonschema then skips that one format check) and
  restore it afterwards, so code that imports ``rfc3987_syntax`` later still gets it.
"""
import sys
from functools import cache
from importlib import import_module
from pkgutil import iter_modules
from typing import Any

_hidden = "rfc3987_syntax" not in sys.modules
if _hidden:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import fails fast
try:
    import nbformat  # noqa: F401 - imported first for its import time (see above)
finally:
    if _hidden:
        del sys.modules["rfc3987_syntax"]

import plotly.graph_objects as _go  # noqa: E402 - only after nbformat (see above)

from ..jupyter.static_display import install_if_static  # noqa: E402 - imports ipywidgets and plotly

_go.FigureWidget  # noqa: B018 - resolve the lazy attribute now (imports anywidget and plotly's widget code)
install_if_static()  # a kernel-less build's kernel: plain figures and bare widgets without a kernel too


@cache
def demos() -> dict[str, Any]:
    """Everything the demo modules export (the names in their ``__all__``), by name."""
    found: dict[str, Any] = {}
    for info in iter_modules(__path__):
        module = import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            if name in found:
                raise ImportError(f"{name!r} is exported by two demo modules (the second: {module.__name__})")
            found[name] = getattr(module, name)
    return found
