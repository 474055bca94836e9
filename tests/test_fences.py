"""Fences around the places that depend on other projects' internals.

If an upgrade of plotly or jupyter_server changes what these rely on, these tests fail with a
message naming the assumption, instead of figures silently going blank in a classroom.
"""
from __future__ import annotations

import ast
import re
from importlib.metadata import version
from pathlib import Path

import plotly.graph_objects as go
from packaging.requirements import Requirement
from packaging.version import Version

from virtlab_widgets.jupyter.figurewidget import BUNDLE, FigureWidget, loader_esm

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "virtlab_widgets"


def test_loader_replays_exactly_plotlys_python_to_js_traits():
    """jupyter/figurewidget.py records plotly's ``_py2js_*`` traits while plotly.js loads."""
    listed = set(re.findall(r"'(_py2js_\w+)'", loader_esm().split("const PY2JS", 1)[1].split("];", 1)[0]))
    traits = {n for n in go.FigureWidget.class_trait_names() if n.startswith("_py2js_")}
    assert listed == traits, f"plotly's FigureWidget traits changed: loader {sorted(listed)}, plotly {sorted(traits)}"


def test_plotly_widget_bundle_is_an_es_module_with_a_default_export():
    source = BUNDLE.read_text("utf-8")
    assert re.search(r"export\s*\{[^}]*\bas default\b", source), f"{BUNDLE} no longer has a default export"
    assert FigureWidget._esm is not go.FigureWidget._esm and len(FigureWidget._esm) < 20_000


def test_plotly_is_pinned_to_the_tested_minor_series():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    spec = next(Requirement(d) for d in deps if d.startswith("plotly")).specifier
    installed = Version(version("plotly"))
    assert installed in spec
    assert not spec.contains(f"{installed.major}.{installed.minor + 1}.0"), \
        "plotly's next minor release is allowed: the loader is tested against this minor series only"


def test_no_private_plotly_or_jupyter_import():
    """Private modules of plotly (``plotly.x._y``) are never imported; the one private
    jupyter_server hook (jupyter/server_ext.py) is fenced by tests/browser/test_server_ext.py."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names
                      if n.startswith("plotly") and any(part.startswith("_") for part in n.split("."))]
    assert not found, f"private plotly modules imported: {found}"
