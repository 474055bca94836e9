"""Thin ipywidgets apps around the pure figure builders.

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

_hidden = "rfc3987_syntax" not in sys.modules
if _hidden:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import fails fast
try:
    import nbformat  # noqa: F401 - imported first for its import time (see above)
finally:
    if _hidden:
        del sys.modules["rfc3987_syntax"]

import plotly.graph_objects as _go  # noqa: E402 - only after nbformat (see above)

_go.FigureWidget  # noqa: B018 - resolve the lazy attribute now (imports anywidget and plotly's widget code)
